package org.fangpin.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.lake.Lake;
import org.fangpin.common.problem.ApiException;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.fangpin.monitoring.internal.Indicator;
import org.fangpin.monitoring.internal.RuleSets;
import org.fangpin.monitoring.internal.RunRecords;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default rules from department feeds through the engine to explained alerts: for each rule a household just
 * inside its threshold (alerted, with the facts and sources named) and one just outside (not alerted); then
 * deduplication, monitored households, effective dating and what-if runs.
 */
@IntegrationTest
class MonitoringIT {

    static final LocalDate AS_OF = BoundaryCases.AS_OF;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    HouseholdImporter households;

    @Autowired
    FeedIntake intake;

    @Autowired
    MonitoringRuns runs;

    /** Keeps the result files of the most recent runs. */
    @Autowired
    RunRecords records;

    @Autowired
    Alerts alerts;

    @Autowired
    RuleSets ruleSets;

    @Autowired
    PolicyParameters parameters;

    @Autowired
    WebApplicationContext context;

    @Autowired
    PasswordEncoder encoder;

    @TempDir
    Path dir;

    BoundaryCases cases;

    @BeforeEach
    void setUp() {
        cases = new BoundaryCases(jdbc, regions, households, intake, dir);
        cases.load();
    }

    private Map<String, Alerts.Alert> alertsByHousehold(UUID run) {
        // the list without explanations, each alert then read whole
        return alerts.list(Alerts.Query.all(500).withRun(run)).stream()
                .map(i -> alerts.get(i.id()))
                .collect(Collectors.toMap(Alerts.Alert::householdNo, a -> a));
    }

    @Test
    void eachDefaultRuleFiresJustInsideItsThresholdAndNotJustOutside() {
        MonitoringRuns.Run run = runs.run(AS_OF);
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        Map<String, Alerts.Alert> byNo = alertsByHousehold(run.id());

        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("INC-IN", List.of("INCOME_BELOW_LINE"));
        expected.put("EDGE-IN", List.of("EDGE_INCOME_DROP"));
        expected.put("MED-IN", List.of("MEDICAL_BURDEN"));
        expected.put("DEATH-IN", List.of("LABOUR_LOSS"));
        expected.put("DISAB-IN", List.of("LABOUR_LOSS"));
        expected.put("SCH-IN", List.of("SCHOOL_DROPOUT"));
        expected.put("HOUSE-IN", List.of("UNSAFE_HOUSING"));
        expected.put("WATER-IN", List.of("UNSAFE_WATER"));
        expected.put("INS-IN", List.of("UNINSURED"));
        expected.put("REGION-IN", List.of("REGION_DISASTER", "REGION_EPIDEMIC"));
        expected.put("BEN-IN", List.of("BENEFIT_STOPPED"));
        expected.put("MON", List.of("UNINSURED")); // its medical burden is what it is monitored for (因病)
        for (var e : expected.entrySet()) {
            assertThat(byNo).as(e.getKey()).containsKey(e.getKey());
            assertThat(byNo.get(e.getKey()).rules()).as(e.getKey()).containsExactlyElementsOf(e.getValue());
        }
        // just outside: no alert at all
        assertThat(byNo.keySet())
                .doesNotContain(
                        "INC-OUT", "EDGE-OUT", "MED-OUT", "LAB-OUT", "SCH-OUT", "HOUSE-OUT", "WATER-OUT", "BEN-OUT");
        assertThat(byNo).hasSize(expected.size());
        assertThat(run.alerts()).isEqualTo(expected.size());
        assertThat(run.flagged()).isEqualTo(expected.size()); // MON is flagged (and alerted for one rule of two)
    }

    @Test
    void theCategoryFollowsFromWhoTheHouseholdIsNotFromItsLastState() {
        // two households whose risk was eliminated, now below the income line again: one a 脱贫户 (it keeps its exit
        // year), one that was never poor; and a 脱贫户 never monitored, and an ordinary household
        String csv = "household_no,village_code,status,exit_year,income_year,income_wage,name,id_number,relation,"
                + "labour_capacity,medical_insurance\n"
                + "ELIM-EXITED," + TestData.VILLAGE + ",风险已消除,2019,2025,5000,甲," + TestData.id("1970-01-01", 901)
                + ",户主,普通劳动力,是\n"
                + "ELIM-NEVER," + TestData.VILLAGE + ",风险已消除,,2025,5000,乙," + TestData.id("1970-01-01", 902)
                + ",户主,普通劳动力,是\n"
                + "EXITED-LOW," + TestData.VILLAGE + ",脱贫户,2018,2025,5000,丙," + TestData.id("1970-01-01", 903)
                + ",户主,普通劳动力,是\n";
        var report = households.importFile(
                TestData.write(dir, "elim.csv", csv),
                "elim.csv",
                "t",
                Locale.CHINA,
                new HouseholdImporter.Options(null, null));
        assertThat(report.errors()).isEmpty();
        Map<String, Alerts.Alert> byNo = alertsByHousehold(runs.run(AS_OF).id());
        assertThat(byNo.get("ELIM-EXITED").suggestedCategory()).isEqualTo("UNSTABLE"); // 脱贫不稳定户
        assertThat(byNo.get("EXITED-LOW").suggestedCategory()).isEqualTo("UNSTABLE");
        assertThat(byNo.get("ELIM-NEVER").suggestedCategory()).isEqualTo("MARGINAL"); // 边缘易致贫户
        assertThat(byNo.get("INC-IN").suggestedCategory()).isEqualTo("MARGINAL");
    }

    @Test
    void aMonitoringLineSetForAnEarlierYearIsReportedUntilThisYearsValueIsInForce(@Autowired Messages messages) {
        // the shipped national line (from 2021) is what the test province uses in 2026
        List<PolicyParameters.StaleValue> stale = parameters.staleMonitoringLines(AS_OF);
        assertThat(stale).singleElement().satisfies(s -> {
            assertThat(s.provinceCode()).isEqualTo(TestData.PROVINCE);
            assertThat(s.value().validFrom().getYear()).isEqualTo(2021);
            assertThat(s.year()).isEqualTo(2026);
            assertThat(messages.get(Locale.CHINA, s.messageKey(), s.args()))
                    .contains("湖北省", "6,000", "2021 年起", "2026 年");
        });
        parameters.set(
                "monitoring_line", TestData.PROVINCE, LocalDate.parse("2027-01-01"), new BigDecimal("7000"), "测试来源");
        assertThat(parameters.staleMonitoringLines(LocalDate.parse("2026-12-31")))
                .hasSize(1); // day N-1
        assertThat(parameters.staleMonitoringLines(LocalDate.parse("2027-01-01")))
                .isEmpty(); // day N
        assertThat(parameters.staleMonitoringLines(LocalDate.parse("2028-01-01")))
                .singleElement()
                .satisfies(s -> assertThat(s.value().value()).isEqualByComparingTo("7000"));
    }

    @Test
    void policyPeriodsAreDataAndARunSaysUnderWhichItDecided(@Autowired PolicyPeriods periods) {
        // the shipped national periods, at their boundaries
        assertThat(periods.at(null, LocalDate.parse("2020-12-31")).map(PolicyPeriods.Period::code))
                .contains("POVERTY_ALLEVIATION");
        assertThat(periods.at(TestData.PROVINCE, LocalDate.parse("2021-01-01")).map(PolicyPeriods.Period::code))
                .contains("TRANSITION");
        assertThat(periods.at(TestData.PROVINCE, LocalDate.parse("2025-12-31")).map(PolicyPeriods.Period::code))
                .contains("TRANSITION");
        assertThat(periods.at(TestData.PROVINCE, LocalDate.parse("2026-01-01")).map(PolicyPeriods.Period::code))
                .contains("REGULAR");
        // a province starts its own next period without code; the nation and earlier dates keep theirs
        PolicyPeriods.NewPeriod next = new PolicyPeriods.NewPeriod(
                "HB_NEXT",
                TestData.PROVINCE,
                "湖北省新阶段",
                "Hubei, next stage",
                LocalDate.parse("2027-01-01"),
                "测试来源",
                null);
        periods.add(next);
        assertThat(periods.at(TestData.PROVINCE, LocalDate.parse("2026-12-31")).map(PolicyPeriods.Period::code))
                .contains("REGULAR");
        assertThat(periods.at(TestData.PROVINCE, LocalDate.parse("2027-01-01")).map(PolicyPeriods.Period::code))
                .contains("HB_NEXT");
        assertThat(periods.at(null, LocalDate.parse("2027-01-01")).map(PolicyPeriods.Period::code))
                .contains("REGULAR");
        assertThatThrownBy(() -> periods.add(next))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status().value()).isEqualTo(409));
        assertThatThrownBy(() -> periods.add(new PolicyPeriods.NewPeriod(
                        "HB_LATER", TestData.PROVINCE, "后来", "Later", LocalDate.parse("2028-01-01"), " ", null)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422));
        // a run records the periods it decided under
        JsonNode in = (JsonNode) runs.run(AS_OF).inputs();
        assertThat(in.path("policyPeriods").get(0).path("code").asString()).isEqualTo("REGULAR");
        assertThat(in.path("policyPeriods").get(0).hasNonNull("province")).isFalse(); // national
    }

    @Test
    void anAlertStoresItsFactsAndIsWordedWhenRead() {
        MonitoringRuns.Run run = runs.run(AS_OF);
        Alerts.Alert med = alertsByHousehold(run.id()).get("MED-IN");
        String stored = jdbc.sql("select explanation::text from alert where id = ?")
                .param(med.id())
                .query(String.class)
                .single();
        // the facts, the parameter as the run used it and the batches; the sentences are rendered on read
        assertThat(stored)
                .contains("\"form\":\"facts\"", "medical_oop_threshold", "MEDICAL_CLAIM")
                .doesNotContain("textZh", "labelZh", "feedZh");
        assertThat(((JsonNode) med.explanation()).get("rules").get(0).has("textZh"))
                .isTrue();
        // alerts of a run share the part their rules have in common; each keeps its own rules' parameters
        JsonNode medFacts = JsonMapper.shared().readTree(stored);
        assertThat(medFacts.propertyNames())
                .containsExactly("form", "asOf", "registryAsOf", "ruleSet", "parameters", "indicators", "sources");
        assertThat(medFacts.get("parameters").propertyNames())
                .contains("medical_oop_threshold")
                .doesNotContain("monitoring_line");
        assertThat(medFacts.get("sources").get(0).get("feed").asString()).isEqualTo("MEDICAL_CLAIM");
        JsonNode incFacts = JsonMapper.shared()
                .readTree(jdbc.sql("select explanation::text from alert where id = ?")
                        .param(alertsByHousehold(run.id()).get("INC-IN").id())
                        .query(String.class)
                        .single());
        assertThat(incFacts.get("parameters").propertyNames())
                .contains("monitoring_line")
                .doesNotContain("medical_oop_threshold");
        assertThat(incFacts.get("ruleSet")).isEqualTo(medFacts.get("ruleSet"));

        // an alert written before the stored form changed is shown exactly as it was stored
        String earlier = "{\"asOf\":\"2026-10-31\",\"rules\":[{\"code\":\"MEDICAL_BURDEN\",\"textZh\":\"旧的说明\"}]}";
        jdbc.sql("update alert set explanation = cast(? as json) where id = ?")
                .params(earlier, med.id())
                .update();
        JsonNode shown = (JsonNode) alertsByHousehold(run.id()).get("MED-IN").explanation();
        assertThat(shown.get("rules").get(0).get("textZh").asString()).isEqualTo("旧的说明");
    }

    @Test
    void eachAlertStoresItsRunsOwnNumbersAndTheBatchesOfItsRulesFeeds() throws Exception {
        assertStoredFacts(runs.run(AS_OF));
    }

    @Test
    void eachProvinceIsJudgedByItsOwnRulesAndLineInOneRun() throws Exception {
        cases.loadSecondProvince(ruleSets, parameters);
        MonitoringRuns.Run run = runs.run(AS_OF);
        Map<String, Alerts.Alert> found = alertsByHousehold(run.id());
        // 湖南's line (6,500) and rules (low income, medical burden); 湖北 keeps the national line (6,000) and rules
        assertThat(found.get("HN-INC-IN").rules()).containsExactly("INCOME_BELOW_LINE");
        assertThat(found).doesNotContainKeys("HN-INC-OUT", "HN-WATER", "INC-OUT");
        assertThat(found.get("HN-MED-IN").rules()).containsExactly("MEDICAL_BURDEN");
        assertThat(found.get("INC-IN").rules()).containsExactly("INCOME_BELOW_LINE");
        assertThat(found.get("WATER-IN").rules()).containsExactly("UNSAFE_WATER");
        // each alert's stored facts name its own province's set and line
        JsonNode hn = storedFacts(found.get("HN-INC-IN"));
        JsonNode hb = storedFacts(found.get("INC-IN"));
        assertThat(hn.get("ruleSet").get("id").asString())
                .isNotEqualTo(hb.get("ruleSet").get("id").asString());
        assertThat(hn.at("/parameters/monitoring_line/value").decimalValue()).isEqualByComparingTo("6500");
        assertThat(hn.at("/parameters/monitoring_line/province").asString()).isEqualTo(BoundaryCases.SECOND_PROVINCE);
        assertThat(hb.at("/parameters/monitoring_line/value").decimalValue()).isEqualByComparingTo("6000");
        // and, with two passes, each stores the numbers its own pass computed and the batches of its rules' feeds
        assertStoredFacts(run);
    }

    private JsonNode storedFacts(Alerts.Alert a) {
        return JsonMapper.shared()
                .readTree(jdbc.sql("select explanation::text from alert where id = ?")
                        .param(a.id())
                        .query(String.class)
                        .single());
    }

    /**
     * Every alert of the run stores exactly the valued indicators of its row in the run's {@code flagged.parquet},
     * each rounded half up as {@link BigDecimal} would, and exactly the rows of {@code sources.parquet} of its rules'
     * feeds, in order.
     */
    private void assertStoredFacts(MonitoringRuns.Run run) throws Exception {
        Path result = lake.root().resolve("monitoring/runs/" + run.id());
        Map<Long, JsonNode> stored = new LinkedHashMap<>();
        jdbc.sql("select household_id, explanation::text from alert where run_id = ?")
                .param(run.id())
                .query((rs, n) -> stored.put(rs.getLong(1), JsonMapper.shared().readTree(rs.getString(2))))
                .list();
        assertThat(stored).hasSize(run.alerts().intValue());
        int checked = 0;
        try (var duck = lake.duckdb();
                var st = duck.createStatement()) {
            for (Map.Entry<Long, JsonNode> e : stored.entrySet()) {
                JsonNode facts = e.getValue();
                // the indicators: what the engine computed, rounded half up from their shortest decimal form
                try (var rs = st.executeQuery("select * from read_parquet('" + result.resolve("flagged.parquet")
                        + "') where household_id = " + e.getKey())) {
                    assertThat(rs.next()).isTrue();
                    // every indicator the household's pass computed that has a value (the others are null)
                    Set<String> valued = new TreeSet<>();
                    for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
                        String name = rs.getMetaData().getColumnName(col);
                        Object v = rs.getObject(col);
                        if (Indicator.byId(name).isPresent()
                                && v != null
                                && !(v instanceof Double d && (d.isNaN() || d.isInfinite()))) {
                            valued.add(name);
                        }
                    }
                    assertThat(new TreeSet<>(facts.get("indicators").propertyNames()))
                            .as("indicators of %s", e.getKey())
                            .isEqualTo(valued);
                    for (String id : facts.get("indicators").propertyNames()) {
                        Object v = rs.getObject(id);
                        JsonNode shown = facts.get("indicators").get(id);
                        // an indicator without a value is left out, never stored as null
                        assertThat(v).as(id).isNotNull();
                        assertThat(shown.isNull()).as(id).isFalse();
                        if (v instanceof Double d) {
                            BigDecimal expected =
                                    BigDecimal.valueOf(d).setScale(id.endsWith("_ratio") ? 4 : 2, RoundingMode.HALF_UP);
                            assertThat(shown.decimalValue()).as(id).isEqualByComparingTo(expected);
                            checked++;
                        } else if (v instanceof String text) {
                            assertThat(shown.asString()).as(id).isEqualTo(text);
                        } else if (v instanceof Boolean b) {
                            assertThat(shown.asBoolean()).as(id).isEqualTo(b);
                        } else {
                            assertThat(shown.decimalValue()).as(id).isEqualByComparingTo(v.toString());
                        }
                    }
                }
                // the sources: the household's batches of the feeds its rules' indicators read, in order
                List<String> feeds = new ArrayList<>();
                for (String rule : jdbc.sql("select unnest(rules) from alert where run_id = ? and household_id = ?")
                        .params(run.id(), e.getKey())
                        .query(String.class)
                        .list()) {
                    feeds.addAll(feedsOf(facts.get("ruleSet").get("id").asString(), rule));
                }
                List<String> expected = new ArrayList<>();
                try (var rs = st.executeQuery("select feed, batch_id::varchar, strftime(period, '%Y-%m'), rows_,"
                        + " amount from read_parquet('" + result.resolve("sources.parquet") + "') where household_id = "
                        + e.getKey() + " order by feed, period, batch_id")) {
                    while (rs.next()) {
                        if (feeds.contains(rs.getString(1))) {
                            expected.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "/"
                                    + rs.getLong(4) + "/" + plain(rs.getBigDecimal(5)));
                        }
                    }
                }
                List<String> actual = new ArrayList<>();
                for (JsonNode s : facts.get("sources")) {
                    actual.add(s.get("feed").asString() + "/" + s.get("batchId").asString() + "/"
                            + s.get("period").asString() + "/" + s.get("rows").asLong() + "/"
                            + (s.has("amount") ? plain(s.get("amount").decimalValue()) : null));
                }
                assertThat(actual).as("sources of %s", e.getKey()).isEqualTo(expected);
            }
        }
        assertThat(checked).isPositive();
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    /** The feeds the indicators a rule of a set names read. */
    private List<String> feedsOf(String ruleSet, String rule) {
        RuleSets.Rule r = ruleSets.list().stream()
                .filter(set -> set.id().toString().equals(ruleSet))
                .findFirst()
                .flatMap(set -> set.rule(rule))
                .orElseThrow();
        List<String> feeds = new ArrayList<>();
        for (Indicator i : Indicator.values()) {
            if (Pattern.compile("\\b" + i.id() + "\\b").matcher(r.expression()).find()) {
                i.feeds().forEach(f -> feeds.add(f.name()));
            }
        }
        return feeds;
    }

    @Test
    void anAlertExplainsItselfWithFactsParametersAndSources() {
        MonitoringRuns.Run run = runs.run(AS_OF);
        Alerts.Alert med = alertsByHousehold(run.id()).get("MED-IN");
        JsonNode rule = ((JsonNode) med.explanation()).get("rules").get(0);
        assertThat(rule.get("code").asString()).isEqualTo("MEDICAL_BURDEN");
        assertThat(rule.get("textZh").asString())
                .contains("近12个月医疗个人自付(10,000.00)")
                .contains("医疗自付预警额(10,000.00)");
        assertThat(rule.get("facts").get(0).get("value").decimalValue()).isEqualByComparingTo("10000.00");
        JsonNode param = rule.get("parameters").get(0);
        assertThat(param.get("key").asString()).isEqualTo("medical_oop_threshold");
        assertThat(param.get("validFrom").asString()).isEqualTo("2021-01-01");
        assertThat(param.get("source").asString()).isNotBlank();
        JsonNode source = rule.get("sources").get(0);
        assertThat(source.get("feed").asString()).isEqualTo("MEDICAL_CLAIM");
        assertThat(source.get("period").asString()).isEqualTo("2026-10");
        assertThat(source.get("rows").asLong()).isEqualTo(2); // the claim before the window is not counted
        assertThat(source.get("amount").decimalValue()).isEqualByComparingTo("10000.00");
        assertThat(source.get("batchId").asString()).isNotBlank();
        assertThat(med.suggestedCategory()).isEqualTo("SUDDEN_HARDSHIP");
        assertThat(med.causes()).containsExactly("ILLNESS");

        Alerts.Alert inc = alertsByHousehold(run.id()).get("INC-IN");
        assertThat(((JsonNode) inc.explanation())
                        .get("rules")
                        .get(0)
                        .get("textEn")
                        .asString())
                .isEqualTo("Per-capita net income (year)(5,999.99) < Monitoring income line(6,000.00)");
        assertThat(inc.suggestedCategory()).isEqualTo("MARGINAL"); // by status: not an exited household
        // the run records what it used
        JsonNode sets = (JsonNode) run.ruleSets();
        assertThat(sets.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(sets.get(0).get("parameters").get("monitoring_line").asString())
                .isEqualTo("6000");
        JsonNode inputs = (JsonNode) run.inputs();
        assertThat(inputs.get("feeds").get("MEDICAL_CLAIM").get("batches").asInt())
                .isEqualTo(1);
    }

    @Test
    void aFirstRunIntoAnEmptyAlertTableBuildsItsIndexesOnceAndKeepsEveryKey() {
        assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single())
                .isZero();
        Map<String, String> before = alertIndexes();
        List<String> keysBefore = alertForeignKeys();
        MonitoringRuns.Run first = runs.run(AS_OF);
        assertThat(first.alerts()).isPositive();
        Map<String, String> after = alertIndexes();
        // the same indexes, the secondary ones built anew after the copy; the run key kept as it was
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(alertForeignKeys()).isEqualTo(keysBefore).isNotEmpty();
        assertThat(after.get("alert_pkey")).isEqualTo(before.get("alert_pkey"));
        for (String index : List.of("alert_household", "alert_village", "alert_run", "alert_created_at")) {
            assertThat(after.get(index)).as(index).isNotEqualTo(before.get(index));
        }
        // and they hold: a run that does not exist is refused
        assertThatThrownBy(() -> jdbc.sql("insert into alert (run_id, household_id, household_no, village_code,"
                                + " status, severity, suggested_category, causes, rules, explanation) values"
                                + " (gen_random_uuid(), 1, 'X', '420102001001', 'NEW', 'HIGH', 'MARGINAL', '{}',"
                                + " '{}', '{}')")
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        // a later run writes into a table that has rows: nothing is dropped
        jdbc.sql("update alert set status = 'DISMISSED', decided_at = now() - interval '400 days'")
                .update();
        assertThat(runs.run(AS_OF).alerts()).isPositive();
        assertThat(alertIndexes()).isEqualTo(after);
    }

    /** The alert table's indexes: name → object id (a rebuilt index has a new one). */
    private Map<String, String> alertIndexes() {
        return jdbc
                .sql("select c.relname, c.oid::text from pg_index i join pg_class c on c.oid = i.indexrelid"
                        + " where i.indrelid = 'alert'::regclass")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private List<String> alertForeignKeys() {
        // with its object id: a key dropped and added again would have a new one
        return jdbc.sql("select conname || ' ' || oid || ' ' || pg_get_constraintdef(oid) from pg_constraint"
                        + " where conrelid = 'alert'::regclass and contype = 'f' order by 1")
                .query(String.class)
                .list();
    }

    @Test
    void theSameInputsGiveTheSameResultAndOpenAlertsAreNotRepeated() {
        MonitoringRuns.Run first = runs.run(AS_OF);
        MonitoringRuns.Run second = runs.run(AS_OF);
        assertThat(second.resultDigest()).isEqualTo(first.resultDigest());
        assertThat(second.flagged()).isEqualTo(first.flagged());
        assertThat(second.alerts()).isZero();
        assertThat(second.suppressed()).isEqualTo(first.flagged());
        // nothing new: the feeds are not read a second time for sources
        assertThat(lake.root().resolve("monitoring/runs/" + first.id() + "/sources.parquet"))
                .exists();
        assertThat(lake.root().resolve("monitoring/runs/" + second.id() + "/sources.parquet"))
                .doesNotExist();

        // dismissed on the spot: quiet for the configured days, so the next run does not raise them again
        Alerts.Alert inc = alertsByHousehold(first.id()).get("INC-IN");
        Alerts.Alert med = alertsByHousehold(first.id()).get("MED-IN");
        for (Alerts.Alert a : List.of(inc, med)) {
            jdbc.sql("update alert set status = 'DISMISSED', decided_at = now(), decided_by = 't', note = 'x'"
                            + " where id = ?")
                    .param(a.id())
                    .update();
        }
        assertThat(alertsByHousehold(runs.run(AS_OF).id())).doesNotContainKeys("INC-IN", "MED-IN");
        // ...but once the quiet period is over, they are raised again
        jdbc.sql("update alert set decided_at = now() - interval '91 days' where id in (?, ?)")
                .params(inc.id(), med.id())
                .update();
        MonitoringRuns.Run again = runs.run(AS_OF);
        assertThat(alertsByHousehold(again.id())).containsOnlyKeys("INC-IN", "MED-IN");
        // with the same sources as the first time, now read for these two households alone
        JsonNode sources = ((JsonNode)
                        alertsByHousehold(again.id()).get("MED-IN").explanation())
                .get("rules")
                .get(0)
                .get("sources");
        assertThat(sources.isEmpty()).isFalse();
        assertThat(sources)
                .isEqualTo(((JsonNode) med.explanation()).get("rules").get(0).get("sources"));
    }

    @Test
    void aRuleSetInForceFromADateDoesNotChangeEarlierRuns() {
        MonitoringRuns.Run before = runs.run(AS_OF);
        String digest = before.resultDigest();
        // the province raises its line from 2026-12-01 and replaces the rules by one
        parameters.set(
                "monitoring_line", TestData.PROVINCE, LocalDate.parse("2026-12-01"), new BigDecimal("6500"), "鄂政发 测试");
        RuleSets.RuleSet draft = ruleSets.createDraft(new RuleSets.Draft(
                TestData.PROVINCE,
                "湖北省规则（测试）",
                null,
                List.of(new RuleSets.Rule(
                        "LOW_INCOME",
                        "低收入",
                        "Low income",
                        "per_capita_income < monitoring_line",
                        RuleSets.Severity.HIGH,
                        "MARGINAL",
                        RiskCause.OTHER,
                        false))));
        ruleSets.activate(draft.id(), LocalDate.parse("2026-12-01"));

        // as of the old date: the national rules and line, the same result as before
        MonitoringRuns.Run again = runs.run(AS_OF);
        assertThat(again.resultDigest()).isEqualTo(digest);
        // as of the new date: the province's rules with its line (INC-OUT's 6,000 is now below)
        MonitoringRuns.Run after = runs.run(LocalDate.parse("2026-12-15"));
        JsonNode sets = (JsonNode) after.ruleSets();
        assertThat(sets.get(0).get("ruleSetId").asString()).isEqualTo(draft.id().toString());
        assertThat(sets.get(0).get("parameters").get("monitoring_line").asString())
                .isEqualTo("6500");
        assertThat(alertsByHousehold(after.id()).keySet()).contains("INC-OUT");
        // the earlier run's record is untouched
        assertThat(runs.get(before.id()).resultDigest()).isEqualTo(digest);
        assertThat(((JsonNode) runs.get(before.id()).ruleSets())
                        .get(0)
                        .get("version")
                        .asInt())
                .isEqualTo(1);
        // an active set is frozen
        assertThatThrownBy(() ->
                        ruleSets.updateDraft(draft.id(), new RuleSets.Draft(TestData.PROVINCE, "x", null, List.of())))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void educationCostsOfTheVersion2FeedAreAnIndicatorThatExplainsItself() {
        // 教育 v2 rows with what the family paid: just at the threshold, just below it, and one before the window
        cases.feed(
                FeedType.EDUCATION,
                "2026-10",
                List.of(
                        BoundaryCases.row(
                                "idNumber",
                                cases.id("MED-OUT/户主"),
                                "schoolStage",
                                "SENIOR",
                                "enrolment",
                                "ENROLLED",
                                "statusDate",
                                "2026-10-05",
                                "educationCost",
                                "5000.00"),
                        BoundaryCases.row(
                                "idNumber",
                                cases.id("LAB-OUT/户主"),
                                "schoolStage",
                                "SENIOR",
                                "enrolment",
                                "ENROLLED",
                                "statusDate",
                                "2026-10-05",
                                "educationCost",
                                "4999.99")));
        cases.feed(
                FeedType.EDUCATION,
                "2025-11",
                List.of(BoundaryCases.row(
                        "idNumber",
                        cases.id("LAB-OUT/户主"),
                        "schoolStage",
                        "SENIOR",
                        "enrolment",
                        "ENROLLED",
                        "statusDate",
                        "2025-11-30",
                        "educationCost",
                        "8000")));
        assertThat(FeedType.EDUCATION.schemaVersion()).isEqualTo(2);
        RuleSets.RuleSet set = ruleSets.createDraft(new RuleSets.Draft(
                TestData.PROVINCE,
                "教育负担（测试）",
                null,
                List.of(new RuleSets.Rule(
                        "EDUCATION_BURDEN",
                        "教育支出负担重",
                        "Heavy education costs",
                        "oop_education_12m >= 5000",
                        RuleSets.Severity.MEDIUM,
                        RuleSets.BY_STATUS,
                        RiskCause.EDUCATION,
                        false))));
        ruleSets.activate(set.id(), LocalDate.parse("2026-11-01"));

        MonitoringRuns.Run run = runs.run(AS_OF);
        Map<String, Alerts.Alert> byHousehold = alertsByHousehold(run.id());
        assertThat(byHousehold).containsOnlyKeys("MED-OUT");
        JsonNode rule = ((JsonNode) byHousehold.get("MED-OUT").explanation())
                .get("rules")
                .get(0);
        assertThat(rule.get("textZh").asString()).contains("近12个月教育个人负担(5,000.00)");
        JsonNode source = rule.get("sources").get(0);
        assertThat(source.get("feed").asString()).isEqualTo("EDUCATION");
        assertThat(source.get("period").asString()).isEqualTo("2026-10");
        assertThat(source.get("amount").decimalValue()).isEqualByComparingTo("5000.00");
        assertThat(byHousehold.get("MED-OUT").causes()).containsExactly("EDUCATION");
    }

    @Autowired
    UserAccounts accounts;

    @Autowired
    Lake lake;

    @Test
    void aRunShowsEachUserTheNumbersOfTheirOwnRegionOnly() {
        MonitoringRuns.Run whole = runs.run(AS_OF);
        MonitoringRuns.Run whatIf = runs.whatIf(
                new MonitoringRuns.WhatIf(AS_OF, null, Map.of("monitoring_line", new BigDecimal("6000.01"))));
        assertThat(whole.households()).isPositive();
        assertThat(whole.alerts()).isPositive();
        TestData.user(jdbc, encoder, "mi-province", "PROVINCE", TestData.PROVINCE, "Mi-pass-12345", false);
        TestData.user(jdbc, encoder, "mi-town", "TOWNSHIP", TestData.TOWNSHIP, "Mi-pass-12345", false);
        TestData.user(jdbc, encoder, "mi-other", "TOWNSHIP", TestData.OTHER_TOWNSHIP, "Mi-pass-12345", false);

        // the province sees the whole run
        MonitoringRuns.Run province = accounts.runAs("mi-province", () -> runs.get(whole.id()));
        assertThat(province.households()).isEqualTo(whole.households());
        assertThat(province.summary()).isEqualTo(whole.summary());

        // a township: the alerts of its own villages, counted by rule; no province-wide totals
        long inTown = jdbc.sql("select count(*) from alert where run_id = ? and village_code like '421122100%'")
                .param(whole.id())
                .query(Long.class)
                .single();
        long inOther = jdbc.sql("select count(*) from alert where run_id = ? and village_code like '421122101%'")
                .param(whole.id())
                .query(Long.class)
                .single();
        assertThat(inTown).isPositive().isLessThanOrEqualTo(whole.alerts());
        MonitoringRuns.Run town = accounts.runAs("mi-town", () -> runs.get(whole.id()));
        assertThat(town.households()).isNull();
        assertThat(town.flagged()).isNull();
        assertThat(town.alerts()).isEqualTo(inTown);
        assertThat(((JsonNode) town.summary())
                        .get("rules")
                        .get("INCOME_BELOW_LINE")
                        .asLong())
                .isEqualTo(1); // INC-IN

        // a sibling township: its own only
        MonitoringRuns.Run other = accounts.runAs("mi-other", () -> runs.get(whole.id()));
        assertThat(other.alerts()).isEqualTo(inOther);
        assertThat(((JsonNode) other.summary()).get("rules").has("INCOME_BELOW_LINE"))
                .isFalse();
        assertThat(accounts.runAs("mi-other", () -> runs.list(10)))
                .allSatisfy(r -> assertThat(r.households()).isNull());
        // the list counts each run's alerts in the caller's region as the run's own page does (all runs at once)
        MonitoringRuns.Run listed = accounts.runAs("mi-town", () -> runs.list(10)).stream()
                .filter(r -> r.id().equals(whole.id()))
                .findFirst()
                .orElseThrow();
        assertThat(listed.alerts()).isEqualTo(inTown);
        assertThat(listed.summary()).isEqualTo(town.summary());
        JsonNode otherWhatIf = (JsonNode)
                accounts.runAs("mi-other", () -> runs.get(whatIf.id())).summary();
        assertThat(otherWhatIf.has("byRule")).isFalse();
        assertThat(otherWhatIf.has("total")).isFalse();
        assertThat(otherWhatIf
                        .get("byTownship")
                        .valueStream()
                        .map(n -> n.get("key").asString()))
                .allMatch(TestData.OTHER_TOWNSHIP::equals);
        JsonNode townWhatIf = (JsonNode)
                accounts.runAs("mi-town", () -> runs.get(whatIf.id())).summary();
        assertThat(townWhatIf.get("byTownship")).hasSize(1);
        assertThat(townWhatIf.get("byTownship").get(0).get("key").asString()).isEqualTo(TestData.TOWNSHIP);
    }

    @Test
    void whatIfShowsTheDifferenceWithoutCreatingAlerts() {
        MonitoringRuns.Run w = runs.whatIf(
                new MonitoringRuns.WhatIf(AS_OF, null, Map.of("monitoring_line", new BigDecimal("6000.01"))));
        assertThat(w.kind()).isEqualTo(MonitoringRuns.Kind.WHAT_IF);
        assertThat(jdbc.sql("select count(*) from alert").query(Long.class).single())
                .isZero();
        JsonNode summary = (JsonNode) w.summary();
        JsonNode income = null;
        for (JsonNode r : summary.get("byRule")) {
            if (r.get("key").asString().equals("INCOME_BELOW_LINE")) {
                income = r;
            }
        }
        assertThat(income).isNotNull();
        assertThat(income.get("current").asLong()).isEqualTo(1); // INC-IN
        assertThat(income.get("whatIf").asLong()).isEqualTo(2); // and INC-OUT at 6,000.00
        assertThat(income.get("added").asLong()).isEqualTo(1);
        // a higher line also lifts the benefit rule's edge (line × 1.5): BEN-OUT at 9,000.00 comes in too
        assertThat(summary.get("total").get(0).get("added").asLong()).isEqualTo(2);
        assertThat(summary.get("total").get(0).get("removed").asLong()).isZero();
    }

    @Test
    void ruleExpressionsAreCheckedBeforeTheyAreStored() {
        assertThatThrownBy(() -> ruleSets.createDraft(new RuleSets.Draft(
                        null,
                        "bad",
                        null,
                        List.of(new RuleSets.Rule(
                                "BAD",
                                "坏",
                                "Bad",
                                "per_capita_income < 1; drop table alert",
                                RuleSets.Severity.LOW,
                                "MARGINAL",
                                RiskCause.OTHER,
                                true)))))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(
                                ((ApiException) e).fieldProblems().get(0).field())
                        .isEqualTo("rules[0].expression"));
    }

    @Test
    void anAlertIsAssignedVerifiedAndHandedOverByTheRightPeopleOnly() throws Exception {
        String pw = "Alert-pass-123";
        TestData.user(jdbc, encoder, "town", "TOWNSHIP", TestData.TOWNSHIP, pw, false);
        TestData.user(jdbc, encoder, "cadre", "VILLAGE", TestData.VILLAGE, pw, false);
        TestData.user(jdbc, encoder, "other-cadre", "VILLAGE", TestData.OTHER_VILLAGE, pw, false);
        TestData.user(jdbc, encoder, "cadre-2", "VILLAGE", TestData.VILLAGE, pw, false);
        var mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        long id = alertsByHousehold(runs.run(AS_OF).id()).get("INC-IN").id();
        BiFunction<String, String, MvcTestResult> get = (user, path) -> mvc.get()
                .uri(path)
                .with(SecurityMockMvcRequestPostProcessors.httpBasic(user, pw))
                .exchange();
        interface Post {
            MvcTestResult send(String user, String step, int version, String body);
        }
        Post post = (user, step, version, body) -> mvc.post()
                .uri("/api/v1/alerts/{id}/" + step, id)
                .with(SecurityMockMvcRequestPostProcessors.httpBasic(user, pw))
                .header("If-Match", "\"" + version + "\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();

        // the village's cadre and the township see it; another village's cadre does not
        assertThat(get.apply("cadre", "/api/v1/alerts/" + id)).hasStatusOk();
        assertThat(get.apply("town", "/api/v1/alerts?status=NEW")).bodyText().contains("INC-IN");
        assertThat(get.apply("other-cadre", "/api/v1/alerts/" + id)).hasStatus(404);
        assertThat(get.apply("other-cadre", "/api/v1/alerts")).bodyText().doesNotContain("INC-IN");

        // a cadre cannot assign; the township cannot assign to another village's cadre
        assertThat(post.send("cadre", "assign", 1, "{\"assignee\":\"cadre\"}")).hasStatus(403);
        assertThat(post.send("town", "assign", 1, "{\"assignee\":\"other-cadre\"}"))
                .hasStatus(422);
        assertThat(post.send("town", "assign", 1, "{\"assignee\":\"cadre\"}")).hasStatusOk();
        // a stale version changes nothing
        assertThat(post.send("town", "assign", 1, "{\"assignee\":\"cadre-2\"}")).hasStatus(412);
        // only the assigned cadre verifies, with a note
        assertThat(post.send("cadre-2", "verify", 2, "{\"confirmed\":true,\"note\":\"x\"}"))
                .hasStatus(403);
        assertThat(post.send("cadre", "verify", 2, "{\"confirmed\":true}")).hasStatus(422);
        assertThat(post.send("cadre", "verify", 2, "{\"confirmed\":true,\"note\":\"入户核实：务工收入减少\"}"))
                .hasStatusOk();
        // handed to case work by the township
        assertThat(post.send("cadre", "hand-over", 3, "")).hasStatus(403);
        assertThat(post.send("town", "hand-over", 3, "")).hasStatusOk();
        Alerts.Alert a = jdbc.sql("select id from alert where id = ?")
                .param(id)
                .query(Long.class)
                .optional()
                .map(x -> alerts.get(alerts.list(Alerts.Query.all(10).withStatus(Alerts.Status.HANDED))
                        .get(0)
                        .id()))
                .orElseThrow();
        assertThat(a.id()).isEqualTo(id);
        assertThat(a.assignedTo()).isEqualTo("cadre");
        assertThat(a.decidedBy()).isEqualTo("cadre");
        assertThat(a.note()).isEqualTo("入户核实：务工收入减少");
        assertThat(get.apply("town", "/api/v1/alerts/" + id + "/events"))
                .bodyText()
                .contains("ASSIGNED", "CONFIRMED", "HANDED", "town", "cadre");
        // a handed-over alert still covers its rule: the next run does not raise it again
        assertThat(alertsByHousehold(runs.run(AS_OF).id())).doesNotContainKey("INC-IN");
    }

    @Test
    void onlyTheMostRecentRunsKeepTheirResultFiles() throws Exception {
        ReflectionTestUtils.setField(records, "keepResults", 1);
        try {
            MonitoringRuns.Run first = runs.run(AS_OF);
            String firstPath = jdbc.sql("select result_path from monitoring_run where id = ?")
                    .param(first.id())
                    .query(String.class)
                    .single();
            assertThat(Path.of(firstPath)).exists();
            MonitoringRuns.Run second = runs.run(AS_OF);
            assertThat(Path.of(firstPath)).doesNotExist();
            assertThat(jdbc.sql("select result_path from monitoring_run where id = ?")
                            .param(first.id())
                            .query(String.class)
                            .optional())
                    .isEmpty();
            assertThat(Path.of(jdbc.sql("select result_path from monitoring_run where id = ?")
                            .param(second.id())
                            .query(String.class)
                            .single()))
                    .exists();
        } finally {
            ReflectionTestUtils.setField(records, "keepResults", 30);
        }
    }
}
