package org.fangpin.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.casework.Inbox;
import org.fangpin.common.Department;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.fangpin.region.RegionImporter;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * 扶贫项目资产: a closed project's asset registered from it (never more than the project's final cost), its title and
 * shares, upkeep and status; its income distributed after a publicity that cannot end early or with an objection open,
 * the reach to monitored, 丧失劳动能力 and disabled households checked against what the test marked; a disposal through
 * the township and the county; each rule refused with its status and nothing changed; the region's totals reconciled
 * with what the test registered.
 */
@IntegrationTest
class AssetsIT {

    static final String PW = "Asset-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    Projects projects;

    @Autowired
    AssetCare care;

    @Autowired
    Assets assets;

    @Autowired
    AssetIncomes incomes;

    @Autowired
    AssetDisposals disposals;

    @Autowired
    AssetRecords records;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Autowired
    WebApplicationContext context;

    @TempDir
    Path dir;

    LocalDate today;

    private void prepare() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "a-village", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "a-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "a-sibling", "TOWNSHIP", TestData.OTHER_TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "a-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "a-city", "CITY", TestData.CITY, PW, false);
        today = LocalDate.now(clock);
    }

    private <T> T as(String user, Supplier<T> work) {
        return users.runAs(user, work);
    }

    private static void refused(HttpStatus status, Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private static void invalid(Runnable action, String... fields) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field())
                                .containsExactlyInAnyOrder(fields));
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** A project walked from a village's application to its closing, 90 days ago to yesterday; its final cost. */
    private long closedProject(String name, String finalCost) {
        Projects.Project p = as(
                "a-village",
                () -> projects.apply(new Projects.Application(
                        TestData.VILLAGE,
                        today.getYear(),
                        name,
                        ProjectType.INDUSTRY,
                        "加工",
                        Department.AGRICULTURE,
                        "桃园村三组",
                        "新建茶叶加工厂房 600 平方米",
                        "桃园村股份经济合作社",
                        "王五",
                        false,
                        List.of(BenefitLink.DIVIDEND),
                        40,
                        130,
                        12,
                        null,
                        List.of(new Projects.Budget(FundSource.CENTRAL_LINKAGE, new BigDecimal("1000000.00"))),
                        List.of(new Projects.Target("带动脱贫户分红", "不少于12户")),
                        today.minusDays(90))));
        long id = p.id();
        p = as("a-town", () -> projects.townshipReview(id, 1, new Projects.Review(true, null, today.minusDays(89))));
        int v1 = p.version();
        p = as(
                "a-county",
                () -> projects.departmentReview(id, v1, new Projects.Review(true, "同意", today.minusDays(88))));
        int v2 = p.version();
        p = as(
                "a-county",
                () -> projects.decide(
                        id,
                        v2,
                        new Projects.Decision(true, "县振字〔2026〕1号", today.minusDays(87), null, null, "村务公开栏", null)));
        int v3 = p.version();
        p = as("a-county", () -> projects.endPublicity(id, v3));
        int v4 = p.version();
        p = as(
                "a-county",
                () -> projects.approve(
                        id, v4, new Projects.Approval("县振字〔2026〕2号", today.minusDays(70), today.minusDays(70), today)));
        int v5 = p.version();
        p = as(
                "a-village",
                () -> projects.complete(
                        id, v5, new Projects.Completion(today.minusDays(30), new BigDecimal(finalCost), null)));
        int v6 = p.version();
        p = as(
                "a-county",
                () -> projects.accept(
                        id, v6, new Projects.Acceptance(today.minusDays(25), "县农业农村局", true, "合格", null, null)));
        int v7 = p.version();
        p = as("a-county", () -> projects.endResultPublicity(id, v7));
        assertThat(p.stage()).isEqualTo(ProjectStage.CLOSED);
        return id;
    }

    private Assets.NewAsset operating(long project, String value, List<Assets.Source> sources) {
        return new Assets.NewAsset(
                TestData.VILLAGE,
                "茶叶加工厂",
                AssetClass.OPERATING,
                "加工厂房",
                "桃园村三组",
                "厂房 600 平方米",
                new BigDecimal(value),
                today.minusDays(20),
                sources,
                TitleLevel.VILLAGE,
                "桃园村股份经济合作社",
                null,
                "桃园茶叶专业合作社",
                "委托经营",
                "收益的 30% 分配给持股农户，其余用于管护和村级公益事业",
                null,
                null,
                null,
                null);
    }

    private Assets.NewAsset welfare(String region, TitleLevel level, String custodian, String value) {
        return new Assets.NewAsset(
                region,
                "村组道路",
                AssetClass.PUBLIC_WELFARE,
                "道路",
                "桃园村一至三组",
                "3.2 公里",
                new BigDecimal(value),
                today.minusYears(3),
                List.of(new Assets.Source(null, null, FundSource.PROVINCIAL_LINKAGE, new BigDecimal("300000.00"))),
                level,
                "桃园村股份经济合作社",
                null,
                null,
                null,
                null,
                custodian,
                custodian == null ? null : "李四",
                "每月巡查一次",
                null);
    }

    @Test
    void anAssetIsFormedTitledSharedKeptUpDistributedAndDisposedOfAndEveryTotalReconciles() throws Exception {
        prepare();
        long h1 = household("4211221002010001", TestData.VILLAGE, 1);
        long h2 = household("4211221002010002", TestData.VILLAGE, 2);
        long h3 = household("4211221002010003", TestData.VILLAGE, 3);
        long far = household("4211221012010001", TestData.OTHER_VILLAGE, 4);
        // the marks the reach is counted by, set here and expected below
        jdbc.sql(
                        "update household set monitoring_state = 'MONITORED', monitoring_category = 'SUDDEN_HARDSHIP', monitoring_since = current_date - 30 where household_id = ?")
                .param(h1)
                .update();
        jdbc.sql("update person set labour_capacity = 'LOST' where household_id = ?")
                .param(h2)
                .update();
        jdbc.sql("update person set disability_grade = 2 where household_id = ?")
                .param(h3)
                .update();
        long project = closedProject("茶叶加工厂", "900000.00");
        long open = as(
                        "a-village",
                        () -> projects.apply(new Projects.Application(
                                TestData.VILLAGE,
                                today.getYear(),
                                "未验收项目",
                                ProjectType.INDUSTRY,
                                null,
                                Department.AGRICULTURE,
                                "x",
                                "y",
                                null,
                                null,
                                false,
                                List.of(BenefitLink.DIVIDEND),
                                1,
                                1,
                                1,
                                null,
                                List.of(new Projects.Budget(FundSource.CENTRAL_LINKAGE, new BigDecimal("1.00"))),
                                List.of(new Projects.Target("a", "b")),
                                null)))
                .id();

        // bad input: every field's reason, nothing registered
        invalid(
                () -> as(
                        "a-county",
                        () -> assets.register(new Assets.NewAsset(
                                TestData.OTHER_VILLAGE,
                                " ",
                                AssetClass.PUBLIC_WELFARE,
                                null,
                                "x",
                                null,
                                new BigDecimal("1.005"),
                                today.plusDays(1),
                                List.of(new Assets.Source(
                                        open, null, FundSource.CENTRAL_LINKAGE, new BigDecimal("-1"))),
                                TitleLevel.HOUSEHOLD,
                                "x",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null))),
                "name",
                "value",
                "formedOn",
                "titleLevel",
                "holderHouseholdId",
                "custodian",
                "custodianPerson",
                "sources[0].amount",
                "sources[0].projectId");
        // a township user outside the village reaches neither the village nor the project
        invalid(
                () -> as(
                        "a-sibling",
                        () -> assets.register(operating(
                                project,
                                "900000.00",
                                List.of(new Assets.Source(
                                        project, null, FundSource.CENTRAL_LINKAGE, new BigDecimal("1.00")))))),
                "region",
                "sources[0].projectId");
        // sources beyond the value
        invalid(
                () -> as(
                        "a-county",
                        () -> assets.register(operating(
                                project,
                                "100.00",
                                List.of(new Assets.Source(
                                        project, null, FundSource.CENTRAL_LINKAGE, new BigDecimal("100.01")))))),
                "sources");
        assertThat(count("asset")).isZero();

        // 经营性 without an operator or a plan for its income
        invalid(
                () -> as(
                        "a-county",
                        () -> assets.register(new Assets.NewAsset(
                                TestData.VILLAGE,
                                "光伏电站",
                                AssetClass.OPERATING,
                                null,
                                "村委会屋顶",
                                null,
                                new BigDecimal("300000.00"),
                                today.minusDays(20),
                                List.of(),
                                TitleLevel.VILLAGE,
                                "桃园村股份经济合作社",
                                null,
                                " ",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null))),
                "operator",
                "distributionPlan");
        // formed by the closed project
        Assets.Asset plant = as(
                "a-county",
                () -> assets.register(operating(
                        project,
                        "950000.00",
                        List.of(
                                new Assets.Source(
                                        project, null, FundSource.CENTRAL_LINKAGE, new BigDecimal("900000.00")),
                                new Assets.Source(null, null, FundSource.SOCIAL, new BigDecimal("50000.00"))))));
        assertThat(plant.assetNo()).isEqualTo("421122-ZC-00001");
        assertThat(plant.origin()).isEqualTo(AssetOrigin.PROJECT);
        assertThat(plant.status()).isEqualTo(AssetStatus.IN_USE);
        assertThat(plant.sources())
                .extracting(Assets.Source::projectNo)
                .containsExactly("421122-" + today.getYear() + "-0001", null);
        // the project's 900,000 are spent: no second asset may claim any of it (409 with what is left)
        assertThatThrownBy(() -> as(
                        "a-county",
                        () -> assets.register(operating(
                                project,
                                "10.00",
                                List.of(new Assets.Source(
                                        project, null, FundSource.CENTRAL_LINKAGE, new BigDecimal("0.01")))))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.args()).containsExactly("421122-" + today.getYear() + "-0001", "0.00");
                });
        // 公益性 without 管护主体; a village cannot title an asset to the county
        invalid(
                () -> as("a-village", () -> assets.register(welfare(TestData.VILLAGE, TitleLevel.VILLAGE, null, "1"))),
                "custodian",
                "custodianPerson");
        invalid(
                () -> as(
                        "a-village",
                        () -> assets.register(welfare(TestData.VILLAGE, TitleLevel.COUNTY, "县交通运输局", "400000.00"))),
                "titleLevel");
        Assets.Asset road = as(
                "a-village",
                () -> assets.register(welfare(TestData.VILLAGE, TitleLevel.VILLAGE, "桃园村村委会", "400000.00")));
        assertThat(road.origin()).isEqualTo(AssetOrigin.INVENTORY);
        Assets.Asset bridge = as(
                "a-county",
                () -> assets.register(welfare(TestData.TOWNSHIP, TitleLevel.COUNTY, "县交通运输局", "1200000.00")));
        // the county's asset: the township reaches it, but does not change it
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "a-town",
                        () -> care.upkeep(
                                bridge.id(),
                                bridge.version(),
                                new Assets.Upkeep(null, today, UpkeepKind.INSPECTION, "张三", "完好", null, null))));
        // 到户类: a household of the asset's own village
        invalid(() -> as("a-county", () -> assets.register(household(far, "2"))), "holderHouseholdId");
        Assets.Asset cattle = as("a-county", () -> assets.register(household(h1, "8000.00")));
        assertThat(cattle.titleLevel()).isEqualTo(TitleLevel.HOUSEHOLD);
        assertThat(cattle.holderHouseholdId()).isEqualTo(h1);

        // 折股量化: at most 100 %, households of the registry, operating assets only
        invalid(
                () -> as(
                        "a-village",
                        () -> care.share(
                                plant.id(),
                                plant.version(),
                                new Assets.Shares(
                                        today.minusDays(10),
                                        List.of(
                                                new Assets.Share(
                                                        ShareHolder.HOUSEHOLD, h1, "户主1", new BigDecimal("30.5")),
                                                new Assets.Share(
                                                        ShareHolder.VILLAGE_COLLECTIVE,
                                                        null,
                                                        "桃园村股份经济合作社",
                                                        new BigDecimal("70")))))),
                "shares");
        refused(
                HttpStatus.CONFLICT,
                () -> as("a-village", () -> care.share(road.id(), road.version(), new Assets.Shares(null, List.of()))));
        // a household of another village of the county is in the county's reach, but not where the asset is
        invalid(
                () -> as(
                        "a-county",
                        () -> care.share(
                                plant.id(),
                                plant.version(),
                                new Assets.Shares(
                                        today.minusDays(10),
                                        List.of(new Assets.Share(
                                                ShareHolder.HOUSEHOLD, far, "户主4", new BigDecimal("10")))))),
                "shares[0].householdId");
        Assets.Asset shared = as(
                "a-village",
                () -> care.share(
                        plant.id(),
                        plant.version(),
                        new Assets.Shares(
                                today.minusDays(10),
                                List.of(
                                        new Assets.Share(ShareHolder.HOUSEHOLD, h1, "户主1", new BigDecimal("10")),
                                        new Assets.Share(ShareHolder.HOUSEHOLD, h2, "户主2", new BigDecimal("10")),
                                        new Assets.Share(ShareHolder.HOUSEHOLD, h3, "户主3", new BigDecimal("10")),
                                        new Assets.Share(
                                                ShareHolder.VILLAGE_COLLECTIVE,
                                                null,
                                                "桃园村股份经济合作社",
                                                new BigDecimal("70"))))));
        assertThat(as("a-village", () -> records.detail(plant.id())).shares())
                .extracting(Assets.Share::percent)
                .map(BigDecimal::intValue)
                .containsExactlyInAnyOrder(70, 10, 10, 10);

        // 管护 and status; a stale version is refused
        Assets.Asset kept = as(
                "a-village",
                () -> care.upkeep(
                        road.id(),
                        road.version(),
                        new Assets.Upkeep(
                                null,
                                today.minusDays(3),
                                UpkeepKind.REPAIR,
                                "李四",
                                "二组路段坑洼",
                                "修补 20 平方米",
                                new BigDecimal("1800.00"))));
        refused(
                HttpStatus.PRECONDITION_FAILED,
                () -> as(
                        "a-village",
                        () -> care.status(
                                road.id(), road.version(), new Assets.StatusChange(AssetStatus.IDLE, null, "x"))));
        invalid(
                () -> as(
                        "a-village",
                        () -> care.status(
                                road.id(), kept.version(), new Assets.StatusChange(AssetStatus.DISPOSED, null, "x"))),
                "status");

        // income: operating assets only, periods never overlapping
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "a-village",
                        () -> incomes.record(
                                road.id(),
                                kept.version(),
                                new AssetIncomes.NewIncome(
                                        today.minusDays(19), today.minusDays(16), BigDecimal.TEN, today, null))));
        Assets.Asset earned = as(
                "a-village",
                () -> incomes.record(
                        plant.id(),
                        shared.version(),
                        new AssetIncomes.NewIncome(
                                today.minusDays(19),
                                today.minusDays(16),
                                new BigDecimal("100000.00"),
                                today.minusDays(15),
                                "租金")));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "a-village",
                        () -> incomes.record(
                                plant.id(),
                                earned.version(),
                                new AssetIncomes.NewIncome(
                                        today.minusDays(16), today.minusDays(14), BigDecimal.TEN, today, null))));
        long income = jdbc.sql("select id from asset_income").query(Long.class).single();

        // the plan: Σ rows = income, households in reach, publicity at least the parameter's 10 days
        List<AssetIncomes.NewRow> rows = List.of(
                new AssetIncomes.NewRow(DistributionUse.HOUSEHOLD, h1, new BigDecimal("3000.00"), null, null),
                new AssetIncomes.NewRow(DistributionUse.HOUSEHOLD, h2, new BigDecimal("2000.00"), null, null),
                new AssetIncomes.NewRow(DistributionUse.HOUSEHOLD, h3, new BigDecimal("1000.00"), null, null),
                new AssetIncomes.NewRow(DistributionUse.MAINTENANCE, null, new BigDecimal("20000.00"), null, null),
                new AssetIncomes.NewRow(
                        DistributionUse.VILLAGE_PUBLIC_WORKS, null, new BigDecimal("74000.00"), null, null));
        invalid(
                () -> as(
                        "a-village",
                        () -> incomes.plan(
                                plant.id(),
                                earned.version(),
                                income,
                                new AssetIncomes.Plan(
                                        today.minusDays(12),
                                        "应到 35 人，实到 31 人",
                                        null,
                                        today.minusDays(4),
                                        "村务公开栏",
                                        List.of(
                                                rows.get(0),
                                                new AssetIncomes.NewRow(
                                                        DistributionUse.HOUSEHOLD,
                                                        far,
                                                        new BigDecimal("96999.99"),
                                                        null,
                                                        null))))),
                "publicityTo",
                "rows[1].householdId",
                "rows");
        assertThat(count("distribution_row")).isZero();
        Assets.Asset planned = as(
                "a-village",
                () -> incomes.plan(
                        plant.id(),
                        earned.version(),
                        income,
                        new AssetIncomes.Plan(today.minusDays(12), "应到 35 人，实到 31 人", null, null, "村务公开栏", rows)));
        AssetIncomes.Income i = as("a-village", () -> incomes.of(plant.id())).get(0);
        assertThat(i.stage()).isEqualTo(IncomeStage.PUBLICITY);
        assertThat(i.publicityTo()).isEqualTo(today.minusDays(3));
        assertThat(i.rows())
                .extracting(r -> r.amount().toPlainString())
                .containsExactly("3000.00", "2000.00", "1000.00", "20000.00", "74000.00");
        // the reach, against the marks set above: h1 monitored (3,000); h2 a member who lost the capacity to work
        // (2,000); h3 a member disabled at grade 2, which the monitoring reads as 丧失劳动能力 too (1,000)
        AssetIncomes.Reach expected = new AssetIncomes.Reach(
                new BigDecimal("6000.00"),
                3,
                new BigDecimal("3000.00"),
                1,
                new BigDecimal("3000.00"),
                2,
                new BigDecimal("1000.00"),
                1);
        assertThat(i.reach()).isEqualTo(expected);
        assertThat(i.percentOf(i.reach().monitored())).isEqualByComparingTo("3.0");
        // the marks are the plan's: a later change in the registry does not rewrite who was reached
        jdbc.sql("update person set labour_capacity = 'ORDINARY' where household_id = ?")
                .param(h2)
                .update();
        assertThat(as("a-village", () -> incomes.of(plant.id())).get(0).reach()).isEqualTo(expected);
        assertThat(i.rows())
                .filteredOn(r -> r.householdId() != null)
                .allSatisfy(r -> assertThat(r.oneCard()).isTrue());
        // an objection holds the end back; the village does not judge it; the township dismisses it
        Assets.Asset objected = as(
                "a-village",
                () -> incomes.object(
                        plant.id(),
                        planned.version(),
                        income,
                        new Publicities.NewObjection(today.minusDays(5), "村民甲", "分红名单漏了一户")));
        refused(
                HttpStatus.CONFLICT,
                () -> as("a-town", () -> incomes.endPublicity(plant.id(), objected.version(), income)));
        long objection = jdbc.sql("select id from objection where subject = 'DISTRIBUTION'")
                .query(Long.class)
                .single();
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "a-village",
                        () -> incomes.resolve(
                                plant.id(),
                                objected.version(),
                                income,
                                objection,
                                new Publicities.Resolution(false, "经核实不属于持股农户"))));
        Assets.Asset dismissed = as(
                "a-town",
                () -> incomes.resolve(
                        plant.id(),
                        objected.version(),
                        income,
                        objection,
                        new Publicities.Resolution(false, "经核实不属于持股农户")));
        // not paid while publicised
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "a-village",
                        () -> incomes.pay(plant.id(), dismissed.version(), income, new AssetIncomes.Payment(today))));
        Assets.Asset ready = as("a-village", () -> incomes.endPublicity(plant.id(), dismissed.version(), income));
        invalid(
                () -> as(
                        "a-village",
                        () -> incomes.pay(
                                plant.id(), ready.version(), income, new AssetIncomes.Payment(today.minusDays(3)))),
                "paidOn");
        Assets.Asset paid = as(
                "a-village", () -> incomes.pay(plant.id(), ready.version(), income, new AssetIncomes.Payment(today)));
        assertThat(paid.income()).isEqualByComparingTo("100000.00");
        // a second period publicised from today cannot end before its last day
        Assets.Asset second = as(
                "a-village",
                () -> incomes.record(
                        plant.id(),
                        paid.version(),
                        new AssetIncomes.NewIncome(
                                today.minusDays(9),
                                today.minusDays(2),
                                new BigDecimal("500.00"),
                                today.minusDays(2),
                                null)));
        long income2 =
                jdbc.sql("select max(id) from asset_income").query(Long.class).single();
        Assets.Asset second2 = as(
                "a-village",
                () -> incomes.plan(
                        plant.id(),
                        second.version(),
                        income2,
                        new AssetIncomes.Plan(
                                today.minusDays(2),
                                "x",
                                null,
                                null,
                                "村务公开栏",
                                List.of(new AssetIncomes.NewRow(
                                        DistributionUse.CONSOLIDATION, null, new BigDecimal("500.00"), null, null)))));
        refused(
                HttpStatus.CONFLICT,
                () -> as("a-village", () -> incomes.endPublicity(plant.id(), second2.version(), income2)));
        // an upheld objection sends the plan back: a new meeting, not before that day, and a new publicity
        Assets.Asset o2 = as(
                "a-village",
                () -> incomes.object(
                        plant.id(),
                        second2.version(),
                        income2,
                        new Publicities.NewObjection(null, null, "未经村民代表会议表决")));
        long objection2 = jdbc.sql("select max(id) from objection where subject = 'DISTRIBUTION'")
                .query(Long.class)
                .single();
        // a second objection, still open when the first is upheld, is closed with it: the new publicity is not held
        // back
        Assets.Asset o3 = as(
                "a-village",
                () -> incomes.object(
                        plant.id(), o2.version(), income2, new Publicities.NewObjection(null, null, "分配比例不合理")));
        Assets.Asset back = as(
                "a-town",
                () -> incomes.resolve(
                        plant.id(), o3.version(), income2, objection2, new Publicities.Resolution(true, "情况属实")));
        assertThat(jdbc.sql("select resolution from objection where subject = 'DISTRIBUTION' and subject_id = ?"
                                + " and id > ? order by id")
                        .params(income2, objection2)
                        .query(String.class)
                        .list())
                .containsExactly("SUPERSEDED");
        assertThat(as("a-village", () -> incomes.of(plant.id())).get(0).stage()).isEqualTo(IncomeStage.RECORDED);
        AssetIncomes.Plan again = new AssetIncomes.Plan(
                today.minusDays(1),
                "重新表决",
                null,
                null,
                "村务公开栏",
                List.of(new AssetIncomes.NewRow(
                        DistributionUse.CONSOLIDATION, null, new BigDecimal("500.00"), null, null)));
        invalid(() -> as("a-village", () -> incomes.plan(plant.id(), back.version(), income2, again)), "meetingOn");
        as(
                "a-village",
                () -> incomes.plan(
                        plant.id(),
                        back.version(),
                        income2,
                        new AssetIncomes.Plan(
                                today, again.meetingNote(), null, null, again.publicityPlace(), again.rows())));
        assertThat(as("a-village", () -> incomes.of(plant.id())).get(0).publicityFrom())
                .isEqualTo(today);

        // 处置: a village collective's asset after its meeting → township → county → done; the asset kept, 已处置
        Assets.Asset r1 = as("a-village", () -> assets.get(road.id()));
        invalid(
                () -> as(
                        "a-village",
                        () -> disposals.request(
                                road.id(),
                                r1.version(),
                                new AssetDisposals.Request(
                                        DisposalKind.DISASTER_LOSS, new BigDecimal("0"), "山洪冲毁", null, null))),
                "meetingOn");
        Assets.Asset requested = as(
                "a-village",
                () -> disposals.request(
                        road.id(),
                        r1.version(),
                        new AssetDisposals.Request(
                                DisposalKind.DISASTER_LOSS,
                                new BigDecimal("12000.00"),
                                "山洪冲毁二组路段",
                                today.minusDays(2),
                                today.minusDays(1))));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "a-village",
                        () -> disposals.request(
                                road.id(),
                                requested.version(),
                                new AssetDisposals.Request(
                                        DisposalKind.SCRAP, BigDecimal.ZERO, "x", today.minusDays(1), null))));
        long disposal =
                jdbc.sql("select id from asset_disposal").query(Long.class).single();
        // waiting in the township's 待办, not the sibling township's nor yet the county's
        assertThat(waiting("a-town", Inbox.Action.APPROVE_DISPOSAL)).containsExactly(road.id());
        assertThat(waiting("a-sibling", Inbox.Action.APPROVE_DISPOSAL)).isEmpty();
        assertThat(waiting("a-county", Inbox.Action.APPROVE_DISPOSAL)).isEmpty();
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "a-county",
                        () -> disposals.decide(
                                road.id(),
                                requested.version(),
                                disposal,
                                new AssetDisposals.Decision(true, "县振字〔2026〕9号", null, null))));
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "a-village",
                        () -> disposals.review(
                                road.id(),
                                requested.version(),
                                disposal,
                                new AssetDisposals.Decision(true, null, null, null))));
        Assets.Asset reviewed = as(
                "a-town",
                () -> disposals.review(
                        road.id(),
                        requested.version(),
                        disposal,
                        new AssetDisposals.Decision(true, null, null, "情况属实")));
        assertThat(waiting("a-town", Inbox.Action.APPROVE_DISPOSAL)).isEmpty();
        assertThat(waiting("a-county", Inbox.Action.APPROVE_DISPOSAL)).containsExactly(road.id());
        Assets.Asset approved = as(
                "a-county",
                () -> disposals.decide(
                        road.id(),
                        reviewed.version(),
                        disposal,
                        new AssetDisposals.Decision(true, "县振字〔2026〕9号", null, null)));
        Assets.Asset disposed = as(
                "a-village",
                () -> disposals.complete(
                        road.id(),
                        approved.version(),
                        disposal,
                        new AssetDisposals.Completion(null, new BigDecimal("3500.00"), null)));
        assertThat(disposed.status()).isEqualTo(AssetStatus.DISPOSED);
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "a-village",
                        () -> care.upkeep(
                                road.id(),
                                disposed.version(),
                                new Assets.Upkeep(null, today, UpkeepKind.INSPECTION, "李四", "x", null, null))));
        AssetDisposals.Disposal d =
                as("a-village", () -> records.detail(road.id())).disposals().get(0);
        assertThat(d.stage()).isEqualTo(DisposalStage.DONE);
        assertThat(d.proceeds()).isEqualByComparingTo("3500.00");
        assertThat(d.proceedsUse()).isNull();
        // a household's own asset is its own to dispose of: recorded, not approved
        Assets.Asset c1 = as("a-village", () -> assets.get(cattle.id()));
        Assets.Asset selfRequested = as(
                "a-village",
                () -> disposals.request(
                        cattle.id(),
                        c1.version(),
                        new AssetDisposals.Request(
                                DisposalKind.TRANSFER, new BigDecimal("9000.00"), "出售", null, null)));
        assertThat(as("a-village", () -> disposals.of(cattle.id())).get(0).stage())
                .isEqualTo(DisposalStage.APPROVED);
        long own =
                jdbc.sql("select max(id) from asset_disposal").query(Long.class).single();
        assertThat(as(
                                "a-village",
                                () -> disposals.complete(
                                        cattle.id(),
                                        selfRequested.version(),
                                        own,
                                        new AssetDisposals.Completion(null, new BigDecimal("9000.00"), "农户自有")))
                        .status())
                .isEqualTo(AssetStatus.DISPOSED);

        // reach: the other township sees none of these; the city all; the totals are what the test registered
        refused(HttpStatus.NOT_FOUND, () -> as("a-sibling", () -> assets.get(plant.id())));
        assertThat(as("a-sibling", () -> assets.list(null, null, null, 0, 50)).total())
                .isZero();
        Assets.AssetPage all = as("a-city", () -> assets.list(null, null, null, 0, 50));
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.value())
                .isEqualByComparingTo(new BigDecimal("950000.00")
                        .add(new BigDecimal("400000.00"))
                        .add(new BigDecimal("1200000.00"))
                        .add(new BigDecimal("8000.00")));
        assertThat(all.byClass().get(AssetClass.PUBLIC_WELFARE))
                .isEqualTo(new Assets.Totals(2, new BigDecimal("1600000.00")));
        assertThat(all.byStatus().get(AssetStatus.DISPOSED))
                .isEqualTo(new Assets.Totals(2, new BigDecimal("408000.00")));
        assertThat(as("a-village", () -> assets.list(TestData.VILLAGE, AssetClass.OPERATING, null, 0, 50))
                        .items())
                .extracting(Assets.Asset::id)
                .containsExactly(plant.id());
        // every step on the timeline, each audited
        List<Assets.Step> steps =
                as("a-village", () -> records.detail(plant.id())).steps();
        assertThat(steps)
                .extracting(Assets.Step::action)
                .containsExactly(
                        AssetAction.REGISTERED,
                        AssetAction.SHARES_SET,
                        AssetAction.INCOME,
                        AssetAction.PLANNED,
                        AssetAction.OBJECTION,
                        AssetAction.DISMISSED,
                        AssetAction.PUBLICITY_ENDED,
                        AssetAction.PAID,
                        AssetAction.INCOME,
                        AssetAction.PLANNED,
                        AssetAction.OBJECTION,
                        AssetAction.OBJECTION,
                        AssetAction.UPHELD,
                        AssetAction.PLANNED);
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'asset' and entity_id = ?")
                        .param(Long.toString(plant.id()))
                        .query(Long.class)
                        .single())
                .isEqualTo(steps.size());

        // the ledgers, read back cell by cell against what the test registered
        Map<String, BigDecimal> values = Map.of(
                plant.assetNo(), new BigDecimal("950000.00"),
                road.assetNo(), new BigDecimal("400000.00"),
                bridge.assetNo(), new BigDecimal("1200000.00"),
                cattle.assetNo(), new BigDecimal("8000.00"));
        BigDecimal all4 = values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<org.dhatim.fastexcel.reader.Row> detail = xlsx("assets");
        // title, the request in words, the header; the rows; the totals row
        assertThat(detail.get(2).getCellText(2)).isEqualTo("资产编号");
        assertThat(detail).hasSize(3 + 4 + 1);
        for (org.dhatim.fastexcel.reader.Row r : detail.subList(3, 7)) {
            String no = r.getCellText(2);
            assertThat(r.getCellAsNumber(12).orElseThrow()).as(no).isEqualByComparingTo(values.get(no));
        }
        org.dhatim.fastexcel.reader.Row plantRow = detail.stream()
                .filter(r -> plant.assetNo().equals(r.getCellText(2)))
                .findFirst()
                .orElseThrow();
        assertThat(plantRow.getCellText(4)).isEqualTo("经营性资产");
        assertThat(plantRow.getCellText(7)).isEqualTo(projects.get(project).projectNo());
        assertThat(plantRow.getCellText(8)).isEqualTo(FundSource.CENTRAL_LINKAGE.zh() + "、" + FundSource.SOCIAL.zh());
        assertThat(plantRow.getCellAsNumber(20).orElseThrow()).isEqualByComparingTo("100500.00");
        assertThat(detail.get(7).getCellAsNumber(12).orElseThrow()).isEqualByComparingTo(all4);
        // money and dates are Excel values in their formats (formatted a block of rows at a time)
        assertThat(plantRow.getCell(12).getDataFormatString()).isEqualTo("#,##0.00");
        assertThat(plantRow.getCell(11).getDataFormatString()).isEqualTo("yyyy-mm-dd");
        // 总账 = Σ 明细账: summed from the assets themselves, its totals are the detail's
        List<org.dhatim.fastexcel.reader.Row> totals = xlsx("asset-totals");
        org.dhatim.fastexcel.reader.Row sum = totals.get(totals.size() - 1);
        assertThat(sum.getCellAsNumber(2).orElseThrow().intValue()).isEqualTo(4);
        assertThat(sum.getCellAsNumber(3).orElseThrow()).isEqualByComparingTo(all4);
        assertThat(sum.getCellAsNumber(7).orElseThrow().intValue()).isEqualTo(2);
        assertThat(sum.getCellAsNumber(8).orElseThrow()).isEqualByComparingTo("100500.00");
        // the publicity sheet: a household's name is masked
        assertThat(xlsx("asset-publicity").stream().map(r -> r.getCellText(9)))
                .contains("户*")
                .doesNotContain("户主");
        // the distributions: every row of both plans, the marks as planned, the sum of what was distributed
        List<org.dhatim.fastexcel.reader.Row> rowsOut = xlsx("distributions");
        assertThat(rowsOut).hasSize(3 + 6 + 1);
        assertThat(rowsOut.get(rowsOut.size() - 1).getCellAsNumber(16).orElseThrow())
                .isEqualByComparingTo("100500.00");
        assertThat(rowsOut.stream().filter(r -> "是".equals(r.getCellText(13)))).hasSize(1);
        assertThat(rowsOut.stream().filter(r -> "是".equals(r.getCellText(14)))).hasSize(2);
        // the publicities: the project's listing and results, the two plans of the income sent back and the first
        List<org.dhatim.fastexcel.reader.Row> publicised = xlsx("publicities");
        assertThat(publicised).hasSize(3 + 5 + 1);
        // each objection counted with the publicity it was raised in: the first plan's dismissed one, the second
        // income's upheld one and the one closed with it, with the plan they sent back (not with the plan publicised
        // again the same day)
        List<String> objections = publicised.subList(3, 8).stream()
                .filter(r -> r.getCellText(2).equals("收益分配公示"))
                .map(r -> r.getCellAsNumber(9).orElseThrow().intValue() + "/"
                        + r.getCellAsNumber(11).orElseThrow().intValue())
                .toList();
        assertThat(objections).containsExactlyInAnyOrder("1/0", "2/1", "0/0");
        assertThat(publicised.get(8).getCellAsNumber(9).orElseThrow().longValue())
                .isEqualTo(jdbc.sql("select count(*) from objection")
                        .query(Long.class)
                        .single());
        assertThat(xlsx("projects")).hasSize(3 + 2 + 1);
    }

    @Autowired
    org.fangpin.reporting.Ledgers ledgers;

    /** A ledger of the county as its office exports it, read back. */
    private List<org.dhatim.fastexcel.reader.Row> xlsx(String code) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.springframework.context.i18n.LocaleContextHolder.setLocale(Locale.CHINA);
        as(
                "a-county",
                () -> ledgers.export(
                                code,
                                new org.fangpin.reporting.Ledgers.Request(TestData.COUNTY, null, null, Map.of()),
                                org.fangpin.reporting.Ledgers.Format.XLSX)
                        .writeTo(out));
        try (var wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                new java.io.ByteArrayInputStream(out.toByteArray()),
                new org.dhatim.fastexcel.reader.ReadingOptions(true, false))) {
            return wb.getFirstSheet().read();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
    }

    @Autowired
    ProjectBeneficiaries beneficiaries;

    @Autowired
    org.fangpin.registry.Registry registry;

    @Autowired
    AssistancePlans plans;

    @Autowired
    Inbox inbox;

    @Autowired
    ProjectFeedFacts feedFacts;

    @Autowired
    FeedIntake intake;

    /** The ids of a user's 待办 of one action (none when the user does not take it). */
    private List<Long> waiting(String user, Inbox.Action action) {
        return as(user, () -> inbox.tasks(action, 0, Inbox.MAX_PAGE)).tasks().stream()
                .filter(t -> t.action() == action)
                .map(Inbox.Task::id)
                .toList();
    }

    @Autowired
    ProjectLinks projectLinks;

    private AssistancePlans.NewMeasure measure(Long project, String amount) {
        return new AssistancePlans.NewMeasure(
                "INDUSTRY", null, null, "茶园务工补贴", today.minusDays(10), null, new BigDecimal(amount), project);
    }

    @Test
    void aProjectListsTheHouseholdsItReachesAndTheCountySeesWhomNothingReaches() throws Exception {
        prepare();
        long h1 = household("4211221002010001", TestData.VILLAGE, 1);
        long h2 = household("4211221002010002", TestData.VILLAGE, 2);
        long far = household("4211221012010001", TestData.OTHER_VILLAGE, 4);
        for (long h : List.of(h1, h2, far)) {
            jdbc.sql("update household set monitoring_state = 'MONITORED', monitoring_category = 'MARGINAL',"
                            + " monitoring_since = current_date - 30 where household_id = ?")
                    .param(h)
                    .update();
        }
        TestData.user(jdbc, encoder, "a-agri", "DEPARTMENT", TestData.COUNTY, PW, false);
        jdbc.sql("update app_user set department = 'AGRICULTURE' where username = 'a-agri'")
                .update();
        long project = closedProject("茶叶加工厂", "900000.00");
        int v = as("a-county", () -> projects.get(project)).version();
        // another village's household, a way the project does not name, a village-wide way, a negative amount
        invalid(
                () -> as(
                        "a-village",
                        () -> beneficiaries.replace(
                                project,
                                v,
                                List.of(
                                        new ProjectBeneficiaries.NewBeneficiary(
                                                far, BenefitLink.DIVIDEND, null, null, null),
                                        new ProjectBeneficiaries.NewBeneficiary(
                                                h2, BenefitLink.EMPLOYMENT, null, null, null),
                                        new ProjectBeneficiaries.NewBeneficiary(
                                                h2, BenefitLink.VILLAGE_WIDE, null, null, null),
                                        new ProjectBeneficiaries.NewBeneficiary(
                                                h1, BenefitLink.DIVIDEND, new BigDecimal("-1"), null, null)))),
                "beneficiaries[0].householdId",
                "beneficiaries[1].way",
                "beneficiaries[2].way",
                "beneficiaries[3].planned");
        refused(
                HttpStatus.PRECONDITION_FAILED,
                () -> as("a-village", () -> beneficiaries.replace(project, v + 5, List.of())));
        ProjectBeneficiaries.Beneficiaries listed = as(
                "a-village",
                () -> beneficiaries.replace(
                        project,
                        v,
                        List.of(new ProjectBeneficiaries.NewBeneficiary(
                                h1,
                                BenefitLink.DIVIDEND,
                                new BigDecimal("500.00"),
                                new BigDecimal("480.00"),
                                "按股分红"))));
        assertThat(listed.households()).isEqualTo(1);
        assertThat(listed.monitored()).isEqualTo(1);
        assertThat(listed.planned()).isEqualByComparingTo("500.00");
        assertThat(listed.actual()).isEqualByComparingTo("480.00");
        assertThat(listed.items())
                .singleElement()
                .satisfies(b -> assertThat(b.householdId()).isEqualTo(h1));
        // the list as a sheet: every wrong row with its line and reason, nothing changed; then the whole list replaced
        MockMvc mvc = AsSystemInTests.mockMvc(context);
        String bad = "户编号,联农带农方式,计划受益（元）,实际受益（元）,备注\n"
                + "4211221002010002,入股分红,300,,\n"
                + "4211221009999999,入股分红,300,,\n"
                + "4211221002010002,务工就业,1.005,,\n"
                + "4211221012010001,入股分红,100,,\n";
        var refusedUpload = mvc.perform(
                        MockMvcRequestBuilders.multipart("/api/v1/projects/" + project + "/beneficiaries/import")
                                .file(new org.springframework.mock.web.MockMultipartFile(
                                        "file", "list.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)))
                                .with(httpBasic("a-village", PW))
                                .header("Accept-Language", "zh-CN"))
                .andReturn()
                .getResponse();
        assertThat(refusedUpload.getStatus()).isEqualTo(422);
        String problem = refusedUpload.getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<List<Integer>>read(problem, "$.errors[*].row")).containsExactly(3, 4, 4, 5);
        assertThat(as("a-village", () -> beneficiaries.of(project)).items()).hasSize(1);
        String good = "户编号,联农带农方式,计划受益（元）,实际受益（元）,备注\n"
                + "4211221002010001,入股分红,500,480,按股分红\n"
                + "4211221002010002,Dividends on shares,300,,\n";
        var uploaded = mvc.perform(
                        MockMvcRequestBuilders.multipart("/api/v1/projects/" + project + "/beneficiaries/import")
                                .file(new org.springframework.mock.web.MockMultipartFile(
                                        "file", "list.csv", "text/csv", good.getBytes(StandardCharsets.UTF_8)))
                                .with(httpBasic("a-village", PW)))
                .andReturn()
                .getResponse();
        assertThat(uploaded.getStatus())
                .as(uploaded.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(200);
        ProjectBeneficiaries.Beneficiaries afterUpload = as("a-village", () -> beneficiaries.of(project));
        assertThat(afterUpload.households()).isEqualTo(2);
        assertThat(afterUpload.planned()).isEqualByComparingTo("800.00");
        // the list downloaded as the upload's sheet and uploaded again unchanged: the same list
        var streamed = mvc.perform(MockMvcRequestBuilders.get("/api/v1/projects/" + project + "/beneficiaries/sheet")
                        .with(httpBasic("a-village", PW)))
                .andReturn();
        byte[] sheet = mvc.perform(MockMvcRequestBuilders.asyncDispatch(streamed))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(sheet).startsWith('P', 'K'); // a zip: XLSX
        var again = mvc.perform(
                        MockMvcRequestBuilders.multipart("/api/v1/projects/" + project + "/beneficiaries/import")
                                .file(new org.springframework.mock.web.MockMultipartFile(
                                        "file",
                                        "list.xlsx",
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                        sheet))
                                .with(httpBasic("a-village", PW)))
                .andReturn()
                .getResponse();
        assertThat(again.getStatus())
                .as(again.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(as("a-village", () -> beneficiaries.of(project)).items())
                .containsExactlyInAnyOrderElementsOf(afterUpload.items());
        // h2 is reached now: 未覆盖 is left with the other village's household
        // the agriculture department's industry-support feed: the rows naming the project by its number or its name
        String projectNo = as("a-county", () -> projects.get(project)).projectNo();
        assertThat(as("a-county", () -> feedFacts.industrySupport(project))).isEmpty();
        var fed = intake.receiveRows(
                FeedType.INDUSTRY_SUPPORT,
                new FeedIntake.BatchHeader(
                        "IS-" + today, java.time.YearMonth.from(today), FeedType.INDUSTRY_SUPPORT.department()),
                List.of(
                        Map.of(
                                "householdNo",
                                "4211221002010001",
                                "amount",
                                "1000.00",
                                "paidOn",
                                today.minusDays(9).toString(),
                                "project",
                                projectNo),
                        Map.of(
                                "householdNo",
                                "4211221002010001",
                                "amount",
                                "500.00",
                                "paidOn",
                                today.minusDays(3).toString(),
                                "project",
                                " " + projectNo + " "),
                        Map.of(
                                "householdNo",
                                "4211221002010002",
                                "amount",
                                "300.00",
                                "paidOn",
                                today.minusDays(5).toString(),
                                "project",
                                projectNo + " 茶叶加工厂"),
                        // the name alone is not enough: another county may have a project of the same name
                        Map.of(
                                "householdNo",
                                "4211221002010002",
                                "amount",
                                "700.00",
                                "paidOn",
                                today.minusDays(2).toString(),
                                "project",
                                "茶叶加工厂"),
                        Map.of(
                                "householdNo",
                                "4211221002010002",
                                "amount",
                                "999.00",
                                "paidOn",
                                today.minusDays(1).toString(),
                                "project",
                                "别的项目")),
                Locale.CHINA);
        assertThat(fed.report().errors()).isEmpty();
        assertThat(as("a-county", () -> feedFacts.industrySupport(project)))
                .contains(new ProjectFeedFacts.Totals(3, 2, new BigDecimal("1800.00"), today.minusDays(3)));
        refused(HttpStatus.NOT_FOUND, () -> as("a-sibling", () -> feedFacts.industrySupport(project)));
        // a department reads the totals, not the households
        ProjectBeneficiaries.Beneficiaries seen = as("a-agri", () -> beneficiaries.of(project));
        assertThat(seen.items()).isEmpty();
        assertThat(seen.households()).isEqualTo(2);
        // the household's timeline shows the project that reaches it
        assertThat(as("a-county", () -> registry.timeline(h1)))
                .anyMatch(e -> e.entity().equals("project_beneficiary")
                        && e.entityLabel().contains("茶叶加工厂"));
        // a measure may name a project of its household's village (or above), never one of another village
        for (long h : List.of(h2, far)) {
            jdbc.sql("insert into assistance_plan (household_id, household_no, village_code, started_on,"
                            + " visit_interval_days, created_by, updated_by) select household_id, household_no,"
                            + " village_code, current_date - 20, 30, 't', 't' from household where household_id = ?")
                    .param(h)
                    .update();
        }
        invalid(() -> as("a-county", () -> plans.addMeasure(far, measure(project, "800.00"))), "projectId");
        AssistancePlans.Measure named = as("a-county", () -> plans.addMeasure(h2, measure(project, "800.00")));
        assertThat(named.project().projectNo())
                .isEqualTo(as("a-county", () -> projects.get(project)).projectNo());
        // the number and name shown to all who see the measure; opened only by those who reach the project
        assertThat(as("a-county", () -> projectLinks.names(List.of(project)))
                        .get(project)
                        .reachable())
                .isTrue();
        assertThat(as("a-sibling", () -> projectLinks.names(List.of(project)))
                        .get(project)
                        .reachable())
                .isFalse();
        as("a-county", () -> plans.addMeasure(h2, measure(null, "50.00")));
        assertThat(as("a-county", () -> plans.addMeasure(h2, measure(project, "200.00")))
                        .project())
                .isNotNull();
        // the project's page sums the measures naming it: one household, two measures, their amounts
        assertThat(plans.ofProject(project))
                .isEqualTo(new AssistancePlans.ProjectMeasures(1, 2, new BigDecimal("1000.00")));
        // a project the county refused is not offered and not taken
        jdbc.sql("update project set stage = 'REJECTED' where id = ?")
                .param(project)
                .update();
        assertThat(as("a-county", () -> projectLinks.forVillage(TestData.VILLAGE, 50)))
                .noneMatch(x -> x.id() == project);
        invalid(() -> as("a-county", () -> plans.addMeasure(h2, measure(project, "1.00"))), "projectId");
        jdbc.sql("update project set stage = 'CLOSED' where id = ?")
                .param(project)
                .update();
        // 未覆盖监测户: the monitored households no measure and no project reaches — h2 and the other village's
        org.springframework.context.i18n.LocaleContextHolder.setLocale(Locale.CHINA);
        try {
            List<String> unreached = as(
                            "a-county",
                            () -> ledgers.page(
                                    "unreached",
                                    new org.fangpin.reporting.Ledgers.Request(TestData.COUNTY, null, null, Map.of()),
                                    1,
                                    50))
                    .rows()
                    .stream()
                    .map(r -> String.valueOf(r.householdId()))
                    .toList();
            assertThat(unreached).containsExactly(String.valueOf(far));
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
    }

    @Test
    void twoRegistrationsRacingForTheLastOfAProjectsCostOneWins() throws Exception {
        prepare();
        long project = closedProject("冷库", "600000.00");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Boolean>> racing = new java.util.ArrayList<>();
        for (int k = 0; k < 2; k++) {
            racing.add(pool.submit(() -> {
                start.await();
                try {
                    as(
                            "a-county",
                            () -> assets.register(operating(
                                    project,
                                    "500000.00",
                                    List.of(new Assets.Source(
                                            project, null, FundSource.CENTRAL_LINKAGE, new BigDecimal("500000.00"))))));
                    return true;
                } catch (ApiException e) {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    return false;
                }
            }));
        }
        start.countDown();
        int won = 0;
        for (var f : racing) {
            won += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        assertThat(jdbc.sql("select sum(amount) from asset_source where project_id = ?")
                        .param(project)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("500000.00");
    }

    @Test
    void theApiTakesTheVersionAndAnswersInProblemDocuments() throws Exception {
        prepare();
        Assets.Asset road = as(
                "a-village",
                () -> assets.register(welfare(TestData.VILLAGE, TitleLevel.VILLAGE, "桃园村村委会", "400000.00")));
        MockMvc mvc = AsSystemInTests.mockMvc(context);
        var got = mvc.perform(MockMvcRequestBuilders.get("/api/v1/assets/" + road.id())
                        .with(httpBasic("a-village", PW)))
                .andReturn()
                .getResponse();
        assertThat(got.getStatus()).isEqualTo(200);
        assertThat(got.getHeader("ETag")).isEqualTo("\"1\"");
        String body = "{\"status\":\"IDLE\",\"reason\":\"冬季封路\"}";
        var stale = mvc.perform(MockMvcRequestBuilders.post("/api/v1/assets/" + road.id() + "/status")
                        .with(httpBasic("a-village", PW))
                        .header("If-Match", "\"7\"")
                        .header("Accept-Language", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(stale.getStatus()).isEqualTo(412);
        assertThat(stale.getContentType()).startsWith("application/problem+json");
        assertThat(stale.getContentAsString(StandardCharsets.UTF_8)).contains("已被他人修改");
        var ok = mvc.perform(MockMvcRequestBuilders.post("/api/v1/assets/" + road.id() + "/status")
                        .with(httpBasic("a-village", PW))
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(ok.getStatus())
                .as(ok.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(ok.getHeader("ETag")).isEqualTo("\"2\"");
        // a city reads, but does not change
        var city = mvc.perform(MockMvcRequestBuilders.post("/api/v1/assets/" + road.id() + "/status")
                        .with(httpBasic("a-city", PW))
                        .header("If-Match", "\"2\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"IN_USE\",\"reason\":\"x\"}"))
                .andReturn()
                .getResponse();
        assertThat(city.getStatus()).isEqualTo(403);
        Map<String, Object> asset = JsonPath.read(
                mvc.perform(MockMvcRequestBuilders.get("/api/v1/assets/" + road.id())
                                .with(httpBasic("a-city", PW)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8),
                "$.asset");
        assertThat(asset).containsEntry("status", "IDLE");
    }

    private Assets.NewAsset household(long householdId, String value) {
        return new Assets.NewAsset(
                TestData.VILLAGE,
                "能繁母牛 2 头",
                AssetClass.HOUSEHOLD,
                "牲畜",
                "桃园村二组",
                "2 头",
                new BigDecimal(value),
                today.minusDays(5),
                List.of(),
                TitleLevel.HOUSEHOLD,
                "户主",
                householdId,
                null,
                "自主经营",
                null,
                null,
                null,
                null,
                null);
    }

    /** A household of one member registered by the county. */
    private long household(String no, String village, int seq) throws Exception {
        MockMvc mvc = AsSystemInTests.mockMvc(context);
        String body = "{\"household\":{\"householdNo\":\"" + no + "\",\"villageCode\":\"" + village
                + "\",\"identity\":\"EXITED\",\"exitYear\":2019},\"members\":[{\"name\":\"户主" + seq
                + "\",\"idNumber\":\"" + TestData.id("1970-01-0" + seq, 11)
                + "\",\"relation\":\"HEAD\"}]}";
        var r = mvc.perform(MockMvcRequestBuilders.post("/api/v1/households")
                        .with(httpBasic("a-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(r.getStatus())
                .as(r.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(201);
        return ((Number) JsonPath.read(r.getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
    }
}
