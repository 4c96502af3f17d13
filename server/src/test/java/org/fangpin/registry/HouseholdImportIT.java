package org.fangpin.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.assertj.core.groups.Tuple;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.RowError;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionImporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class HouseholdImportIT {

    @Autowired
    HouseholdImporter importer;

    @Autowired
    HouseholdExporter exporter;

    @Autowired
    RegionImporter regionImporter;

    @Autowired
    RegionDirectory regions;

    @Autowired
    Registry registry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvcTester mvc;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regionImporter.importFile(
                TestData.write(dir, "regions.csv", TestData.REGIONS_CSV), "regions.csv", "t", Locale.CHINA);
    }

    private ImportReport importCsv(String content) {
        return importCsv(content, StandardCharsets.UTF_8, null);
    }

    private ImportReport importCsv(String content, Charset charset, LocalDate effective) {
        Path f = TestData.write(dir, "h.csv", content, charset);
        return importer.importFile(f, "h.csv", "tester", Locale.CHINA, new HouseholdImporter.Options(effective, null));
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private List<String> indexesAndForeignKeys() {
        return jdbc.sql("""
                        select indexdef from pg_indexes where tablename in ('household', 'person')
                        union all
                        select conrelid::regclass || ' ' || conname || ' ' || oid || ' ' || pg_get_constraintdef(oid)
                        from pg_constraint where conrelid in ('household'::regclass, 'person'::regclass)
                          and contype = 'f'
                        order by 1""").query(String.class).list();
    }

    private HouseholdView byNo(String no) {
        return registry.search(new HouseholdQuery(null, no, null, null, null, null, null, null, 10))
                .items()
                .get(0);
    }

    @Test
    void importsHouseholdsWithMembersAndDerivedFields() {
        List<String> before = indexesAndForeignKeys();
        ImportReport r = importCsv(HouseholdCsv.sample().csv());
        // an initial load builds the indexes after inserting (InitialLoad); they must all be back, and the foreign
        // key to the region tree never dropped (its object id the same): dropping it would lock the region tree,
        // which every page reads, for the whole import
        assertThat(indexesAndForeignKeys())
                .isEqualTo(before)
                .hasSizeGreaterThanOrEqualTo(7)
                .anyMatch(d -> d.contains("REFERENCES region(code)"));
        assertThat(r.applied()).as("%s", r.errors()).isTrue();
        assertThat(r.rows()).isEqualTo(5);
        assertThat(r.inserted()).isEqualTo(2 + 5);
        HouseholdView h2 = byNo("H0002");
        assertThat(h2.memberCount()).isEqualTo(3);
        assertThat(h2.members().get(0).relation()).isEqualTo(Relation.HEAD);
        assertThat(h2.members()).extracting(PersonView::idNumber).allMatch(id -> id.contains("********"));
        // (18000 + 6000 + 1500.50 − 2000) / 3
        assertThat(h2.perCapitaNetIncome()).isEqualByComparingTo("7833.50");
        PersonView child = h2.members().stream()
                .filter(p -> p.name().equals("王小明"))
                .findFirst()
                .orElseThrow();
        assertThat(child.sex()).isEqualTo(Sex.M);
        assertThat(child.birthDate()).isEqualTo(LocalDate.of(2012, 9, 9));
        assertThat(child.schoolStatus()).isEqualTo(SchoolStatus.PRIMARY);
    }

    /** ADR 0005: the entry commits with the data. If it cannot be written, nothing of the file is kept. */
    @Test
    void anImportAndItsAuditEntryCommitTogether() {
        jdbc.sql("""
                create function refuse_import_audit() returns trigger language plpgsql as $$
                begin raise exception 'audit log unavailable'; end $$;
                create trigger refuse_import_audit before insert on audit_log
                for each row when (new.action = 'IMPORT' and (new.detail -> 'after' ->> 'applied')::boolean)
                execute function refuse_import_audit();""").update();
        try {
            ImportReport r = importCsv(HouseholdCsv.sample().csv());
            assertThat(r.applied()).isFalse();
            assertThat(count("household")).isZero();
            assertThat(count("person")).isZero();
        } finally {
            jdbc.sql("drop trigger refuse_import_audit on audit_log; drop function refuse_import_audit()")
                    .update();
        }
        ImportReport r = importCsv(HouseholdCsv.sample().csv());
        assertThat(r.applied()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'IMPORT' and entity_id = ?")
                        .param(r.id().toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void reimportingTheSameFileChangesNothing() {
        String csv = HouseholdCsv.sample().csv();
        importCsv(csv);
        long households = count("household");
        long persons = count("person");
        ImportReport again = importCsv(csv);
        assertThat(again.applied()).isTrue();
        assertThat(again.inserted()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(7);
        assertThat(count("household")).isEqualTo(households);
        assertThat(count("person")).isEqualTo(persons);
    }

    @Test
    void aChangedFileUpdatesRecordsAndKeepsHistory() {
        importCsv(
                HouseholdCsv.sample().csv(),
                StandardCharsets.UTF_8,
                LocalDate.now(TestData.ZONE).minusDays(30));
        String changed = HouseholdCsv.sample()
                .csv()
                .replace("18000.00", "9000.00") // household H0001's wage income halves
                .replace("王小明", "王晓明"); // a member's name is corrected
        ImportReport r = importCsv(changed);
        assertThat(r.applied()).isTrue();
        assertThat(r.updated()).isEqualTo(2 + 1); // both households share the wage figure; one person renamed
        HouseholdView h1 = byNo("H0001");
        assertThat(h1.version()).isEqualTo(2);
        assertThat(h1.income().wage()).isEqualByComparingTo("9000.00");
        HouseholdView before = registry.household(
                        h1.id(), LocalDate.now(TestData.ZONE).minusDays(1))
                .orElseThrow();
        assertThat(before.version()).isEqualTo(1);
        assertThat(before.income().wage()).isEqualByComparingTo("18000.00");
        List<TimelineEntry> timeline = registry.timeline(byNo("H0002").id());
        assertThat(timeline).anySatisfy(e -> {
            assertThat(e.entity()).isEqualTo("person");
            assertThat(e.kind()).isEqualTo("CHANGED");
            assertThat(e.changes()).containsExactly(new TimelineEntry.Change("name", "王小明", "王晓明"));
            assertThat(e.recordedBy()).isEqualTo("tester");
        });
    }

    @Test
    void oneBadLastRowRejectsTheWholeFileWithAReport() {
        var h3 = HouseholdCsv.household("H0003", TestData.VILLAGE);
        String bad = HouseholdCsv.sample()
                .person(h3, "赵六", "421122197001010012", "户主") // wrong check digit
                .csv();
        ImportReport r = importCsv(bad);
        assertThat(r.applied()).isFalse();
        assertThat(r.errorCount()).isEqualTo(1);
        RowError e = r.errors().get(0);
        assertThat(e.row()).isEqualTo(7); // header is row 1, five good rows, then this one
        assertThat(e.column()).isEqualTo("公民身份号码");
        assertThat(e.value()).isEqualTo("421122********0012");
        assertThat(e.reason()).isEqualTo("公民身份号码校验码错误");
        assertThat(count("household")).isZero();
        assertThat(count("person")).isZero();
    }

    @Test
    void rowsCheckedOnSeveralThreadsKeepTheirOrderAcrossBatches() {
        // 2,600 rows span three batches of ParallelRows; bad rows sit in the first, second and third
        HouseholdCsv file = new HouseholdCsv();
        HouseholdCsv withoutBadRows = new HouseholdCsv();
        for (int i = 1; i <= 2_600; i++) {
            var h = HouseholdCsv.household("H%05d".formatted(i), TestData.VILLAGE);
            String id = TestData.id(LocalDate.of(1950, 1, 1).plusDays(i / 50), i % 50 * 2 + 1);
            if (i == 7 || i == 1_500 || i == 2_555) {
                // a wrong check digit
                file.person(h, "户主" + i, id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0'), "户主");
            } else {
                file.person(h, "户主" + i, id, "户主");
                withoutBadRows.person(h, "户主" + i, id, "户主");
            }
        }
        ImportReport bad = importCsv(file.csv());
        assertThat(bad.applied()).isFalse();
        assertThat(bad.rows()).isEqualTo(2_600);
        assertThat(bad.errors()).extracting(RowError::row).containsExactly(8L, 1_501L, 2_556L);
        assertThat(count("person")).isZero();

        String good = withoutBadRows.csv();
        ImportReport r = importCsv(good);
        assertThat(r.applied()).as("%s", r.errors()).isTrue();
        assertThat(r.inserted()).isEqualTo(2 * 2_597);
        assertThat(jdbc.sql("select count(distinct name) from person")
                        .query(Long.class)
                        .single())
                .isEqualTo(2_597);
    }

    @Test
    void fileLevelChecksNameTheirRows() {
        var h1 = HouseholdCsv.household("H0001", TestData.VILLAGE);
        var h1Other = HouseholdCsv.household("H0001", TestData.VILLAGE_2); // same household, another village
        var h9 = HouseholdCsv.household("H0009", "421122100299"); // no such village
        String id = TestData.id("1980-01-01", 11);
        String csv = new HouseholdCsv()
                .person(h1, "甲", id, "户主")
                .person(h1Other, "乙", TestData.id("1981-01-01", 12), "配偶")
                .person(h9, "丙", id, "户主")
                .csv();
        ImportReport r = importCsv(csv);
        assertThat(r.applied()).isFalse();
        assertThat(r.errors())
                .extracting(RowError::row, RowError::column)
                .contains(Tuple.tuple(4L, "公民身份号码"), Tuple.tuple(3L, "户编号"), Tuple.tuple(4L, "行政区划代码"));
        assertThat(r.errors()).anySatisfy(e -> assertThat(e.reason()).contains("首次出现在第 2 行"));
    }

    @Test
    void aHouseholdNeedsExactlyOneHead() {
        var h1 = HouseholdCsv.household("H0001", TestData.VILLAGE);
        ImportReport r = importCsv(new HouseholdCsv()
                .person(h1, "甲", TestData.id("1980-01-01", 11), "配偶")
                .csv());
        assertThat(r.applied()).isFalse();
        assertThat(r.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("有且只有一名户主"));
    }

    @Test
    void readsGbkCsv() {
        ImportReport r = importCsv(HouseholdCsv.sample().csv(), Charset.forName("GBK"), null);
        assertThat(r.applied()).as("%s", r.errors()).isTrue();
        assertThat(byNo("H0001").members()).extracting(PersonView::name).contains("张大山", "李春花");
    }

    @Test
    void exportThenImportRoundTripsUnchangedInCsvAndXlsx() throws Exception {
        importCsv(HouseholdCsv.sample().csv());
        for (HouseholdExporter.Format format : HouseholdExporter.Format.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long n = exporter.export(regions.find(TestData.COUNTY).orElseThrow().subtree(), format, out);
            assertThat(n).isEqualTo(5);
            Path f = dir.resolve("export." + format.name().toLowerCase());
            Files.write(f, out.toByteArray());
            ImportReport again = importer.importFile(
                    f, f.getFileName().toString(), "t", Locale.CHINA, new HouseholdImporter.Options(null, null));
            assertThat(again.applied()).as("%s %s", format, again.errors()).isTrue();
            assertThat(again.inserted() + again.updated()).as(format.name()).isZero();
            assertThat(again.unchanged()).isEqualTo(7);
        }
    }

    @Test
    void exportIsLimitedToTheRegion() {
        importCsv(HouseholdCsv.sample().csv());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = exporter.export(
                regions.find(TestData.VILLAGE_2).orElseThrow().subtree(), HouseholdExporter.Format.CSV, out);
        assertThat(n).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("王建国").doesNotContain("张大山");
    }

    @Test
    void apiRejectsABadFileWithAProblemDocumentAndADownloadableReport() throws Exception {
        String bad = HouseholdCsv.sample().csv().replace(",户主,", ",族长,");
        var file = new MockMultipartFile("file", "bad.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8));
        var result = mvc.post()
                .uri("/api/v1/households/import")
                .multipart()
                .file(file)
                .header("Accept-Language", "en")
                .exchange();
        assertThat(result).hasStatus(422).hasContentType("application/problem+json");
        assertThat(result).bodyJson().extractingPath("$.errorCount").isEqualTo(2);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[0].reason")
                .asString()
                .startsWith("Not an allowed value");
        String report = result.getResponse().getContentAsString();
        String link = report.replaceAll(".*\"errorReport\":\"([^\"]+)\".*", "$1");
        assertThat(mvc.get().uri(link))
                .hasStatusOk()
                .bodyText()
                .contains("Row,Column,Value,Reason")
                .contains("2,与户主关系,族长,Not an allowed value");
        assertThat(count("person")).isZero();
    }

    @Test
    void apiImportsAndExports() {
        var file = new MockMultipartFile(
                "file", "ok.csv", "text/csv", HouseholdCsv.sample().csv().getBytes(StandardCharsets.UTF_8));
        assertThat(mvc.post().uri("/api/v1/households/import").multipart().file(file))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.inserted")
                .isEqualTo(7);
        var export = mvc.get()
                .uri("/api/v1/households/export?region={r}&format=csv", TestData.TOWNSHIP)
                .exchange();
        assertThat(export).hasStatusOk();
        assertThat(export.getResponse().getHeader("Content-Disposition")).contains("households-421122100000.csv");
        assertThat(mvc.get().uri("/api/v1/households/template?format=xlsx")).hasStatusOk();
    }
}
