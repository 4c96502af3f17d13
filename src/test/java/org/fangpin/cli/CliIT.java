package org.fangpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line end to end: generate files, import them into a fresh embedded database, export, re-import. */
class CliIT {

    @TempDir
    Path dir;

    private int run(String... args) {
        return new CommandLine(new FangpinCommand()).execute(args);
    }

    @Test
    void demoImportExportRoundTrip() throws Exception {
        String db = "--fangpin.embedded-db.data-dir=" + dir.resolve("pg");
        assertThat(run(
                        "demo",
                        "--persons",
                        "2000",
                        "--seed",
                        "3",
                        "--out",
                        dir.resolve("files").toString()))
                .isZero();
        assertThat(run("import", "regions", dir.resolve("files/regions.csv").toString(), db))
                .isZero();
        assertThat(run(
                        "import",
                        "households",
                        dir.resolve("files/households.csv").toString(),
                        db))
                .isZero();
        Path out = dir.resolve("export.csv");
        assertThat(run("export", "households", "--region", "421122000000", "--out", out.toString(), db))
                .isZero();
        assertThat(Files.readAllLines(out)).hasSize(2001); // header + every person
        // the export imports back unchanged; a broken file exits non-zero
        assertThat(run("import", "households", out.toString(), db)).isZero();
        Files.writeString(dir.resolve("bad.csv"), "户编号,行政区划代码\nX,1\n");
        assertThat(run("import", "households", dir.resolve("bad.csv").toString(), db))
                .isEqualTo(2);
    }
}
