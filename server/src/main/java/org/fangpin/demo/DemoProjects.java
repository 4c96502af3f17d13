package org.fangpin.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.common.Department;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.fangpin.project.BenefitLink;
import org.fangpin.project.FundSource;
import org.fangpin.project.Funds;
import org.fangpin.project.PayeeKind;
import org.fangpin.project.ProjectBeneficiaries;
import org.fangpin.project.ProjectType;
import org.fangpin.project.Projects;
import org.fangpin.region.Designation;
import org.fangpin.region.RegionDesignations;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Registry;
import org.fangpin.security.UserAccounts;

/**
 * 项目资金 for the demo county, entered through the real services as its offices would: the year's allocations; a
 * 桃园村 industry project approved, funded, paid and under way; a township road publicised now with an objection
 * settled; a village application waiting for the township.
 */
final class DemoProjects {

    private DemoProjects() {}

    static final String COUNTY = "421122000000";
    static final String TOWNSHIP = "421122100000";
    static final String VILLAGE = "421122100201";

    /** How many projects and payments were made; the tea factory's id (东西部协作 helped build it). */
    record Seeded(int projects, int payments, long teaFactory) {}

    static Seeded seed(
            UserAccounts accounts,
            Projects projects,
            Funds funds,
            RegionDesignations designations,
            Registry registry,
            ProjectBeneficiaries beneficiaries,
            AssistancePlans plans,
            FeedIntake feeds,
            LocalDate today) {
        int year = today.getYear();
        // the demo county is a 脱贫县 and, in the 过渡期, a 重点帮扶县: it integrates agricultural funds every year
        accounts.runAs(
                "province",
                () -> designations.designate(
                        COUNTY,
                        new RegionDesignations.NewDesignation(
                                Designation.POVERTY_COUNTY, LocalDate.of(2021, 1, 1), null, "（演示）脱贫县名单")));
        accounts.runAs(
                "province",
                () -> designations.designate(
                        COUNTY,
                        new RegionDesignations.NewDesignation(
                                Designation.KEY_ASSISTANCE_COUNTY,
                                LocalDate.of(2021, 8, 1),
                                null,
                                "（演示）国家乡村振兴重点帮扶县名单")));
        accounts.runAs(
                "county",
                () -> funds.allocate(new Funds.NewAllocation(
                        COUNTY,
                        year,
                        FundSource.INTEGRATED_AGRI,
                        "红财农〔" + year + "〕8号",
                        new BigDecimal("3000000.00"),
                        today.minusDays(80),
                        "统筹整合使用财政涉农资金")));
        Funds.Allocation central = accounts.runAs(
                "county",
                () -> funds.allocate(new Funds.NewAllocation(
                        COUNTY,
                        year,
                        FundSource.CENTRAL_LINKAGE,
                        "鄂财农发〔" + year + "〕12号",
                        new BigDecimal("12000000.00"),
                        today.minusDays(90),
                        "第一批中央财政衔接资金")));
        accounts.runAs(
                "county",
                () -> funds.allocate(new Funds.NewAllocation(
                        COUNTY,
                        year,
                        FundSource.PROVINCIAL_LINKAGE,
                        "鄂财农发〔" + year + "〕31号",
                        new BigDecimal("4500000.00"),
                        today.minusDays(70),
                        null)));
        Funds.Allocation relief = accounts.runAs(
                "county",
                () -> funds.allocate(new Funds.NewAllocation(
                        COUNTY,
                        year,
                        FundSource.WORK_RELIEF,
                        "鄂发改振兴〔" + year + "〕5号",
                        new BigDecimal("1500000.00"),
                        today.minusDays(60),
                        null)));

        // 桃园村 tea: applied, reviewed, publicised a month and a half ago, approved, funded, paid, under way
        Projects.Project tea = accounts.runAs(
                "village",
                () -> projects.apply(application(
                        VILLAGE,
                        year,
                        "桃园村茶叶加工厂",
                        ProjectType.INDUSTRY,
                        "桃园村三组",
                        "新建茶叶加工厂房 600 平方米，购置杀青、揉捻设备",
                        List.of(BenefitLink.EMPLOYMENT, BenefitLink.DIVIDEND, BenefitLink.WORK_RELIEF_LABOUR),
                        List.of(
                                new Projects.Budget(FundSource.CENTRAL_LINKAGE, new BigDecimal("1600000.00")),
                                new Projects.Budget(FundSource.WORK_RELIEF, new BigDecimal("300000.00"))),
                        new BigDecimal("96000.00"),
                        today.minusDays(60))));
        long id = tea.id();
        LocalDate from = today.minusDays(45);
        accounts.runAs(
                "township",
                () -> projects.townshipReview(id, 1, new Projects.Review(true, "真实、必要、可行", today.minusDays(55))));
        accounts.runAs(
                "county",
                () -> projects.departmentReview(
                        id, 2, new Projects.Review(true, "农业农村局：符合茶产业规划", today.minusDays(50))));
        accounts.runAs(
                "county",
                () -> projects.decide(
                        id,
                        3,
                        new Projects.Decision(
                                true, "红巩衔〔" + year + "〕8号", from, from, null, "桃园村村务公开栏、红安县人民政府网站", null)));
        accounts.runAs("county", () -> projects.endPublicity(id, 4));
        accounts.runAs(
                "county",
                () -> projects.approve(
                        id,
                        5,
                        new Projects.Approval(
                                "红乡振〔" + year + "〕15号", from.plusDays(12), from.plusDays(14), today.plusDays(90))));
        Funds.Line line = accounts.runAs(
                "county", () -> projects.assign(id, 6, new Funds.NewLine(central.id(), new BigDecimal("1600000.00"))));
        Funds.Line labour = accounts.runAs(
                "county", () -> projects.assign(id, 7, new Funds.NewLine(relief.id(), new BigDecimal("300000.00"))));
        accounts.runAs(
                "county",
                () -> projects.pay(
                        id,
                        new Funds.NewPayment(
                                line.id(),
                                from.plusDays(16),
                                new BigDecimal("480000.00"),
                                PayeeKind.ENTERPRISE,
                                "红安县建工有限公司",
                                null,
                                null,
                                false,
                                "记-" + year + "-0316",
                                "预付款 30%")));
        accounts.runAs(
                "county",
                () -> projects.pay(
                        id,
                        new Funds.NewPayment(
                                labour.id(),
                                from.plusDays(30),
                                new BigDecimal("38400.00"),
                                PayeeKind.WORKER,
                                "桃园村务工人员 16 人",
                                null,
                                null,
                                true,
                                "记-" + year + "-0402",
                                "以工代赈劳务报酬（第一期）")));
        int v = accounts.runAs("county", () -> projects.get(id)).version();
        accounts.runAs(
                "village", () -> projects.progress(id, v, new Projects.Progress(today.minusDays(3), 45, "厂房主体封顶")));
        // 利益联结: the village's first households work on the site or hold shares
        List<HouseholdView> village = accounts.runAs(
                "village",
                () -> registry.search(new HouseholdQuery(VILLAGE, null, null, null, null, null, null, null, 8))
                        .items());
        List<ProjectBeneficiaries.NewBeneficiary> reached = new java.util.ArrayList<>();
        for (int i = 0; i < village.size(); i++) {
            boolean work = i % 2 == 0;
            reached.add(new ProjectBeneficiaries.NewBeneficiary(
                    village.get(i).id(),
                    work ? BenefitLink.EMPLOYMENT : BenefitLink.DIVIDEND,
                    new BigDecimal(work ? "6000.00" : "800.00"),
                    work ? new BigDecimal("2400.00") : null,
                    work ? "厂房建设务工" : "入股分红（投产后）"));
        }
        if (!reached.isEmpty()) {
            int v2 = accounts.runAs("village", () -> projects.get(id)).version();
            accounts.runAs("village", () -> beneficiaries.replace(id, v2, reached));
            // the agriculture department's 产业奖补 to the first of them, naming the project by its number
            List<Map<String, Object>> paid = new java.util.ArrayList<>();
            for (int i = 0; i < Math.min(4, village.size()); i++) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("householdNo", village.get(i).householdNo());
                row.put("amount", "1500.00");
                row.put("paidOn", today.minusDays(10 + i).toString());
                row.put("project", tea.projectNo());
                paid.add(row);
            }
            java.time.YearMonth month = java.time.YearMonth.from(today.minusDays(13));
            feeds.receiveRows(
                    FeedType.INDUSTRY_SUPPORT,
                    new FeedIntake.BatchHeader("DEMO-NY-" + month, month, FeedType.INDUSTRY_SUPPORT.department()),
                    paid,
                    java.util.Locale.CHINA);
        }

        // a township road, publicised now, an objection settled
        Projects.Project road = accounts.runAs(
                "township",
                () -> projects.apply(application(
                        TOWNSHIP,
                        year,
                        "城关镇桃柳路硬化",
                        ProjectType.INFRASTRUCTURE,
                        "桃园村至柳林村",
                        "硬化村组道路 3.2 公里，宽 4.5 米",
                        List.of(BenefitLink.VILLAGE_WIDE, BenefitLink.WORK_RELIEF_LABOUR),
                        List.of(new Projects.Budget(FundSource.PROVINCIAL_LINKAGE, new BigDecimal("1280000.00"))),
                        null,
                        today.minusDays(12))));
        long r = road.id();
        accounts.runAs(
                "county",
                () -> projects.departmentReview(r, 1, new Projects.Review(true, "交通运输局：同意", today.minusDays(6))));
        accounts.runAs(
                "county",
                () -> projects.decide(
                        r,
                        2,
                        new Projects.Decision(
                                true,
                                "红巩衔〔" + year + "〕11号",
                                today.minusDays(3),
                                today.minusDays(3),
                                null,
                                "城关镇政务公开栏",
                                null)));
        accounts.runAs(
                "township",
                () -> projects.object(r, 3, new Publicities.NewObjection(today.minusDays(1), "柳林村村民", "路线经过我家承包地")));
        long objection = accounts.runAs("county", () -> projects.detail(r))
                .objections()
                .get(0)
                .id();
        accounts.runAs(
                "township",
                () -> projects.resolve(r, 4, objection, new Publicities.Resolution(false, "经核实路线沿原有机耕路，不占承包地，已当面答复")));

        // the village cadre's next application, waiting for the township
        accounts.runAs(
                "village",
                () -> projects.apply(application(
                        VILLAGE,
                        year + 1,
                        "桃园村光伏电站",
                        ProjectType.INDUSTRY,
                        "村委会屋顶",
                        "建设 100 千瓦分布式光伏电站，收益归村集体",
                        List.of(BenefitLink.COLLECTIVE_INCOME, BenefitLink.PUBLIC_WELFARE_POST),
                        List.of(new Projects.Budget(FundSource.CENTRAL_LINKAGE, new BigDecimal("400000.00"))),
                        null,
                        null)));
        // a monitored household's measure names a project over its village: the tea factory's, or else the road's
        if (!namedMeasure(accounts, plans, VILLAGE, id, today)) {
            namedMeasure(accounts, plans, TOWNSHIP, r, today);
        }
        return new Seeded(3, 2, id);
    }

    /** An employment measure naming a project, for the first plan of a region's households; whether there was one. */
    private static boolean namedMeasure(
            UserAccounts accounts, AssistancePlans plans, String region, long project, LocalDate today) {
        return accounts
                .runAs("county", () -> plans.list(new AssistancePlans.Query(region, null, null, null, 1)))
                .stream()
                .findFirst()
                .map(plan -> accounts.runAs(
                        "county",
                        () -> plans.addMeasure(
                                plan.householdId(),
                                new AssistancePlans.NewMeasure(
                                        "EMPLOYMENT",
                                        null,
                                        null,
                                        "项目务工，按月结算工资",
                                        today.minusDays(20),
                                        today.plusDays(90),
                                        new BigDecimal("7200.00"),
                                        project))))
                .isPresent();
    }

    private static Projects.Application application(
            String region,
            int year,
            String name,
            ProjectType type,
            String place,
            String content,
            List<BenefitLink> links,
            List<Projects.Budget> budget,
            BigDecimal labourPay,
            LocalDate appliedOn) {
        return new Projects.Application(
                region,
                year,
                name,
                type,
                null,
                type == ProjectType.INFRASTRUCTURE ? Department.TRANSPORT : Department.AGRICULTURE,
                place,
                content,
                type == ProjectType.INFRASTRUCTURE ? "城关镇人民政府" : "桃园村股份经济合作社",
                null,
                false,
                links,
                type == ProjectType.INFRASTRUCTURE ? 620 : 85,
                type == ProjectType.INFRASTRUCTURE ? 2100 : 270,
                type == ProjectType.INFRASTRUCTURE ? 96 : 31,
                labourPay,
                budget,
                List.of(new Projects.Target("受益脱贫户和监测户", "不少于 30 户"), new Projects.Target("群众满意度", "≥ 90%")),
                appliedOn);
    }
}
