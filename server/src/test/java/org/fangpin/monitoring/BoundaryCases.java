package org.fangpin.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.TestData;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.fangpin.monitoring.internal.RuleSets;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each default rule's boundary: households just inside and just outside every threshold, and the department feeds
 * that put them there, as of {@link #AS_OF} (look-back window 2025-12-01 .. 2026-11-30). Loaded by the monitoring
 * tests and by the engines' equivalence test.
 */
public final class BoundaryCases {

    public static final LocalDate AS_OF = LocalDate.parse("2026-11-30");

    /** The second province's code: 湖南, judged by its own rules and line once {@link #loadSecondProvince} ran. */
    public static final String SECOND_PROVINCE = "430000000000";

    static final String HEADER = "household_no,village_code,status,monitoring_category,risk_causes,housing_grade,"
            + "water_safe,income_year,income_wage,name,id_number,relation,labour_capacity,medical_insurance\n";

    private final JdbcClient jdbc;
    private final RegionImporter regions;
    private final HouseholdImporter households;
    private final FeedIntake intake;
    private final Path dir;

    public BoundaryCases(
            JdbcClient jdbc, RegionImporter regions, HouseholdImporter households, FeedIntake intake, Path dir) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.households = households;
        this.intake = intake;
        this.dir = dir;
    }

    private int seq = 100;
    private final Map<String, String> ids = new HashMap<>();
    private final List<String> lines2024 = new ArrayList<>();
    private final List<String> lines2025 = new ArrayList<>();

    /** The ID number of a member, as {@code "household-no/relation"}. */
    public String id(String who) {
        return ids.get(who);
    }

    /** A household of one adult labourer (unless stated), insured, safe housing and water, income per capita. */
    private String household(String no, String village, String wage2025, String wage2024) {
        return member(no, village, "ORDINARY", "", "", "A", "是", wage2025, wage2024, "1980-01-01", "户主", "普通劳动力", "是");
    }

    private String member(
            String no,
            String village,
            String status,
            String category,
            String causes,
            String housing,
            String water,
            String wage2025,
            String wage2024,
            String birth,
            String relation,
            String labour,
            String insured) {
        String id = TestData.id(birth, seq++);
        ids.put(no + "/" + relation, id);
        String tail = ",n" + seq + "," + id + "," + relation + "," + labour + "," + insured;
        String head = no + "," + village + "," + status + "," + category + "," + causes + "," + housing + "," + water;
        lines2025.add(head + ",2025," + wage2025 + tail);
        lines2024.add(head + "," + (wage2024 == null ? "2025," + wage2025 : "2024," + wage2024) + tail);
        return id;
    }

    /** Loads the regions, the households (2024 and 2025 incomes) and the feeds; the database is reset first. */
    public void load() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        String v = TestData.VILLAGE;
        // 1 income below the line (6,000)
        household("INC-IN", v, "5999.99", null);
        household("INC-OUT", v, "6000.00", null);
        // 2 edge households (< 9,000) with a drop of at least 30% from last year
        household("EDGE-IN", v, "6999.00", "10000.00");
        household("EDGE-OUT", v, "7001.00", "10000.00");
        // 3 out-of-pocket medical costs of 10,000 in the window
        household("MED-IN", v, "30000", null);
        household("MED-OUT", v, "30000", null);
        // 4 a labourer died; a labourer newly certified severely disabled; an old non-labourer died; grade 3
        household("DEATH-IN", v, "30000", null);
        household("DISAB-IN", v, "30000", null);
        household("LAB-OUT", v, "30000", null);
        member("LAB-OUT", v, "ORDINARY", "", "", "A", "是", "30000", null, "1940-03-03", "之父母", "丧失劳动力", "是");
        // 5 compulsory-school age (6..15 on the date): 15 years old is inside, 16 outside
        household("SCH-IN", v, "30000", null);
        member("SCH-IN", v, "ORDINARY", "", "", "A", "是", "30000", null, "2011-01-01", "之子", "无劳动力", "是");
        household("SCH-OUT", v, "30000", null);
        member("SCH-OUT", v, "ORDINARY", "", "", "A", "是", "30000", null, "2010-11-30", "之子", "无劳动力", "是");
        // 6 housing: a C assessment from 住建; a registry C superseded by a newer B assessment
        household("HOUSE-IN", v, "30000", null);
        member("HOUSE-OUT", v, "ORDINARY", "", "", "C", "是", "30000", null, "1980-01-01", "户主", "普通劳动力", "是");
        // 7 water: the village's assessment fails; a household of that village with its own passing assessment
        household("WATER-IN", TestData.VILLAGE_2, "30000", null);
        household("WATER-OUT", TestData.VILLAGE_2, "30000", null);
        // 8 a member without basic medical insurance
        member("INS-IN", v, "ORDINARY", "", "", "A", "是", "30000", null, "1980-01-01", "户主", "普通劳动力", "否");
        // 9/10 disaster (level III) and epidemic (high, ended within 3 months) in the other township
        household("REGION-IN", TestData.OTHER_VILLAGE, "30000", null);
        // 11 低保 stopped while income below 9,000 (edge line for the benefit rule)
        household("BEN-IN", v, "8999.00", null);
        household("BEN-OUT", v, "9000.00", null);
        // a monitored household (因病): a medical burden is no new risk; an uninsured member is
        member("MON", v, "MONITORED", "MARGINAL", "因病", "A", "是", "30000", null, "1980-01-01", "户主", "普通劳动力", "否");

        load(lines2024, "h2024.csv");
        load(lines2025, "h2025.csv");

        feed(
                FeedType.MEDICAL_CLAIM,
                "2026-10",
                List.of(
                        claim("MED-IN/户主", "2026-03-01", "6000.00"),
                        claim("MED-IN/户主", "2025-12-01", "4000.00"), // the window's first day
                        claim("MED-OUT/户主", "2026-03-01", "9999.99"),
                        claim("MED-OUT/户主", "2025-11-30", "5000.00"), // the day before the window
                        claim("MON/户主", "2026-05-01", "20000.00")));
        feed(
                FeedType.HOUSEHOLD_REGISTRATION,
                "2026-06",
                List.of(
                        row(
                                "idNumber",
                                ids.get("DEATH-IN/户主"),
                                "registrationEvent",
                                "DEATH",
                                "eventDate",
                                "2026-06-01"),
                        row(
                                "idNumber",
                                ids.get("LAB-OUT/之父母"),
                                "registrationEvent",
                                "DEATH",
                                "eventDate",
                                "2026-06-01")));
        feed(
                FeedType.DISABILITY,
                "2026-04",
                List.of(
                        row(
                                "idNumber",
                                ids.get("DISAB-IN/户主"),
                                "disabilityType",
                                "PHYSICAL",
                                "disabilityGrade",
                                "2",
                                "issuedOn",
                                "2026-04-01"),
                        row(
                                "idNumber",
                                ids.get("LAB-OUT/户主"),
                                "disabilityType",
                                "PHYSICAL",
                                "disabilityGrade",
                                "3",
                                "issuedOn",
                                "2026-04-01")));
        feed(
                FeedType.EDUCATION,
                "2026-09",
                List.of(
                        row(
                                "idNumber",
                                ids.get("SCH-IN/之子"),
                                "schoolStage",
                                "JUNIOR",
                                "enrolment",
                                "DROPPED_OUT",
                                "statusDate",
                                "2026-09-10"),
                        row(
                                "idNumber",
                                ids.get("SCH-OUT/之子"),
                                "schoolStage",
                                "JUNIOR",
                                "enrolment",
                                "DROPPED_OUT",
                                "statusDate",
                                "2026-09-10")));
        feed(
                FeedType.HOUSING,
                "2026-08",
                List.of(
                        row("householdNo", "HOUSE-IN", "housingGrade", "C", "assessedOn", "2026-08-01"),
                        row("householdNo", "HOUSE-OUT", "housingGrade", "B", "assessedOn", "2026-08-01")));
        feed(
                FeedType.WATER,
                "2026-07",
                List.of(
                        row(
                                "regionCode",
                                TestData.VILLAGE_2,
                                "waterQuantity",
                                "是",
                                "waterQuality",
                                "否",
                                "waterConvenience",
                                "是",
                                "waterGuarantee",
                                "是",
                                "assessedOn",
                                "2026-07-01"),
                        row(
                                "householdNo",
                                "WATER-OUT",
                                "waterQuantity",
                                "是",
                                "waterQuality",
                                "是",
                                "waterConvenience",
                                "是",
                                "waterGuarantee",
                                "是",
                                "assessedOn",
                                "2026-07-02")));
        feed(
                FeedType.DISASTER,
                "2026-07",
                List.of(
                        row(
                                "regionCode",
                                TestData.OTHER_TOWNSHIP,
                                "disasterType",
                                "FLOOD",
                                "severity",
                                "III",
                                "startDate",
                                "2026-07-01",
                                "endDate",
                                "2026-07-20"),
                        row(
                                "regionCode",
                                TestData.TOWNSHIP,
                                "disasterType",
                                "DROUGHT",
                                "severity",
                                "IV",
                                "startDate",
                                "2026-07-01")));
        feed(
                FeedType.EPIDEMIC,
                "2026-08",
                List.of(
                        row(
                                "regionCode",
                                TestData.OTHER_VILLAGE,
                                "riskLevel",
                                "HIGH",
                                "startDate",
                                "2026-08-01",
                                "endDate",
                                "2026-09-15"),
                        row(
                                "regionCode",
                                TestData.VILLAGE,
                                "riskLevel",
                                "HIGH",
                                "startDate",
                                "2026-08-01",
                                "endDate",
                                "2026-08-29"))); // ended the day before the 3-month window
        feed(
                FeedType.SOCIAL_ASSISTANCE,
                "2026-05",
                List.of(
                        row(
                                "idNumber",
                                ids.get("BEN-IN/户主"),
                                "assistanceType",
                                "DIBAO",
                                "amount",
                                "600",
                                "startDate",
                                "2026-05-01",
                                "benefitStatus",
                                "STOPPED"),
                        row(
                                "idNumber",
                                ids.get("BEN-OUT/户主"),
                                "assistanceType",
                                "DIBAO",
                                "amount",
                                "600",
                                "startDate",
                                "2026-05-01",
                                "benefitStatus",
                                "STOPPED")));
    }

    /**
     * A second province, so that a run has two passes: 湖南 (43) with its own rule set (low income and medical burden
     * only) and its own monitoring line (6,500 from 2021), beside the national set and line (6,000) for 湖北; one
     * village of four households: income just below and at the province's line (both above the national one),
     * a medical burden, and unsafe water (no rule of the province's set reads it). Call after {@link #load}.
     */
    public void loadSecondProvince(RuleSets ruleSets, PolicyParameters parameters) {
        String village = "431223100201";
        regions.importFile(TestData.write(dir, "r2.csv", TestData.REGIONS_CSV + """
                        430000000000,湖南省,,1
                        431200000000,怀化市,430000000000,2
                        431223000000,辰溪县,431200000000,3
                        431223100000,辰阳镇,431223000000,4
                        431223100201,寺前村,431223100000,5
                        """), "r2.csv", "t", Locale.CHINA);
        parameters.set(
                "monitoring_line", SECOND_PROVINCE, LocalDate.parse("2021-01-01"), new BigDecimal("6500"), "湘政发 测试");
        List<RuleSets.Rule> national =
                ruleSets.inForce(SECOND_PROVINCE, AS_OF).orElseThrow().rules();
        RuleSets.RuleSet own = ruleSets.createDraft(new RuleSets.Draft(
                SECOND_PROVINCE,
                "湖南省规则（测试）",
                null,
                national.stream()
                        .filter(r ->
                                List.of("INCOME_BELOW_LINE", "MEDICAL_BURDEN").contains(r.code()))
                        .toList()));
        ruleSets.activate(own.id(), LocalDate.parse("2021-01-01"));
        lines2024.clear();
        lines2025.clear();
        household("HN-INC-IN", village, "6499.99", null);
        household("HN-INC-OUT", village, "6500.00", null);
        household("HN-MED-IN", village, "30000", null);
        member("HN-WATER", village, "ORDINARY", "", "", "A", "否", "30000", null, "1980-01-01", "户主", "普通劳动力", "是");
        load(lines2025, "h43.csv");
        feed(
                FeedType.MEDICAL_CLAIM,
                "2026-09",
                List.of(
                        claim("HN-MED-IN/户主", "2026-09-01", "7000.00"),
                        claim("HN-MED-IN/户主", "2026-02-01", "3000.00")));
    }

    private void load(List<String> lines, String name) {
        var report = households.importFile(
                TestData.write(dir, name, HEADER + String.join("\n", lines) + "\n"),
                name,
                "t",
                Locale.CHINA,
                new HouseholdImporter.Options(null, null));
        assertThat(report.errors()).isEmpty();
        assertThat(report.applied()).isTrue();
    }

    private Map<String, Object> claim(String who, String date, String own) {
        return row("idNumber", ids.get(who), "visitDate", date, "totalCost", own, "outOfPocket", own);
    }

    public static Map<String, Object> row(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Receives a feed batch of the rows, each matched to a registered household or person. */
    public void feed(FeedType type, String period, List<Map<String, Object>> rows) {
        var r = intake.receiveRows(
                type,
                new FeedIntake.BatchHeader(type.name() + "-" + period, YearMonth.parse(period), type.department()),
                rows,
                Locale.CHINA);
        assertThat(r.report().errors()).as(type.name()).isEmpty();
        assertThat(r.batch()).as(type.name()).isPresent();
        assertThat(r.batch().get().unmatched()).as(type.name()).isZero();
    }
}
