package org.fangpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line as a person meets it, without starting anything: every command and subcommand answers --help;
 * a wrong option or an unknown setting is one line on standard error; the list of settings is the sources' list.
 */
class CommandLineTest {

    /** What a run printed, and its exit code. */
    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = FangpinCommand.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void everyCommandAnswersHelpWithoutStartingAnything() {
        Run top = run("--help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("Usage: fangpin").contains("serve").contains("audit");
        List<String> commands = new ArrayList<>(
                new CommandLine(new FangpinCommand()).getSubcommands().keySet());
        assertThat(commands).contains("serve", "import", "export", "demo", "bench", "audit", "token", "keys");
        for (String c : commands) {
            Run r = run(c, "--help");
            assertThat(r.code()).as(c).isZero();
            assertThat(r.out()).as(c).contains("Usage: fangpin " + c);
            assertThat(r.err()).as(c).isEmpty();
        }
        // a subcommand's argument before --help: usage, not a stack trace
        Run verify = run("audit", "verify", "--help");
        assertThat(verify.code()).isZero();
        assertThat(verify.out()).contains("Usage: fangpin audit");
        assertThat(run("serve", "--help").out()).contains("--server.port=9090");
        assertThat(run("--version").out()).contains("fangpin");
    }

    @Test
    void aWrongOptionOrAnUnknownSettingIsOneLine() {
        Run unknownSetting = run("audit", "verify", "--fangpin.lake.dri=/tmp/x");
        assertThat(unknownSetting.code()).isEqualTo(2);
        assertThat(unknownSetting.err().strip())
                .isEqualTo("fangpin audit: unknown setting --fangpin.lake.dri (the fangpin.* settings are listed in the"
                        + " README)");
        Run notASetting = run("audit", "verify", "--fangpin.lake.dir=/tmp/x", "extra");
        assertThat(notASetting.code()).isEqualTo(2);
        assertThat(notASetting.err().strip().lines()).hasSize(1);
        assertThat(notASetting.err()).contains("not a --name=value setting: extra");
        Run wrongOption = run("token"); // no action
        assertThat(wrongOption.code()).isEqualTo(2);
        assertThat(wrongOption.err().strip().lines()).hasSize(1);
        assertThat(wrongOption.err()).startsWith("fangpin token: ").contains("--help");
        // the server is not started with a setting nobody reads
        Run serve = run("serve", "--fangpin.demo.perssons=10");
        assertThat(serve.code()).isEqualTo(2);
        assertThat(serve.err()).contains("unknown setting --fangpin.demo.perssons");
    }

    /**
     * Every {@code ${fangpin.…}} the sources read or a condition names, and every {@code @ConfigurationProperties}
     * group, is listed.
     */
    @Test
    void theListOfSettingsIsTheSources() throws IOException {
        Set<String> keys = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Pattern value = Pattern.compile("(?:\\$\\{|@ConditionalOnProperty\\(name = \")(fangpin\\.[a-z0-9.-]+)");
        Pattern group = Pattern.compile("@ConfigurationProperties\\(\"(fangpin\\.[a-z0-9.-]+)\"\\)");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String s = Files.readString(f);
                for (Matcher m = value.matcher(s); m.find(); ) {
                    keys.add(m.group(1));
                }
                for (Matcher m = group.matcher(s); m.find(); ) {
                    groups.add(m.group(1) + ".");
                }
            }
        }
        assertThat(keys).isEqualTo(new TreeSet<>(Settings.KEYS));
        assertThat(groups).isEqualTo(new TreeSet<>(Settings.GROUPS));
        // and the README lists them, as the one-line error says
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(Settings.KEYS).allSatisfy(k -> assertThat(readme).contains("`" + k + "`"));
    }
}
