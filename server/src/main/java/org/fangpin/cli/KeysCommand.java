package org.fangpin.cli;

import java.nio.file.Path;
import java.util.Map;
import org.fangpin.security.KeyRingFile;
import org.fangpin.security.KeyRotation;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "keys",
        description = {
            "Field-encryption keys: status | rotate [--new-key] | generate.",
            "rotate re-seals every ID and phone number not sealed with the active key and retires unused keys;",
            "--new-key first adds a new active key to the key file. With a keystore or configured keys, add the",
            "new key there (generate prints one), make it fangpin.crypto.active-key, then run rotate."
        })
class KeysCommand extends SpringOptions {

    @Parameters(index = "0", description = "status | rotate | generate")
    String action;

    @Option(names = "--new-key", description = "rotate: add a new active key to the key file first")
    boolean newKey;

    @Option(names = "--batch", defaultValue = "10000", description = "rotate: values per transaction")
    int batch;

    @Override
    Integer work() throws Exception {
        switch (action) {
            case "generate" -> {
                System.out.println(KeyRingFile.newKeyBase64());
                return 0;
            }
            case "status" -> {
                try (ConfigurableApplicationContext ctx = AppContext.start(springProperties())) {
                    printStatus(ctx.getBean(KeyRotation.class));
                }
                return 0;
            }
            case "rotate" -> {
                if (newKey) {
                    try (ConfigurableApplicationContext ctx = AppContext.start(springProperties())) {
                        Path file = ctx.getBean(KeyRotation.class)
                                .keyFile()
                                .orElseThrow(() -> new IllegalArgumentException(
                                        "--new-key needs the key file; with a keystore or configured keys add the"
                                                + " new key there"));
                        System.out.println("new active key " + KeyRingFile.addKey(file) + " in " + file);
                    }
                }
                try (ConfigurableApplicationContext ctx = AppContext.start(springProperties())) {
                    KeyRotation rotation = ctx.getBean(KeyRotation.class);
                    KeyRotation.Result r = rotation.rotate(batch);
                    System.out.println("re-sealed " + r.resealed() + " records with key " + r.activeKey()
                            + (r.retired().isEmpty() ? "" : "; retired (may now be removed): " + r.retired()));
                    printStatus(rotation);
                }
                return 0;
            }
            default -> throw new IllegalArgumentException("unknown keys command " + action);
        }
    }

    private static void printStatus(KeyRotation rotation) {
        System.out.println("active key: " + rotation.activeKeyId());
        Map<String, Long> usage = rotation.usage();
        usage.forEach((k, n) -> System.out.println("  " + k + ": " + n + " values"));
        rotation.keyFile().ifPresent(f -> System.out.println("key file: " + f.toAbsolutePath()));
    }
}
