package org.fangpin.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.problem.ApiException;
import org.fangpin.demo.DemoLoader;
import org.fangpin.registry.MonitoringState;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

/**
 * 考核评估: every default indicator of a county agrees with counts the test makes itself from the tables (households
 * and members, measures and visits, cases it inserted, field checks it recorded, the rural population it entered);
 * plans are limited to two a county a year, a city's 第三方评估 waits for the province, a scored plan keeps its figures
 * when the registry changes while a live self-assessment follows it, and a county reads only its own scorecard.
 */
@IntegrationTest
class AssessmentPlansIT {

    static final String PW = "Assess-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoLoader demo;

    @Autowired
    AssessmentPlans plans;

    @Autowired
    PlanScorecards scorecards;

    @Autowired
    Indicators indicators;

    @Autowired
    RuralPopulations rural;

    @Autowired
    SampleDraws draws;

    @Autowired
    FieldChecks checks;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Autowired
    WebApplicationContext context;

    LocalDate today;

    @BeforeEach
    void data() {
        TestData.reset(jdbc);
        demo.load(3000, 12);
        TestData.user(jdbc, encoder, "ap-prov", "PROVINCE", TestData.PROVINCE, PW, false);
        TestData.user(jdbc, encoder, "ap-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "ap-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "ap-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "ap-insp", "INSPECTOR", TestData.CITY, PW, false);
        today = LocalDate.now(clock);
    }

    @Test
    void everyIndicatorAgreesWithCountsMadeFromTheTables() throws Exception {
        LocalDate from = today.minusDays(100);
        insertCases();
        // a household included 40 days ago that has no plan yet: no measures, never visited
        jdbc.sql("update household set monitoring_state = 'MONITORED', monitoring_category = 'MARGINAL',"
                        + " monitoring_since = ? where household_id = (select min(household_id) from household"
                        + " where valid_to is null and monitoring_state = 'NONE' and identity = 'ORDINARY'"
                        + " and household_id not in (select household_id from case_file)) and valid_to is null")
                .param(today.minusDays(40))
                .update();
        users.runAs(
                "ap-city",
                () -> rural.set(
                        TestData.COUNTY,
                        today.getYear(),
                        new RuralPopulations.RuralPopulationEntry(40_000, "县统计局农村人口数（测试）")));
        int[] checked = checkADraw();

        PlanScorecards.CountyScorecard card =
                users.runAs("ap-county", () -> scorecards.selfAssessment(TestData.COUNTY, from, today));
        assertThat(card.official()).isFalse();
        Map<String, Scorecards.IndicatorResult> r = new HashMap<>();
        card.indicators().forEach(x -> r.put(x.code(), x));
        assertThat(r.keySet())
                .containsExactlyInAnyOrder(
                        "INCIDENCE",
                        "WRONG_EXIT",
                        "MISSED",
                        "RECOGNITION",
                        "EDUCATION_SECURED",
                        "MEDICAL_SECURED",
                        "HOUSING_SECURED",
                        "WATER_SECURED",
                        "IDENTIFICATION_TIMELY",
                        "MEASURE_COVERAGE",
                        "VISIT_COMPLIANCE",
                        "RISK_UNELIMINATED",
                        "HELPER_COVERAGE");

        // the registry, read here as rows: households and their members
        Map<Long, Map<String, Object>> households = new TreeMap<>();
        jdbc.sql("select * from household where village_code like '421122%' and valid_to is null and not deleted")
                .query()
                .listOfRows()
                .forEach(h -> households.put(((Number) h.get("household_id")).longValue(), h));
        Map<Long, List<Map<String, Object>>> members = new HashMap<>();
        jdbc.sql("select household_id, school_status, medical_insurance from person where valid_to is null"
                        + " and not deleted")
                .query()
                .listOfRows()
                .forEach(p -> members.computeIfAbsent(
                                ((Number) p.get("household_id")).longValue(), k -> new ArrayList<>())
                        .add(p));
        BigDecimal line = jdbc.sql("select value from policy_parameter where key = 'national_poverty_line'"
                        + " and province_code is null order by valid_from desc limit 1")
                .query(BigDecimal.class)
                .single();
        long poorPersons = 0;
        int guaranteed = 0;
        int[] secured = new int[4]; // education, medical, housing, water
        for (Map.Entry<Long, Map<String, Object>> e : households.entrySet()) {
            Map<String, Object> h = e.getValue();
            List<Map<String, Object>> ms = members.getOrDefault(e.getKey(), List.of());
            BigDecimal perCapita = perCapita(h, ms.size());
            boolean lacking = ms.stream().anyMatch(p -> "DROPOUT".equals(p.get("school_status")))
                    || ms.stream().anyMatch(p -> !Boolean.TRUE.equals(p.get("medical_insurance")))
                    || "C".equals(h.get("housing_grade"))
                    || "D".equals(h.get("housing_grade"))
                    || Boolean.FALSE.equals(h.get("water_safe"));
            if ("MONITORED".equals(h.get("monitoring_state"))
                    && ((perCapita != null && perCapita.compareTo(line) < 0) || lacking)) {
                poorPersons += ms.size();
            }
            if ("EXITED".equals(h.get("identity")) || !"NONE".equals(h.get("monitoring_state"))) {
                guaranteed++;
                secured[0] += ms.stream().noneMatch(p -> "DROPOUT".equals(p.get("school_status"))) ? 1 : 0;
                secured[1] += ms.stream().allMatch(p -> Boolean.TRUE.equals(p.get("medical_insurance"))) ? 1 : 0;
                secured[2] += "C".equals(h.get("housing_grade")) || "D".equals(h.get("housing_grade")) ? 0 : 1;
                secured[3] += Boolean.FALSE.equals(h.get("water_safe")) ? 0 : 1;
            }
        }
        expect(r.get("INCIDENCE"), poorPersons, 40_000L);
        assertThat(r.get("INCIDENCE").met()).isEqualTo(poorPersons * 50 <= 40_000);
        assertThat(guaranteed).isGreaterThan(100);
        expect(r.get("EDUCATION_SECURED"), secured[0], guaranteed);
        expect(r.get("MEDICAL_SECURED"), secured[1], guaranteed);
        expect(r.get("HOUSING_SECURED"), secured[2], guaranteed);
        expect(r.get("WATER_SECURED"), secured[3], guaranteed);
        assertThat(r.get("HOUSING_SECURED").met()).isEqualTo(secured[2] == guaranteed);

        // monitored households: measures started by today, visits, the plan's interval
        Set<Long> withMeasures = new HashSet<>(jdbc.sql("select household_id from assistance_measure where status"
                        + " <> 'CANCELLED' and coalesce(actual_start, planned_start) <= ?")
                .param(today)
                .query(Long.class)
                .list());
        Map<Long, Map<String, Object>> planRows = new HashMap<>();
        jdbc.sql(
                        "select p.household_id, p.started_on, p.visit_interval_days, (select max(visited_on) from"
                                + " followup_visit v where v.household_id = p.household_id) as last_visit from assistance_plan p")
                .query()
                .listOfRows()
                .forEach(p -> planRows.put(((Number) p.get("household_id")).longValue(), p));
        int monitored = 0;
        int covered = 0;
        int visited = 0;
        Set<Long> notVisited = new HashSet<>();
        int atRisk = 0;
        int notEliminated = 0;
        Map<String, int[]> byAge = new TreeMap<>();
        for (Map.Entry<Long, Map<String, Object>> e : households.entrySet()) {
            Map<String, Object> h = e.getValue();
            String state = (String) h.get("monitoring_state");
            LocalDate since = h.get("monitoring_since") == null
                    ? null
                    : ((java.sql.Date) h.get("monitoring_since")).toLocalDate();
            if ("MONITORED".equals(state)) {
                monitored++;
                covered += withMeasures.contains(e.getKey()) ? 1 : 0;
                Map<String, Object> plan = planRows.get(e.getKey());
                boolean inTime = false;
                if (plan != null) {
                    LocalDate last = plan.get("last_visit") != null
                            ? ((java.sql.Date) plan.get("last_visit")).toLocalDate()
                            : ((java.sql.Date) plan.get("started_on")).toLocalDate();
                    inTime = ChronoUnit.DAYS.between(last, today)
                            <= ((Number) plan.get("visit_interval_days")).intValue();
                }
                visited += inTime ? 1 : 0;
                if (!inTime) {
                    notVisited.add(e.getKey());
                }
            }
            boolean eliminatedInPeriod = "ELIMINATED".equals(state)
                    && !((java.sql.Date) h.get("eliminated_on")).toLocalDate().isBefore(from);
            if ("MONITORED".equals(state) || eliminatedInPeriod) {
                atRisk++;
                notEliminated += "MONITORED".equals(state) ? 1 : 0;
                long months = since == null ? -1 : Period.between(since, today).toTotalMonths();
                String age =
                        months < 0 ? "UNKNOWN" : months < 3 ? "0-3" : months < 6 ? "3-6" : months < 12 ? "6-12" : "12+";
                int[] g = byAge.computeIfAbsent(age, k -> new int[2]);
                g[1]++;
                g[0] += "MONITORED".equals(state) ? 1 : 0;
            }
        }
        assertThat(monitored).isGreaterThan(10);
        assertThat(covered).isLessThan(monitored);
        assertThat(visited).isBetween(1, monitored - 1);
        expect(r.get("MEASURE_COVERAGE"), covered, monitored);
        expect(r.get("VISIT_COMPLIANCE"), visited, monitored);
        expect(r.get("RISK_UNELIMINATED"), notEliminated, atRisk);
        assertThat(r.get("RISK_UNELIMINATED").met()).isNull(); // reference only, no threshold
        Map<String, int[]> groups = new TreeMap<>();
        r.get("RISK_UNELIMINATED")
                .groups()
                .forEach(g -> groups.put(g.value(), new int[] {(int) g.numerator(), (int) g.denominator()}));
        assertThat(groups.keySet()).isEqualTo(byAge.keySet());
        byAge.forEach((k, v) -> assertThat(groups.get(k)).as(k).containsExactly(v));

        // 帮扶责任人: monitored households (脱贫户 too while the province's switch is on) with a helper on the day, read
        // from the pairings' dates; the demo's departed helper leaves households unpaired
        Set<Long> pairedToday = new HashSet<>(jdbc.sql("select household_id from helper_pairing where paired_on <= ?"
                        + " and (ended_on is null or ended_on > ?)")
                .params(today, today)
                .query(Long.class)
                .list());
        int[] mustHave = new int[2]; // switch off, on
        int[] paired = new int[2];
        List<Set<Long>> unpaired = List.of(new HashSet<>(), new HashSet<>());
        for (Map.Entry<Long, Map<String, Object>> e : households.entrySet()) {
            boolean monitoredNow = "MONITORED".equals(e.getValue().get("monitoring_state"));
            boolean exited = "EXITED".equals(e.getValue().get("identity"));
            int has = pairedToday.contains(e.getKey()) ? 1 : 0;
            for (int mode = 0; mode < 2; mode++) {
                if (monitoredNow || (mode == 1 && exited)) {
                    mustHave[mode]++;
                    paired[mode] += has;
                    if (has == 0) {
                        unpaired.get(mode).add(e.getKey());
                    }
                }
            }
        }
        boolean switchOn = jdbc.sql("select value = 1 from policy_parameter where key = 'helper_for_exited_households'"
                        + " and province_code is null and valid_from <= ? and (valid_to is null or valid_to > ?)")
                .params(today, today)
                .query(Boolean.class)
                .single();
        int on = switchOn ? 1 : 0;
        assertThat(paired[on]).isBetween(1, mustHave[on] - 1);
        expect(r.get("HELPER_COVERAGE"), paired[on], mustHave[on]);
        assertThat(r.get("HELPER_COVERAGE").met()).isFalse(); // every one must be paired
        // the province turns the switch the other way: the same households are counted by the other rule
        jdbc.sql("insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by)"
                        + " values ('helper_for_exited_households', ?, ?, ?, '测试', 'test')")
                .params(TestData.PROVINCE, today.minusDays(1), 1 - on)
                .update();
        Scorecards.IndicatorResult switched =
                users
                        .runAs("ap-county", () -> scorecards.selfAssessment(TestData.COUNTY, from, today))
                        .indicators()
                        .stream()
                        .filter(x -> x.code().equals("HELPER_COVERAGE"))
                        .findFirst()
                        .orElseThrow();
        expect(switched, paired[1 - on], mustHave[1 - on]);
        assertThat(mustHave[1]).isGreaterThan(mustHave[0]);
        jdbc.sql("delete from policy_parameter where recorded_by = 'test'").update();
        // as of a past day the pairings count as they stood then: two begun after it do not, one ended after it does
        LocalDate past = today.minusDays(10);
        String asOfPast = "select household_id, monitoring_state, identity from household where village_code like"
                + " '421122%' and not deleted and valid_from <= ? and (valid_to is null or valid_to > ?)";
        List<Long> monitoredThen = jdbc.sql("select household_id from (" + asOfPast + ") h"
                        + " where monitoring_state = 'MONITORED' order by household_id")
                .params(past, past)
                .query(Long.class)
                .list();
        List<Long> laterPaired =
                monitoredThen.stream().filter(pairedToday::contains).limit(2).toList();
        long endedLater = monitoredThen.stream()
                .filter(unpaired.get(0)::contains)
                .findFirst()
                .orElseThrow();
        assertThat(laterPaired).hasSize(2);
        jdbc.sql("update helper_pairing set paired_on = ? where household_id in (?, ?) and ended_on is null")
                .params(today.minusDays(5), laterPaired.get(0), laterPaired.get(1))
                .update();
        jdbc.sql("""
                        insert into helper_pairing (helper_id, household_id, village_code, paired_on, ended_on,
                                                    end_reason, created_by)
                        select helper_id, ?, (select village_code from household where household_id = ?
                                              and valid_to is null), ?, ?, '调离（测试）', 't'
                        from helper_pairing limit 1""")
                .params(endedLater, endedLater, today.minusDays(30), today.minusDays(5))
                .update();
        boolean switchThen = jdbc.sql("select value = 1 from policy_parameter where key ="
                        + " 'helper_for_exited_households' and province_code is null and valid_from <= ? and"
                        + " (valid_to is null or valid_to > ?)")
                .params(past, past)
                .query(Boolean.class)
                .single();
        long[] then = jdbc.sql("select count(*), count(*) filter (where exists (select 1 from helper_pairing x where"
                        + " x.household_id = h.household_id and x.paired_on <= ? and (x.ended_on is null or x.ended_on"
                        + " > ?))), count(*) filter (where exists (select 1 from helper_pairing x where x.household_id ="
                        + " h.household_id and x.ended_on is null)) from (" + asOfPast + ") h where monitoring_state ="
                        + " 'MONITORED' or (? and identity = 'EXITED')")
                .params(past, past, past, past, switchThen)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();
        // counting today's open pairings instead would give another figure: the dates are what is checked
        assertThat(then[1]).isNotEqualTo(then[2]);
        Scorecards.IndicatorResult pastCoverage = users
                .runAs("ap-county", () -> scorecards.selfAssessment(TestData.COUNTY, past.minusDays(90), past))
                .indicators()
                .stream()
                .filter(x -> x.code().equals("HELPER_COVERAGE"))
                .findFirst()
                .orElseThrow();
        expect(pastCoverage, then[1], then[0]);

        // cases: decided in the period, or undecided past their deadline; in time when decided within 15 days
        List<Map<String, Object>> cases = jdbc.sql("select * from case_file where kind = 'IDENTIFICATION'")
                .query()
                .listOfRows();
        int caseBase = 0;
        int inTime = 0;
        for (Map<String, Object> c : cases) {
            LocalDate discovered = ((java.sql.Date) c.get("discovered_on")).toLocalDate();
            LocalDate deadline = ((java.sql.Date) c.get("deadline")).toLocalDate();
            LocalDate closed = c.get("closed_on") == null ? null : ((java.sql.Date) c.get("closed_on")).toLocalDate();
            boolean decidedInPeriod = closed != null && !closed.isBefore(from) && !closed.isAfter(today);
            boolean overdue = closed == null && deadline.isBefore(today);
            if (decidedInPeriod || overdue) {
                caseBase++;
                inTime += decidedInPeriod && ChronoUnit.DAYS.between(discovered, closed) <= 15 ? 1 : 0;
            }
        }
        assertThat(caseBase).isGreaterThanOrEqualTo(3);
        expect(r.get("IDENTIFICATION_TIMELY"), inTime, caseBase);

        // field checks as the test recorded them
        expect(r.get("WRONG_EXIT"), checked[0], checked[1]);
        expect(r.get("MISSED"), checked[2], checked[3]);
        expect(r.get("RECOGNITION"), checked[4], checked[5]);

        // the result: failed when a hard indicator is not met
        boolean anyHardFails = card.indicators().stream().anyMatch(x -> x.hard() && Boolean.FALSE.equals(x.met()));
        assertThat(card.result() == AssessmentPlans.ScorecardResult.FAILED).isEqualTo(anyHardFails);

        // a plan of that day keeps the same figures, and the drill-down lists exactly the households behind one
        AssessmentPlans.AssessmentPlan p = users.runAs(
                "ap-city",
                () -> plans.open(new AssessmentPlans.PlanRequest(
                        "年度考核", PlanKind.ANNUAL, today.getYear(), from, today, null, List.of(TestData.COUNTY))));
        AssessmentPlans.AssessmentPlan scored = users.runAs("ap-city", () -> plans.score(p.id(), p.version()));
        assertThat(scored.counties())
                .extracting(AssessmentPlans.PlanCounty::result)
                .containsExactly(card.result());
        List<Scorecards.IndicatorResult> kept = users.runAs(
                        "ap-county", () -> scorecards.scorecard(p.id(), TestData.COUNTY))
                .indicators();
        for (Scorecards.IndicatorResult k : kept) {
            Scorecards.IndicatorResult live = r.get(k.code());
            assertThat(k.numerator()).as(k.code()).isEqualTo(live.numerator());
            assertThat(k.denominator()).as(k.code()).isEqualTo(live.denominator());
            assertThat(k.met()).as(k.code()).isEqualTo(live.met());
            assertThat(k.populationHash()).as(k.code()).isEqualTo(live.populationHash());
        }
        List<PlanScorecards.AgainstHousehold> behind =
                users.runAs("ap-county", () -> scorecards.against(p.id(), TestData.COUNTY, "VISIT_COMPLIANCE", 5000));
        assertThat(behind)
                .extracting(PlanScorecards.AgainstHousehold::householdId)
                .containsExactlyInAnyOrderElementsOf(notVisited);
        assertThat(behind).allMatch(b -> b.householdNo() != null);
        assertThat(users.runAs("ap-county", () -> scorecards.against(p.id(), TestData.COUNTY, "HELPER_COVERAGE", 5000)))
                .extracting(PlanScorecards.AgainstHousehold::householdId)
                .containsExactlyInAnyOrderElementsOf(unpaired.get(on));

        // the 考核结果表: the county's sheet holds each indicator's numerator and denominator as kept
        MockMvcTester mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        var export = mvc.get()
                .uri("/api/v1/assessments/" + p.id() + "/scorecards/export")
                .with(httpBasic("ap-county", PW))
                .header("Accept-Language", "zh-CN")
                .exchange();
        assertThat(export).hasStatusOk();
        try (ReadableWorkbook wb = new ReadableWorkbook(
                new ByteArrayInputStream(export.getResponse().getContentAsByteArray()))) {
            List<Sheet> sheets = wb.getSheets().toList();
            assertThat(sheets).hasSize(2);
            List<Row> summary = sheets.get(0).read();
            assertThat(summary.get(2).getCellAsString(2)).hasValue(card.result().zh());
            Map<String, Row> byName = new HashMap<>();
            for (Row row : sheets.get(1).read()) {
                row.getCellAsString(0).ifPresent(name -> byName.put(name, row));
            }
            for (Scorecards.IndicatorResult k : kept) {
                Row row = byName.get(k.nameZh());
                assertThat(row).as(k.code()).isNotNull();
                assertThat(row.getCellRawValue(3)).as(k.code()).hasValue(Long.toString(k.numerator()));
                if (k.denominator() != null) {
                    assertThat(row.getCellRawValue(4)).as(k.code()).hasValue(Long.toString(k.denominator()));
                }
            }
        }
        assertThat(mvc.get()
                        .uri("/api/v1/assessments/" + p.id() + "/scorecards/export")
                        .with(httpBasic("ap-town", PW))
                        .exchange())
                .hasStatus(404);

        // the organiser's narrative beside the figures; the county cannot write it
        PlanScorecards.CountyScorecard narrated = users.runAs(
                "ap-city",
                () -> scorecards.narrate(p.id(), TestData.COUNTY, new PlanScorecards.Narrative("监测帮扶工作扎实，走访记录完整。")));
        assertThat(narrated.narrative()).isEqualTo("监测帮扶工作扎实，走访记录完整。");
        assertThat(narrated.indicators()).hasSameSizeAs(kept);
        assertThatThrownBy(() -> users.runAs(
                        "ap-county",
                        () -> scorecards.narrate(p.id(), TestData.COUNTY, new PlanScorecards.Narrative("自评"))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(users.runAs("ap-county", () -> scorecards.scorecard(p.id(), TestData.COUNTY))
                        .narrative())
                .isEqualTo("监测帮扶工作扎实，走访记录完整。");

        // the registry changes: the plan keeps its figures, a live self-assessment follows
        long house = households.entrySet().stream()
                .filter(e -> "EXITED".equals(e.getValue().get("identity"))
                        && !"C".equals(e.getValue().get("housing_grade"))
                        && !"D".equals(e.getValue().get("housing_grade")))
                .findFirst()
                .orElseThrow()
                .getKey();
        jdbc.sql("update household set housing_grade = 'D' where household_id = ? and valid_to is null")
                .param(house)
                .update();
        Scorecards.IndicatorResult keptHousing =
                users.runAs("ap-county", () -> scorecards.scorecard(p.id(), TestData.COUNTY)).indicators().stream()
                        .filter(x -> x.code().equals("HOUSING_SECURED"))
                        .findFirst()
                        .orElseThrow();
        assertThat(keptHousing.numerator()).isEqualTo(secured[2]);
        Scorecards.IndicatorResult liveHousing =
                users
                        .runAs("ap-county", () -> scorecards.selfAssessment(TestData.COUNTY, from, today))
                        .indicators()
                        .stream()
                        .filter(x -> x.code().equals("HOUSING_SECURED"))
                        .findFirst()
                        .orElseThrow();
        assertThat(liveHousing.numerator()).isEqualTo(secured[2] - 1);
        assertThat(liveHousing.met()).isFalse();
    }

    @Test
    void plansAreLimitedApprovedAndScoredOnce() {
        int year = today.getYear();
        AssessmentPlans.AssessmentPlan annual = users.runAs(
                "ap-city",
                () -> plans.open(new AssessmentPlans.PlanRequest(
                        "年度考核", PlanKind.ANNUAL, year, null, today, null, List.of(TestData.COUNTY))));
        assertThat(annual.approval()).isEqualTo(PlanApproval.NOT_NEEDED);
        assertThat(annual.periodFrom()).isEqualTo(LocalDate.of(year, 1, 1));
        AssessmentPlans.AssessmentPlan regular = users.runAs(
                "ap-prov",
                () -> plans.open(new AssessmentPlans.PlanRequest(
                        "平时考核", PlanKind.REGULAR, year, null, null, null, List.of(TestData.COUNTY))));
        assertThat(regular.asOf()).isEqualTo(LocalDate.of(year, 12, 31));
        // the regular one does not count: a cross assessment is the second; a third is refused, whoever asks
        users.runAs(
                "ap-prov",
                () -> plans.open(new AssessmentPlans.PlanRequest(
                        "交叉考核", PlanKind.CROSS, year, null, null, null, List.of(TestData.COUNTY))));
        assertThatThrownBy(() -> users.runAs(
                        "ap-prov",
                        () -> plans.open(new AssessmentPlans.PlanRequest(
                                "第三方评估", PlanKind.THIRD_PARTY, year, null, null, "某评估中心", List.of(TestData.COUNTY)))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        // scoring a plan whose day is to come
        if (regular.asOf().isAfter(today)) {
            assertThatThrownBy(() -> users.runAs("ap-prov", () -> plans.score(regular.id(), regular.version())))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        }
        // a township reads neither; the county reads both, with its own county only
        assertThatThrownBy(() -> users.runAs("ap-town", () -> plans.get(annual.id())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(users.runAs("ap-county", () -> plans.list(year, 50)))
                .extracting(AssessmentPlans.AssessmentPlan::id)
                .hasSize(3)
                .contains(annual.id(), regular.id());
        assertThat(users.runAs("ap-town", () -> plans.list(null, 50))).isEmpty();
        // the organiser scores it once
        AssessmentPlans.AssessmentPlan scored =
                users.runAs("ap-city", () -> plans.score(annual.id(), annual.version()));
        assertThat(scored.scoredAt()).isNotNull();
        assertThatThrownBy(() -> users.runAs("ap-city", () -> plans.score(annual.id(), scored.version())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        // the county's user cannot score (not the organising level)
        assertThatThrownBy(() -> users.runAs("ap-county", () -> plans.score(regular.id(), regular.version())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));

        // last year: a city's 第三方评估 waits for the province
        int last = year - 1;
        AssessmentPlans.AssessmentPlan third = users.runAs(
                "ap-city",
                () -> plans.open(new AssessmentPlans.PlanRequest(
                        "第三方评估", PlanKind.THIRD_PARTY, last, null, null, "某大学评估中心", List.of(TestData.COUNTY))));
        assertThat(third.approval()).isEqualTo(PlanApproval.PENDING);
        assertThatThrownBy(() -> users.runAs("ap-city", () -> plans.score(third.id(), third.version())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> users.runAs(
                        "ap-city",
                        () -> plans.decide(
                                third.id(), third.version(), new AssessmentPlans.ApprovalDecision(true, null))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        // a refusal needs its reason
        assertThatThrownBy(() -> users.runAs(
                        "ap-prov",
                        () -> plans.decide(
                                third.id(), third.version(), new AssessmentPlans.ApprovalDecision(false, " "))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(f -> f.field())
                                .containsExactly("note"));
        AssessmentPlans.AssessmentPlan approved = users.runAs(
                "ap-prov",
                () -> plans.decide(third.id(), third.version(), new AssessmentPlans.ApprovalDecision(true, "同意")));
        assertThat(approved.approval()).isEqualTo(PlanApproval.APPROVED);
        assertThat(approved.approvedBy()).isEqualTo("ap-prov");
        AssessmentPlans.AssessmentPlan thirdScored =
                users.runAs("ap-city", () -> plans.score(third.id(), approved.version()));
        assertThat(thirdScored.counties()).hasSize(1);
        // a province's own 第三方评估 needs no approval
        AssessmentPlans.AssessmentPlan own = users.runAs(
                "ap-prov",
                () -> plans.open(new AssessmentPlans.PlanRequest(
                        "第三方评估", PlanKind.THIRD_PARTY, last, null, null, "某研究院", List.of(TestData.COUNTY))));
        assertThat(own.approval()).isEqualTo(PlanApproval.NOT_NEEDED);

        // a county never assesses itself (were it given the permission): that is a self-assessment
        assertThatThrownBy(() -> users.runAs(
                        "ap-county",
                        () -> plans.open(new AssessmentPlans.PlanRequest(
                                "自评", PlanKind.REGULAR, last, null, null, null, List.of(TestData.COUNTY)))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(f -> f.field())
                                .containsExactly("counties"));

        // bad requests: each field's reason, nothing kept
        long before = jdbc.sql("select count(*) from assessment_plan")
                .query(Long.class)
                .single();
        assertThatThrownBy(() -> users.runAs(
                        "ap-city",
                        () -> plans.open(new AssessmentPlans.PlanRequest(
                                " ",
                                null,
                                year,
                                today,
                                today.minusDays(1),
                                null,
                                List.of(TestData.TOWNSHIP, "999999000000")))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(f -> f.field())
                                .contains("name", "kind", "asOf", "counties"));
        assertThat(jdbc.sql("select count(*) from assessment_plan")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void indicatorsAreDataCheckedBeforeTheyAreKept() {
        Indicators.IndicatorDefinition bad = new Indicators.IndicatorDefinition(
                "T_BAD",
                null,
                "测试",
                "Test",
                "说明",
                "About",
                IndicatorArea.WORK,
                IndicatorPopulation.MONITORED,
                "no_such_column > 1",
                "measures >",
                IndicatorUnit.HOUSEHOLDS,
                IndicatorBase.RURAL_POPULATION,
                "risk_age",
                "visit_interval_days",
                null,
                true,
                true,
                0);
        assertThatThrownBy(() -> users.runAs("ap-prov", () -> indicators.save("T_BAD", null, bad)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(f -> f.field())
                                .containsExactlyInAnyOrder(
                                        "filter",
                                        "condition",
                                        "groupBy",
                                        "denominator",
                                        "thresholdKey",
                                        "direction",
                                        "hard"));
        assertThat(jdbc.sql("select count(*) from indicator where code = 'T_BAD'")
                        .query(Long.class)
                        .single())
                .isZero();

        // a new indicator: the share of monitored households that are 边缘易致贫户, counted in persons
        Indicators.IndicatorDefinition edge = new Indicators.IndicatorDefinition(
                "T_EDGE",
                null,
                "边缘户人口占比",
                "Edge persons",
                "测试",
                "Test",
                IndicatorArea.WORK,
                IndicatorPopulation.MONITORED,
                null,
                "category = 'MARGINAL'",
                IndicatorUnit.PERSONS,
                IndicatorBase.POPULATION,
                "identity",
                null,
                null,
                false,
                true,
                0);
        Indicators.IndicatorDefinition saved = users.runAs("ap-prov", () -> indicators.save("T_EDGE", null, edge));
        assertThat(saved.version()).isEqualTo(1);
        // a change needs the version
        assertThatThrownBy(() -> users.runAs("ap-prov", () -> indicators.save("T_EDGE", null, edge)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED));
        Scorecards.IndicatorResult r =
                users
                        .runAs("ap-county", () -> scorecards.selfAssessment(TestData.COUNTY, null, null))
                        .indicators()
                        .stream()
                        .filter(x -> x.code().equals("T_EDGE"))
                        .findFirst()
                        .orElseThrow();
        long persons = jdbc.sql("select count(*) from person p join household h on h.household_id = p.household_id"
                        + " and h.valid_to is null and not h.deleted where p.valid_to is null and not p.deleted"
                        + " and h.monitoring_state = 'MONITORED'")
                .query(Long.class)
                .single();
        long edgePersons = jdbc.sql("select count(*) from person p join household h on h.household_id ="
                        + " p.household_id and h.valid_to is null and not h.deleted where p.valid_to is null and not"
                        + " p.deleted and h.monitoring_state = 'MONITORED' and h.monitoring_category = 'MARGINAL'")
                .query(Long.class)
                .single();
        assertThat(edgePersons).isPositive();
        expect(r, edgePersons, persons);
        assertThat(r.groups()).isNotEmpty();
        assertThat(r.groups().stream()
                        .mapToLong(Scorecards.IndicatorGroup::denominator)
                        .sum())
                .isEqualTo(persons);
    }

    private static void expect(Scorecards.IndicatorResult r, long numerator, long denominator) {
        assertThat(r.numerator()).as(r.code() + " numerator").isEqualTo(numerator);
        assertThat(r.denominator()).as(r.code() + " denominator").isEqualTo(denominator);
        if (denominator > 0) {
            assertThat(r.rate())
                    .as(r.code() + " rate")
                    .isEqualByComparingTo(BigDecimal.valueOf(numerator)
                            .divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP));
        }
    }

    private static BigDecimal perCapita(Map<String, Object> h, int members) {
        String[] parts = {"income_wage", "income_production", "income_property", "income_transfer"};
        boolean any = h.get("income_year") != null || h.get("production_cost") != null;
        BigDecimal net = BigDecimal.ZERO;
        for (String p : parts) {
            if (h.get(p) != null) {
                any = true;
                net = net.add((BigDecimal) h.get(p));
            }
        }
        if (!any || members == 0) {
            return null;
        }
        if (h.get("production_cost") != null) {
            net = net.subtract((BigDecimal) h.get("production_cost"));
        }
        return net.divide(BigDecimal.valueOf(members), 2, RoundingMode.HALF_UP);
    }

    /** Identification cases: decided in time, decided late, undecided past the deadline, not yet due, decided too early. */
    private void insertCases() {
        List<Map<String, Object>> ordinary = jdbc.sql("select household_id, household_no, village_code from household"
                        + " where valid_to is null and not deleted and monitoring_state = 'NONE'"
                        + " and household_id not in (select household_id from case_file) order by household_id limit 5")
                .query()
                .listOfRows();
        int[][] days = {{40, 25, 30}, {60, 45, 20}, {30, 15, -1}, {5, -10, -1}, {300, 285, 290}};
        for (int i = 0; i < days.length; i++) {
            Map<String, Object> h = ordinary.get(i);
            boolean closed = days[i][2] >= 0;
            jdbc.sql("""
                            insert into case_file (household_id, household_no, village_code, channel, statement,
                                discovered_on, deadline, stage, opened_by, closed_at, closed_on, kind)
                            values (?, ?, ?, 'CADRE_CHECK', '测试', ?, ?, ?, 'test', ?, ?, 'IDENTIFICATION')""")
                    .params(
                            h.get("household_id"),
                            h.get("household_no"),
                            h.get("village_code"),
                            today.minusDays(days[i][0]),
                            today.minusDays(days[i][1]),
                            closed ? (i % 2 == 0 ? "INCLUDED" : "REJECTED") : "VERIFICATION",
                            closed
                                    ? java.sql.Timestamp.valueOf(
                                            today.minusDays(days[i][2]).atStartOfDay())
                                    : null,
                            closed ? today.minusDays(days[i][2]) : null)
                    .update();
        }
    }

    /**
     * A city draws and an inspector checks: one eliminated household wrongly exited, one unmonitored missed, some not
     * recognising. Returns wrong exits, eliminated checked, missed, unmonitored checked, recognising, answered.
     */
    private int[] checkADraw() {
        SampleDraws.SampleDraw d = users.runAs(
                "ap-city",
                () -> draws.draw(
                        new SampleDraws.SampleRequest(TestData.COUNTY, null, "ap-1", new BigDecimal("0.01"), 2, null)));
        List<FieldChecks.DrawnHousehold> drawn = users.runAs("ap-insp", () -> checks.households(d.id()));
        int[] t = new int[6];
        boolean exitMarked = false;
        boolean missMarked = false;
        for (int i = 0; i < drawn.size(); i++) {
            FieldChecks.DrawnHousehold x = drawn.get(i);
            CheckVerdict v = CheckVerdict.CORRECT;
            if (x.monitoringState() == MonitoringState.ELIMINATED && !exitMarked) {
                v = CheckVerdict.WRONG_EXIT;
                exitMarked = true;
            } else if (x.monitoringState() == MonitoringState.NONE && !missMarked) {
                v = CheckVerdict.MISSED;
                missMarked = true;
            }
            Boolean rec = i % 5 == 2 ? null : i % 3 != 1;
            CheckVerdict verdict = v;
            users.runAs(
                    "ap-insp",
                    () -> checks.record(
                            d.id(),
                            x.householdId(),
                            null,
                            new FieldChecks.CheckRecord(
                                    null, null, null, null, null, null, verdict, rec, null, today)));
            t[0] += v == CheckVerdict.WRONG_EXIT ? 1 : 0;
            t[1] += x.monitoringState() == MonitoringState.ELIMINATED ? 1 : 0;
            t[2] += v == CheckVerdict.MISSED ? 1 : 0;
            t[3] += x.monitoringState() == MonitoringState.NONE ? 1 : 0;
            t[4] += Boolean.TRUE.equals(rec) ? 1 : 0;
            t[5] += rec == null ? 0 : 1;
        }
        assertThat(t[0]).isEqualTo(1);
        assertThat(t[2]).isEqualTo(1);
        return t;
    }
}
