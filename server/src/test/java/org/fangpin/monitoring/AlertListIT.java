package org.fangpin.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert list at county scale: a generated backlog in two townships, listed by a county and a township office
 * with every filter, counted, sorted and paged — each answer checked against what the test computes from the alerts
 * it wrote — and assigned in bulk: to one person, and each to its village's cadre, with the alerts that cannot be
 * assigned left and explained.
 */
@IntegrationTest
class AlertListIT {

    static final String PW = "Alerts-pass-123";
    /** A township of this test's own, whose villages have zero, one and two cadres. */
    static final String T3 = "421122102000";

    static final List<String> VILLAGES = List.of(
            TestData.VILLAGE,
            TestData.VILLAGE_2,
            TestData.OTHER_VILLAGE,
            "421122102201",
            "421122102202",
            "421122102203");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    Alerts alerts;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JsonMapper json;

    @TempDir
    Path dir;

    MockMvcTester mvc;
    List<String> rules;

    /** One generated alert, as the test knows it. */
    record A(
            long id,
            String village,
            Alerts.Status status,
            String severity,
            String category,
            List<String> rules,
            LocalDate day,
            String assignee) {}

    final List<A> written = new ArrayList<>();

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        regions.importFile(
                TestData.write(
                        dir,
                        "r.csv",
                        TestData.REGIONS_CSV
                                + "421122102000,七里坪镇,421122000000,4\n"
                                + "421122102201,长胜村,421122102000,5\n"
                                + "421122102202,柳河村,421122102000,5\n"
                                + "421122102203,新店村,421122102000,5\n"),
                "r.csv",
                "t",
                Locale.CHINA);
        TestData.user(jdbc, encoder, "al-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "al-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "al-town3", "TOWNSHIP", T3, PW, false);
        TestData.user(jdbc, encoder, "al-v1", "VILLAGE", "421122102201", PW, false);
        TestData.user(jdbc, encoder, "al-v2a", "VILLAGE", "421122102202", PW, false);
        TestData.user(jdbc, encoder, "al-v2b", "VILLAGE", "421122102202", PW, false);
        rules = jdbc.sql("select distinct code from rule_definition order by code")
                .query(String.class)
                .list();
        generate(new Random(20), 420);
    }

    private void generate(Random rnd, int n) {
        UUID run = UUID.randomUUID();
        LocalDate today = LocalDate.now(clock);
        jdbc.sql("insert into monitoring_run (id, kind, status, as_of, engine, started_by) values (?, 'RUN',"
                        + " 'SUCCEEDED', ?, 'duckdb', 't')")
                .params(run, today)
                .update();
        Alerts.Status[] statuses = Alerts.Status.values();
        String[] severities = {"HIGH", "MEDIUM", "LOW"};
        String[] categories = {"UNSTABLE", "MARGINAL", "SUDDEN_HARDSHIP"};
        for (int i = 0; i < n; i++) {
            String village = VILLAGES.get(rnd.nextInt(VILLAGES.size()));
            Alerts.Status status = statuses[rnd.nextInt(3) == 0 ? rnd.nextInt(statuses.length) : rnd.nextInt(2)];
            String severity = severities[rnd.nextInt(3)];
            String category = categories[rnd.nextInt(3)];
            List<String> fired = rules.stream().filter(r -> rnd.nextInt(4) == 0).toList();
            if (fired.isEmpty()) {
                fired = List.of(rules.get(rnd.nextInt(rules.size())));
            }
            LocalDate day = today.minusDays(rnd.nextInt(60));
            // created at a random time of its day in the platform's zone (near midnight too)
            OffsetDateTime at = day.atStartOfDay(TestData.ZONE)
                    .plusSeconds(rnd.nextInt(86_400))
                    .toOffsetDateTime();
            String assignee = status == Alerts.Status.NEW ? null : "someone";
            long id = jdbc.sql("insert into alert (run_id, household_id, household_no, village_code, status, severity,"
                            + " suggested_category, causes, rules, explanation, created_at, assigned_to) values (?, ?,"
                            + " ?, ?, ?, ?, ?, '{ILLNESS}', ?, '{}', ?, ?) returning id")
                    .params(
                            run,
                            10_000 + i,
                            "AL" + i,
                            village,
                            status.name(),
                            severity,
                            category,
                            fired.toArray(String[]::new),
                            at,
                            assignee)
                    .query(Long.class)
                    .single();
            written.add(new A(id, village, status, severity, category, fired, day, assignee));
        }
    }

    private <T> T as(String user, java.util.function.Supplier<T> work) {
        return users.runAs(user, work);
    }

    /** The ids the test expects, newest first. */
    private List<Long> expected(Predicate<A> p) {
        return written.stream()
                .filter(p)
                .map(A::id)
                .sorted(Comparator.reverseOrder())
                .toList();
    }

    private List<Long> all(String user, Alerts.Filter f, Alerts.Sort sort) {
        List<Long> out = new ArrayList<>();
        for (int offset = 0; ; offset += 50) {
            int o = offset;
            List<Alerts.Item> page = as(user, () -> alerts.list(new Alerts.Query(f, sort, null, o, 50)));
            page.forEach(a -> out.add(a.id()));
            if (page.size() < 50) {
                return out;
            }
        }
    }

    @Test
    void everyFilterCountsAndListsWhatTheTestComputes() {
        LocalDate today = LocalDate.now(clock);
        String rule = rules.get(1);
        Map<String, Predicate<A>> cases = Map.of(
                "county, all", a -> true,
                "township", a -> a.village.startsWith(T3.substring(0, 9)),
                "village", a -> a.village.equals("421122102202"),
                "status", a -> a.status == Alerts.Status.NEW,
                "rule", a -> a.rules.contains(rule),
                "category+severity", a -> a.category.equals("MARGINAL") && a.severity.equals("HIGH"),
                "days", a -> !a.day.isBefore(today.minusDays(20)) && !a.day.isAfter(today.minusDays(10)),
                "assignee", a -> "someone".equals(a.assignee));
        Map<String, Alerts.Filter> filters = Map.of(
                "county, all",
                Alerts.Filter.ALL,
                "township",
                new Alerts.Filter(T3, null, null, null, null, null, null, null, null, null),
                "village",
                new Alerts.Filter("421122102202", null, null, null, null, null, null, null, null, null),
                "status",
                Alerts.Filter.ALL.withStatus(Alerts.Status.NEW),
                "rule",
                new Alerts.Filter(null, null, null, null, null, rule, null, null, null, null),
                "category+severity",
                new Alerts.Filter(null, null, null, null, null, null, "MARGINAL", "HIGH", null, null),
                "days",
                new Alerts.Filter(
                        null, null, null, null, null, null, null, null, today.minusDays(20), today.minusDays(10)),
                "assignee",
                Alerts.Filter.ALL.withAssignee("someone"));
        for (var e : cases.entrySet()) {
            Alerts.Filter f = filters.get(e.getKey());
            List<Long> want = expected(e.getValue());
            assertThat(want).as(e.getKey()).isNotEmpty();
            assertThat(as("al-county", () -> alerts.count(f))).as(e.getKey()).isEqualTo(want.size());
            assertThat(all("al-county", f, Alerts.Sort.NEWEST)).as(e.getKey()).isEqualTo(want);
            // by status under the filter, status aside
            Predicate<A> statusAside = e.getKey().equals("status") ? a -> true : e.getValue();
            Map<Alerts.Status, Long> byStatus = new EnumMap<>(Alerts.Status.class);
            for (Alerts.Status s : Alerts.Status.values()) {
                byStatus.put(
                        s,
                        written.stream()
                                .filter(statusAside)
                                .filter(a -> a.status == s)
                                .count());
            }
            assertThat(as("al-county", () -> alerts.counts(f))).as(e.getKey()).isEqualTo(byStatus);
        }
        // a township office sees its own township only, whatever it asks for
        List<Long> town = expected(a -> a.village.startsWith(TestData.TOWNSHIP.substring(0, 9)));
        assertThat(all("al-town", Alerts.Filter.ALL, Alerts.Sort.NEWEST)).isEqualTo(town);
        assertThat(all(
                        "al-town",
                        new Alerts.Filter(T3, null, null, null, null, null, null, null, null, null),
                        Alerts.Sort.NEWEST))
                .isEmpty();
    }

    @Test
    void sortedAndPagedWithoutLosingOrRepeatingAnAlert() {
        List<Long> oldest = written.stream().map(A::id).sorted().toList();
        assertThat(all("al-county", Alerts.Filter.ALL, Alerts.Sort.OLDEST)).isEqualTo(oldest);
        Map<String, Integer> rank = Map.of("HIGH", 0, "MEDIUM", 1, "LOW", 2);
        List<Long> bySeverity = written.stream()
                .sorted(Comparator.comparing((A a) -> rank.get(a.severity))
                        .thenComparing(A::id, Comparator.reverseOrder()))
                .map(A::id)
                .toList();
        assertThat(all("al-county", Alerts.Filter.ALL, Alerts.Sort.SEVERITY)).isEqualTo(bySeverity);
        List<Long> byVillage = written.stream()
                .sorted(Comparator.comparing(A::village).thenComparing(A::id, Comparator.reverseOrder()))
                .map(A::id)
                .toList();
        assertThat(all("al-county", Alerts.Filter.ALL, Alerts.Sort.VILLAGE)).isEqualTo(byVillage);
        // items carry their rules' names, not their codes
        Alerts.Item first =
                as("al-county", () -> alerts.list(Alerts.Query.all(1))).get(0);
        assertThat(first.ruleNames()).hasSameSizeAs(first.rules());
        assertThat(first.ruleNames()).allSatisfy(r -> assertThat(r.nameZh()).isNotEqualTo(r.code()));
    }

    @Test
    void bulkAssignmentToOnePersonAndToEachVillagesCadre() throws Exception {
        // the county gives every open alert of 七里坪镇 to each village's cadre: 长胜村 has one, 柳河村 two, 新店村 none
        List<A> open = written.stream()
                .filter(a -> a.village.startsWith("421122102")
                        && (a.status == Alerts.Status.NEW || a.status == Alerts.Status.ASSIGNED))
                .toList();
        List<A> closed = written.stream()
                .filter(a -> a.village.startsWith("421122102")
                        && a.status != Alerts.Status.NEW
                        && a.status != Alerts.Status.ASSIGNED)
                .toList();
        List<Long> ids = new ArrayList<>();
        open.forEach(a -> ids.add(a.id));
        closed.forEach(a -> ids.add(a.id));
        ids.add(-1L); // no such alert
        Alerts.Bulk done = as("al-county", () -> alerts.assignAll(ids, null));
        long toOne = open.stream().filter(a -> a.village.equals("421122102201")).count();
        assertThat(done.assigned()).isEqualTo(toOne);
        assertThat(done.skipped()).hasSize(ids.size() - (int) toOne);
        // the reasons name the village (in the caller's language; tests run in the JVM's)
        Map<Long, String> why = new java.util.HashMap<>();
        done.skipped().forEach(k -> why.put(k.id(), k.reason()));
        for (A a : open) {
            if (!a.village.equals("421122102201")) {
                assertThat(why.get(a.id)).contains(a.village.endsWith("202") ? "柳河村" : "新店村");
            }
        }
        assertThat(why.values().stream().filter(r -> r.contains("柳河村")).count())
                .isEqualTo(open.stream().filter(a -> a.village.endsWith("202")).count());
        closed.forEach(a -> assertThat(why.get(a.id)).isNotNull().doesNotContain(a.status.name()));
        assertThat(why.get(-1L)).contains("-1");
        assertThat(jdbc.sql("select count(*) from alert where assigned_to = 'al-v1' and status = 'ASSIGNED'")
                        .query(Long.class)
                        .single())
                .isEqualTo(toOne);
        // each assigned alert has its step, moved from the status it had
        assertThat(jdbc.sql("select count(*) from alert_event e join alert a on a.id = e.alert_id where e.to_status ="
                                + " 'ASSIGNED' and a.assigned_to = 'al-v1' and e.actor = 'al-county'")
                        .query(Long.class)
                        .single())
                .isEqualTo(toOne);

        // the township of 城关镇 cannot give alerts of 七里坪镇 to anyone: they are out of its reach
        List<Long> t3 = open.stream().map(A::id).toList();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> as("al-town", () -> alerts.assignAll(t3, "al-town")))
                .isInstanceOfSatisfying(
                        org.fangpin.common.problem.ApiException.class,
                        e -> assertThat(e.status().value()).isEqualTo(404));
        assertThat(jdbc.sql("select count(*) from alert where assigned_to = 'al-town'")
                        .query(Long.class)
                        .single())
                .isZero();

        // through the API: every open alert of 柳河村 to one of its two cadres, by the township of 七里坪镇
        List<Long> liuhe = open.stream()
                .filter(a -> a.village.equals("421122102202"))
                .map(A::id)
                .toList();
        MvcTestResult r = mvc.post()
                .uri("/api/v1/alerts/assignments")
                .with(httpBasic("al-town3", PW))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("ids", liuhe, "assignee", "al-v2b")))
                .exchange();
        assertThat(r).hasStatusOk();
        JsonNode body = json.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(body.get("assigned").asInt()).isEqualTo(liuhe.size());
        // a cadre of another village does not cover them
        MvcTestResult wrong = mvc.post()
                .uri("/api/v1/alerts/assignments")
                .with(httpBasic("al-town3", PW))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("ids", liuhe, "assignee", "al-v1")))
                .exchange();
        assertThat(wrong).hasStatusOk();
        assertThat(json.readTree(wrong.getResponse().getContentAsString(StandardCharsets.UTF_8))
                        .get("assigned")
                        .asInt())
                .isZero();
        // neither a person nor each village's cadre: refused as a problem document
        assertThat(mvc.post()
                        .uri("/api/v1/alerts/assignments")
                        .with(httpBasic("al-town3", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ids\": [1]}")
                        .exchange())
                .hasStatus(422)
                .bodyText()
                .contains("指派对象");
        // a village cadre may not assign
        assertThat(mvc.post()
                        .uri("/api/v1/alerts/assignments")
                        .with(httpBasic("al-v1", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("ids", liuhe, "eachToVillageCadre", true)))
                        .exchange())
                .hasStatus(403);
    }

    @Test
    void thePickerOffersThePeopleOfTheRegionWithTheirNames() throws Exception {
        // for an alert of 柳河村: its two cadres and the township above it; not the cadre of 长胜村
        assertThat(as("al-county", () -> alerts.assignees("421122102202")).stream()
                        .map(UserAccounts.Person::username)
                        .toList())
                .containsExactlyInAnyOrder("al-town3", "al-v2a", "al-v2b");
        // a township office's whole reach: its own users only
        assertThat(as("al-town3", () -> alerts.assignees(null)).stream()
                        .map(UserAccounts.Person::username)
                        .toList())
                .containsExactlyInAnyOrder("al-town3", "al-v1", "al-v2a", "al-v2b");
        // outside the caller's reach: nobody
        assertThat(as("al-town", () -> alerts.assignees("421122102202"))).isEmpty();
        MvcTestResult r = mvc.get()
                .uri("/api/v1/alerts/assignees?region=421122102201")
                .with(httpBasic("al-county", PW))
                .exchange();
        assertThat(r).hasStatusOk();
        assertThat(r).bodyText().contains("al-v1").contains("\"displayName\"").doesNotContain("al-v2a");
        // the filtered list through the API, with the count under the same filters
        MvcTestResult list = mvc.get()
                .uri("/api/v1/alerts?region=421122102201&sort=OLDEST&offset=0&limit=500")
                .with(httpBasic("al-county", PW))
                .exchange();
        assertThat(list).hasStatusOk();
        JsonNode items = json.readTree(list.getResponse().getContentAsString(StandardCharsets.UTF_8));
        List<Long> want = written.stream()
                .filter(a -> a.village.equals("421122102201"))
                .map(A::id)
                .sorted()
                .toList();
        List<Long> got = new ArrayList<>();
        items.forEach(i -> got.add(i.get("id").asLong()));
        assertThat(got).isEqualTo(want);
        // the API's list carries each explanation, as v1 always has
        assertThat(items.get(0).has("explanation")).isTrue();
        assertThat(Instant.parse(items.get(0).get("createdAt").asString())).isNotNull();
    }
}
