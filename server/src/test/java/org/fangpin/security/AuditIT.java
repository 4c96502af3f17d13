package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.assertj.core.groups.Tuple;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.IdNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

@IntegrationTest
class AuditIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    RegionImporter regions;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    WebApplicationContext context;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
    }

    private long createHousehold(String no) throws Exception {
        String body = """
                {"household":{"householdNo":"%s","villageCode":"%s","status":"ORDINARY",
                  "income":{"year":2025,"wage":20000}},
                 "members":[{"name":"张大山","idNumber":"%s","relation":"HEAD","phone":"13812345678"}]}""".formatted(no, TestData.VILLAGE, TestData.id("1970-03-05", 11));
        String json = mvc.post()
                .uri("/api/v1/households")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange()
                .getResponse()
                .getContentAsString();
        return ((Number) JsonPath.read(json, "$.id")).longValue();
    }

    @Test
    void changesAreRecordedWithActorAndBeforeAfterMasked() throws Exception {
        long id = createHousehold("A1");
        mvc.put()
                .uri("/api/v1/households/{id}", id)
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"household":{"householdNo":"A1","villageCode":"%s","status":"ORDINARY",
                          "income":{"year":2025,"wage":9000}},"reason":"收入核实"}""".formatted(TestData.VILLAGE))
                .exchange();
        assertThat(plain().get()
                        .uri("/api/v1/audit?entity=household&entityId={id}", id)
                        .with(httpBasic("admin", IntegrationTest.ADMIN_PASSWORD)))
                .hasStatusOk()
                .bodyJson()
                .satisfies(json -> {
                    assertThat(json).extractingPath("$[*].action").asArray().containsExactly("UPDATE", "CREATE");
                    assertThat(json).extractingPath("$[*].actor").asArray().containsOnly(IntegrationTest.COUNTY_USER);
                });
        AuditLog.Entry update = audit.search(AuditLog.Query.about("household", String.valueOf(id), 1))
                .get(0);
        assertThat(update.detail()).contains("\"income.wage\": \"20000").contains("\"income.wage\": \"9000");
        // the person's creation is recorded, with ID and phone masked
        String personDetails = String.join(
                " ",
                jdbc.sql("select detail::text from audit_log where entity = 'person'")
                        .query(String.class)
                        .list());
        assertThat(personDetails)
                .contains(IdNumber.mask(TestData.id("1970-03-05", 11)))
                .contains("138****5678")
                .doesNotContain(TestData.id("1970-03-05", 11))
                .doesNotContain("13812345678");
        assertThat(audit.verify()).isEmpty();
    }

    /**
     * Two writers at once: the one that waited for the chain's lock gets its number after the other committed, so
     * the chain and the numbers agree and verify passes (the number used to be drawn before the wait).
     */
    @Autowired
    DataSource dataSource;

    @Test
    void concurrentWritersChainInTheOrderOfTheirNumbers() throws Exception {
        DataSource ds = dataSource;
        String insert = "insert into audit_log (actor, action, entity) values ('test', 'PROBE', 'concurrency')";
        try (Connection first = ds.getConnection();
                Connection other = ds.getConnection()) {
            first.setAutoCommit(false);
            first.createStatement().execute(insert); // holds the chain's lock until it commits
            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(
                    () -> jdbc.sql(insert + " returning seq").query(Long.class).single());
            // the other writer has drawn its default number and waits for the lock ...
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted")
                            .query(Long.class)
                            .single()
                    == 0) {
                assertThat(System.nanoTime())
                        .as("the second writer waits for the lock")
                        .isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(waiting).isNotDone();
            // ... while numbers move on (other writers, rolled-back ones)
            long drawnMeanwhile;
            try (var rs = other.createStatement()
                    .executeQuery("select nextval(pg_get_serial_sequence('audit_log', 'seq'))")) {
                rs.next();
                drawnMeanwhile = rs.getLong(1);
            }
            first.commit();
            assertThat(waiting.get(30, TimeUnit.SECONDS))
                    .as("the waiting entry's number is drawn under the lock")
                    .isGreaterThan(drawnMeanwhile);
        }
        assertThat(audit.verify()).isEmpty();
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteEntries() throws Exception {
        createHousehold("B1");
        assertThatThrownBy(
                        () -> jdbc.sql("update audit_log set actor = 'mallory'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_log").update()).hasMessageContaining("append-only");
    }

    @Test
    void verifyFindsAnAlteredOrRemovedEntry() throws Exception {
        createHousehold("C1");
        long seq = jdbc.sql("select max(seq) from audit_log where entity = 'household'")
                .query(Long.class)
                .single();
        String actor = jdbc.sql("select actor from audit_log where seq = ?")
                .param(seq)
                .query(String.class)
                .single();
        // someone with database superuser rights switches the protection off and edits an entry
        withProtectionOff(() -> jdbc.sql("update audit_log set actor = 'mallory' where seq = ?")
                .param(seq)
                .update());
        assertThat(audit.verify()).contains(seq);
        assertThat(plain().get().uri("/api/v1/audit/verify").with(httpBasic("admin", IntegrationTest.ADMIN_PASSWORD)))
                .bodyJson()
                .extractingPath("$.firstBrokenSeq")
                .isEqualTo((int) seq);
        withProtectionOff(() -> jdbc.sql("update audit_log set actor = ? where seq = ?")
                .params(actor, seq)
                .update());
        assertThat(audit.verify()).isEmpty();

        // a removed entry breaks the link of the one after it
        long middle = jdbc.sql("select min(seq) from audit_log where entity = 'person'")
                .query(Long.class)
                .single();
        Map<String, Object> row = jdbc.sql("select * from audit_log where seq = ?")
                .param(middle)
                .query()
                .singleRow();
        withProtectionOff(() ->
                jdbc.sql("delete from audit_log where seq = ?").param(middle).update());
        long next = jdbc.sql("select min(seq) from audit_log where seq > ?")
                .param(middle)
                .query(Long.class)
                .single();
        assertThat(audit.verify()).contains(next);
        withProtectionOff(() -> jdbc.sql("insert into audit_log (seq, at, actor, client_ip, action, entity, entity_id,"
                        + " detail, prev_hash, hash, region_code) overriding system value values (:seq, :at, :actor, :client_ip,"
                        + "  :action, :entity, :entity_id, cast(:detail as jsonb), :prev_hash, :hash, :region_code)")
                .params(restoreParams(row))
                .update());
        assertThat(audit.verify()).isEmpty();
    }

    @Test
    void anchorsOutsideTheDatabaseShowACutOffTailAndARecomputedChain() throws Exception {
        long created = createHousehold("E1");
        long target = jdbc.sql("select max(seq) from audit_log where entity = 'household' and entity_id = ?")
                .param(String.valueOf(created))
                .query(Long.class)
                .single();
        // the server anchors by itself every few minutes: its scheduler is on
        assertThat(context.getBeansOfType(ScheduledAnnotationBeanPostProcessor.class))
                .isNotEmpty();
        long head = audit.anchor().orElseThrow();
        Path anchorFile = audit.anchorFile();
        assertThat(head).isGreaterThanOrEqualTo(target);
        assertThat(Files.readString(anchorFile)).contains(head + " ");
        assertThat(audit.checkAnchors()).isEmpty();

        // the newest entry cut off: the chain that is left still verifies, the anchor does not
        Map<String, Object> last = jdbc.sql("select * from audit_log where seq = ?")
                .param(head)
                .query()
                .singleRow();
        withProtectionOff(() ->
                jdbc.sql("delete from audit_log where seq = ?").param(head).update());
        assertThat(audit.verify()).isEmpty();
        assertThat(audit.checkAnchors())
                .extracting(AuditLog.AnchorProblem::seq, AuditLog.AnchorProblem::fault)
                .containsExactly(Tuple.tuple(head, AuditLog.AnchorFault.MISSING));
        assertThat(plain().get().uri("/api/v1/audit/verify").with(httpBasic("admin", IntegrationTest.ADMIN_PASSWORD)))
                .bodyJson()
                .extractingPath("$.intact")
                .isEqualTo(false);
        assertThat(audit.anchor()).contains(head); // a shorter log never moves the anchor back
        withProtectionOff(() -> jdbc.sql("insert into audit_log (seq, at, actor, client_ip, action, entity, entity_id,"
                        + " detail, prev_hash, hash, region_code) overriding system value values (:seq, :at, :actor,"
                        + " :client_ip, :action, :entity, :entity_id, cast(:detail as jsonb), :prev_hash, :hash,"
                        + " :region_code)")
                .params(restoreParams(last))
                .update());
        assertThat(audit.checkAnchors()).isEmpty();

        // an entry altered and every hash after it recomputed: the chain cannot tell, the anchor can
        String actor = jdbc.sql("select actor from audit_log where seq = ?")
                .param(target)
                .query(String.class)
                .single();
        withProtectionOff(() -> {
            jdbc.sql("update audit_log set actor = 'mallory' where seq = ?")
                    .param(target)
                    .update();
            recomputeFrom(target);
        });
        assertThat(audit.verify()).isEmpty();
        assertThat(audit.checkAnchors())
                .extracting(AuditLog.AnchorProblem::fault)
                .contains(AuditLog.AnchorFault.ALTERED);
        withProtectionOff(() -> {
            jdbc.sql("update audit_log set actor = ? where seq = ?")
                    .params(actor, target)
                    .update();
            recomputeFrom(target);
        });
        assertThat(audit.checkAnchors()).isEmpty();

        // an anchor line written without the key is recognised as such
        String before = Files.readString(anchorFile);
        try {
            Files.writeString(anchorFile, head + " 00ff 2026-01-01T00:00:00Z 0123\n", StandardOpenOption.APPEND);
            assertThat(audit.checkAnchors())
                    .extracting(AuditLog.AnchorProblem::fault)
                    .containsExactly(AuditLog.AnchorFault.BAD_SIGNATURE);
        } finally {
            Files.writeString(anchorFile, before);
        }
    }

    /** What someone controlling the database could do: recompute every hash from an entry onwards. */
    private void recomputeFrom(long seq) {
        jdbc.sql("""
                do $$
                declare r record; previous bytea;
                begin
                  for r in select a.seq from audit_log a where a.seq >= %d order by a.seq loop
                    select hash into previous from audit_log where audit_log.seq < r.seq order by audit_log.seq desc limit 1;
                    update audit_log a set prev_hash = coalesce(previous, '\\x00'::bytea),
                           hash = sha256(coalesce(previous, '\\x00'::bytea) || audit_content(a))
                     where a.seq = r.seq;
                  end loop;
                end $$""".formatted(seq)).update();
    }

    /** The removed row's own values, to put it back exactly (JSON and text as text, nulls as nulls). */
    private static Map<String, Object> restoreParams(Map<String, Object> row) {
        Map<String, Object> p = new HashMap<>(row);
        for (String k : new String[] {"detail", "client_ip", "region_code"}) {
            p.put(k, row.get(k) == null ? null : row.get(k).toString());
        }
        return p;
    }

    /** A client without the default (county) credentials, for calls as another user. */
    private MockMvcTester plain() {
        return MockMvcTester.create(AsSystemInTests.mockMvc(context));
    }

    private void withProtectionOff(Runnable r) {
        jdbc.sql("alter table audit_log disable trigger user").update();
        try {
            r.run();
        } finally {
            jdbc.sql("alter table audit_log enable trigger user").update();
        }
    }

    @Test
    void inspectorsSearchTheirOwnRegionsEntriesOnly() throws Exception {
        long id = createHousehold("D1"); // in TestData.VILLAGE, township TestData.TOWNSHIP
        for (String[] u : new String[][] {{"insp-county", TestData.COUNTY}, {"insp-other", TestData.OTHER_TOWNSHIP}}) {
            jdbc.sql("delete from app_user where username = ?").param(u[0]).update();
            jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code)"
                            + " values (?, ?, ?, 'INSPECTOR', ?)")
                    .params(u[0], encoder.encode("Insp-pass-1234"), u[0], u[1])
                    .update();
        }
        assertThat(plain().get()
                        .uri("/api/v1/audit?entity=household&entityId={id}", id)
                        .with(httpBasic("insp-county", "Insp-pass-1234")))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[*].action")
                .asArray()
                .containsExactly("CREATE");
        assertThat(plain().get()
                        .uri("/api/v1/audit?entity=household&entityId={id}", id)
                        .with(httpBasic("insp-other", "Insp-pass-1234")))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$")
                .asArray()
                .isEmpty();
        // checking the whole chain is the administrator's
        assertThat(plain().get().uri("/api/v1/audit/verify").with(httpBasic("insp-county", "Insp-pass-1234")))
                .hasStatus(403);
    }

    @Test
    void onlyAdministratorsAndInspectorsReadTheLog() {
        jdbc.sql("delete from app_user where username = 'cadre'").update();
        jdbc.sql("insert into app_user (username, password_hash, display_name, role) values ('cadre', ?, '村干部',"
                        + " 'VILLAGE')")
                .param(encoder.encode("Cadre-pass-123"))
                .update();
        MockMvcTester plain = plain();
        assertThat(plain.get().uri("/api/v1/audit").with(httpBasic("cadre", "Cadre-pass-123")))
                .hasStatus(403);
        assertThat(plain.get().uri("/api/v1/audit").with(httpBasic("admin", IntegrationTest.ADMIN_PASSWORD)))
                .hasStatusOk();
    }
}
