package org.fangpin.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionImporter;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.Health;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.IdentityFlag;
import org.fangpin.registry.Income;
import org.fangpin.registry.LabourCapacity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RegistryFigures;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.registry.RegistryFigures.MonitoringChange;
import org.fangpin.registry.Relation;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.UserAccounts;
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
 * Every statistic reconciles with counts worked out here, independently, from a generated population whose history
 * the test wrote: inclusions, eliminations, re-inclusions, withdrawals, moves between villages, deletions and
 * same-day corrections at random dates over 13 months. Checked at county and township level, for live and past days,
 * for months, a quarter and a year; a past day's figures stay frozen after a backdated edit; scope and permission.
 */
@IntegrationTest
class StatisticsIT {

    static final String PW = "Stat-pass-123";
    static final long SEED = Long.getLong("fangpin.statistics.seed", 20261205L);
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
    RegistryFigures figures;

    @Autowired
    org.fangpin.reporting.internal.Snapshots snapshots;

    @Autowired
    JsonMapper json;

    @Autowired
    StatisticsLists lists;

    @Autowired
    UserAccounts users;

    @Autowired
    Clock clock;

    @TempDir
    Path dir;

    LocalDate today;
    LocalDate registered;

    /** What the test wrote: per household, its versions (effective date order) and members. */
    final List<Model> households = new ArrayList<>();

    record Version(
            LocalDate from,
            String village,
            HouseholdIdentity identity,
            List<IdentityFlag> flags,
            MonitoringState state,
            String category,
            List<RiskCause> causes,
            LocalDate since,
            LocalDate eliminatedOn,
            boolean deleted) {}

    /** A member, from the day they joined the household. */
    record Member(
            LocalDate from, LocalDate birth, LabourCapacity labour, Health health, boolean dibao, boolean tekun) {}

    static final class Model {
        long id;
        final List<Version> versions = new ArrayList<>();
        final List<Member> members = new ArrayList<>();
        BigDecimal wage;

        /** The members on the day. */
        List<Member> members(LocalDate d) {
            return members.stream().filter(p -> !p.from().isAfter(d)).toList();
        }

        /** The version in force on the day (the last that began by then), if not deleted. */
        Version on(LocalDate d) {
            Version in = null;
            for (Version v : versions) {
                if (!v.from().isAfter(d)) {
                    in = v;
                }
            }
            return in == null || in.deleted() ? null : in;
        }

        /** The versions that were in force at least a day (one replaced the day it began never was). */
        List<Version> effective() {
            List<Version> out = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                if (i + 1 < versions.size()
                        && versions.get(i + 1).from().equals(versions.get(i).from())) {
                    continue;
                }
                out.add(versions.get(i));
            }
            return out;
        }
    }

    @BeforeEach
    void setUp() {
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        TestData.reset(jdbc);
        regionImporter.importFile(
                TestData.write(dir, "regions.csv", TestData.REGIONS_CSV), "regions.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "stat-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "stat-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "stat-dept", "DEPARTMENT", TestData.COUNTY, PW, false);
        today = LocalDate.now(clock);
        registered = today.minusDays(400);
        generate(new Random(SEED), 90);
    }

    // ---- the population and its history ----

    private void generate(Random rnd, int n) {
        for (int i = 0; i < n; i++) {
            Model m = new Model();
            String village = VILLAGES.get(rnd.nextInt(VILLAGES.size()));
            HouseholdIdentity identity = rnd.nextInt(10) < 6 ? HouseholdIdentity.EXITED : HouseholdIdentity.ORDINARY;
            // most were registered in the initial load; some later, a few of those already monitored
            boolean late = rnd.nextInt(6) == 0;
            LocalDate since0 = late ? registered.plusDays(1 + rnd.nextInt(380)) : registered;
            List<PersonFields> members = new ArrayList<>();
            int size = 1 + rnd.nextInt(4);
            for (int j = 0; j < size; j++) {
                members.add(member(rnd, m, i * 10 + j, j == 0, since0));
            }
            m.wage = rnd.nextInt(4) == 0 ? null : BigDecimal.valueOf(rnd.nextInt(40_000));
            int start = rnd.nextInt(20);
            MonitoringState state = start < 12
                    ? MonitoringState.NONE
                    : start < 17 ? MonitoringState.MONITORED : MonitoringState.ELIMINATED;
            MonitoringCategory category = category(rnd, identity);
            List<RiskCause> causes = state == MonitoringState.NONE ? List.of() : causes(rnd);
            List<IdentityFlag> flags = identity == HouseholdIdentity.EXITED && rnd.nextInt(5) == 0
                    ? List.of(IdentityFlag.RELOCATED)
                    : List.of();
            HouseholdFields f = new HouseholdFields(
                    "ST" + i,
                    village,
                    null,
                    identity,
                    flags,
                    identity == HouseholdIdentity.EXITED ? 2019 : null,
                    MonitoringState.NONE,
                    null,
                    null,
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    m.wage == null ? Income.NONE : new Income(2025, m.wage, null, null, null, null),
                    null);
            if (state != MonitoringState.NONE) {
                f = f.included(category, causes, since0.minusDays(late ? rnd.nextInt(40) : 100 + rnd.nextInt(300)));
            }
            if (state == MonitoringState.ELIMINATED) {
                f = f.eliminated(since0.minusDays(late ? 0 : rnd.nextInt(90)), EliminationKind.ASSISTED);
            }
            HouseholdView h = registry.createHousehold(f, members, new Registry.Change("t", since0, "建档"));
            m.id = h.id();
            m.versions.add(version(since0, h));
            // 0–4 changes at random days (two on one day now and then: the first was never in force)
            int changes = rnd.nextInt(5);
            List<LocalDate> days = new ArrayList<>();
            long span = today.toEpochDay() - since0.toEpochDay() - 1;
            for (int c = 0; c < changes && span > 1; c++) {
                days.add(since0.plusDays(1 + rnd.nextLong(span)));
            }
            days.sort(null);
            if (days.size() >= 2 && rnd.nextInt(3) == 0) {
                days.set(1, days.get(0));
            }
            for (LocalDate day : days) {
                h = registry.household(m.id).orElseThrow();
                int what = rnd.nextInt(20);
                Registry.Change change = new Registry.Change("t", day, "变更");
                if (what == 0) {
                    registry.deleteHousehold(m.id, h.version(), change);
                    m.versions.add(new Version(
                            day,
                            h.villageCode(),
                            h.identity(),
                            h.identityFlags(),
                            h.monitoringState(),
                            cat(h),
                            h.riskCauses(),
                            h.monitoringSince(),
                            h.eliminatedOn(),
                            true));
                    break;
                }
                if (what == 1) {
                    // a member joins (a birth, a marriage): the household's own version does not change
                    registry.addMember(m.id, member(rnd, m, i * 10 + 5 + m.members.size(), false, day), change);
                    continue;
                }
                HouseholdFields next;
                if (what < 5) {
                    next = moved(h.fields(), VILLAGES.get(rnd.nextInt(VILLAGES.size())));
                } else if (h.monitoringState() == MonitoringState.NONE) {
                    next = h.fields().included(category(rnd, h.identity()), causes(rnd), day);
                } else if (h.monitoringState() == MonitoringState.MONITORED) {
                    next = rnd.nextInt(4) == 0
                            ? h.fields().withMonitoring(MonitoringState.NONE, null, null, List.of(), null, null)
                            : h.fields().eliminated(day, EliminationKind.ASSISTED);
                } else {
                    next = h.fields()
                            .included(
                                    h.monitoringCategory() == null
                                            ? category(rnd, h.identity())
                                            : h.monitoringCategory(),
                                    causes(rnd),
                                    day);
                }
                h = registry.replaceHousehold(m.id, h.version(), next, change);
                m.versions.add(version(day, h));
            }
            households.add(m);
        }
    }

    /** A random member joining on the day, recorded in the model too. */
    private static PersonFields member(Random rnd, Model m, int seq, boolean head, LocalDate from) {
        LocalDate birth = LocalDate.of(1940 + rnd.nextInt(85), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        LabourCapacity labour = rnd.nextInt(5) == 0 ? null : LabourCapacity.values()[rnd.nextInt(5)];
        Health health = rnd.nextInt(5) == 0 ? null : Health.values()[rnd.nextInt(4)];
        boolean dibao = rnd.nextInt(6) == 0;
        boolean tekun = rnd.nextInt(12) == 0;
        m.members.add(new Member(from, birth, labour, health, dibao, tekun));
        return new PersonFields(
                TestData.id(birth, 100 + seq),
                "成员" + seq,
                head ? Relation.HEAD : Relation.SON,
                null,
                null,
                null,
                null,
                health,
                health == Health.DISABLED ? 1 + rnd.nextInt(4) : null,
                labour,
                null,
                null,
                null,
                false,
                false,
                dibao,
                tekun,
                false);
    }

    private static MonitoringCategory category(Random rnd, HouseholdIdentity identity) {
        return rnd.nextInt(5) == 0
                ? MonitoringCategory.SUDDEN_HARDSHIP
                : identity == HouseholdIdentity.EXITED ? MonitoringCategory.UNSTABLE : MonitoringCategory.MARGINAL;
    }

    private static List<RiskCause> causes(Random rnd) {
        Set<RiskCause> out = new LinkedHashSet<>();
        int n = 1 + rnd.nextInt(2);
        while (out.size() < n) {
            out.add(RiskCause.values()[rnd.nextInt(RiskCause.values().length)]);
        }
        return List.copyOf(out);
    }

    private static Version version(LocalDate from, HouseholdView h) {
        return new Version(
                from,
                h.villageCode(),
                h.identity(),
                h.identityFlags(),
                h.monitoringState(),
                cat(h),
                h.riskCauses(),
                h.monitoringSince(),
                h.eliminatedOn(),
                false);
    }

    private static String cat(HouseholdView h) {
        return h.monitoringCategory() == null ? "" : h.monitoringCategory().name();
    }

    private static HouseholdFields moved(HouseholdFields f, String village) {
        return new HouseholdFields(
                f.householdNo(),
                village,
                f.address(),
                f.identity(),
                f.identityFlags(),
                f.exitYear(),
                f.monitoringState(),
                f.monitoringCategory(),
                f.monitoringSince(),
                f.riskCauses(),
                f.eliminatedOn(),
                f.eliminationKind(),
                f.housingGrade(),
                f.waterSafe(),
                f.income(),
                null);
    }

    // ---- the answers worked out here ----

    /** The households {@link #expectedStock} counted last, per key: the lists behind the figures. */
    final Map<String, Set<Long>> expectedIds = new TreeMap<>();

    /** The household {@link #expectedStock} is counting (what {@link #add} notes under each key). */
    private Long counting;

    /** Expected households and persons per (row region, identity, state, key) as of the day, under a region. */
    private Map<String, long[]> expectedStock(LocalDate d, Dimension by, String region, int digits) {
        RegionCode.CodeRange range = RegionCode.subtree(region, level(region));
        Map<String, long[]> out = new TreeMap<>();
        expectedIds.clear();
        for (Model m : households) {
            counting = m.id;
            Version v = m.on(d);
            if (v == null || !range.contains(v.village())) {
                continue;
            }
            List<Member> in = m.members(d);
            String row = pad(v.village().substring(0, digits));
            String prefix = row + "|" + v.identity() + "|" + v.state() + "|";
            switch (by) {
                case CATEGORY -> add(out, prefix + v.category(), 1, in.size());
                case CAUSE -> v.causes().forEach(c -> add(out, prefix + c, 1, in.size()));
                case FLAG -> v.flags().forEach(f -> add(out, prefix + f, 1, in.size()));
                case LABOUR ->
                    members(
                            out,
                            prefix,
                            in,
                            p -> p.labour() == null ? "" : p.labour().name());
                case HEALTH ->
                    members(
                            out,
                            prefix,
                            in,
                            p -> p.health() == null ? "" : p.health().name());
                case AGE ->
                    members(
                            out,
                            prefix,
                            in,
                            p -> ageGroup(d.getYear() - p.birth().getYear()));
                case LOW_INCOME -> {
                    long dibao = in.stream().filter(Member::dibao).count();
                    long tekun = in.stream().filter(Member::tekun).count();
                    if (dibao > 0) {
                        add(out, prefix + "DIBAO", 1, dibao);
                    }
                    if (tekun > 0) {
                        add(out, prefix + "TEKUN", 1, tekun);
                    }
                }
                case INCOME -> add(out, prefix + band(m, in.size()), 1, in.size());
                // this population has no plans: every household is without a measure
                case MEASURE -> add(out, prefix + "NONE", 1, in.size());
                case RISK_AGE -> {
                    if (v.state() == MonitoringState.MONITORED) {
                        add(out, prefix + riskAge(v.since(), d), 1, in.size());
                    }
                }
            }
        }
        return out;
    }

    /** Members by a value of theirs: households with such members, and the members. */
    private void members(
            Map<String, long[]> out, String prefix, List<Member> in, java.util.function.Function<Member, String> key) {
        Map<String, Integer> groups = new HashMap<>();
        for (Member p : in) {
            groups.merge(key.apply(p), 1, Integer::sum);
        }
        groups.forEach((g, k) -> add(out, prefix + g, 1, k));
    }

    /**
     * Per-capita income against the default line (6,000 yuan) and edge factor (1.5) of the seeded parameters,
     * unrounded as the monitoring rules compare it.
     */
    private static String band(Model m, int members) {
        if (m.wage == null || members == 0) {
            return "UNKNOWN";
        }
        if (m.wage.compareTo(BigDecimal.valueOf(6000L * members)) < 0) {
            return "BELOW_LINE";
        }
        return m.wage.compareTo(BigDecimal.valueOf(9000L * members)) < 0 ? "NEAR_LINE" : "ABOVE";
    }

    /** Whole months from the inclusion to the day, grouped. */
    static String riskAge(LocalDate since, LocalDate d) {
        if (since == null || since.isAfter(d)) {
            return "UNKNOWN";
        }
        long months = ChronoUnit.MONTHS.between(since, d);
        return months < 3 ? "0-3" : months < 6 ? "3-6" : months < 12 ? "6-12" : "12+";
    }

    private static String ageGroup(int age) {
        return age < 6 ? "0-5" : age < 16 ? "6-15" : age < 60 ? "16-59" : age < 65 ? "60-64" : "65+";
    }

    /** Expected distinct households per (row region, change) and per change, for days in [from, to]. */
    private Map<String, Set<Long>> expectedChanges(LocalDate from, LocalDate to, String region, int digits) {
        RegionCode.CodeRange range = RegionCode.subtree(region, level(region));
        Map<String, Set<Long>> out = new TreeMap<>();
        for (Model m : households) {
            List<Version> vs = m.effective();
            // registered monitored (or eliminated): included on its inclusion day, eliminated on its elimination day
            Version first = vs.get(0);
            if (!first.deleted() && !first.from().isAfter(to) && range.contains(first.village())) {
                if (first.state() != MonitoringState.NONE && within(first.since(), from, to)) {
                    note(out, m, first.village(), digits, MonitoringChange.INCLUDED);
                }
                if (first.state() == MonitoringState.ELIMINATED && within(first.eliminatedOn(), from, to)) {
                    note(out, m, first.village(), digits, MonitoringChange.ELIMINATED);
                }
            }
            for (int i = 1; i < vs.size(); i++) {
                Version cur = vs.get(i);
                Version prev = vs.get(i - 1);
                if (cur.deleted() || cur.from().isBefore(from) || cur.from().isAfter(to)) {
                    continue;
                }
                if (cur.state() == prev.state()
                        || (cur.state() != MonitoringState.MONITORED && prev.state() != MonitoringState.MONITORED)) {
                    continue;
                }
                if (!range.contains(cur.village())) {
                    continue;
                }
                boolean eliminatedBefore =
                        vs.subList(0, i).stream().anyMatch(v -> v.state() == MonitoringState.ELIMINATED);
                MonitoringChange kind = cur.state() == MonitoringState.MONITORED
                        ? (eliminatedBefore ? MonitoringChange.REINCLUDED : MonitoringChange.INCLUDED)
                        : cur.state() == MonitoringState.ELIMINATED
                                ? MonitoringChange.ELIMINATED
                                : MonitoringChange.WITHDRAWN;
                note(out, m, cur.village(), digits, kind);
            }
        }
        return out;
    }

    private static boolean within(LocalDate d, LocalDate from, LocalDate to) {
        return d != null && !d.isBefore(from) && !d.isAfter(to);
    }

    private static void note(Map<String, Set<Long>> out, Model m, String village, int digits, MonitoringChange kind) {
        out.computeIfAbsent(pad(village.substring(0, digits)) + "|" + kind, k -> new HashSet<>())
                .add(m.id);
        out.computeIfAbsent("total|" + kind, k -> new HashSet<>()).add(m.id);
    }

    private void add(Map<String, long[]> out, String key, long households, long persons) {
        if (counting != null && households > 0) {
            expectedIds.computeIfAbsent(key, k -> new HashSet<>()).add(counting);
        }
        long[] n = out.computeIfAbsent(key, k -> new long[2]);
        n[0] += households;
        n[1] += persons;
    }

    /** The test tree's regions used here: the county and the township. */
    private static RegionLevel level(String code) {
        return code.equals(TestData.COUNTY) ? RegionLevel.COUNTY : RegionLevel.TOWNSHIP;
    }

    private static String pad(String prefix) {
        return prefix + "0".repeat(12 - prefix.length());
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

    private Map<String, long[]> stock(String user, String region, LocalDate asOf, Dimension by) throws Exception {
        JsonNode s = read(
                user,
                "/api/v1/statistics/households?region=" + region + "&by=" + by + (asOf == null ? "" : "&asOf=" + asOf));
        Map<String, long[]> out = new TreeMap<>();
        for (JsonNode row : s.get("rows")) {
            add(
                    out,
                    row.get("region").asString() + "|" + row.get("identity").asString() + "|"
                            + row.get("state").asString() + "|" + row.get("key").asString(),
                    row.get("households").asLong(),
                    row.get("persons").asLong());
        }
        return out;
    }

    private static Map<String, List<Long>> comparable(Map<String, long[]> m) {
        Map<String, List<Long>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
        return out;
    }

    // ---- the checks ----

    @Test
    void everyHouseholdFigureReconcilesWithCountsWorkedOutIndependently() throws Exception {
        List<LocalDate> days = new ArrayList<>(List.of(
                today,
                today.minusDays(1),
                YearMonth.from(today).minusMonths(1).atEndOfMonth(),
                YearMonth.from(today).minusMonths(5).atEndOfMonth(),
                registered.plusDays(3),
                registered.minusDays(1)));
        for (LocalDate d : days) {
            for (Dimension by : Dimension.values()) {
                assertThat(comparable(stock("stat-county", TestData.COUNTY, d, by)))
                        .as("county by %s as of %s", by, d)
                        .isEqualTo(comparable(expectedStock(d, by, TestData.COUNTY, 9)));
            }
            assertThat(comparable(stock("stat-county", TestData.TOWNSHIP, d, Dimension.CATEGORY)))
                    .as("township by village as of %s", d)
                    .isEqualTo(comparable(expectedStock(d, Dimension.CATEGORY, TestData.TOWNSHIP, 12)));
        }
        // the population is not trivial: every kind of state and change occurs
        Map<String, long[]> now = expectedStock(today, Dimension.CATEGORY, TestData.COUNTY, 9);
        for (MonitoringState s : MonitoringState.values()) {
            assertThat(now.keySet()).anyMatch(k -> k.contains("|" + s + "|"));
        }
        // the trend: households by state at each month end, then today
        JsonNode trend = read("stat-county", "/api/v1/statistics/trend?region=" + TestData.COUNTY + "&months=6");
        assertThat(trend.size()).isEqualTo(7);
        for (JsonNode point : trend) {
            LocalDate d = LocalDate.parse(point.get("asOf").asString());
            Map<MonitoringState, Long> expected = new EnumMap<>(MonitoringState.class);
            for (MonitoringState s : MonitoringState.values()) {
                expected.put(s, 0L);
            }
            households.stream()
                    .map(m -> m.on(d))
                    .filter(v -> v != null)
                    .forEach(v -> expected.merge(v.state(), 1L, Long::sum));
            for (MonitoringState s : MonitoringState.values()) {
                assertThat(point.get("households").get(s.name()).asLong())
                        .as("%s %s", d, s)
                        .isEqualTo(expected.get(s));
            }
        }
    }

    /** The households of a list behind a figure, every page read; its total and persons checked against the pages. */
    private Set<Long> listed(String user, String path, long households, long persons) throws Exception {
        return listed(user, path, households, persons, 500);
    }

    private Set<Long> listed(String user, String path, long households, long persons, int size) throws Exception {
        Set<Long> ids = new HashSet<>();
        int offset = 0;
        while (true) {
            JsonNode page = read(user, path + "&limit=" + size + "&offset=" + offset);
            assertThat(page.get("total").asLong()).as(path).isEqualTo(households);
            if (persons >= 0) {
                assertThat(page.get("persons").asLong()).as(path + " persons").isEqualTo(persons);
            }
            for (JsonNode h : page.get("items")) {
                assertThat(ids.add(h.get("id").asLong()))
                        .as("listed once: " + h)
                        .isTrue();
                // a household deleted or moved out of reach since a change is listed without its number
                assertThat(h.get("removed").asBoolean()
                                || !h.get("householdNo").asString().isBlank())
                        .as(h.toString())
                        .isTrue();
            }
            offset += size;
            if (offset >= households) {
                return ids;
            }
        }
    }

    @Test
    void everyFigureListsTheHouseholdsBehindIt() throws Exception {
        LocalDate monthEnd = YearMonth.from(today).minusMonths(1).atEndOfMonth();
        int listed = 0;
        for (LocalDate d : List.of(today, monthEnd, today.minusDays(40).withDayOfMonth(15))) {
            for (Dimension by : Dimension.values()) {
                Map<String, long[]> expected = expectedStock(d, by, TestData.TOWNSHIP, 12);
                Map<String, Set<Long>> ids = new TreeMap<>(expectedIds);
                for (var e : expected.entrySet()) {
                    // through the service (the API is the same call; basic authentication per request is slow)
                    String[] k = e.getKey().split("\\|", -1);
                    StatisticsLists.FigureHouseholds h = users.runAs(
                            "stat-town",
                            () -> lists.stock(
                                    k[0],
                                    d,
                                    by,
                                    k[3],
                                    HouseholdIdentity.valueOf(k[1]),
                                    MonitoringState.valueOf(k[2]),
                                    0,
                                    500));
                    assertThat(List.of(h.total(), h.persons()))
                            .as("%s as of %s", e.getKey(), d)
                            .isEqualTo(List.of(e.getValue()[0], e.getValue()[1]));
                    assertThat(h.items().stream()
                                    .map(StatisticsLists.FigureHousehold::id)
                                    .collect(Collectors.toSet()))
                            .as("%s as of %s", e.getKey(), d)
                            .isEqualTo(ids.get(e.getKey()));
                    listed++;
                }
            }
            // no key: the households of a region, of an identity or a state (the region and identity tables)
            Map<String, long[]> all = expectedStock(d, Dimension.CATEGORY, TestData.COUNTY, 6);
            Set<Long> everyone = new HashSet<>();
            long persons = 0;
            for (var e : expectedIds.entrySet()) {
                everyone.addAll(e.getValue());
            }
            for (long[] n : all.values()) {
                persons += n[1];
            }
            assertThat(listed(
                            "stat-county",
                            "/api/v1/statistics/households/list?region=" + TestData.COUNTY + "&asOf=" + d,
                            everyone.size(),
                            persons,
                            7))
                    .isEqualTo(everyone);
            Set<Long> monitored = new HashSet<>();
            expectedIds.forEach((k, v) -> {
                if (k.contains("|MONITORED|")) {
                    monitored.addAll(v);
                }
            });
            assertThat(listed(
                            "stat-county",
                            "/api/v1/statistics/households/list?region=" + TestData.COUNTY + "&asOf=" + d
                                    + "&state=MONITORED",
                            monitored.size(),
                            -1))
                    .isEqualTo(monitored);
        }
        assertThat(listed).as("figures listed").isGreaterThan(100);
        // the changes of a year and of last month: the very households counted, each once, per row and in all
        for (Period p : List.of(
                Period.month(YearMonth.from(today).minusMonths(1)), new Period(Period.Kind.YEAR, today.getYear(), 1))) {
            LocalDate to = p.last().isBefore(today) ? p.last() : today;
            Map<String, Set<Long>> expected = expectedChanges(p.first(), to, TestData.COUNTY, 9);
            for (var e : expected.entrySet()) {
                String[] k = e.getKey().split("\\|");
                String path = "/api/v1/statistics/changes/households?region=" + TestData.COUNTY + "&period=" + p
                        + "&change=" + k[1] + (k[0].equals("total") ? "" : "&row=" + k[0]);
                assertThat(listed("stat-county", path, e.getValue().size(), -1))
                        .as("%s %s", p, e.getKey())
                        .isEqualTo(e.getValue());
            }
        }
        // the page: every figure is a link to its list, which names the figure and shows its households
        String page = get("stat-county", "/statistics?region=" + TestData.COUNTY + "&asOf=" + monthEnd + "&by=AGE")
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("/statistics/households?region=" + TestData.TOWNSHIP + "&amp;asOf=" + monthEnd);
        MvcTestResult list = get(
                "stat-county",
                "/statistics/households?region=" + TestData.TOWNSHIP + "&asOf=" + monthEnd
                        + "&by=AGE&key=16-59&state=MONITORED");
        assertThat(list).hasStatusOk();
        assertThat(list.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("统计明细", "截至 " + monthEnd, "年龄段：16-59岁", "监测对象", "此类成员")
                .doesNotContain("statistics.", "??", "MONITORED");
        // outside the scope: 403, as for the figures
        assertThat(get("stat-town", "/api/v1/statistics/households/list?region=" + TestData.OTHER_TOWNSHIP))
                .hasStatus(403);
        assertThat(get("stat-town", "/statistics/households?region=" + TestData.OTHER_TOWNSHIP))
                .hasStatus(403);
    }

    @Test
    void aProvinceTodayReadsYesterdaysCloseWhileACountyStaysLive() throws Exception {
        TestData.user(jdbc, encoder, "stat-province", "PROVINCE", TestData.PROVINCE, PW, false);
        String province = "/api/v1/statistics/households?region=" + TestData.PROVINCE;
        // before the night's snapshot: counted live
        assertThat(read("stat-province", province).get("source").get("live").asBoolean())
                .isTrue();
        LocalDate yesterday = today.minusDays(1);
        long id = snapshots.daily(yesterday).id(); // what the schedule does each night
        JsonNode p = read("stat-province", province);
        assertThat(p.get("source").get("live").asBoolean()).isFalse();
        assertThat(p.get("source").get("snapshot").asLong()).isEqualTo(id);
        assertThat(p.get("asOf").asString()).isEqualTo(yesterday.toString());
        // yesterday's figures: every village of the test tree lies in the county
        long households = 0;
        for (JsonNode row : p.get("rows")) {
            households += row.get("households").asLong();
        }
        long expected = expectedStock(yesterday, Dimension.CATEGORY, TestData.COUNTY, 9).values().stream()
                .mapToLong(n -> n[0])
                .sum();
        assertThat(households).isEqualTo(expected);
        // the lists behind a province's figures: read from the close's (or the month end's) cells, the page's villages
        // from the history, pages of 7
        LocalDate lastMonth = YearMonth.from(today).minusMonths(1).atEndOfMonth();
        for (LocalDate d : List.of(yesterday, lastMonth)) {
            for (Dimension by : List.of(Dimension.CATEGORY, Dimension.CAUSE, Dimension.AGE)) {
                Map<String, long[]> cut = expectedStock(d, by, TestData.COUNTY, 6);
                Map<String, Set<Long>> ids = new TreeMap<>(expectedIds);
                for (var e : cut.entrySet()) {
                    String[] k = e.getKey().split("\\|", -1);
                    if (!k[2].equals("MONITORED") && by != Dimension.CATEGORY) {
                        continue;
                    }
                    assertThat(listed(
                                    "stat-province",
                                    "/api/v1/statistics/households/list?region=" + TestData.PROVINCE
                                            + (d.equals(yesterday) ? "" : "&asOf=" + d) + "&by=" + by + "&key=" + k[3]
                                            + "&identity=" + k[1] + "&state=" + k[2],
                                    e.getValue()[0],
                                    e.getValue()[1],
                                    7))
                            .as("province %s %s as of %s", by, e.getKey(), d)
                            .isEqualTo(ids.get(e.getKey()));
                }
            }
        }
        // a key without its dimension is refused, not read as "every household"
        assertThat(get("stat-province", "/api/v1/statistics/households/list?key=ILLNESS"))
                .hasStatus(422);
        JsonNode trend = read("stat-province", "/api/v1/statistics/trend?region=" + TestData.PROVINCE + "&months=2");
        assertThat(trend.get(trend.size() - 1).get("asOf").asString()).isEqualTo(yesterday.toString());
        // the province's current year of changes: up to yesterday, from the same close
        JsonNode year = read(
                "stat-province",
                "/api/v1/statistics/changes?region=" + TestData.PROVINCE + "&period=" + yesterday.getYear());
        assertThat(year.get("to").asString()).isEqualTo(yesterday.toString());
        assertThat(year.get("source").get("snapshot").asLong()).isEqualTo(id);
        Map<String, Set<Long>> upToYesterday =
                expectedChanges(yesterday.withDayOfYear(1), yesterday, TestData.COUNTY, 9);
        for (MonitoringChange kind : MonitoringChange.values()) {
            assertThat(year.get("totals").get(kind.name()).asLong())
                    .as("province %s up to yesterday", kind)
                    .isEqualTo(upToYesterday
                            .getOrDefault("total|" + kind, Set.of())
                            .size());
        }
        // a county is counted live, today
        JsonNode county = read("stat-county", "/api/v1/statistics/households?region=" + TestData.COUNTY);
        assertThat(county.get("source").get("live").asBoolean()).isTrue();
        assertThat(county.get("asOf").asString()).isEqualTo(today.toString());
        // a week's closes are kept, month ends always
        LocalDate old = today.minusDays(9);
        if (old.equals(YearMonth.from(old).atEndOfMonth())) {
            old = old.minusDays(1);
        }
        snapshots.daily(old);
        snapshots.prune(7);
        assertThat(snapshots.find(old)).isEmpty();
        assertThat(snapshots.find(yesterday)).isPresent();
    }

    @Test
    void changesCountEachHouseholdOncePerKindInAMonthAQuarterAndAYear() throws Exception {
        YearMonth now = YearMonth.from(today);
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            periods.add(Period.month(now.minusMonths(i)));
        }
        periods.add(new Period(Period.Kind.QUARTER, today.getYear(), (today.getMonthValue() - 1) / 3 + 1));
        periods.add(new Period(Period.Kind.YEAR, today.getYear() - 1, 1));
        periods.add(new Period(Period.Kind.YEAR, today.getYear(), 1));
        int seen = 0;
        for (Period p : periods) {
            LocalDate to = p.last().isBefore(today) ? p.last() : today;
            Map<String, Set<Long>> expected = expectedChanges(p.first(), to, TestData.COUNTY, 9);
            JsonNode c = read("stat-county", "/api/v1/statistics/changes?region=" + TestData.COUNTY + "&period=" + p);
            for (MonitoringChange kind : MonitoringChange.values()) {
                assertThat(c.get("totals").get(kind.name()).asLong())
                        .as("%s %s", p, kind)
                        .isEqualTo(
                                expected.getOrDefault("total|" + kind, Set.of()).size());
                seen += expected.getOrDefault("total|" + kind, Set.of()).size();
            }
            Map<String, Long> rows = new TreeMap<>();
            c.get("byRegion")
                    .properties()
                    .forEach(e -> e.getValue().properties().forEach(k -> {
                        if (k.getValue().asLong() > 0) {
                            rows.put(e.getKey() + "|" + k.getKey(), k.getValue().asLong());
                        }
                    }));
            Map<String, Long> expectedRows = new TreeMap<>();
            expected.forEach((k, ids) -> {
                if (!k.startsWith("total|")) {
                    expectedRows.put(k, (long) ids.size());
                }
            });
            assertThat(rows).as("%s by township", p).isEqualTo(expectedRows);
            // a township's changes: its villages only, a household moved in or out counted where it was then
            Map<String, Set<Long>> town = expectedChanges(p.first(), to, TestData.TOWNSHIP, 12);
            JsonNode t = read("stat-town", "/api/v1/statistics/changes?period=" + p);
            for (MonitoringChange kind : MonitoringChange.values()) {
                assertThat(t.get("totals").get(kind.name()).asLong())
                        .as("township %s %s", p, kind)
                        .isEqualTo(town.getOrDefault("total|" + kind, Set.of()).size());
            }
        }
        assertThat(seen).as("changes in the generated history").isGreaterThan(20);
        // a household eliminated and included again within the year counts once in each column, not twice in one
        assertThat(households.stream()
                        .anyMatch(m -> m.effective().stream()
                                        .filter(v -> v.state() == MonitoringState.MONITORED)
                                        .count()
                                > 1))
                .isTrue();
    }

    @Test
    void aMonthEndsFiguresStayFrozenAfterABackdatedEdit() throws Exception {
        LocalDate d = YearMonth.from(today).minusMonths(1).atEndOfMonth();
        Map<String, long[]> before = stock("stat-county", TestData.COUNTY, d, Dimension.CATEGORY);
        assertThat(comparable(before)).isEqualTo(comparable(expectedStock(d, Dimension.CATEGORY, TestData.COUNTY, 9)));
        // a household whose current version began before d is included with effect from before d
        Model m = households.stream()
                .filter(x -> {
                    Version v = x.on(today);
                    return v != null
                            && v.state() == MonitoringState.NONE
                            && x.versions.get(x.versions.size() - 1).from().isBefore(d.minusDays(5));
                })
                .findFirst()
                .orElseThrow();
        HouseholdView h = registry.household(m.id).orElseThrow();
        registry.replaceHousehold(
                m.id,
                h.version(),
                h.fields().included(MonitoringCategory.SUDDEN_HARDSHIP, List.of(RiskCause.DISASTER), d.minusDays(5)),
                new Registry.Change("t", d.minusDays(5), "补录"));
        // the registry itself now says otherwise about d …
        long liveMonitored =
                figures.cells(d, RegionCode.CodeRange.ALL, Map.of(), EnumSet.of(Dimension.CATEGORY), null).stream()
                        .filter(c -> c.state() == MonitoringState.MONITORED)
                        .mapToLong(RegistryFigures.Cell::households)
                        .sum();
        long frozenMonitored = before.entrySet().stream()
                .filter(e -> e.getKey().contains("|MONITORED|"))
                .mapToLong(e -> e.getValue()[0])
                .sum();
        assertThat(liveMonitored).isEqualTo(frozenMonitored + 1);
        // … but the figures of d, once given, stay what they were
        assertThat(comparable(stock("stat-county", TestData.COUNTY, d, Dimension.CATEGORY)))
                .isEqualTo(comparable(before));
        // the list behind the figure reads the history as it is now, and says what the snapshot keeps
        JsonNode list = read(
                "stat-county",
                "/api/v1/statistics/households/list?region=" + TestData.COUNTY + "&asOf=" + d + "&state=MONITORED");
        assertThat(list.get("total").asLong()).isEqualTo(frozenMonitored + 1);
        assertThat(list.get("kept").asLong()).isEqualTo(frozenMonitored);
        assertThat(get(
                                "stat-county",
                                "/statistics/households?region=" + TestData.COUNTY + "&asOf=" + d + "&state=MONITORED")
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8))
                .contains("kept-differs", "快照冻结后又补录");
        assertThat(read("stat-county", "/api/v1/statistics/households?region=" + TestData.COUNTY + "&asOf=" + d)
                        .get("source")
                        .get("snapshot")
                        .isNumber())
                .isTrue();
        assertThat(read("stat-county", "/api/v1/statistics/households?region=" + TestData.COUNTY + "&asOf=" + d)
                        .get("source")
                        .get("live")
                        .asBoolean())
                .isFalse();
        assertThat(read("stat-county", "/api/v1/statistics/households?region=" + TestData.COUNTY)
                        .get("source")
                        .get("live")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void figuresStayInsideTheCallersScope() throws Exception {
        // a township asking for its county gets its own township, by village, and is told so
        JsonNode s = read("stat-town", "/api/v1/statistics/households?region=" + TestData.COUNTY);
        assertThat(s.get("region").get("code").asString()).isEqualTo(TestData.TOWNSHIP);
        for (JsonNode row : s.get("rows")) {
            assertThat(row.get("region").asString()).startsWith(TestData.TOWNSHIP.substring(0, 9));
        }
        assertThat(comparable(stock("stat-town", TestData.TOWNSHIP, null, Dimension.CATEGORY)))
                .isEqualTo(comparable(expectedStock(today, Dimension.CATEGORY, TestData.TOWNSHIP, 12)));
        assertThat(get("stat-town", "/api/v1/statistics/households?region=" + TestData.OTHER_TOWNSHIP))
                .hasStatus(403);
        assertThat(get("stat-town", "/api/v1/statistics/changes?region=" + TestData.OTHER_VILLAGE))
                .hasStatus(403);
        // a department holds no household data, and no statistics permission
        assertThat(get("stat-dept", "/api/v1/statistics/households")).hasStatus(403);
        assertThat(get("stat-dept", "/statistics")).hasStatus(403);
        // bad input: a clear problem, in the user's language
        assertThat(get("stat-county", "/api/v1/statistics/changes?period=2026-13"))
                .hasStatus(400)
                .bodyText()
                .contains("2026-Q4");
        assertThat(get("stat-county", "/api/v1/statistics/households?asOf=" + today.plusDays(1)))
                .hasStatus(422);
    }

    @Test
    void thePageShowsTheFiguresInWords() throws Exception {
        MvcTestResult r = get("stat-county", "/statistics?region=" + TestData.COUNTY + "&by=AGE");
        assertThat(r).hasStatusOk();
        String page = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        long monitored = households.stream()
                .map(m -> m.on(today))
                .filter(v -> v != null && v.state() == MonitoringState.MONITORED)
                .count();
        assertThat(page)
                .contains("统计分析", "年龄段", "16-59岁", "新识别纳入", "data-chart")
                .contains(">" + monitored + "<")
                .doesNotContain("statistics.", "??", "BELOW_LINE<", "REINCLUDED<");
        MvcTestResult past = get(
                "stat-county",
                "/statistics?region=" + TestData.TOWNSHIP + "&asOf="
                        + YearMonth.from(today).minusMonths(2).atEndOfMonth() + "&by=INCOME&period="
                        + (today.getYear() - 1));
        assertThat(past).hasStatusOk();
        assertThat(past.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("快照 #", "低于监测线")
                .doesNotContain("statistics.");
        // a day within a month is counted from the history, and said so
        MvcTestResult within =
                get("stat-county", "/statistics?asOf=" + today.minusDays(40).withDayOfMonth(15));
        assertThat(within.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("按历史即时计算")
                .doesNotContain("快照 #");
    }
}
