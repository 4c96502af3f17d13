package org.fangpin.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.KeyRingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three key sources: a PKCS#12 keystore, keys in the configuration, the generated key file. */
class CryptoConfigurationTest {

    private final CryptoConfiguration config = new CryptoConfiguration();

    @Test
    void keystore(@TempDir Path dir) throws Exception {
        byte[] aes = Base64.getDecoder().decode(KeyRingFile.newKeyBase64());
        byte[] hmac = Base64.getDecoder().decode(KeyRingFile.newKeyBase64());
        char[] pw = "store-pw".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, pw);
        ks.setEntry(
                "k7", new KeyStore.SecretKeyEntry(new SecretKeySpec(aes, "AES")), new KeyStore.PasswordProtection(pw));
        ks.setEntry(
                "lookup",
                new KeyStore.SecretKeyEntry(new SecretKeySpec(hmac, "HmacSHA256")),
                new KeyStore.PasswordProtection(pw));
        Path file = dir.resolve("keys.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, pw);
        }
        FieldCipher fromStore =
                config.fieldCipher(new CryptoProperties(file, "store-pw", null, "k7", null, dir.resolve("unused")));
        assertThat(fromStore.activeKeyId()).isEqualTo("k7");
        // the same keys given as configuration seal and hash compatibly
        FieldCipher fromConfig = config.fieldCipher(new CryptoProperties(
                null,
                null,
                Map.of("k7", Base64.getEncoder().encodeToString(aes)),
                "k7",
                Base64.getEncoder().encodeToString(hmac),
                dir.resolve("unused")));
        assertThat(fromConfig.decrypt("p", fromStore.encrypt("p", "13812345678")))
                .isEqualTo("13812345678");
        assertThat(fromConfig.lookup("p", "x")).isEqualTo(fromStore.lookup("p", "x"));
        assertThat(Files.exists(dir.resolve("unused"))).isFalse();
        assertThat(config.keyRingFileLocation(
                        new CryptoProperties(file, "store-pw", null, "k7", null, dir.resolve("unused"))))
                .isNull();
    }

    @Test
    void configuredKeysNeedTheLookupKeyAndActiveKey(@TempDir Path dir) {
        assertThatThrownBy(() -> config.fieldCipher(new CryptoProperties(
                        null, null, Map.of("k1", KeyRingFile.newKeyBase64()), "k1", null, dir.resolve("f"))))
                .hasMessageContaining("lookup-key");
    }

    @Test
    void withoutConfigurationAKeyFileIsGenerated(@TempDir Path dir) {
        CryptoProperties props = new CryptoProperties(null, null, Map.of(), null, null, dir.resolve("k/fangpin.keys"));
        FieldCipher c = config.fieldCipher(props);
        assertThat(Files.exists(dir.resolve("k/fangpin.keys"))).isTrue();
        assertThat(config.keyRingFileLocation(props).path()).isEqualTo(dir.resolve("k/fangpin.keys"));
        assertThat(config.fieldCipher(props).decrypt("p", c.encrypt("p", "v"))).isEqualTo("v");
    }
}
