package org.fangpin.common.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.Assertions;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularReaderTest {

    @TempDir
    Path dir;

    static final String CONTENT = "姓名,公民身份号码\n张三,110105194912310021\n\"李,四\",11010519491231002X\n";

    private List<String[]> rows(TabularReader r) {
        List<String[]> out = new ArrayList<>();
        r.forEach(row -> out.add(row.cells()));
        return out;
    }

    @Test
    void readsGbkEncodedCsv() throws Exception {
        Path f = dir.resolve("gbk.csv");
        Files.write(f, CONTENT.getBytes("GBK"));
        try (TabularReader r = TabularReader.open(f, "gbk.csv")) {
            assertThat(r.encoding()).isEqualTo("GB18030");
            assertThat(r.header()).containsExactly("姓名", "公民身份号码");
            assertThat(rows(r)).extracting(c -> c[0]).containsExactly("张三", "李,四");
        }
    }

    @Test
    void readsUtf8WithBomAndNumbersRowsAsASpreadsheetDoes() throws Exception {
        Path f = dir.resolve("bom.csv");
        Files.write(f, ("\uFEFF" + CONTENT).getBytes(StandardCharsets.UTF_8));
        try (TabularReader r = TabularReader.open(f, "bom.csv")) {
            assertThat(r.encoding()).isEqualTo("UTF-8");
            assertThat(r.header()[0]).isEqualTo("姓名");
            List<TabularRow> rows = new ArrayList<>();
            r.forEach(rows::add);
            assertThat(rows).extracting(TabularRow::row).containsExactly(2L, 3L);
        }
    }

    @Test
    void refusesAnXlsxThatExpandsLikeABomb() throws Exception {
        Path bomb = dir.resolve("bomb.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 50; i++) {
                zip.write(zeros); // 50 MiB of zeros compresses to about 50 KiB
            }
            zip.closeEntry();
        }
        Assertions.assertThatThrownBy(() -> TabularReader.open(bomb, "bomb.xlsx"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("xlsx-bomb");
    }

    @Test
    void readsTheFirstSheetOfAnXlsx() throws Exception {
        Path f = dir.resolve("t.xlsx");
        try (OutputStream os = Files.newOutputStream(f)) {
            Workbook wb = new Workbook(os, "test", "1.0");
            Worksheet ws = wb.newWorksheet("s");
            ws.value(0, 0, "姓名");
            ws.value(0, 1, "公民身份号码");
            ws.value(1, 0, "张三");
            ws.value(1, 1, "11010519491231002X");
            ws.value(3, 0, "王五"); // row 3 left empty on purpose
            wb.finish();
        }
        try (TabularReader r = TabularReader.open(f, "t.xlsx")) {
            assertThat(r.header()).containsExactly("姓名", "公民身份号码");
            List<TabularRow> rows = new ArrayList<>();
            r.forEach(rows::add);
            assertThat(rows).extracting(TabularRow::row).containsExactly(2L, 4L);
            assertThat(rows.get(0).cell(1)).isEqualTo("11010519491231002X");
        }
    }
}
