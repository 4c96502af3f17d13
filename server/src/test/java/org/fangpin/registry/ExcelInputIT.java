package org.fangpin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.region.RegionImporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

/**
 * Excel as offices use it: the template with notes, drop-downs, text-formatted codes and an example row that is never
 * imported; a file filled in Excel with numbers, dates and yes/no typed as such is read as intended; an ID number
 * typed as a number is refused with its own reason on its real row; a region code twice in a file is reported as a
 * duplicate naming both rows.
 */
@IntegrationTest
class ExcelInputIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    HouseholdImporter importer;

    @Autowired
    WebApplicationContext context;

    @Autowired
    PasswordEncoder encoder;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
    }

    @Test
    void theTemplateExplainsEachColumnOffersItsChoicesAndKeepsCodesAsText() throws Exception {
        MockMvcTester mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        TestData.user(jdbc, encoder, "xl-county", "COUNTY", TestData.COUNTY, "Excel-pass-123", false);
        var r = mvc.get()
                .uri("/api/v1/households/template?format=xlsx")
                .with(httpBasic("xl-county", "Excel-pass-123"))
                .exchange();
        assertThat(r).hasStatusOk();
        byte[] xlsx = r.getResponse().getContentAsByteArray();
        List<String> headers =
                HouseholdColumn.written().stream().map(HouseholdColumn::header).toList();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            List<String> header = new ArrayList<>();
            rows.get(0).forEach(c -> header.add(c.getText()));
            assertThat(header).isEqualTo(headers);
            // one example row, marked
            assertThat(rows.get(1).getCellText(0)).startsWith("【示例】");
            // the lists of choices on their own sheet: 与户主关系 offers every relation
            List<Row> lists = wb.getSheets().toList().get(1).read();
            List<String> listHeads = new ArrayList<>();
            lists.get(0).forEach(c -> listHeads.add(c.getText()));
            int rel = listHeads.indexOf("与户主关系");
            assertThat(rel).isNotNegative();
            List<String> relations = new ArrayList<>();
            for (int i = 1; i < lists.size(); i++) {
                if (lists.get(i).hasCell(rel) && !lists.get(i).getCellText(rel).isEmpty()) {
                    relations.add(lists.get(i).getCellText(rel));
                }
            }
            assertThat(relations)
                    .containsExactlyElementsOf(
                            Arrays.stream(Relation.values()).map(Relation::zh).toList());
        }
        Map<String, String> parts = unzip(xlsx);
        String sheet = parts.get("xl/worksheets/sheet1.xml");
        // a drop-down for each column with a fixed set of values (11 lists of values and 6 yes/no columns)
        assertThat(count(sheet, "<dataValidation ")).isEqualTo(17);
        // a note on every header
        String comments = parts.entrySet().stream()
                .filter(e -> e.getKey().startsWith("xl/comments"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
        assertThat(count(comments, "<comment ")).isEqualTo(headers.size());
        // (written as character references)
        String notes = java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);")
                .matcher(comments)
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1), 16))));
        assertThat(notes).contains("以文本录入").contains("必填").contains("户主、配偶");
        // codes and numbers formatted as text
        assertThat(parts.get("xl/styles.xml")).contains("formatCode=\"@\"");

        // the template as downloaded imports nothing: its example row is never a household
        Path t = dir.resolve("template.xlsx");
        Files.write(t, xlsx);
        ImportReport empty =
                importer.importFile(t, "template.xlsx", "t", Locale.CHINA, new HouseholdImporter.Options(null, null));
        assertThat(count("household")).isZero();
        assertThat(empty.rows()).isZero();
    }

    /** A workbook with the template's header and rows written cell by cell as Excel would type them. */
    private Path workbook(String name, BiConsumer<Worksheet, Map<HouseholdColumn, Integer>> rows) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            Workbook wb = new Workbook(out, "test", "1.0");
            Worksheet ws = wb.newWorksheet("建档立卡户");
            Map<HouseholdColumn, Integer> col = new java.util.EnumMap<>(HouseholdColumn.class);
            List<HouseholdColumn> written = HouseholdColumn.written();
            for (int c = 0; c < written.size(); c++) {
                ws.value(0, c, written.get(c).header());
                col.put(written.get(c), c);
            }
            rows.accept(ws, col);
            wb.finish();
        }
        return f;
    }

    @Test
    void numbersDatesAndYesNoTypedInExcelAreReadAsMeant() throws Exception {
        String id = TestData.id("1975-05-06", 11);
        Path f = workbook("typed.xlsx", (ws, c) -> {
            // row 2: the template's example, left in place
            ws.value(1, c.get(HouseholdColumn.HOUSEHOLD_NO), "【示例】4211221002010001");
            ws.value(1, c.get(HouseholdColumn.NAME), "张三");
            // row 3: a monitored household, numbers and dates typed as numbers and dates
            ws.value(2, c.get(HouseholdColumn.HOUSEHOLD_NO), "4211221002019999");
            ws.value(2, c.get(HouseholdColumn.VILLAGE_CODE), 421122100201L); // a 12-digit code keeps its digits
            ws.value(2, c.get(HouseholdColumn.IDENTITY), "一般农户");
            ws.value(2, c.get(HouseholdColumn.MONITORING_STATE), "监测对象");
            ws.value(2, c.get(HouseholdColumn.MONITORING_CATEGORY), "边缘易致贫户");
            ws.value(2, c.get(HouseholdColumn.MONITORING_SINCE), LocalDate.of(2026, 3, 15));
            ws.style(2, c.get(HouseholdColumn.MONITORING_SINCE))
                    .format("yyyy-mm-dd")
                    .set();
            ws.value(2, c.get(HouseholdColumn.RISK_CAUSES), "因病");
            ws.value(2, c.get(HouseholdColumn.WATER_SAFE), true);
            ws.value(2, c.get(HouseholdColumn.INCOME_YEAR), 2025);
            ws.value(2, c.get(HouseholdColumn.INCOME_WAGE), 32000);
            ws.value(2, c.get(HouseholdColumn.INCOME_TRANSFER), new BigDecimal("3200.5"));
            ws.value(2, c.get(HouseholdColumn.NAME), "李四");
            ws.value(2, c.get(HouseholdColumn.ID_NUMBER), id); // as text, as the template asks
            ws.value(2, c.get(HouseholdColumn.RELATION), "户主");
            ws.value(2, c.get(HouseholdColumn.PHONE), 13800000000L);
            ws.value(2, c.get(HouseholdColumn.WORK_MONTHS), 10);
            ws.value(2, c.get(HouseholdColumn.MEDICAL_INSURANCE), false);
        });
        ImportReport r =
                importer.importFile(f, "typed.xlsx", "t", Locale.CHINA, new HouseholdImporter.Options(null, null));
        assertThat(r.applied()).as("%s", r.errors()).isTrue();
        assertThat(r.rows()).isEqualTo(1);
        var h = jdbc.sql("select village_code, monitoring_since, water_safe, income_wage, income_transfer from"
                        + " household where household_no = '4211221002019999' and valid_to is null")
                .query((rs, i) -> List.of(
                        rs.getString(1),
                        rs.getObject(2, LocalDate.class).toString(),
                        rs.getBoolean(3),
                        rs.getBigDecimal(4).toPlainString(),
                        rs.getBigDecimal(5).toPlainString()))
                .single();
        assertThat(h).containsExactly("421122100201", "2026-03-15", true, "32000.00", "3200.50");
        assertThat(jdbc.sql("select work_months, medical_insurance, phone_masked from person where valid_to is null")
                        .query((rs, i) -> List.of(rs.getInt(1), rs.getBoolean(2), rs.getString(3)))
                        .single())
                .containsExactly(10, false, "138****0000");
    }

    @Test
    void anIdNumberTypedAsANumberIsRefusedWithItsOwnReasonOnItsRow() throws Exception {
        String id = TestData.id("1975-05-06", 11);
        Path f = workbook("numeric-id.xlsx", (ws, c) -> {
            for (int r = 1; r <= 3; r++) {
                ws.value(r, c.get(HouseholdColumn.HOUSEHOLD_NO), "42112210020188" + r);
                ws.value(r, c.get(HouseholdColumn.VILLAGE_CODE), "421122100201");
                ws.value(r, c.get(HouseholdColumn.IDENTITY), "一般农户");
                ws.value(r, c.get(HouseholdColumn.NAME), "王" + r);
                ws.value(r, c.get(HouseholdColumn.RELATION), "户主");
                ws.value(r, c.get(HouseholdColumn.ID_NUMBER), TestData.id("1980-01-0" + r, 20 + r));
            }
            // the third data row (spreadsheet row 4): the ID typed into a number cell
            ws.value(3, c.get(HouseholdColumn.ID_NUMBER), new BigDecimal(id.replace("X", "0")));
        });
        ImportReport r =
                importer.importFile(f, "numeric-id.xlsx", "t", Locale.CHINA, new HouseholdImporter.Options(null, null));
        assertThat(r.applied()).isFalse();
        assertThat(r.errors()).hasSize(1);
        assertThat(r.errors().get(0).row()).isEqualTo(4);
        assertThat(r.errors().get(0).column()).isEqualTo("公民身份号码");
        assertThat(r.errors().get(0).reason()).contains("存成了数字").contains("文本");
        // all or nothing
        assertThat(count("household")).isZero();
    }

    @Test
    void aRegionCodeTwiceInAFileIsADuplicateNamingBothRows() {
        // row 3 and row 5 have the same code; row 5 with another level, which once sent people looking at levels
        String csv = "code,name,parent_code,level\n"
                + "421122102000,七里坪镇,421122000000,4\n"
                + "421122102201,长胜村,421122102000,5\n"
                + "421122102202,柳河村,421122102000,5\n"
                + "421122102201,长胜村,421122102000,4\n";
        ImportReport r = regions.importFile(TestData.write(dir, "dup.csv", csv), "dup.csv", "t", Locale.CHINA);
        assertThat(r.applied()).isFalse();
        assertThat(r.errors()).hasSize(1);
        assertThat(r.errors().get(0).row()).isEqualTo(5);
        assertThat(r.errors().get(0).reason())
                .contains("第 3 行")
                .contains("第 5 行")
                .contains("重复");
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private Map<String, String> unzip(byte[] zip) throws IOException {
        Path f = Files.write(dir.resolve("unzip.xlsx"), zip);
        Map<String, String> out = new java.util.HashMap<>();
        try (ZipFile z = new ZipFile(f.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                try (var in = z.getInputStream(e)) {
                    out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
