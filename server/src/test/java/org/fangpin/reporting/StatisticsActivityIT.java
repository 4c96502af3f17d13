package org.fangpin.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.Income;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RegistryFigures;
import org.fangpin.registry.Relation;
import org.fangpin.registry.RiskCause;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statistics of work done — households by the measures they have had, how long monitored risks have lasted and
 * how long eliminated ones had lasted (动态清零), alerts and cases per period, income against the line over time —
 * each checked against counts worked out here from a generated population whose plans, measures, alerts and cases
 * the test wrote with known dates; a child region without households shows with zeros.
 */
@IntegrationTest
class StatisticsActivityIT {

    static final String PW = "Stat-pass-123";
    static final long SEED = Long.getLong("fangpin.statistics.seed", 20261206L);
    static final List<String> VILLAGES = List.of(TestData.VILLAGE, TestData.VILLAGE_2, TestData.OTHER_VILLAGE);
    /** A township with a village and no households at all. */
    static final String EMPTY_TOWNSHIP = "421122102000";

    static final List<String> TYPES = List.of("INDUSTRY", "EMPLOYMENT", "MEDICAL_AID", "EDUCATION_AID");
    static final List<String> STATUSES = List.of("PLANNED", "IN_PROGRESS", "DONE", "CANCELLED");

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
    JsonMapper json;

    @Autowired
    Statistics statistics;

    @Autowired
    Clock clock;

    @TempDir
    Path dir;

    LocalDate today;
    LocalDate registered;

    record Measure(String type, String status, LocalDate start) {}

    record Event(String kind, LocalDate on) {}

    record Case(String kind, LocalDate opened, LocalDate deadline, LocalDate closed) {}

    static final class Hh {
        long id;
        String no;
        String village;
        HouseholdIdentity identity;
        MonitoringState state;
        LocalDate since;
        LocalDate eliminatedOn;
        int members;
        final List<Measure> measures = new ArrayList<>();
        /** Per alert, its events (RAISED first). */
        final List<List<Event>> alerts = new ArrayList<>();

        final List<Case> cases = new ArrayList<>();
    }

    final List<Hh> households = new ArrayList<>();

    @BeforeEach
    void setUp() {
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        TestData.reset(jdbc);
        regionImporter.importFile(
                TestData.write(
                        dir,
                        "regions.csv",
                        TestData.REGIONS_CSV + EMPTY_TOWNSHIP + ",七里坪镇,421122000000,4\n" + "421122102201,长胜街村,"
                                + EMPTY_TOWNSHIP + ",5\n"),
                "regions.csv",
                "t",
                Locale.CHINA);
        TestData.user(jdbc, encoder, "act-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "act-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        today = LocalDate.now(clock);
        registered = today.minusDays(40);
        generate(new Random(SEED), 70);
    }

    // ---- the population and its work ----

    private void generate(Random rnd, int n) {
        UUID run = UUID.randomUUID();
        jdbc.sql("insert into monitoring_run (id, kind, status, as_of, engine, started_by) values (?, 'RUN',"
                        + " 'SUCCEEDED', ?, 'duckdb', 't')")
                .params(run, today)
                .update();
        LocalDate yearStart = registered.withDayOfYear(1);
        for (int i = 0; i < n; i++) {
            Hh h = new Hh();
            h.no = "AC" + i;
            h.village = VILLAGES.get(rnd.nextInt(VILLAGES.size()));
            h.identity = rnd.nextBoolean() ? HouseholdIdentity.EXITED : HouseholdIdentity.ORDINARY;
            int s = rnd.nextInt(10);
            h.state = s < 3 ? MonitoringState.NONE : s < 7 ? MonitoringState.MONITORED : MonitoringState.ELIMINATED;
            h.members = 1 + rnd.nextInt(4);
            HouseholdFields f = new HouseholdFields(
                    h.no,
                    h.village,
                    null,
                    h.identity,
                    List.of(),
                    h.identity == HouseholdIdentity.EXITED ? 2019 : null,
                    MonitoringState.NONE,
                    null,
                    null,
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    new Income(2025, BigDecimal.valueOf(3000 + rnd.nextInt(40_000)), null, null, null, null),
                    null);
            if (h.state != MonitoringState.NONE) {
                // some inclusions 2 years back, some a few weeks before registration; one in ten not recorded
                h.since = registered.minusDays(1 + rnd.nextInt(700));
                f = f.included(MonitoringCategory.MARGINAL, List.of(RiskCause.ILLNESS), h.since);
            }
            if (h.state == MonitoringState.ELIMINATED) {
                // eliminated in the registration's year (or on its first day when included before it)
                LocalDate from = h.since.isAfter(yearStart) ? h.since : yearStart;
                h.eliminatedOn = from.plusDays(rnd.nextInt((int) ChronoUnit.DAYS.between(from, registered) + 1));
                f = f.eliminated(h.eliminatedOn, EliminationKind.ASSISTED);
            }
            List<PersonFields> members = new ArrayList<>();
            for (int p = 0; p < h.members; p++) {
                members.add(person(
                        LocalDate.of(1950 + rnd.nextInt(60), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)),
                        i * 10 + p,
                        p == 0));
            }
            h.id = registry.createHousehold(f, members, new Registry.Change("t", registered, "建档"))
                    .id();
            if (h.state != MonitoringState.NONE && rnd.nextInt(5) > 0) {
                plan(rnd, h);
            }
            alerts(rnd, h, run);
            cases(rnd, h);
            households.add(h);
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

    /** A plan and 0–3 measures of random types, statuses and starts (some after today, some before the month end). */
    private void plan(Random rnd, Hh h) {
        jdbc.sql("insert into assistance_plan (household_id, household_no, village_code, started_on,"
                        + " visit_interval_days, created_by, updated_by) values (?, ?, ?, ?, 30, 't', 't')")
                .params(h.id, h.no, h.village, registered)
                .update();
        int k = rnd.nextInt(4);
        for (int m = 0; m < k; m++) {
            Measure x = new Measure(
                    TYPES.get(rnd.nextInt(TYPES.size())),
                    STATUSES.get(rnd.nextInt(STATUSES.size())),
                    today.minusDays(rnd.nextInt(80)).plusDays(10));
            jdbc.sql("insert into assistance_measure (household_id, measure_type, department, description,"
                            + " planned_start, status, created_by, updated_by) values (?, ?, 'AGRICULTURE', '措施', ?,"
                            + " ?, 't', 't')")
                    .params(h.id, x.type(), x.start(), x.status())
                    .update();
            h.measures.add(x);
        }
    }

    /** 0–2 alerts raised in the last 100 days; verified (or not) within 10 days, confirmed ones maybe handed over. */
    private void alerts(Random rnd, Hh h, UUID run) {
        int k = rnd.nextInt(3);
        for (int a = 0; a < k; a++) {
            LocalDate raised = today.minusDays(rnd.nextInt(100));
            List<Event> events = new ArrayList<>(List.of(new Event("RAISED", raised)));
            String status = "NEW";
            int fate = rnd.nextInt(4);
            if (fate > 0) {
                LocalDate decided = min(raised.plusDays(rnd.nextInt(10)), today);
                status = fate == 1 ? "DISMISSED" : "CONFIRMED";
                events.add(new Event(status, decided));
                if (fate == 3) {
                    status = "HANDED";
                    events.add(new Event("HANDED", min(decided.plusDays(rnd.nextInt(5)), today)));
                }
            }
            long id = jdbc.sql("insert into alert (run_id, household_id, household_no, village_code, status, severity,"
                            + " suggested_category, causes, rules, explanation, created_at) values (?, ?, ?, ?, ?,"
                            + " 'HIGH', 'MARGINAL', '{ILLNESS}', '{T}', '{}', " + at(raised) + ") returning id")
                    .params(run, h.id, h.no, h.village, status, raised, zone().getId())
                    .query(Long.class)
                    .single();
            String from = "NEW";
            for (Event e : events.subList(1, events.size())) {
                jdbc.sql("insert into alert_event (alert_id, at, actor, from_status, to_status) values (?, "
                                + at(e.on()) + ", 't', ?, ?)")
                        .params(id, e.on(), zone().getId(), from, e.kind())
                        .update();
                from = e.kind();
            }
            h.alerts.add(events);
        }
    }

    /** 0–2 cases: a decided one (in time or late) and maybe an open one (overdue or not). */
    private void cases(Random rnd, Hh h) {
        int k = rnd.nextInt(3);
        LocalDate opened = today.minusDays(60 + rnd.nextInt(60));
        for (int c = 0; c < k; c++) {
            String kind = rnd.nextBoolean() ? "IDENTIFICATION" : "ELIMINATION";
            LocalDate deadline = opened.plusDays(15 + rnd.nextInt(20));
            boolean last = c == k - 1;
            LocalDate closed = last && rnd.nextBoolean() ? null : min(opened.plusDays(rnd.nextInt(50)), today);
            String stage = closed == null ? "VERIFICATION" : kind.equals("ELIMINATION") ? "ELIMINATED" : "INCLUDED";
            jdbc.sql("insert into case_file (household_id, household_no, village_code, channel, statement,"
                            + " discovered_on, deadline, stage, opened_by, opened_at, closed_at, closed_on, kind)"
                            + " values (?, ?, ?, 'CADRE_CHECK', '排查', ?, ?, ?, 't', " + at(opened) + ", "
                            + (closed == null ? "null" : "now()") + ", ?, ?)")
                    .params(h.id, h.no, h.village, opened, deadline, stage, opened, zone().getId(), closed, kind)
                    .update();
            h.cases.add(new Case(kind, opened, deadline, closed));
            if (closed == null) {
                break;
            }
            opened = min(closed.plusDays(1 + rnd.nextInt(20)), today);
        }
    }

    /**
     * A time on a date parameter in the platform's zone: just after midnight or just before it, so that a count
     * reading the day in any other zone (UTC, the server's) puts it on a neighbouring day.
     */
    private static String at(LocalDate day) {
        return "(cast(? as date) + time '" + (day.getDayOfMonth() % 2 == 0 ? "00:30" : "23:30") + "') at time zone ?";
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    // ---- the answers worked out here ----

    private static String pad(String prefix) {
        return prefix + "0".repeat(12 - prefix.length());
    }

    /** Households (and members) per township | state | measure type ("NONE": no measure) as of the day. */
    private Map<String, List<Long>> expectedMeasures(LocalDate d) {
        Map<String, long[]> out = new TreeMap<>();
        for (Hh h : households) {
            Set<String> types = new HashSet<>();
            for (Measure m : h.measures) {
                if (!m.status().equals("CANCELLED") && !m.start().isAfter(d)) {
                    types.add(m.type());
                }
            }
            if (types.isEmpty()) {
                types.add("NONE");
            }
            for (String t : types) {
                long[] n =
                        out.computeIfAbsent(pad(h.village.substring(0, 9)) + "|" + h.state + "|" + t, k -> new long[2]);
                n[0]++;
                n[1] += h.members;
            }
        }
        return lists(out);
    }

    /** Monitored households per risk age as of the day (whole months from inclusion). */
    private Map<String, Long> expectedRiskAges(LocalDate d) {
        Map<String, Long> out = new TreeMap<>();
        for (Hh h : households) {
            if (h.state == MonitoringState.MONITORED) {
                out.merge(StatisticsIT.riskAge(h.since, d), 1L, Long::sum);
            }
        }
        return out;
    }

    /** Households eliminated from {@code from} to {@code to}, by how long their risk had lasted. */
    private Map<String, Long> expectedEliminatedAfter(LocalDate from, LocalDate to) {
        Map<String, Long> out = new TreeMap<>();
        for (Hh h : households) {
            if (h.eliminatedOn != null && !h.eliminatedOn.isBefore(from) && !h.eliminatedOn.isAfter(to)) {
                out.merge(StatisticsIT.riskAge(h.since, h.eliminatedOn), 1L, Long::sum);
            }
        }
        return out;
    }

    /** Alerts per township | figure in the span: each alert once per figure. */
    private Map<String, Long> expectedAlerts(LocalDate from, LocalDate to) {
        Map<String, Long> out = new TreeMap<>();
        for (Hh h : households) {
            for (List<Event> alert : h.alerts) {
                Set<String> figures = new HashSet<>();
                for (Event e : alert) {
                    if (!e.on().isBefore(from) && !e.on().isAfter(to)) {
                        figures.add(e.kind());
                        if (e.kind().equals("CONFIRMED") || e.kind().equals("DISMISSED")) {
                            figures.add("VERIFIED");
                        }
                    }
                }
                figures.forEach(f -> out.merge(pad(h.village.substring(0, 9)) + "|" + f, 1L, Long::sum));
            }
        }
        return out;
    }

    /** Cases per township | kind | figure in the span. */
    private Map<String, Long> expectedCases(LocalDate from, LocalDate to) {
        Map<String, Long> out = new TreeMap<>();
        for (Hh h : households) {
            for (Case c : h.cases) {
                String key = pad(h.village.substring(0, 9)) + "|" + c.kind() + "|";
                if (!c.opened().isBefore(from) && !c.opened().isAfter(to)) {
                    out.merge(key + "OPENED", 1L, Long::sum);
                }
                if (c.closed() != null
                        && !c.closed().isBefore(from)
                        && !c.closed().isAfter(to)) {
                    out.merge(key + "DECIDED", 1L, Long::sum);
                    out.merge(
                            key + (c.closed().isAfter(c.deadline()) ? "DECIDED_LATE" : "DECIDED_IN_TIME"),
                            1L,
                            Long::sum);
                }
                boolean openAtEnd = !c.opened().isAfter(to)
                        && (c.closed() == null || c.closed().isAfter(to));
                if (openAtEnd && c.deadline().isBefore(to)) {
                    out.merge(key + "OVERDUE", 1L, Long::sum);
                }
            }
        }
        return out;
    }

    private static Map<String, List<Long>> lists(Map<String, long[]> m) {
        Map<String, List<Long>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
        return out;
    }

    // ---- the API's answers ----

    private MvcTestResult get(String user, String path) {
        return mvc.get().uri(path).with(httpBasic(user, PW)).exchange();
    }

    private JsonNode read(String user, String path) throws Exception {
        MvcTestResult r = get(user, path);
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(path + " → " + body).isEqualTo(200);
        return json.readTree(body);
    }

    /** Households and members per row region | state | key, identities summed. */
    private Map<String, List<Long>> stock(String by, LocalDate asOf) throws Exception {
        JsonNode s = read(
                "act-county",
                "/api/v1/statistics/households?region=" + TestData.COUNTY + "&by=" + by + "&asOf=" + asOf);
        Map<String, long[]> out = new TreeMap<>();
        for (JsonNode row : s.get("rows")) {
            long[] n = out.computeIfAbsent(
                    row.get("region").asString() + "|" + row.get("state").asString() + "|"
                            + row.get("key").asString(),
                    k -> new long[2]);
            n[0] += row.get("households").asLong();
            n[1] += row.get("persons").asLong();
        }
        return lists(out);
    }

    private static Map<String, Long> nonZero(JsonNode counts, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        counts.properties().forEach(e -> {
            if (e.getValue().asLong() != 0) {
                out.put(prefix + e.getKey(), e.getValue().asLong());
            }
        });
        return out;
    }

    // ---- the checks ----

    @Test
    void householdsByMeasureAndRiskAgeReconcileLiveAndAtTheMonthEnd() throws Exception {
        LocalDate monthEnd = YearMonth.from(today).minusMonths(1).atEndOfMonth();
        for (LocalDate d : List.of(today, monthEnd, today.minusDays(7))) {
            assertThat(stock("MEASURE", d)).as("by measure as of %s", d).isEqualTo(expectedMeasures(d));
            Map<String, Long> ages = new TreeMap<>();
            stock("RISK_AGE", d)
                    .forEach((k, n) -> ages.merge(k.substring(k.lastIndexOf('|') + 1), n.get(0), Long::sum));
            assertThat(ages).as("risk ages as of %s", d).isEqualTo(expectedRiskAges(d));
            // each figure's list: its households, as many as the figure says (region|state|key)
            for (String by : List.of("MEASURE", "RISK_AGE")) {
                for (var e : stock(by, d).entrySet()) {
                    String[] k = e.getKey().split("\\|", -1);
                    JsonNode list = read(
                            "act-county",
                            "/api/v1/statistics/households/list?region=" + k[0] + "&asOf=" + d + "&by=" + by + "&key="
                                    + k[2] + "&state=" + k[1] + "&limit=500");
                    assertThat(List.of(
                                    list.get("total").asLong(),
                                    list.get("persons").asLong()))
                            .as("%s %s as of %s", by, e.getKey(), d)
                            .isEqualTo(e.getValue());
                    assertThat(list.get("items").size())
                            .isEqualTo((int) list.get("total").asLong());
                }
            }
        }
        // not trivial: households with and without measures, several risk ages, cancelled and future measures
        assertThat(expectedMeasures(today).keySet())
                .anyMatch(k -> k.endsWith("|MONITORED|NONE"))
                .anyMatch(k -> k.contains("|MONITORED|") && !k.endsWith("NONE"));
        assertThat(expectedRiskAges(today)).hasSizeGreaterThan(2);
        assertThat(households.stream().flatMap(h -> h.measures.stream()))
                .anyMatch(m -> m.status().equals("CANCELLED"))
                .anyMatch(m -> m.start().isAfter(today));
        // the page's trend takes today's point from the cuts it has just counted: the same as counting it again
        var counted = statistics.stocks(
                TestData.COUNTY,
                null,
                EnumSet.of(RegistryFigures.Dimension.CATEGORY, RegistryFigures.Dimension.INCOME));
        assertThat(statistics.trend(TestData.COUNTY, 2, counted))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("source")
                .isEqualTo(statistics.trend(TestData.COUNTY, 2))
                .last()
                .satisfies(p -> assertThat(p.persons()).isPositive());
        // a township with no households is a row of the county's figures, with nothing under it
        JsonNode s = read("act-county", "/api/v1/statistics/households?region=" + TestData.COUNTY);
        assertThat(s.get("names").has(EMPTY_TOWNSHIP)).isTrue();
        assertThat(s.get("names").get(EMPTY_TOWNSHIP).asString()).isEqualTo("七里坪镇");
    }

    @Test
    void alertsAndCasesPerPeriodReconcile() throws Exception {
        YearMonth last = YearMonth.from(today).minusMonths(1);
        List<String[]> periods = List.of(
                new String[] {
                    YearMonth.from(today).toString(), today.withDayOfMonth(1).toString(), today.toString()
                },
                new String[] {
                    last.toString(),
                    last.atDay(1).toString(),
                    last.atEndOfMonth().toString()
                },
                new String[] {
                    String.valueOf(today.getYear()), today.withDayOfYear(1).toString(), today.toString()
                });
        for (String[] p : periods) {
            LocalDate from = LocalDate.parse(p[1]);
            LocalDate to = LocalDate.parse(p[2]);
            JsonNode a =
                    read("act-county", "/api/v1/statistics/activity?region=" + TestData.COUNTY + "&period=" + p[0]);
            assertThat(a.get("to").asString()).isEqualTo(to.toString());
            Map<String, Long> alerts = new TreeMap<>();
            a.get("alerts").properties().forEach(e -> alerts.putAll(nonZero(e.getValue(), e.getKey() + "|")));
            assertThat(alerts).as("alerts in %s", p[0]).isEqualTo(expectedAlerts(from, to));
            Map<String, Long> cases = new TreeMap<>();
            a.get("cases")
                    .properties()
                    .forEach(r -> r.getValue()
                            .properties()
                            .forEach(k -> cases.putAll(nonZero(k.getValue(), r.getKey() + "|" + k.getKey() + "|"))));
            assertThat(cases).as("cases in %s", p[0]).isEqualTo(expectedCases(from, to));
            // totals are the sums, each alert once
            long raised = expectedAlerts(from, to).entrySet().stream()
                    .filter(e -> e.getKey().endsWith("|RAISED"))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            assertThat(a.get("alertTotals").get("RAISED").asLong()).isEqualTo(raised);
            // the alerts and cases behind each figure: as many as it says, in the region's villages
            for (var f : a.get("alertTotals").properties()) {
                JsonNode list = read(
                        "act-county",
                        "/api/v1/statistics/activity/alerts?region=" + TestData.COUNTY + "&period=" + p[0] + "&figure="
                                + f.getKey() + "&limit=500");
                assertThat(list.get("total").asLong())
                        .as("alerts %s %s", p[0], f.getKey())
                        .isEqualTo(f.getValue().asLong());
                assertThat(list.get("items").size())
                        .isEqualTo((int) f.getValue().asLong());
            }
            for (var byKind : a.get("caseTotals").properties()) {
                for (var f : byKind.getValue().properties()) {
                    JsonNode list = read(
                            "act-county",
                            "/api/v1/statistics/activity/cases?region=" + TestData.COUNTY + "&period=" + p[0] + "&kind="
                                    + byKind.getKey() + "&figure=" + f.getKey() + "&limit=500");
                    assertThat(list.get("total").asLong())
                            .as("cases %s %s %s", p[0], byKind.getKey(), f.getKey())
                            .isEqualTo(f.getValue().asLong());
                    for (JsonNode c : list.get("items")) {
                        assertThat(c.get("villageCode").asString()).startsWith(TestData.COUNTY.substring(0, 6));
                    }
                }
            }
            assertThat(a.get("names").has(EMPTY_TOWNSHIP)).isTrue();
        }
        Map<String, Long> year = expectedCases(today.withDayOfYear(1), today);
        assertThat(year.keySet())
                .anyMatch(k -> k.endsWith("|DECIDED_LATE"))
                .anyMatch(k -> k.endsWith("|DECIDED_IN_TIME"))
                .anyMatch(k -> k.endsWith("|OVERDUE"));
        // a township sees its own villages only
        JsonNode t = read("act-town", "/api/v1/statistics/activity?region=" + TestData.COUNTY);
        assertThat(t.get("region").get("code").asString()).isEqualTo(TestData.TOWNSHIP);
        t.get("alerts").properties().forEach(e -> assertThat(e.getKey()).startsWith(TestData.TOWNSHIP.substring(0, 9)));
        assertThat(get("act-town", "/api/v1/statistics/activity?region=" + TestData.OTHER_TOWNSHIP))
                .hasStatus(403);
    }

    @Test
    void eliminationsOfAPeriodByHowLongTheRiskLasted() throws Exception {
        int year = registered.getYear();
        JsonNode c = read("act-county", "/api/v1/statistics/changes?region=" + TestData.COUNTY + "&period=" + year);
        LocalDate to = LocalDate.parse(c.get("to").asString());
        Map<String, Long> after = nonZero(c.get("eliminatedAfter"), "");
        assertThat(after).isEqualTo(expectedEliminatedAfter(LocalDate.of(year, 1, 1), to));
        assertThat(after.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(c.get("totals").get("ELIMINATED").asLong())
                .isPositive();
        // each band lists its households: as many as it says, and together the period's eliminations
        long listed = 0;
        for (var band : after.entrySet()) {
            JsonNode list = read(
                    "act-county",
                    "/api/v1/statistics/changes/households?region=" + TestData.COUNTY + "&period=" + year
                            + "&change=ELIMINATED&after=" + band.getKey() + "&limit=500");
            assertThat(list.get("total").asLong())
                    .as("eliminated after %s", band.getKey())
                    .isEqualTo(band.getValue());
            listed += list.get("items").size();
        }
        assertThat(listed).isEqualTo(c.get("totals").get("ELIMINATED").asLong());
        assertThat(get("act-county", "/api/v1/statistics/changes/households?change=ELIMINATED&after=2-3"))
                .hasStatus(422);
        // the trend: month ends before the first registration hold nothing and freeze no snapshot; the others do
        JsonNode trend = read("act-county", "/api/v1/statistics/trend?region=" + TestData.COUNTY + "&months=3");
        assertThat(trend.size()).isEqualTo(4);
        for (JsonNode point : trend) {
            LocalDate d = LocalDate.parse(point.get("asOf").asString());
            long all = 0;
            for (var n : point.get("households").properties()) {
                all += n.getValue().asLong();
            }
            long byIncome = 0;
            for (var n : point.get("income").properties()) {
                byIncome += n.getValue().asLong();
            }
            assertThat(byIncome).as("income bands at %s", d).isEqualTo(all);
            assertThat(all).as("households at %s", d).isEqualTo(d.isBefore(registered) ? 0 : households.size());
            JsonNode snapshot = point.get("source").get("snapshot");
            assertThat(snapshot == null || snapshot.isNull())
                    .as("no snapshot at %s", d)
                    .isEqualTo(d.isBefore(registered) || d.equals(today));
        }
        assertThat(jdbc.sql("select count(*) from stat_snapshot where as_of < ?")
                        .param(registered)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void thePageShowsWorkAndClearanceWithNumbersBesideCharts() throws Exception {
        MvcTestResult r = get("act-county", "/statistics?region=" + TestData.COUNTY + "&by=MEASURE");
        assertThat(r).hasStatusOk();
        // the alerts and cases behind a figure, as pages: the figure in words, each entry linked
        long raised = read(
                        "act-county",
                        "/api/v1/statistics/activity?region=" + TestData.COUNTY + "&period=" + today.getYear())
                .get("alertTotals")
                .get("RAISED")
                .asLong();
        MvcTestResult alerts = get(
                "act-county",
                "/statistics/alerts?region=" + TestData.COUNTY + "&period=" + today.getYear() + "&figure=RAISED");
        assertThat(alerts).hasStatusOk();
        assertThat(alerts.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("新增预警", "共 " + raised + " 条预警", "/alerts/")
                .doesNotContain("statistics.", "RAISED<", "??");
        MvcTestResult cases = get(
                "act-county",
                "/statistics/cases?region=" + TestData.COUNTY + "&period=" + today.getYear()
                        + "&kind=IDENTIFICATION&figure=OVERDUE");
        assertThat(cases).hasStatusOk();
        assertThat(cases.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("超期未办结", "件案件")
                .doesNotContain("statistics.", "OVERDUE<", "??");
        String page = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        long monitored = households.stream()
                .filter(h -> h.state == MonitoringState.MONITORED)
                .count();
        long without = expectedMeasures(today).entrySet().stream()
                .filter(e -> e.getKey().endsWith("|MONITORED|NONE"))
                .mapToLong(e -> e.getValue().get(0))
                .sum();
        assertThat(page)
                .contains("帮扶措施", "产业帮扶", "尚无帮扶措施", "动态清零进度", "预警与案件办理", "超期未办结", "七里坪镇")
                .contains("id=\"risk-ages\"", "id=\"alert-activity\"", "id=\"case-activity\"", "id=\"income-trend\"")
                .contains(">" + (monitored - without) + "<", ">" + without + "<")
                .doesNotContain("statistics.", "??", "RAISED<", "DECIDED_LATE<", "NONE<", "12+<");
        MvcTestResult en = mvc.get()
                .uri("/statistics?region=" + TestData.COUNTY + "&by=RISK_AGE&lang=en")
                .with(httpBasic("act-county", PW))
                .exchange();
        assertThat(en.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("Alerts and cases", "Progress of dynamic clearing", "12 months or more", "Overdue, open")
                .doesNotContain("statistics.", "??");
    }
}
