package org.fangpin.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.project.AssetCare;
import org.fangpin.project.AssetClass;
import org.fangpin.project.AssetDisposals;
import org.fangpin.project.AssetIncomes;
import org.fangpin.project.AssetStatus;
import org.fangpin.project.Assets;
import org.fangpin.project.DisposalKind;
import org.fangpin.project.DistributionUse;
import org.fangpin.project.FundSource;
import org.fangpin.project.ShareHolder;
import org.fangpin.project.TitleLevel;
import org.fangpin.project.UpkeepKind;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Registry;
import org.fangpin.security.UserAccounts;

/**
 * 扶贫项目资产 of the demo village, back-registered in an inventory (资产清查) through the real services as its offices
 * would: a 光伏电站 shared out to households and the collective, whose last half-year's income was planned at a
 * representatives' meeting, publicised and paid, and whose present income waits for its plan; a drinking-water
 * works kept up by the village; a household's cattle; a footbridge lost to a flood, its disposal waiting for the
 * township.
 */
final class DemoAssets {

    private DemoAssets() {}

    static final String VILLAGE = DemoProjects.VILLAGE;

    /** How many assets and distribution rows were made. */
    record Seeded(int assets, int rows) {}

    static Seeded seed(
            UserAccounts accounts,
            Registry registry,
            Assets assets,
            AssetCare care,
            AssetIncomes incomes,
            AssetDisposals disposals,
            LocalDate today) {
        // the demo village (a small demo may have few households there: then the county's first village that has four,
        // its assets recorded by the county)
        List<HouseholdView> found = accounts.runAs(
                "county",
                () -> registry.search(new HouseholdQuery(VILLAGE, null, null, null, null, null, null, null, 6))
                        .items());
        if (found.size() < 4) {
            List<HouseholdView> county = accounts.runAs(
                    "county",
                    () -> registry.search(new HouseholdQuery(
                                    DemoProjects.COUNTY, null, null, null, null, null, null, null, 400))
                            .items());
            java.util.Map<String, List<HouseholdView>> byVillage = new java.util.TreeMap<>();
            county.forEach(h -> byVillage
                    .computeIfAbsent(h.villageCode(), k -> new ArrayList<>())
                    .add(h));
            found = byVillage.values().stream()
                    .filter(l -> l.size() >= 4)
                    .findFirst()
                    .orElse(List.of());
        }
        if (found.size() < 4) {
            return new Seeded(0, 0);
        }
        List<HouseholdView> households = found;
        String village = households.get(0).villageCode();
        String who = village.equals(VILLAGE) ? "village" : "county";
        // 光伏电站, built in 2019, shared out: three households 5 % each, the collective the rest
        Assets.Asset solar = accounts.runAs(
                who,
                () -> assets.register(new Assets.NewAsset(
                        village,
                        "桃园村光伏扶贫电站",
                        AssetClass.OPERATING,
                        "光伏",
                        "桃园村委会屋顶及周边荒坡",
                        "装机 300 千瓦",
                        new BigDecimal("1800000.00"),
                        LocalDate.of(2019, 6, 30),
                        List.of(
                                new Assets.Source(null, null, FundSource.CENTRAL_LINKAGE, new BigDecimal("1500000.00")),
                                new Assets.Source(null, null, FundSource.EAST_WEST, new BigDecimal("300000.00"))),
                        TitleLevel.VILLAGE,
                        "桃园村股份经济合作社",
                        null,
                        "桃园村股份经济合作社",
                        "自营，并网售电",
                        "发电收益 40% 用于公益岗位，持股农户按股分红，其余用于电站管护和村级公益事业",
                        null,
                        null,
                        null,
                        "2021 年资产清查登记")));
        List<Assets.Share> shares = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HouseholdView h = households.get(i);
            shares.add(new Assets.Share(ShareHolder.HOUSEHOLD, h.id(), h.householdNo(), new BigDecimal("5")));
        }
        shares.add(new Assets.Share(ShareHolder.VILLAGE_COLLECTIVE, null, "桃园村股份经济合作社", new BigDecimal("85")));
        Assets.Asset shared = accounts.runAs(
                who,
                () -> care.share(solar.id(), solar.version(), new Assets.Shares(LocalDate.of(2021, 7, 1), shares)));
        // the last half-year: 96,000 yuan, planned, publicised, paid
        LocalDate half = today.withDayOfYear(1).minusMonths(6);
        Assets.Asset earned = accounts.runAs(
                who,
                () -> incomes.record(
                        shared.id(),
                        shared.version(),
                        new AssetIncomes.NewIncome(
                                half,
                                half.plusMonths(6).minusDays(1),
                                new BigDecimal("96000.00"),
                                today.minusDays(40),
                                "国网电费结算")));
        long income = accounts.runAs(who, () -> incomes.of(solar.id())).get(0).id();
        List<AssetIncomes.NewRow> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(new AssetIncomes.NewRow(
                    DistributionUse.HOUSEHOLD, households.get(i).id(), new BigDecimal("4800.00"), null, "按股分红 5%"));
        }
        rows.add(new AssetIncomes.NewRow(
                DistributionUse.PUBLIC_WELFARE_POST, null, new BigDecimal("38400.00"), null, "保洁、护林公益岗位 8 人"));
        rows.add(new AssetIncomes.NewRow(DistributionUse.MAINTENANCE, null, new BigDecimal("9600.00"), null, null));
        rows.add(new AssetIncomes.NewRow(
                DistributionUse.VILLAGE_PUBLIC_WORKS, null, new BigDecimal("33600.00"), null, "村组道路路灯"));
        Assets.Asset planned = accounts.runAs(
                who,
                () -> incomes.plan(
                        earned.id(),
                        earned.version(),
                        income,
                        new AssetIncomes.Plan(
                                today.minusDays(35),
                                "应到 31 人，实到 28 人，27 票同意",
                                today.minusDays(34),
                                null,
                                "桃园村村务公开栏",
                                rows)));
        Assets.Asset over = accounts.runAs(who, () -> incomes.endPublicity(planned.id(), planned.version(), income));
        Assets.Asset paid = accounts.runAs(
                who,
                () -> incomes.pay(over.id(), over.version(), income, new AssetIncomes.Payment(today.minusDays(20))));
        // this half-year's first quarter, waiting for its plan
        accounts.runAs(
                who,
                () -> incomes.record(
                        paid.id(),
                        paid.version(),
                        new AssetIncomes.NewIncome(
                                half.plusMonths(6),
                                half.plusMonths(9).minusDays(1),
                                new BigDecimal("51200.00"),
                                today.minusDays(5),
                                null)));

        // 安全饮水工程, kept up by the village committee
        Assets.Asset water = accounts.runAs(
                who,
                () -> assets.register(new Assets.NewAsset(
                        village,
                        "桃园村集中供水工程",
                        AssetClass.PUBLIC_WELFARE,
                        "饮水",
                        "桃园村二组水源地",
                        "蓄水池 200 立方米，管网 6.5 公里",
                        new BigDecimal("640000.00"),
                        LocalDate.of(2018, 10, 15),
                        List.of(new Assets.Source(null, null, FundSource.CENTRAL_LINKAGE, new BigDecimal("640000.00"))),
                        TitleLevel.VILLAGE,
                        "桃园村股份经济合作社",
                        null,
                        null,
                        null,
                        null,
                        "桃园村村民委员会",
                        "李国强",
                        "管水员每周巡查水源地和管网，每季度清洗蓄水池，费用由村集体收益列支",
                        null)));
        Assets.Asset kept = accounts.runAs(
                who,
                () -> care.upkeep(
                        water.id(),
                        water.version(),
                        new Assets.Upkeep(
                                null,
                                today.minusDays(30),
                                UpkeepKind.MAINTENANCE,
                                "李国强",
                                "蓄水池季度清洗",
                                "清洗消毒，水质送检合格",
                                new BigDecimal("600.00"))));
        accounts.runAs(
                who,
                () -> care.upkeep(
                        kept.id(),
                        kept.version(),
                        new Assets.Upkeep(
                                null,
                                today.minusDays(6),
                                UpkeepKind.REPAIR,
                                "李国强",
                                "三组支管漏水",
                                "更换 DN50 管道 12 米",
                                new BigDecimal("1350.00"))));

        // a household's cattle, its own to manage
        HouseholdView owner = households.get(3 % households.size());
        accounts.runAs(
                who,
                () -> assets.register(new Assets.NewAsset(
                        village,
                        "能繁母牛 2 头",
                        AssetClass.HOUSEHOLD,
                        "牲畜",
                        "桃园村一组",
                        "2 头",
                        new BigDecimal("16000.00"),
                        today.minusMonths(14),
                        List.of(new Assets.Source(null, null, FundSource.CENTRAL_LINKAGE, new BigDecimal("12000.00"))),
                        TitleLevel.HOUSEHOLD,
                        owner.householdNo(),
                        owner.id(),
                        null,
                        "自养",
                        null,
                        null,
                        null,
                        null,
                        "产业奖补到户")));

        // a footbridge lost to a flood: damaged, its disposal asked for after the representatives' meeting
        Assets.Asset bridge = accounts.runAs(
                who,
                () -> assets.register(new Assets.NewAsset(
                        village,
                        "桃园村四组便民桥",
                        AssetClass.PUBLIC_WELFARE,
                        "桥梁",
                        "桃园村四组倒水河",
                        "长 18 米",
                        new BigDecimal("85000.00"),
                        LocalDate.of(2017, 5, 20),
                        List.of(new Assets.Source(null, null, FundSource.SOCIAL, new BigDecimal("85000.00"))),
                        TitleLevel.VILLAGE,
                        "桃园村股份经济合作社",
                        null,
                        null,
                        null,
                        null,
                        "桃园村村民委员会",
                        "王建华",
                        null,
                        "万企帮万村捐建")));
        Assets.Asset damaged = accounts.runAs(
                who,
                () -> care.status(
                        bridge.id(),
                        bridge.version(),
                        new Assets.StatusChange(AssetStatus.DAMAGED, today.minusDays(12), "山洪冲毁桥墩")));
        accounts.runAs(
                who,
                () -> disposals.request(
                        damaged.id(),
                        damaged.version(),
                        new AssetDisposals.Request(
                                DisposalKind.DISASTER_LOSS,
                                new BigDecimal("3000.00"),
                                "山洪冲毁桥墩，经评估无修复价值，残值拆除变卖",
                                today.minusDays(4),
                                today.minusDays(3))));
        return new Seeded(4, rows.size());
    }
}
