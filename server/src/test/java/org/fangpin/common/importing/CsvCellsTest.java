package org.fangpin.common.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV formula injection: what the platform writes never runs as a formula, and reads back as it was. */
class CsvCellsTest {

    @TempDir
    Path dir;

    static final List<String> HOSTILE = List.of(
            "=HYPERLINK(\"http://x\",\"点我\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "=", "-");

    static final List<String> HARMLESS = List.of("张三", "-1200.50", "+86", "0015", "", "a=b", "'quoted");

    @Test
    void marksCellsThatWouldRunAsFormulasAndLeavesNumbers() {
        for (String h : HOSTILE) {
            assertThat(CsvCells.safe(h)).as(h).isEqualTo("'" + h);
        }
        for (String h : HARMLESS) {
            assertThat(CsvCells.safe(h)).as(h).isEqualTo(h);
        }
        assertThat(CsvCells.safe(-5)).isEqualTo(-5);
    }

    @Test
    void whatIsWrittenReadsBackUnchanged() throws Exception {
        Path file = dir.resolve("out.csv");
        List<String> cells = new ArrayList<>(HOSTILE);
        cells.addAll(HARMLESS);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CsvCells.Printer p = CsvCells.printer(w)) {
            p.printRecord(cells.stream().map(c -> "h" + cells.indexOf(c)).toList());
            p.printRecord(cells);
        }
        String text = Files.readString(file);
        assertThat(text)
                .doesNotContain(",=")
                .doesNotContain(",+1")
                .doesNotContain(",@")
                .doesNotContain(",-2");
        try (TabularReader r = TabularReader.open(file, "out.csv")) {
            List<String[]> rows = new ArrayList<>();
            r.forEach(row -> rows.add(row.cells()));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsExactlyElementsOf(cells);
        }
    }

    @Test
    void errorReportsRepeatTheRejectedValueAsText() throws Exception {
        Path file = dir.resolve("errors.csv");
        ErrorCollector errors = new ErrorCollector(file, new String[] {"行", "列", "值", "原因"});
        errors.add(new RowError(2, "姓名", "=WEBSERVICE(\"http://x\")", "含非法字符"));
        errors.close();
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8).get(1))
                .isEqualTo("2,姓名,\"'=WEBSERVICE(\"\"http://x\"\")\",含非法字符");
    }
}
