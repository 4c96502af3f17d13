package org.fangpin.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.lake.Lake;
import org.fangpin.feed.internal.FeedDropFolder;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.registry.IdNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;

/** Department feeds from the sender's side: validation, matching, feedback, idempotency, who may send and see. */
@IntegrationTest
class FeedIntakeIT {

    static final String PW = "Feed-pass-123";
    static final String HEAD = TestData.id("1960-01-01", 11);
    static final String CHILD = TestData.id("2012-05-05", 12);
    static final String ELSEWHERE = TestData.id("1970-02-02", 13); // registered in the other township
    static final String UNREGISTERED = TestData.id("1980-03-03", 15);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @Autowired
    HouseholdImporter households;

    @Autowired
    WebApplicationContext context;

    @Autowired
    Lake lake;

    @TempDir
    Path dir;

    MockMvcTester mvc;

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        String csv = "户编号,行政区划代码,户类型,姓名,公民身份号码,与户主关系\n"
                + "F-1," + TestData.VILLAGE + ",一般农户,甲,"
                + HEAD + ",户主\n" + "F-1," + TestData.VILLAGE + ",一般农户,乙," + CHILD + ",之子\n"
                + "F-2," + TestData.OTHER_VILLAGE + ",一般农户,丙," + ELSEWHERE + ",户主\n";
        assertThat(households
                        .importFile(
                                TestData.write(dir, "h.csv", csv),
                                "h.csv",
                                "t",
                                Locale.CHINA,
                                new HouseholdImporter.Options(null, null))
                        .applied())
                .isTrue();
        department("yibao", "MEDICAL_SECURITY", TestData.COUNTY);
        department("jiaoyu", "EDUCATION", TestData.COUNTY);
        department("yibao-town", "MEDICAL_SECURITY", TestData.TOWNSHIP);
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
    }

    private void department(String name, String dept, String region) {
        TestData.user(jdbc, encoder, name, "DEPARTMENT", region, PW, false);
        jdbc.sql("update app_user set department = ? where username = ?")
                .params(dept, name)
                .update();
    }

    private MvcTestResult pushClaims(String user, String batchId, String rows) {
        return mvc.post()
                .uri("/api/v1/feeds/types/medical_claim/batches")
                .with(httpBasic(user, PW))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"batchId\":\"" + batchId + "\",\"period\":\"2026-10\",\"rows\":[" + rows + "]}")
                .exchange();
    }

    private static String claim(String id, String date, String total, String own) {
        return "{\"idNumber\":\"%s\",\"visitDate\":\"%s\",\"totalCost\":\"%s\",\"outOfPocket\":\"%s\",\"majorIllness\":true}"
                .formatted(id, date, total, own);
    }

    @Test
    void aBatchIsMatchedStoredAsParquetWithoutIdNumbersAndReportedBack() throws Exception {
        MvcTestResult r = pushClaims(
                "yibao",
                "YB-2026-10-001",
                String.join(
                        ",",
                        claim(HEAD, "2026-10-02", "12000.50", "4800.25"),
                        claim(CHILD, "2026/10/05", "300", "120"),
                        claim(UNREGISTERED, "2026-10-06", "80", "20")));
        assertThat(r).hasStatus(201);
        assertThat(r).bodyJson().extractingPath("$.batch.rows").isEqualTo(3);
        assertThat(r).bodyJson().extractingPath("$.batch.matched").isEqualTo(2);
        assertThat(r).bodyJson().extractingPath("$.batch.unmatched").isEqualTo(1);
        assertThat(r).bodyJson().extractingPath("$.batch.department").isEqualTo("MEDICAL_SECURITY");
        String id = JsonPath.read(r.getResponse().getContentAsString(), "$.batch.id");
        // the earlier path (before the API contract, deprecated) still answers: the same batch, not imported twice
        MvcTestResult earlier = mvc.post()
                .uri("/api/v1/feeds/medical_claim/batches")
                .with(httpBasic("yibao", PW))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"batchId\":\"YB-2026-10-001\",\"period\":\"2026-10\",\"rows\":["
                        + String.join(
                                ",",
                                claim(HEAD, "2026-10-02", "12000.50", "4800.25"),
                                claim(CHILD, "2026/10/05", "300", "120"),
                                claim(UNREGISTERED, "2026-10-06", "80", "20"))
                        + "]}")
                .exchange();
        assertThat(earlier).hasStatusOk();
        assertThat(earlier).bodyJson().extractingPath("$.alreadyReceived").isEqualTo(true);
        assertThat(earlier).bodyJson().extractingPath("$.batch.id").isEqualTo(id);

        // the feedback names the unmatched row (line 4: the header is line 1), masked, with its reason
        MvcTestResult feedback = mvc.get()
                .uri("/api/v1/feeds/batches/{id}/feedback.csv", id)
                .with(httpBasic("yibao", PW))
                .exchange();
        assertThat(feedback).hasStatusOk();
        String text = feedback.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).contains("4," + IdNumber.mask(UNREGISTERED)).contains("未在防返贫监测系统中登记");
        assertThat(text).doesNotContain(UNREGISTERED).doesNotContain(IdNumber.mask(HEAD));

        // stored as Parquet under feeds/<type>/period=<month>/, typed, with lookup hashes instead of ID numbers
        Path parquet = lake.root().resolve("feeds/medical_claim/period=2026-10/" + id + ".parquet");
        assertThat(parquet).exists();
        assertThat(new String(Files.readAllBytes(parquet), StandardCharsets.ISO_8859_1))
                .doesNotContain(HEAD);
        try (Connection duck = lake.duckdb();
                Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("select count(*), sum(out_of_pocket), min(visit_date)::varchar,"
                        + " count(distinct id_hash), bool_and(major_illness), any_value(batch_id) from read_parquet('"
                        + parquet + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
            assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("4940.25");
            assertThat(rs.getString(3)).isEqualTo("2026-10-02");
            assertThat(rs.getLong(4)).isEqualTo(3);
            assertThat(rs.getBoolean(5)).isTrue();
            assertThat(rs.getString(6)).isEqualTo(id);
        }

        // a file from before the hash became a UUID column (hex text) is rewritten at start, values kept
        String before = hashes(parquet);
        try (Connection duck = lake.duckdb();
                Statement st = duck.createStatement()) {
            Path old = dir.resolve("old.parquet");
            st.execute("copy (select * replace (replace(cast(id_hash as varchar), '-', '') as id_hash) from"
                    + " read_parquet('" + parquet + "')) to '" + old + "' (format parquet)");
            Files.move(old, parquet, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(hashType(parquet)).isEqualTo("VARCHAR");
        context.getBean("feedFileUpgrade", ApplicationRunner.class).run(null);
        assertThat(hashType(parquet)).isEqualTo("UUID");
        assertThat(hashes(parquet)).isEqualTo(before);

        // re-sending the same batch changes nothing
        MvcTestResult again = pushClaims(
                "yibao",
                "YB-2026-10-001",
                String.join(
                        ",",
                        claim(HEAD, "2026-10-02", "12000.50", "4800.25"),
                        claim(CHILD, "2026/10/05", "300", "120"),
                        claim(UNREGISTERED, "2026-10-06", "80", "20")));
        assertThat(again).hasStatusOk();
        assertThat(again).bodyJson().extractingPath("$.alreadyReceived").isEqualTo(true);
        assertThat(again).bodyJson().extractingPath("$.batch.id").isEqualTo(id);
        // the same id with other rows is refused, and says why
        MvcTestResult changed = pushClaims("yibao", "YB-2026-10-001", claim(HEAD, "2026-10-02", "1", "1"));
        assertThat(changed).hasStatus(422);
        assertThat(changed.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("批次号已用于内容不同");
        assertThat(jdbc.sql("select count(*) from feed_batch").query(Long.class).single())
                .isEqualTo(1);

        // another department sees nothing of it; the county office of the sender's region does
        assertThat(mvc.get().uri("/api/v1/feeds/batches").with(httpBasic("jiaoyu", PW)))
                .bodyJson()
                .extractingPath("$.length()")
                .isEqualTo(0);
        assertThat(mvc.get().uri("/api/v1/feeds/batches/{id}", id).with(httpBasic("jiaoyu", PW)))
                .hasStatus(404);
        assertThat(mvc.get()
                        .uri("/api/v1/feeds/batches/{id}", id)
                        .with(httpBasic(IntegrationTest.COUNTY_USER, IntegrationTest.COUNTY_PASSWORD)))
                .hasStatusOk();
    }

    @Test
    void oneBadRowRejectsTheBatchWithEveryReasonAndStoresNothing() throws Exception {
        long filesBefore = parquetFiles();
        String badCheckDigit = HEAD.substring(0, 17) + (HEAD.charAt(17) == '1' ? '2' : '1');
        MvcTestResult r = pushClaims(
                "yibao",
                "YB-BAD",
                String.join(
                        ",",
                        claim(HEAD, "2026-10-02", "100", "50"),
                        claim(badCheckDigit, "2026-10-02", "100", "50"),
                        claim(CHILD, "2026-13-40", "-5", "abc")));
        assertThat(r).hasStatus(422);
        assertThat(r).bodyJson().extractingPath("$.errorCount").isEqualTo(4);
        assertThat(r).bodyJson().extractingPath("$.errors[0].row").isEqualTo(3);
        assertThat(r).bodyJson().extractingPath("$.errors[0].column").isEqualTo("公民身份号码");
        assertThat(r).bodyJson().extractingPath("$.errors[1].column").isEqualTo("就诊日期");
        assertThat(jdbc.sql("select count(*) from feed_batch").query(Long.class).single())
                .isZero();
        assertThat(parquetFiles()).isEqualTo(filesBefore);
    }

    private String hashType(Path parquet) throws Exception {
        try (Connection duck = lake.duckdb();
                Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("select typeof(id_hash) from read_parquet('" + parquet + "') limit 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String hashes(Path parquet) throws Exception {
        try (Connection duck = lake.duckdb();
                Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("select string_agg(cast(id_hash as varchar), ',' order by line) from"
                        + " read_parquet('" + parquet + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long parquetFiles() throws IOException {
        Path feeds = lake.dir("feeds");
        try (var files = Files.walk(feeds)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).count();
        }
    }

    @Test
    void aDepartmentSendsOnlyItsOwnFeedsAndMatchesOnlyInsideItsRegion() throws Exception {
        assertThat(mvc.post()
                        .uri("/api/v1/feeds/types/education/batches")
                        .with(httpBasic("yibao", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"batchId\":\"E1\",\"period\":\"2026-10\",\"rows\":[]}"))
                .hasStatus(403);
        // a township's medical office: the person registered in the other township does not match
        MvcTestResult r = pushClaims(
                "yibao-town",
                "T-1",
                String.join(",", claim(HEAD, "2026-10-02", "100", "50"), claim(ELSEWHERE, "2026-10-02", "100", "50")));
        assertThat(r).hasStatus(201);
        assertThat(r).bodyJson().extractingPath("$.batch.matched").isEqualTo(1);
        String id = JsonPath.read(r.getResponse().getContentAsString(), "$.batch.id");
        assertThat(mvc.get().uri("/api/v1/feeds/batches/{id}/feedback.csv", id).with(httpBasic("yibao-town", PW)))
                .bodyText()
                .contains("3," + IdNumber.mask(ELSEWHERE))
                .contains("不在报送单位的辖区内");
    }

    @Autowired
    FeedDropFolder drop;

    /** A file dropped a minute ago (settled), in a department's folder for a feed. */
    private Path dropped(String department, String feed, String name, String content) throws Exception {
        Path d = Files.createDirectories(drop.root().resolve(department).resolve(feed));
        Path f = Files.writeString(d.resolve(name), content);
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(60)));
        return d;
    }

    @Test
    void filesDroppedInTheWatchedFolderTakeTheSameIntakeAndAreSortedWithTheirOutcome() throws Exception {
        String stranger = TestData.id("1977-07-07", 33); // registered nowhere
        String header = String.join(
                ",",
                FeedColumn.ID_NUMBER.header(),
                FeedColumn.VISIT_DATE.header(),
                FeedColumn.TOTAL_COST.header(),
                FeedColumn.OUT_OF_POCKET.header());
        Path claims = dropped(
                "MEDICAL_SECURITY",
                "medical_claim",
                "YB-DROP-1__2026-10.csv",
                header + "\n" + HEAD + ",2026-10-02,900,300\n" + stranger + ",2026-10-03,800,200\n");
        dropped(
                "MEDICAL_SECURITY",
                "medical_claim",
                "YB-DROP-2__2026-10.csv",
                header + "\n" + HEAD + ",2026-13-02,900,300\n");
        dropped("MEDICAL_SECURITY", "medical_claim", "no-period.csv", header + "\n");
        dropped("EDUCATION", "medical_claim", "JY-1__2026-10.csv", header + "\n");
        // still being written: left for the next poll
        Files.writeString(claims.resolve("YB-DROP-3__2026-10.csv"), header + "\n");

        var outcomes = drop.poll();
        assertThat(outcomes).hasSize(4);
        // accepted: a batch like an upload's, with its outcome and feedback beside the file
        Path done = claims.resolve("done");
        assertThat(done.resolve("YB-DROP-1__2026-10.csv")).exists();
        String result = Files.readString(done.resolve("YB-DROP-1__2026-10.csv.result.json"));
        assertThat(result)
                .contains("\"accepted\":true")
                .contains("\"matched\":1")
                .contains("\"unmatched\":1");
        assertThat(Files.readString(done.resolve("YB-DROP-1__2026-10.csv.feedback.csv")))
                .contains(IdNumber.mask(stranger))
                .doesNotContain(stranger);
        assertThat(jdbc.sql("select count(*) from feed_batch where batch_key = 'YB-DROP-1' and department ="
                                + " 'MEDICAL_SECURITY'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // rejected: nothing stored, every rejected row with its line and reason beside the file
        Path failed = claims.resolve("failed");
        assertThat(Files.readString(failed.resolve("YB-DROP-2__2026-10.csv.errors.csv")))
                .contains("2026-13-02");
        assertThat(jdbc.sql("select count(*) from feed_batch where batch_key = 'YB-DROP-2'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(Files.readString(failed.resolve("no-period.csv.result.json")))
                .contains("<batchId>__<yyyy-MM>");
        assertThat(Files.readString(
                        drop.root().resolve("EDUCATION/medical_claim/failed/JY-1__2026-10.csv.result.json")))
                .contains("MEDICAL_SECURITY");
        assertThat(claims.resolve("YB-DROP-3__2026-10.csv")).exists();

        // the same file dropped again changes nothing (idempotent per batch id)
        dropped(
                "MEDICAL_SECURITY",
                "medical_claim",
                "YB-DROP-1__2026-10.csv",
                header + "\n" + HEAD + ",2026-10-02,900,300\n" + stranger + ",2026-10-03,800,200\n");
        Files.delete(claims.resolve("YB-DROP-3__2026-10.csv"));
        assertThat(drop.poll())
                .singleElement()
                .satisfies(o -> assertThat(o.accepted()).isTrue());
        assertThat(jdbc.sql("select count(*) from feed_batch where batch_key = 'YB-DROP-1'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aCountyUploadsAHousingFileMatchedByHouseholdNumberOrMemberId() throws Exception {
        String csv = "户编号,公民身份号码,住房安全等级,鉴定日期\n"
                + "F-1,,C级,2026-09-30\n" // by number
                + "," + CHILD + ",D,2026-09-30\n" // by a member's ID
                + "F-1," + ELSEWHERE + ",C,2026-09-30\n" // number and ID of different households
                + "F-404,,B,2026-09-30\n"; // unknown household
        MvcTestResult r = mvc.post()
                .uri("/api/v1/feeds/types/housing/batches")
                .multipart()
                .file(new MockMultipartFile("file", "housing.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .param("batchId", "ZJ-2026-Q3")
                .param("period", "2026-09")
                .with(httpBasic(IntegrationTest.COUNTY_USER, IntegrationTest.COUNTY_PASSWORD))
                .exchange();
        assertThat(r).hasStatus(201);
        assertThat(r).bodyJson().extractingPath("$.batch.matched").isEqualTo(2);
        assertThat(r).bodyJson().extractingPath("$.batch.department").isEqualTo("HOUSING");
        String id = JsonPath.read(r.getResponse().getContentAsString(), "$.batch.id");
        String feedback = mvc.get()
                .uri("/api/v1/feeds/batches/{id}/feedback.csv", id)
                .with(httpBasic(IntegrationTest.COUNTY_USER, IntegrationTest.COUNTY_PASSWORD))
                .exchange()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(feedback).contains("分属不同家庭").contains("5,,F-404,户编号不存在");
        // a household row must name its household
        MvcTestResult bad = mvc.post()
                .uri("/api/v1/feeds/types/housing/batches")
                .multipart()
                .file(new MockMultipartFile(
                        "file",
                        "h.csv",
                        "text/csv",
                        "户编号,住房安全等级,鉴定日期\n,C,2026-09-30\n".getBytes(StandardCharsets.UTF_8)))
                .param("batchId", "ZJ-2")
                .param("period", "2026-09")
                .with(httpBasic(IntegrationTest.COUNTY_USER, IntegrationTest.COUNTY_PASSWORD))
                .exchange();
        assertThat(bad).hasStatus(422);
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("须填写户编号");
    }

    @Test
    void schemasAndTemplatesArePublished() {
        assertThat(mvc.get().uri("/api/v1/feeds/types").with(httpBasic("yibao", PW)))
                .bodyJson()
                .extractingPath("$[?(@.type=='MEDICAL_CLAIM')].columns[0].field")
                .asArray()
                .containsExactly("idNumber");
        assertThat(mvc.get()
                        .uri("/api/v1/feeds/types/employment/template?format=csv")
                        .with(httpBasic("yibao", PW)))
                .bodyText()
                .contains("公民身份号码,月份,工资收入,就业单位,就业地点");
        List<String> all = Arrays.stream(FeedType.values()).map(Enum::name).toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(11);
    }
}
