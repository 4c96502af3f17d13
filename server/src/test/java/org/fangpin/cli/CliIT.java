package org.fangpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end: generate files, import them into a fresh embedded database, export, re-import. */
class CliIT {

    @TempDir
    Path dir;

    /** Runs a command; one on the test database also keeps its lake and audit anchors in the test directory. */
    private int run(String... args) {
        if (Arrays.stream(args).anyMatch(a -> a.startsWith("--fangpin.embedded-db.data-dir="))) {
            args = Stream.concat(
                            Arrays.stream(args),
                            Stream.of(
                                    "--fangpin.lake.dir=" + dir.resolve("lake"),
                                    "--fangpin.audit.anchor-file=" + dir.resolve("audit-anchors.log")))
                    .toArray(String[]::new);
        }
        return new CommandLine(new FangpinCommand()).execute(args);
    }

    @Test
    void demoImportExportRoundTrip() throws Exception {
        String db = "--fangpin.embedded-db.data-dir=" + dir.resolve("pg");
        String keys = "--fangpin.crypto.key-file=" + dir.resolve("keys/fangpin.keys");
        String work = "--fangpin.import.work-dir=" + dir.resolve("imports");
        assertThat(run(
                        "demo",
                        "--persons",
                        "2000",
                        "--seed",
                        "3",
                        "--out",
                        dir.resolve("files").toString()))
                .isZero();
        assertThat(run("import", "regions", dir.resolve("files/regions.csv").toString(), db, keys, work))
                .isZero();
        assertThat(run(
                        "import",
                        "households",
                        dir.resolve("files/households.csv").toString(),
                        db,
                        keys,
                        work))
                .isZero();
        Path out = dir.resolve("export.csv");
        assertThat(run("export", "households", "--region", "421122000000", "--out", out.toString(), db, keys, work))
                .isZero();
        assertThat(Files.readAllLines(out)).hasSize(2001); // header + every person
        // the export imports back unchanged; a broken file exits non-zero
        assertThat(run("import", "households", out.toString(), db, keys, work)).isZero();
        // the ID and phone numbers are stored sealed: no ID number of the file appears in the database files
        var idInFile = Pattern.compile("(?<![0-9])[0-9]{17}[0-9X](?![0-9])")
                .matcher(Files.readAllLines(out).get(1));
        assertThat(idInFile.find()).isTrue();
        String someId = idInFile.group();
        assertThat(grep(dir.resolve("pg"), someId)).isFalse();
        String householdNo = Files.readAllLines(out).get(1).split(",")[0];
        assertThat(grep(dir.resolve("pg"), householdNo)).isTrue(); // the search does find what is stored plainly

        // rotation: a new key, every value re-sealed with it, the old key retired, the export unchanged
        assertThat(Files.readString(dir.resolve("keys/fangpin.keys"))).doesNotContain("key.k2");
        String rotated = output(() -> run("keys", "rotate", "--new-key", "--batch", "500", db, keys, work));
        assertThat(rotated)
                .contains("new active key k2")
                .contains("re-sealed 2000 records") // every person (one version each)
                .contains("retired (may now be removed): [k1]")
                .doesNotContainPattern("k1: [0-9]+ values");
        assertThat(output(() -> run("keys", "status", db, keys, work))).containsPattern("k2: 3[0-9]{3} values");
        Path again = dir.resolve("export-after-rotation.csv");
        assertThat(run("export", "households", "--region", "421122000000", "--out", again.toString(), db, keys, work))
                .isZero();
        assertThat(Files.readAllLines(again)).isEqualTo(Files.readAllLines(out));
        Files.writeString(dir.resolve("bad.csv"), "户编号,行政区划代码\nX,1\n");
        assertThat(run("import", "households", dir.resolve("bad.csv").toString(), db, keys, work))
                .isEqualTo(2);

        // the audit log: anchored outside the database, and verified with its anchors
        assertThat(output(() -> run("audit", "anchor", db, keys, work))).contains("audit log anchored at entry");
        assertThat(Files.readString(dir.resolve("audit-anchors.log"))).isNotBlank();
        assertThat(output(() -> run("audit", "verify", db, keys, work))).contains("intact; every anchor holds");
    }

    /** What a command prints to standard output. */
    private static String output(Runnable command) {
        PrintStream before = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            command.run();
        } finally {
            System.setOut(before);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** Whether any file under {@code root} contains {@code text} (as ASCII bytes). */
    private static boolean grep(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return indexOf(Files.readAllBytes(f), needle) >= 0;
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
