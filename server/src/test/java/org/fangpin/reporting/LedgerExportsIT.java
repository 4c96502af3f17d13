package org.fangpin.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.Income;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.Registry;
import org.fangpin.registry.Relation;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 后台导出: a whole ledger written in the background with its progress, its file the requester's alone, checked and
 * audited like a direct export; a restart marks an unfinished one; a week later it is gone.
 */
@IntegrationTest
class LedgerExportsIT {

    static final String PW = "Export-pass-123";
    static final List<String> VILLAGES = List.of(TestData.VILLAGE, TestData.VILLAGE_2, TestData.OTHER_VILLAGE);

    MockMvcTester mvc;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regionImporter;

    @Autowired
    Registry registry;

    @Autowired
    LedgerExports exports;

    @Autowired
    JsonMapper json;

    @Autowired
    Permissions permissions;

    @Autowired
    Clock clock;

    @Value("${fangpin.reporting.export-dir}")
    Path exportDir;

    @TempDir
    Path dir;

    int households;
    int persons;

    @BeforeEach
    void setUp() {
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        TestData.reset(jdbc);
        jdbc.sql("delete from ledger_export").update();
        regionImporter.importFile(
                TestData.write(dir, "regions.csv", TestData.REGIONS_CSV), "regions.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "exp-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "exp-county2", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "exp-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "exp-dept", "DEPARTMENT", TestData.COUNTY, PW, false);
        LocalDate registered = LocalDate.now(clock).minusDays(10);
        households = 37;
        for (int i = 0; i < households; i++) {
            List<PersonFields> members = new ArrayList<>();
            int n = 1 + i % 3;
            for (int p = 0; p < n; p++) {
                members.add(person(LocalDate.of(1960 + i % 40, 1 + p, 1 + i % 28), i * 10 + p, p == 0));
            }
            persons += n;
            registry.createHousehold(
                    new HouseholdFields(
                            "EX" + i,
                            VILLAGES.get(i % VILLAGES.size()),
                            null,
                            HouseholdIdentity.ORDINARY,
                            List.of(),
                            null,
                            MonitoringState.NONE,
                            null,
                            null,
                            List.of(),
                            null,
                            null,
                            null,
                            null,
                            new Income(2025, BigDecimal.valueOf(20_000), null, null, null, null),
                            null),
                    members,
                    new Registry.Change("t", registered, "建档"));
        }
    }

    private static PersonFields person(LocalDate birth, int seq, boolean head) {
        return new PersonFields(
                TestData.id(birth, 100 + seq),
                "成员" + seq,
                head ? Relation.HEAD : Relation.SON,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                false,
                false,
                false);
    }

    private MvcTestResult get(String user, String path) {
        return mvc.get().uri(path).with(httpBasic(user, PW)).exchange();
    }

    private MvcTestResult post(String user, String path) {
        return mvc.post().uri(path).with(httpBasic(user, PW)).with(csrf()).exchange();
    }

    private JsonNode body(MvcTestResult r) throws Exception {
        return json.readTree(r.getResponse().getContentAsByteArray());
    }

    /** Waits for one's export to finish; its last state. */
    private JsonNode await(String user, String id) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> body(get(user, "/api/v1/export-jobs/" + id)),
                        j -> !List.of("QUEUED", "RUNNING")
                                .contains(j.get("status").asString()));
    }

    @Test
    void aLedgerIsWrittenInTheBackgroundAndDownloadedByItsRequesterAlone() throws Exception {
        MvcTestResult started =
                post("exp-county", "/api/v1/ledgers/members/export-jobs?format=xlsx&region=" + TestData.COUNTY);
        assertThat(started).hasStatus(202);
        JsonNode job = body(started);
        String id = job.get("id").asString();
        assertThat(job.get("total").asLong()).isEqualTo(persons);
        JsonNode done = await("exp-county", id);
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("written").asLong()).isEqualTo(persons);
        assertThat(done.get("sizeBytes").asLong()).isPositive();

        // the file: title, region line, header, one row per member, totals — ID numbers masked
        MvcTestResult file = get("exp-county", "/api/v1/export-jobs/" + id + "/file");
        assertThat(file).hasStatusOk();
        assertThat(file.getResponse().getHeader("Content-Disposition")).contains("attachment", ".xlsx");
        byte[] bytes = file.getResponse().getContentAsByteArray();
        assertThat((long) bytes.length).isEqualTo(done.get("sizeBytes").asLong());
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes));
                Stream<Row> rows = wb.getFirstSheet().openStream()) {
            List<Row> all = rows.toList();
            assertThat(all.get(0).getCellText(0)).contains("人口台账");
            // title, region line, header, the members, the totals row
            assertThat(all).hasSize(3 + persons + 1);
            String text = all.stream()
                    .flatMap(r -> r.stream())
                    .filter(c -> c != null)
                    .map(c -> c.getRawValue() == null ? "" : c.getRawValue())
                    .reduce("", (a, b) -> a + "|" + b);
            assertThat(text).contains("****").doesNotContainPattern("[0-9]{17}[0-9X]");
        }
        // audited in the requester's name
        assertThat(jdbc.sql("select count(*) from audit_log where actor = 'exp-county' and action = 'EXPORT'"
                                + " and entity = 'ledger' and entity_id = 'members'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // nobody else sees it or its file, even in the same office
        assertThat(get("exp-county2", "/api/v1/export-jobs/" + id)).hasStatus(404);
        assertThat(get("exp-county2", "/api/v1/export-jobs/" + id + "/file")).hasStatus(404);
        assertThat(body(get("exp-county2", "/api/v1/export-jobs")).size()).isZero();
        assertThat(body(get("exp-county", "/api/v1/export-jobs")).size()).isEqualTo(1);

        // a CSV of a township: its own rows only
        JsonNode csv = await(
                "exp-town",
                body(post("exp-town", "/api/v1/ledgers/households/export-jobs?format=csv"))
                        .get("id")
                        .asString());
        long own = VILLAGES.stream()
                .filter(v -> v.startsWith(TestData.TOWNSHIP.substring(0, 9)))
                .count();
        long expected = 0;
        for (int i = 0; i < households; i++) {
            if (VILLAGES.get(i % VILLAGES.size()).startsWith(TestData.TOWNSHIP.substring(0, 9))) {
                expected++;
            }
        }
        assertThat(own).isPositive();
        assertThat(csv.get("written").asLong()).isEqualTo(expected);
        String lines = get("exp-town", "/api/v1/export-jobs/" + csv.get("id").asString() + "/file")
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(lines.strip().split("\n")).hasSize((int) expected + 1);
    }

    @Test
    void theChecksOfADirectExportApplyAndAnUnfinishedOneHasNoFile() throws Exception {
        // outside one's scope, without the permission to export, a bad filter, a bad format
        assertThat(post("exp-town", "/api/v1/ledgers/members/export-jobs?region=" + TestData.OTHER_TOWNSHIP))
                .hasStatus(403);
        assertThat(post("exp-dept", "/api/v1/ledgers/members/export-jobs")).hasStatus(403);
        Set<Permission> before = permissions.matrix().get(Role.TOWNSHIP);
        Set<Permission> without = new HashSet<>(before);
        without.remove(Permission.REGISTRY_EXPORT);
        permissions.set(Role.TOWNSHIP, without);
        try {
            assertThat(post("exp-town", "/api/v1/ledgers/members/export-jobs")).hasStatus(403);
        } finally {
            permissions.set(Role.TOWNSHIP, before);
        }
        assertThat(post("exp-county", "/api/v1/ledgers/households/export-jobs?state=NOPE"))
                .hasStatus(422);
        assertThat(post("exp-county", "/api/v1/ledgers/members/export-jobs?format=pdf"))
                .hasStatus(422);
        assertThat(post("exp-county", "/api/v1/ledgers/nothing/export-jobs")).hasStatus(404);
        assertThat(jdbc.sql("select count(*) from ledger_export")
                        .query(Long.class)
                        .single())
                .isZero();

        // a job still running: no file yet (409); its writer silent for minutes (a restart, a crash): marked
        // interrupted, its partial file removed — but not one whose writer (another instance) still says it is alive
        UUID stopped = unfinished("5 minutes");
        UUID elsewhere = unfinished("5 seconds");
        UUID third = unfinished("10 minutes");
        UUID own = unfinished("10 minutes", LedgerExports.boot());
        Files.createDirectories(exportDir);
        Path part = exportDir.resolve(stopped + ".part");
        Files.writeString(part, "half");
        assertThat(get("exp-county", "/api/v1/export-jobs/" + stopped + "/file"))
                .hasStatus(409)
                .bodyText()
                .contains("尚未完成");
        // three queued or running at once are the most one may have (four here)
        assertThat(post("exp-county", "/api/v1/ledgers/members/export-jobs")).hasStatus(429);
        exports.interrupted();
        assertThat(status(stopped)).isEqualTo("INTERRUPTED");
        assertThat(status(third)).isEqualTo("INTERRUPTED");
        assertThat(status(elsewhere)).isEqualTo("RUNNING");
        // this process's own writer is at work even when its heartbeat waited behind a long scheduled task
        assertThat(status(own)).isEqualTo("RUNNING");
        jdbc.sql("update ledger_export set status = 'FAILED' where id = ?")
                .param(own)
                .update();
        assertThat(part).doesNotExist();

        // done: the file is served while its requester may still export, audited each time
        String done = body(post("exp-county", "/api/v1/ledgers/households/export-jobs"))
                .get("id")
                .asString();
        assertThat(await("exp-county", done).get("status").asString()).isEqualTo("DONE");
        assertThat(get("exp-county", "/api/v1/export-jobs/" + done + "/file")).hasStatusOk();
        assertThat(jdbc.sql("select count(*) from audit_log where actor = 'exp-county' and action = 'DOWNLOAD'"
                                + " and entity_id = 'households' and detail::text like ?")
                        .param("%" + done + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        Set<Permission> county = permissions.matrix().get(Role.COUNTY);
        Set<Permission> less = new HashSet<>(county);
        less.remove(Permission.REGISTRY_EXPORT);
        permissions.set(Role.COUNTY, less);
        try {
            assertThat(get("exp-county", "/api/v1/export-jobs/" + done + "/file"))
                    .hasStatus(403);
        } finally {
            permissions.set(Role.COUNTY, county);
        }

        // a week later the finished exports and their files are gone (not served even before they are removed)
        Path file = exportDir.resolve(done + ".export");
        assertThat(file).exists();
        jdbc.sql("update ledger_export set requested_at = requested_at - interval '8 days'")
                .update();
        assertThat(get("exp-county", "/api/v1/export-jobs/" + done + "/file")).hasStatus(404);
        assertThat(exports.prune()).isEqualTo(4);
        assertThat(file).doesNotExist();
        assertThat(jdbc.sql("select id from ledger_export").query(UUID.class).list())
                .containsExactly(elsewhere);
    }

    /** An unfinished export of exp-county's whose writer last said it was alive that long ago. */
    private UUID unfinished(String silentFor) {
        return unfinished(silentFor, UUID.randomUUID());
    }

    private UUID unfinished(String silentFor, UUID owner) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into ledger_export (id, ledger, format, region_code, file_name, requested_by, status, total,"
                        + " owner, heartbeat_at) values (?, 'members', 'XLSX', ?, 'x.xlsx', 'exp-county', 'RUNNING', 10,"
                        + " ?, now() - cast(? as interval))")
                .params(id, TestData.COUNTY, owner, silentFor)
                .update();
        return id;
    }

    private String status(UUID id) {
        return jdbc.sql("select status from ledger_export where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    @Test
    void theLedgerPageStartsOneAndTheReportsPageFollowsIt() throws Exception {
        MvcTestResult r = mvc.post()
                .uri("/ledgers/members/export-jobs")
                .param("format", "csv")
                .param("region", TestData.TOWNSHIP)
                .with(httpBasic("exp-county", PW))
                .with(csrf())
                .exchange();
        assertThat(r).hasStatus3xxRedirection();
        String location = r.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/reports?export=");
        String id = location.substring(location.indexOf('=') + 1);
        await("exp-county", id);
        for (String lang : List.of("zh_CN", "en")) {
            String page = get("exp-county", location + "&lang=" + lang)
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(page)
                    .contains("/api/v1/export-jobs/" + id + "/file", "id=\"exports\"")
                    .contains(lang.equals("en") ? "Background export" : "后台导出")
                    .doesNotContain("export.", "ledger.", "??", ">DONE<", ">CSV<");
        }
        // the ledger page offers it; a bad filter is said on the ledger's page, another region is refused
        assertThat(get("exp-county", "/ledgers/members").getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"background-export\"", "开始后台导出");
        MvcTestResult bad = mvc.post()
                .uri("/ledgers/households/export-jobs")
                .param("state", "NOPE")
                .with(httpBasic("exp-county", PW))
                .with(csrf())
                .exchange();
        assertThat(bad).hasStatus3xxRedirection();
        assertThat(bad.getResponse().getRedirectedUrl()).startsWith("/ledgers/households");
        assertThat(String.valueOf(bad.getMvcResult().getFlashMap().get("error")))
                .contains("NOPE");
        assertThat(mvc.post()
                        .uri("/ledgers/members/export-jobs")
                        .param("region", TestData.OTHER_TOWNSHIP)
                        .with(httpBasic("exp-town", PW))
                        .with(csrf())
                        .exchange())
                .hasStatus(403);
    }
}
