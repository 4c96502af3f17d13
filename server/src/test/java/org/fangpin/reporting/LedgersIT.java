package org.fangpin.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HousingGrade;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.Income;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.Registry;
import org.fangpin.registry.Relation;
import org.fangpin.registry.RiskCause;
import org.fangpin.registry.SchoolStatus;
import org.fangpin.registry.WorkStatus;
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
 * Every standard ledger's rows and totals reconcile with what the test worked out from a generated population: its
 * members (relations, ages, work and school), housing and water, monitoring, plans with measures carried to their
 * statuses and visits (through the case-work API, as a county office does it), and alerts. Checked over the county
 * and a township, with filters and date spans; the XLSX export opened cell by cell, the CSV line by line; ID
 * numbers masked everywhere; scope, permission and bad requests.
 */
@IntegrationTest
class LedgersIT {

    static final String PW = "Ledger-pass-123";
    static final long SEED = Long.getLong("fangpin.ledgers.seed", 20261205L);
    static final List<String> VILLAGES = List.of(TestData.VILLAGE, TestData.VILLAGE_2, TestData.OTHER_VILLAGE);
    static final Set<WorkStatus> AWAY = EnumSet.of(WorkStatus.IN_PROVINCE, WorkStatus.OUT_OF_PROVINCE);

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
    Clock clock;

    @Autowired
    org.fangpin.security.Permissions permissions;

    @TempDir
    Path dir;

    LocalDate today;

    record Member(String id, Relation relation, boolean male, int age, WorkStatus work, SchoolStatus school) {
        boolean away() {
            return work != null && AWAY.contains(work);
        }
    }

    record Measure(String type, String status, BigDecimal amount) {}

    record Alert(String status, LocalDate raised) {}

    static final class Hh {
        long id;
        String no;
        String village;
        HouseholdIdentity identity;
        MonitoringState state;
        LocalDate since;
        LocalDate eliminatedOn;
        HousingGrade grade;
        Boolean water;
        final List<Member> members = new ArrayList<>();
        final List<Measure> measures = new ArrayList<>();
        final List<Boolean> visits = new ArrayList<>(); // needs secured, per visit
        final List<Alert> alerts = new ArrayList<>();

        Member head() {
            return members.get(0);
        }

        List<Measure> live(String type) {
            return measures.stream()
                    .filter(m -> m.type().equals(type) && !m.status().equals("CANCELLED"))
                    .toList();
        }
    }

    final List<Hh> households = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        TestData.reset(jdbc);
        regionImporter.importFile(
                TestData.write(dir, "regions.csv", TestData.REGIONS_CSV), "regions.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "led-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "led-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "led-village", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "led-dept", "DEPARTMENT", TestData.COUNTY, PW, false);
        today = LocalDate.now(clock);
        generate(new Random(SEED), 45);
    }

    // ---- the population ----

    private void generate(Random rnd, int n) throws Exception {
        UUID ruleSet = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        jdbc.sql("insert into rule_set (id, province_code, version, name, status, created_by)"
                        + " values (?, null, 999, '台账测试', 'DRAFT', 't')")
                .param(ruleSet)
                .update();
        jdbc.sql("insert into rule_definition (rule_set_id, code, ordinal, name_zh, name_en, expression, severity,"
                        + " category, cause) values (?, 'LEDGER_TEST', 1, '台账测试规则', 'Ledger test rule', 'true',"
                        + " 'HIGH', 'MARGINAL', 'ILLNESS')")
                .param(ruleSet)
                .update();
        jdbc.sql("insert into monitoring_run (id, kind, status, as_of, engine, started_by) values (?, 'RUN',"
                        + " 'SUCCEEDED', ?, 'duckdb', 't')")
                .params(run, today)
                .update();
        for (int i = 0; i < n; i++) {
            Hh h = new Hh();
            h.no = "LD" + i;
            h.village = VILLAGES.get(rnd.nextInt(VILLAGES.size()));
            h.identity = rnd.nextInt(10) < 6 ? HouseholdIdentity.EXITED : HouseholdIdentity.ORDINARY;
            int s = rnd.nextInt(10);
            h.state = s < 4 ? MonitoringState.NONE : s < 8 ? MonitoringState.MONITORED : MonitoringState.ELIMINATED;
            h.grade = pick(rnd, HousingGrade.A, HousingGrade.B, HousingGrade.C, HousingGrade.D, null);
            h.water = pick(rnd, Boolean.TRUE, Boolean.TRUE, Boolean.FALSE, null);
            List<PersonFields> members = members(rnd, h, i);
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
                    h.grade,
                    h.water,
                    new Income(2025, BigDecimal.valueOf(5000 + rnd.nextInt(30_000)), null, null, null, null),
                    null);
            LocalDate registered = today.minusDays(400);
            if (h.state != MonitoringState.NONE) {
                h.since = registered.minusDays(30 + rnd.nextInt(300));
                f = f.included(MonitoringCategory.MARGINAL, List.of(RiskCause.ILLNESS), h.since);
            }
            if (h.state == MonitoringState.ELIMINATED) {
                h.eliminatedOn = registered.minusDays(rnd.nextInt(30));
                f = f.eliminated(h.eliminatedOn, EliminationKind.ASSISTED);
            }
            h.id = registry.createHousehold(f, members, new Registry.Change("t", registered, "建档"))
                    .id();
            if (h.state == MonitoringState.MONITORED) {
                plan(rnd, h);
            }
            int alerts = rnd.nextInt(3);
            for (int a = 0; a < alerts; a++) {
                String status = pick(rnd, "NEW", "ASSIGNED", "CONFIRMED", "DISMISSED");
                LocalDate raised = today.minusDays(rnd.nextInt(60));
                jdbc.sql("insert into alert (run_id, household_id, household_no, village_code, status, severity,"
                                + " suggested_category, causes, rules, explanation, created_at) values (?, ?, ?, ?,"
                                + " ?, 'HIGH', 'MARGINAL', '{ILLNESS}', '{LEDGER_TEST}', cast(? as jsonb),"
                                + " (cast(? as date) + time '12:00') at time zone ?)")
                        .params(
                                run,
                                h.id,
                                h.no,
                                h.village,
                                status,
                                "{\"ruleSet\":{\"id\":\"" + ruleSet + "\"}}",
                                raised,
                                zone().getId())
                        .update();
                h.alerts.add(new Alert(status, raised));
            }
            households.add(h);
        }
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    /** Head, maybe a spouse, children, a daughter-in-law, a grandchild, a parent: ages, work and school at random. */
    private List<PersonFields> members(Random rnd, Hh h, int i) {
        List<PersonFields> out = new ArrayList<>();
        boolean headMale = rnd.nextInt(4) != 0;
        out.add(member(rnd, h, i, 0, Relation.HEAD, headMale, 30 + rnd.nextInt(40)));
        if (rnd.nextInt(3) != 0) {
            out.add(member(rnd, h, i, 1, Relation.SPOUSE, !headMale, 28 + rnd.nextInt(40)));
        }
        int children = rnd.nextInt(3);
        for (int c = 0; c < children; c++) {
            boolean son = rnd.nextBoolean();
            out.add(member(rnd, h, i, 2 + c, son ? Relation.SON : Relation.DAUGHTER, son, 3 + rnd.nextInt(25)));
        }
        if (rnd.nextInt(4) == 0) {
            out.add(member(rnd, h, i, 5, Relation.DAUGHTER_IN_LAW, false, 20 + rnd.nextInt(20)));
        }
        if (rnd.nextInt(4) == 0) {
            out.add(member(rnd, h, i, 6, Relation.GRANDCHILD, rnd.nextBoolean(), 1 + rnd.nextInt(14)));
        }
        if (rnd.nextInt(3) == 0) {
            out.add(member(rnd, h, i, 7, Relation.PARENT, rnd.nextBoolean(), 60 + rnd.nextInt(25)));
        }
        return out;
    }

    private PersonFields member(Random rnd, Hh h, int i, int j, Relation relation, boolean male, int age) {
        LocalDate birth = LocalDate.of(today.getYear() - age, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        int seq = (i * 8 + j) * 2 + (male ? 1 : 0); // odd: male
        String id = TestData.id(birth, seq);
        WorkStatus work =
                age >= 16 && age <= 64 ? pick(rnd, WorkStatus.values()) : rnd.nextInt(5) == 0 ? null : WorkStatus.NONE;
        SchoolStatus school = age >= 6 && age <= 17
                ? pick(rnd, SchoolStatus.PRIMARY, SchoolStatus.JUNIOR, SchoolStatus.DROPOUT, SchoolStatus.NOT_IN_SCHOOL)
                : null;
        if (rnd.nextInt(8) == 0) {
            work = null; // not recorded
        }
        h.members.add(new Member(id, relation, male, age, work, school));
        return new PersonFields(
                id,
                "成员" + i + "-" + j,
                relation,
                null,
                null,
                null,
                school,
                null,
                null,
                null,
                work,
                null,
                null,
                false,
                false,
                false,
                false,
                false);
    }

    /** The county names a responsible person, adds measures of the ledgers' types and carries them on; visits. */
    private void plan(Random rnd, Hh h) {
        String plan = "/api/v1/plans/" + h.id;
        MvcTestResult helper = post("/api/v1/helpers", "{\"name\":\"帮扶人" + h.no + "\"}");
        assertThat(helper).hasStatus(201);
        long helperId = json.readTree(helper.getResponse().getContentAsByteArray())
                .get("id")
                .asLong();
        assertThat(put(plan + "/responsible", null, "{\"helperId\":" + helperId + ",\"visitIntervalDays\":30}"))
                .hasStatusOk();
        int measures = rnd.nextInt(4);
        for (int k = 0; k < measures; k++) {
            String[] tc = pick(
                    rnd,
                    new String[] {"HOUSING_RENOVATION", "HOUSING"},
                    new String[] {"DRINKING_WATER", "WATER"},
                    new String[] {"EDUCATION_AID", "EDUCATION"},
                    new String[] {"MEDICAL_AID", "ILLNESS"});
            BigDecimal amount = BigDecimal.valueOf(100 + rnd.nextInt(20_000), 2 - rnd.nextInt(2));
            MvcTestResult added = post(
                    plan + "/measures",
                    "{\"type\":\"" + tc[0] + "\",\"cause\":\"" + tc[1] + "\",\"description\":\"措施" + k
                            + "\",\"plannedStart\":\"" + today + "\",\"amount\":" + amount.toPlainString() + "}");
            assertThat(added).hasStatus(201);
            long id = json.readTree(added.getResponse().getContentAsByteArray())
                    .get("id")
                    .asLong();
            String status = pick(rnd, "PLANNED", "IN_PROGRESS", "DONE", "CANCELLED");
            String body = switch (status) {
                case "IN_PROGRESS" -> "{\"status\":\"IN_PROGRESS\",\"actualStart\":\"" + today + "\"";
                case "DONE" ->
                    "{\"status\":\"DONE\",\"actualStart\":\"" + today + "\",\"actualEnd\":\"" + today
                            + "\",\"evidence\":\"验收单\"";
                case "CANCELLED" -> "{\"status\":\"CANCELLED\",\"evidence\":\"不再需要\"";
                default -> null;
            };
            if (body != null) {
                assertThat(put(plan + "/measures/" + id, 1, body + ",\"amount\":" + amount.toPlainString() + "}"))
                        .hasStatusOk();
            }
            h.measures.add(new Measure(tc[0], status, amount));
        }
        int visits = rnd.nextInt(3);
        for (int v = 0; v < visits; v++) {
            boolean secured = rnd.nextInt(3) != 0;
            assertThat(post(
                            plan + "/visits",
                            "{\"visitedOn\":\"" + today + "\",\"notes\":\"入户走访，户主电话13800138000\","
                                    + "\"incomeStable\":true,"
                                    + "\"needsSecured\":" + secured + "}"))
                    .hasStatus(201);
            h.visits.add(secured);
        }
    }

    @SafeVarargs
    private static <T> T pick(Random rnd, T... values) {
        return values[rnd.nextInt(values.length)];
    }

    // ---- what each ledger must hold, worked out here ----

    private List<Hh> in(String region) {
        String prefix = region.equals(TestData.COUNTY) ? "421122" : region.substring(0, 9);
        return households.stream().filter(h -> h.village.startsWith(prefix)).toList();
    }

    private long count(String region, Predicate<Hh> p) {
        return in(region).stream().filter(p).count();
    }

    private static boolean leftBehindChild(Hh h, Member m) {
        if (m.age() >= 16) {
            return false;
        }
        Set<Relation> parents = m.relation() == Relation.GRANDCHILD
                ? EnumSet.of(Relation.SON, Relation.DAUGHTER, Relation.DAUGHTER_IN_LAW, Relation.SON_IN_LAW)
                : m.relation() == Relation.SON || m.relation() == Relation.DAUGHTER
                        ? EnumSet.of(Relation.HEAD, Relation.SPOUSE)
                        : EnumSet.noneOf(Relation.class);
        // the generation above a grandchild: the head's children and their spouses of 16 or more
        List<Member> ps = h.members.stream()
                .filter(p -> parents.contains(p.relation()) && (m.relation() != Relation.GRANDCHILD || p.age() >= 16))
                .toList();
        return !ps.isEmpty() && ps.stream().allMatch(Member::away);
    }

    private static String leftBehind(Hh h, Member m) {
        if (leftBehindChild(h, m)) {
            return "CHILD";
        }
        List<Member> working =
                h.members.stream().filter(p -> p.age() >= 16 && p.age() <= 59).toList();
        if (m.age() >= 60 && !m.away() && !working.isEmpty() && working.stream().allMatch(Member::away)) {
            return "ELDERLY";
        }
        if (!m.male() && m.age() >= 18 && m.age() <= 59 && m.work() != null && !m.away()) {
            boolean husbandAway = (m.relation() == Relation.HEAD || m.relation() == Relation.SPOUSE)
                    && h.members.stream()
                            .anyMatch(p -> (p.relation() == Relation.HEAD || p.relation() == Relation.SPOUSE)
                                    && p.male()
                                    && p.away());
            List<Member> sons =
                    h.members.stream().filter(p -> p.relation() == Relation.SON).toList();
            boolean sonsAway = m.relation() == Relation.DAUGHTER_IN_LAW
                    && !sons.isEmpty()
                    && sons.stream().allMatch(Member::away);
            if (husbandAway || sonsAway) {
                return "WOMAN";
            }
        }
        return null;
    }

    private static boolean schooling(Member m) {
        return (m.age() >= 6
                        && m.age() <= 15
                        && (m.school() == SchoolStatus.DROPOUT || m.school() == SchoolStatus.NOT_IN_SCHOOL))
                || (m.age() >= 16 && m.age() <= 17 && m.school() == SchoolStatus.DROPOUT);
    }

    private static BigDecimal sum(List<Measure> ms) {
        return ms.stream().map(Measure::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    // ---- the checks ----

    @Test
    void everyLedgerReconcilesOverTheCountyAndATownship() throws Exception {
        for (String region : List.of(TestData.COUNTY, TestData.TOWNSHIP)) {
            String user = region.equals(TestData.COUNTY) ? "led-county" : "led-town";
            List<Hh> hs = in(region);

            JsonNode all = page(user, "households", "region=" + region);
            assertThat(all.get("total").asLong()).as("households " + region).isEqualTo(hs.size());
            assertThat(all.get("totals").get("members").decimalValue().longValue())
                    .isEqualTo(hs.stream().mapToLong(h -> h.members.size()).sum());
            for (MonitoringState s : MonitoringState.values()) {
                assertThat(page(user, "households", "state=" + s).get("total").asLong())
                        .as("households in state " + s)
                        .isEqualTo(count(region, h -> h.state == s));
            }
            assertThat(page(user, "households", "identity=ORDINARY&state=NONE")
                            .get("total")
                            .asLong())
                    .isEqualTo(count(
                            region, h -> h.identity == HouseholdIdentity.ORDINARY && h.state == MonitoringState.NONE));

            assertThat(page(user, "members", "").get("total").asLong())
                    .isEqualTo(hs.stream().mapToLong(h -> h.members.size()).sum());
            assertThat(page(user, "members", "state=MONITORED").get("total").asLong())
                    .isEqualTo(hs.stream()
                            .filter(h -> h.state == MonitoringState.MONITORED)
                            .mapToLong(h -> h.members.size())
                            .sum());

            JsonNode monitored = page(user, "monitored", "");
            assertThat(monitored.get("total").asLong()).isEqualTo(count(region, h -> h.state != MonitoringState.NONE));
            List<Measure> liveMeasures = hs.stream()
                    .flatMap(h -> h.measures.stream())
                    .filter(m -> !m.status().equals("CANCELLED"))
                    .toList();
            assertThat(monitored.get("totals").get("measures").decimalValue().longValue())
                    .isEqualTo(liveMeasures.size());
            assertThat(monitored.get("totals").get("amount").decimalValue()).isEqualByComparingTo(sum(liveMeasures));
            assertThat(page(user, "monitored", "state=MONITORED").get("total").asLong())
                    .isEqualTo(count(region, h -> h.state == MonitoringState.MONITORED));
            // a row per household, with its head's name and masked ID number
            for (JsonNode row : monitored.get("rows")) {
                Hh h = households.stream()
                        .filter(x -> x.id == row.get("householdId").asLong())
                        .findFirst()
                        .orElseThrow();
                assertThat(row.get("values").get("headId").asText())
                        .isEqualTo(IdNumber.mask(h.head().id()));
                assertThat(row.get("values").get("members").asInt()).isEqualTo(h.members.size());
            }

            // eliminated, all and over a span of elimination dates
            assertThat(page(user, "eliminated", "").get("total").asLong())
                    .isEqualTo(count(region, h -> h.state == MonitoringState.ELIMINATED));
            LocalDate from = today.minusDays(415);
            LocalDate to = today.minusDays(405);
            assertThat(page(user, "eliminated", "from=" + from + "&to=" + to)
                            .get("total")
                            .asLong())
                    .isEqualTo(count(
                            region,
                            h -> h.eliminatedOn != null
                                    && !h.eliminatedOn.isBefore(from)
                                    && !h.eliminatedOn.isAfter(to)));

            JsonNode measures = page(user, "measures", "");
            assertThat(measures.get("total").asLong()).isEqualTo(liveMeasures.size());
            assertThat(measures.get("totals").get("amount").decimalValue()).isEqualByComparingTo(sum(liveMeasures));
            assertThat(page(user, "measures", "status=DONE&type=HOUSING_RENOVATION")
                            .get("total")
                            .asLong())
                    .isEqualTo(liveMeasures.stream()
                            .filter(m -> m.status().equals("DONE") && m.type().equals("HOUSING_RENOVATION"))
                            .count());

            JsonNode visits = page(user, "visits", "");
            assertThat(visits.get("total").asLong())
                    .isEqualTo(hs.stream().mapToLong(h -> h.visits.size()).sum());
            // what people typed is shown with phone and ID numbers masked, as everywhere
            assertThat(visits.toString()).contains("入户走访").doesNotContain("13800138000");
            assertThat(page(user, "visits", "finding=NEEDS_NOT_SECURED")
                            .get("total")
                            .asLong())
                    .isEqualTo(hs.stream()
                            .flatMap(h -> h.visits.stream())
                            .filter(secured -> !secured)
                            .count());

            // housing and water: the condition, or a measure that remedies it; its progress and subsidies
            Predicate<Hh> housing = h -> h.grade == HousingGrade.C
                    || h.grade == HousingGrade.D
                    || !h.live("HOUSING_RENOVATION").isEmpty();
            JsonNode housingPage = page(user, "housing", "");
            assertThat(housingPage.get("total").asLong()).isEqualTo(count(region, housing));
            assertThat(housingPage.get("totals").get("amount").decimalValue())
                    .isEqualByComparingTo(sum(hs.stream()
                            .flatMap(h -> h.live("HOUSING_RENOVATION").stream())
                            .toList()));
            assertThat(page(user, "housing", "progress=NONE").get("total").asLong())
                    .isEqualTo(count(
                            region,
                            housing.and(h -> h.live("HOUSING_RENOVATION").isEmpty())));
            assertThat(page(user, "housing", "grade=D").get("total").asLong())
                    .isEqualTo(count(region, h -> h.grade == HousingGrade.D));
            Predicate<Hh> water = h ->
                    Boolean.FALSE.equals(h.water) || !h.live("DRINKING_WATER").isEmpty();
            assertThat(page(user, "water", "").get("total").asLong()).isEqualTo(count(region, water));
            assertThat(page(user, "water", "water=UNSAFE").get("total").asLong())
                    .isEqualTo(count(region, h -> Boolean.FALSE.equals(h.water)));

            // persons: out of school, and the three left behind
            assertThat(page(user, "schooling", "").get("total").asLong())
                    .isEqualTo(hs.stream()
                            .flatMap(h -> h.members.stream())
                            .filter(LedgersIT::schooling)
                            .count());
            for (String kind : List.of("CHILD", "WOMAN", "ELDERLY")) {
                long expected = hs.stream()
                        .mapToLong(h -> h.members.stream()
                                .filter(m -> kind.equals(leftBehind(h, m)))
                                .count())
                        .sum();
                assertThat(page(user, "left-behind", "kind=" + kind)
                                .get("total")
                                .asLong())
                        .as("left behind " + kind + " in " + region)
                        .isEqualTo(expected);
            }

            // alerts by status and by the day they were raised; rules by their names
            JsonNode alerts = page(user, "alerts", "");
            assertThat(alerts.get("total").asLong())
                    .isEqualTo(hs.stream().mapToLong(h -> h.alerts.size()).sum());
            for (JsonNode row : alerts.get("rows")) {
                assertThat(row.get("values").get("ruleNames").asText()).isEqualTo("台账测试规则");
            }
            assertThat(page(user, "alerts", "status=DISMISSED&from=" + today.minusDays(30))
                            .get("total")
                            .asLong())
                    .isEqualTo(hs.stream()
                            .flatMap(h -> h.alerts.stream())
                            .filter(a -> a.status().equals("DISMISSED")
                                    && !a.raised().isBefore(today.minusDays(30)))
                            .count());
        }
        // the generated population exercises every ledger
        assertThat(households.stream().filter(h -> !h.measures.isEmpty())).isNotEmpty();
        assertThat(households.stream()
                        .flatMap(h -> h.members.stream().map(m -> leftBehind(h, m)))
                        .filter(k -> k != null)
                        .distinct())
                .hasSize(3);
    }

    @Test
    void theXlsxExportHasTitleHeaderMaskedIdsAndTotalsAndTheCsvEveryRow() throws Exception {
        List<Hh> hs = in(TestData.COUNTY);
        List<Hh> monitored =
                hs.stream().filter(h -> h.state != MonitoringState.NONE).toList();
        MvcTestResult x = get("led-county", "/api/v1/ledgers/monitored/export?format=xlsx");
        assertThat(x).hasStatusOk();
        assertThat(x.getResponse().getHeader("Content-Disposition")).contains("attachment", ".xlsx");
        byte[] bytes = x.getResponse().getContentAsByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("监测对象台账");
            assertThat(rows.get(1).getCellText(0)).contains("区域：", "湖北省").contains("数据日期：" + today);
            assertThat(rows.get(2).getCellText(0)).isEqualTo("乡（镇）");
            assertThat(rows.get(2).getCellText(2)).isEqualTo("户编号");
            assertThat(rows.get(2).getCellText(4)).isEqualTo("户主身份证号");
            assertThat(rows).hasSize(3 + monitored.size() + 1);
            for (Row r : rows.subList(3, 3 + monitored.size())) {
                Hh h = monitored.stream()
                        .filter(m -> m.no.equals(r.getCellText(2)))
                        .findFirst()
                        .orElseThrow();
                assertThat(r.getCellText(4)).isEqualTo(IdNumber.mask(h.head().id()));
                assertThat(r.getCellText(4)).doesNotContain(h.head().id().substring(6, 14));
                assertThat(r.getCellAsNumber(5).orElseThrow().intValue()).isEqualTo(h.members.size());
            }
            Row total = rows.get(rows.size() - 1);
            assertThat(total.getCellText(0)).isEqualTo("合计：" + monitored.size() + " 户");
            assertThat(total.getCellAsNumber(5).orElseThrow().longValue())
                    .isEqualTo(
                            monitored.stream().mapToLong(h -> h.members.size()).sum());
        }
        Object audit = jdbc.sql("select detail::text from audit_log where entity = 'ledger' and action = 'EXPORT'"
                        + " order by seq desc limit 1")
                .query(String.class)
                .single();
        assertThat(audit.toString()).contains("monitored", "XLSX", TestData.COUNTY);

        MvcTestResult c = get("led-county", "/api/v1/ledgers/schooling/export?format=csv");
        assertThat(c).hasStatusOk();
        String csv = c.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF乡（镇）,行政村,户编号");
        long children = hs.stream()
                .flatMap(h -> h.members.stream())
                .filter(LedgersIT::schooling)
                .count();
        assertThat(csv.lines().count()).isEqualTo(1 + children);
        for (Hh h : hs) {
            for (Member m : h.members) {
                assertThat(csv).doesNotContain(m.id());
            }
        }
    }

    @Test
    void scopePermissionAndBadRequests() throws Exception {
        // a township sees its own villages only; above its region it is narrowed, beside it refused
        JsonNode town = page("led-town", "households", "region=" + TestData.COUNTY);
        assertThat(town.get("region").asText()).isEqualTo(TestData.TOWNSHIP);
        assertThat(town.get("total").asLong()).isEqualTo(in(TestData.TOWNSHIP).size());
        assertThat(get("led-town", "/api/v1/ledgers/households?region=" + TestData.OTHER_TOWNSHIP))
                .hasStatus(403);
        assertThat(get("led-town", "/api/v1/ledgers/alerts/export?region=" + TestData.OTHER_VILLAGE))
                .hasStatus(403);
        assertThat(page("led-village", "households", "").get("total").asLong())
                .isEqualTo(households.stream()
                        .filter(h -> h.village.equals(TestData.VILLAGE))
                        .count());
        // a whole ledger leaving the platform also needs the permission to export the registry
        java.util.Set<org.fangpin.security.Permission> before =
                permissions.matrix().get(org.fangpin.security.Role.TOWNSHIP);
        java.util.Set<org.fangpin.security.Permission> without = new java.util.HashSet<>(before);
        without.remove(org.fangpin.security.Permission.REGISTRY_EXPORT);
        permissions.set(org.fangpin.security.Role.TOWNSHIP, without);
        try {
            assertThat(get("led-town", "/api/v1/ledgers/members/export")).hasStatus(403);
            assertThat(get("led-town", "/api/v1/ledgers/members")).hasStatusOk();
        } finally {
            permissions.set(org.fangpin.security.Role.TOWNSHIP, before);
        }
        // a department reads no ledgers; nobody without signing in
        assertThat(get("led-dept", "/api/v1/ledgers/households")).hasStatus(403);
        assertThat(get("led-dept", "/ledgers")).hasStatus(403);
        assertThat(mvc.get().uri("/api/v1/ledgers").exchange()).hasStatus(401);
        // clear problems in the user's language
        assertThat(get("led-county", "/api/v1/ledgers/nothing")).hasStatus(404);
        assertThat(get("led-county", "/api/v1/ledgers/households?state=SOMETIMES"))
                .hasStatus(422)
                .bodyText()
                .contains("SOMETIMES", "监测状态");
        assertThat(get("led-county", "/api/v1/ledgers/eliminated?from=2026-05-01&to=2026-04-01"))
                .hasStatus(422);
        assertThat(get("led-county", "/api/v1/ledgers/visits/export?format=pdf"))
                .hasStatus(422)
                .bodyText()
                .contains("xlsx");
        // the catalogue names columns and filters in words
        String list = get("led-county", "/api/v1/ledgers").getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("监测对象台账", "三留守人员台账", "预警处置台账", "\"key\":\"headId\"");
        assertThat(list).doesNotContain("select ");
    }

    @Test
    void everyLedgerPageRendersInBothLanguages() throws Exception {
        for (String code : List.of(
                "households",
                "members",
                "monitored",
                "eliminated",
                "measures",
                "visits",
                "housing",
                "schooling",
                "water",
                "left-behind",
                "alerts",
                "asset-totals",
                "assets",
                "asset-publicity",
                "projects",
                "publicities",
                "spending",
                "distributions",
                "unreached")) {
            for (String lang : List.of("zh_CN", "en")) {
                MvcTestResult r = get("led-county", "/ledgers/" + code + "?lang=" + lang);
                assertThat(r).as(code + " " + lang).hasStatusOk();
                String html = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
                assertThat(html).doesNotContain("??", "ledger.", ">MONITORED<", ">HOUSING_RENOVATION<", ">NONE<");
            }
        }
        assertThat(get("led-county", "/ledgers")).hasStatusOk().bodyText().contains("控辍保学台账");
    }

    @Test
    void aHouseholdFileAndAMonthlySummaryArePrintablePdfsInChinese() throws Exception {
        Hh h = households.stream()
                .filter(x -> !x.measures.isEmpty() && !x.visits.isEmpty())
                .findFirst()
                .orElseThrow();
        MvcTestResult r = get("led-county", "/api/v1/households/" + h.id + "/file.pdf");
        assertThat(r).hasStatusOk();
        assertThat(r.getResponse().getContentType()).isEqualTo("application/pdf");
        byte[] pdf = r.getResponse().getContentAsByteArray();
        keep("household-file.pdf", pdf);
        String text = TestData.pdfText(pdf);
        assertThat(text)
                .contains("一户一档", h.no, "家庭成员", "帮扶措施", "走访记录", "帮扶人" + h.no)
                .contains(IdNumber.mask(h.head().id()))
                .contains("红安县");
        for (Member m : h.members) {
            assertThat(text).doesNotContain(m.id());
        }
        // the CJK font is embedded (a subset), so the file reads the same on any machine
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("/FontFile2").contains("DroidSansFallback");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'PRINT_FILE' and entity_id = ?")
                        .param(String.valueOf(h.id))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // outside one's scope there is no such household
        Hh other = households.stream()
                .filter(x -> x.village.equals(TestData.OTHER_VILLAGE))
                .findFirst()
                .orElseThrow();
        assertThat(get("led-town", "/api/v1/households/" + other.id + "/file.pdf"))
                .hasStatus(404);

        // the monthly summary of this month: the county's figures, as the statistics API gives them
        JsonNode stock = json.readTree(get("led-county", "/api/v1/statistics/households?region=" + TestData.COUNTY)
                .getResponse()
                .getContentAsByteArray());
        long total = 0;
        for (JsonNode row : stock.get("rows")) {
            total += row.get("households").asLong();
        }
        assertThat(total).isEqualTo(households.size());
        MvcTestResult s = get("led-county", "/api/v1/statistics/summary.pdf?region=" + TestData.COUNTY);
        assertThat(s).hasStatusOk();
        keep("monthly-summary.pdf", s.getResponse().getContentAsByteArray());
        String summary = TestData.pdfText(s.getResponse().getContentAsByteArray());
        assertThat(summary)
                .contains("统计月报", "红安县", "城关镇", "八里湾镇", "合计", "监测对象按风险类型")
                .contains("各下级区划监测对象与风险消除户", "监测对象按帮扶措施", "预警与案件办理", "新增预警", "超期未办结");
        // the totals row starts with the county's households
        assertThat(summary)
                .containsPattern("合计\\s*" + java.util.regex.Pattern.quote(String.format("%,d", total)) + "\\b");
        assertThat(get("led-county", "/api/v1/statistics/summary.pdf?month=2099-01"))
                .hasStatus(422);
        assertThat(get("led-county", "/api/v1/statistics/summary.pdf?month=2026-Q1"))
                .hasStatus(422);
        assertThat(get("led-dept", "/api/v1/statistics/summary.pdf")).hasStatus(403);
    }

    @Test
    void monthlyReportsAreGeneratedKeptAndCorrectedAsNewVersions() throws Exception {
        java.time.YearMonth last = java.time.YearMonth.from(today).minusMonths(1);
        // a township office may read but not generate
        assertThat(postAs("led-town", "/api/v1/reports/runs", "{\"month\":\"" + last + "\"}"))
                .hasStatus(403);
        JsonNode run = awaitRun(postAs("led-county", "/api/v1/reports/runs", "{\"month\":\"" + last + "\"}"));
        assertThat(run.get("total").asInt()).isEqualTo(3); // the county and its two townships
        assertThat(run.get("made").asInt()).isEqualTo(3);
        assertThat(run.get("failed").asInt()).isZero();
        JsonNode list = json.readTree(
                get("led-county", "/api/v1/reports?month=" + last).getResponse().getContentAsByteArray());
        assertThat(list).hasSize(3);
        JsonNode county = null;
        for (JsonNode r : list) {
            assertThat(r.get("version").asInt()).isEqualTo(1);
            assertThat(r.get("live").asBoolean()).isFalse(); // from the month-end snapshot
            if (r.get("regionCode").asText().equals(TestData.COUNTY)) {
                county = r;
            }
        }
        assertThat(county).isNotNull();
        long id = county.get("id").asLong();
        // the Excel holds the same figures as the statistics API for that month's end
        JsonNode stock = json.readTree(get(
                        "led-county",
                        "/api/v1/statistics/households?region=" + TestData.COUNTY + "&asOf=" + last.atEndOfMonth())
                .getResponse()
                .getContentAsByteArray());
        long total = 0;
        for (JsonNode row : stock.get("rows")) {
            total += row.get("households").asLong();
        }
        byte[] xlsx =
                get("led-county", "/api/v1/reports/xlsx/" + id).getResponse().getContentAsByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).contains("红安县", "统计月报");
            Row sum = rows.stream()
                    .filter(r -> "合计".equals(r.getCellText(0)))
                    .findFirst()
                    .orElseThrow();
            assertThat(sum.getCellAsNumber(1).orElseThrow().longValue()).isEqualTo(total);
        }
        byte[] pdf1 =
                get("led-county", "/api/v1/reports/pdf/" + id).getResponse().getContentAsByteArray();
        assertThat(TestData.pdfText(pdf1)).contains("统计月报", "快照");
        // a second run without a reason makes nothing; with one, a new version of each, the old one kept
        assertThat(awaitRun(postAs("led-county", "/api/v1/reports/runs", "{\"month\":\"" + last + "\"}"))
                        .get("made")
                        .asInt())
                .isZero();
        JsonNode corrected = awaitRun(postAs(
                "led-county",
                "/api/v1/reports/runs",
                "{\"month\":\"" + last + "\",\"region\":\"" + TestData.TOWNSHIP + "\",\"reason\":\"补录收入后更正\"}"));
        assertThat(corrected.get("total").asInt()).isEqualTo(1);
        List<Integer> versions = jdbc.sql("select version from report where region_code = ? order by version")
                .param(TestData.TOWNSHIP)
                .query(Integer.class)
                .list();
        assertThat(versions).containsExactly(1, 2);
        assertThat(get("led-county", "/api/v1/reports/pdf/" + id).getResponse().getContentAsByteArray())
                .isEqualTo(pdf1);
        // never changed in place
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("update report set reason = 'x' where id = ?")
                        .param(id)
                        .update())
                .hasMessageContaining("never changed");
        // a township reads its own, not the county's nor its sibling's
        JsonNode town = json.readTree(
                get("led-town", "/api/v1/reports?month=" + last).getResponse().getContentAsByteArray());
        assertThat(town).hasSize(2); // its two versions
        assertThat(get("led-town", "/api/v1/reports/pdf/" + id)).hasStatus(404);
        assertThat(get("led-town", "/api/v1/reports?region=" + TestData.OTHER_TOWNSHIP))
                .hasStatus(403);
        assertThat(get("led-county", "/reports?month=" + last))
                .hasStatusOk()
                .bodyText()
                .contains("补录收入后更正", "v2", "八里湾镇");
        assertThat(postAs("led-county", "/api/v1/reports/runs", "{\"month\":\"2099-01\"}"))
                .hasStatus(422);
        // this month has not ended: a report of it would stand in for the month-end one
        assertThat(postAs(
                        "led-county",
                        "/api/v1/reports/runs",
                        "{\"month\":\"" + java.time.YearMonth.from(today) + "\"}"))
                .hasStatus(422);
        // a county account without a region reaches nothing, not everything
        TestData.user(jdbc, encoder, "led-nowhere", "COUNTY", null, PW, false);
        assertThat(postAs("led-nowhere", "/api/v1/reports/runs", "{\"month\":\"" + last + "\"}"))
                .hasStatus(403);
        assertThat(json.readTree(get("led-nowhere", "/api/v1/reports/runs")
                                .getResponse()
                                .getContentAsByteArray())
                        .size())
                .isZero();
        assertThat(jdbc.sql("select count(*) from report_run where started_by = 'led-nowhere'")
                        .query(Long.class)
                        .single())
                .isZero();
        // nor deleted
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        jdbc.sql("delete from report where id = ?").param(id).update())
                .hasMessageContaining("never changed");
    }

    /** Waits for a generation to finish (it runs in the background); its last state. */
    private JsonNode awaitRun(MvcTestResult started) throws Exception {
        assertThat(started).hasStatus(202);
        String id = json.readTree(started.getResponse().getContentAsByteArray())
                .get("id")
                .asText();
        return org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(
                        () -> json.readTree(get("led-county", "/api/v1/reports/runs/" + id)
                                .getResponse()
                                .getContentAsByteArray()),
                        r -> r.hasNonNull("finishedAt"));
    }

    private MvcTestResult postAs(String user, String path, String body) {
        return mvc.post()
                .uri(path)
                .with(httpBasic(user, PW))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    /** Kept beside the browser tests' screenshots, for a person to look at. */
    private static void keep(String name, byte[] pdf) throws Exception {
        java.nio.file.Path shots = java.nio.file.Paths.get("target", "screenshots");
        java.nio.file.Files.createDirectories(shots);
        java.nio.file.Files.write(shots.resolve(name), pdf);
    }

    // ---- helpers ----

    private JsonNode page(String user, String ledger, String query) throws Exception {
        MvcTestResult r = get(user, "/api/v1/ledgers/" + ledger + "?size=200&" + query);
        assertThat(r).as(ledger + "?" + query).hasStatusOk();
        JsonNode n = json.readTree(r.getResponse().getContentAsByteArray());
        assertThat(n.get("rows").size())
                .isEqualTo((int) Math.min(200, n.get("total").asLong()));
        return n;
    }

    private MvcTestResult get(String user, String path) {
        return mvc.get().uri(path).with(httpBasic(user, PW)).exchange();
    }

    private MvcTestResult put(String path, Integer version, String body) {
        var req = mvc.put().uri(path).with(httpBasic("led-county", PW)).contentType(MediaType.APPLICATION_JSON);
        if (version != null) {
            req = req.header("If-Match", "\"" + version + "\"");
        }
        return req.content(body).exchange();
    }

    private MvcTestResult post(String path, String body) {
        return mvc.post()
                .uri(path)
                .with(httpBasic("led-county", PW))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }
}
