package org.fangpin.reporting.internal;

import static org.fangpin.reporting.LedgerColumn.code;
import static org.fangpin.reporting.LedgerColumn.date;
import static org.fangpin.reporting.LedgerColumn.integer;
import static org.fangpin.reporting.LedgerColumn.label;
import static org.fangpin.reporting.LedgerColumn.labels;
import static org.fangpin.reporting.LedgerColumn.money;
import static org.fangpin.reporting.LedgerColumn.note;
import static org.fangpin.reporting.LedgerColumn.text;
import static org.fangpin.reporting.LedgerColumn.township;
import static org.fangpin.reporting.LedgerColumn.village;
import static org.fangpin.reporting.LedgerColumn.yesNo;

import java.util.List;
import org.fangpin.common.Department;
import org.fangpin.project.AssetClass;
import org.fangpin.project.AssetOrigin;
import org.fangpin.project.AssetStatus;
import org.fangpin.project.BenefitLink;
import org.fangpin.project.DisposalKind;
import org.fangpin.project.DistributionUse;
import org.fangpin.project.FundSource;
import org.fangpin.project.IncomeStage;
import org.fangpin.project.PayeeKind;
import org.fangpin.project.ProjectLedgers;
import org.fangpin.project.ProjectStage;
import org.fangpin.project.ProjectType;
import org.fangpin.project.PublicityKind;
import org.fangpin.project.TitleLevel;
import org.fangpin.reporting.Ledger;
import org.fangpin.reporting.Ledger.Filter;
import org.fangpin.reporting.Ledger.Unit;

/**
 * The standard ledgers of funds, projects and assets (issue 22; docs/domain/funds-projects-assets.md §6), over the
 * relations the project module publishes: the county's 资产总账 and the 资产明细台账 it must add up to, the village's
 * 资产公示表 (households' names masked), the 项目库台账, the 公告公示台账, the 资金支出台账 and the 收益分配台账.
 */
final class ProjectLedgerDefinitions {

    private ProjectLedgerDefinitions() {}

    static List<Ledger> all() {
        return List.of(
                assetTotals(), assets(), assetPublicity(), projects(), publicities(), spending(), distributions());
    }

    private static Filter assetClass() {
        return new Filter(
                "class", "资产类别", "Asset class", "t.class = :value", StandardLedgers.options(AssetClass.class));
    }

    /** 资产总账: per township and class, counted from the assets, to be checked against the detail ledger. */
    private static Ledger assetTotals() {
        return new Ledger(
                "asset-totals",
                "扶贫项目资产总账",
                "Project assets: general ledger",
                "县级总账：各乡镇（县本级资产列在县下）按资产类别的个数、原值、状态和累计收益；由资产本身汇总，合计应与资产明细台账的合计一致。",
                "The county's general ledger: per township (the county's own assets under the county) and class, the"
                        + " count, original value, states and income so far; summed from the assets themselves, its"
                        + " totals equal the detail ledger's.",
                Unit.ENTRIES,
                null,
                List.of(
                        township(),
                        label("class", "资产类别", "Class", AssetClass.class, 10),
                        integer("assets", "资产个数", "Assets", true),
                        money("value", "原值（元）", "Original value (yuan)", true),
                        integer("inUse", "在用", "In use", true),
                        integer("idle", "闲置", "Idle", true),
                        integer("damaged", "损毁", "Damaged", true),
                        integer("disposed", "已处置", "Disposed of", true),
                        money("incomeTotal", "累计收益（元）", "Income so far (yuan)", true)),
                List.of(assetClass()),
                ProjectLedgers.ASSET_TOTALS,
                "t.village_code, t.class");
    }

    /** 资产明细台账: every asset. */
    private static Ledger assets() {
        return new Ledger(
                "assets",
                "扶贫项目资产明细台账",
                "Project assets: detail ledger",
                "每一项扶贫项目资产：类别、来源项目和资金、原值、确权、经营或管护主体、状态、收益和处置。日期范围按形成日期。",
                "Every project asset: class, source projects and funds, original value, title, operator or custodian,"
                        + " state, income and disposal. The date span applies to the day it was formed.",
                Unit.ENTRIES,
                "formedOn",
                List.of(
                        township(),
                        village(),
                        code("assetNo", "资产编号", "Asset no.", 16),
                        text("name", "资产名称", "Name", 20),
                        label("class", "资产类别", "Class", AssetClass.class, 10),
                        text("subtype", "子类", "Subtype", 8),
                        label("origin", "来源", "Origin", AssetOrigin.class, 10),
                        text("projects", "来源项目", "Source projects", 18),
                        labels("sources", "资金来源", "Fund sources", FundSource.class, 18),
                        text("place", "坐落位置", "Place", 18),
                        text("scale", "数量规模", "Size", 14),
                        date("formedOn", "形成日期", "Formed on"),
                        money("value", "原值（元）", "Original value (yuan)", true),
                        label("titleLevel", "确权层级", "Titled to", TitleLevel.class, 8),
                        text("holder", "产权主体", "Title holder", 16),
                        text("operator", "经营主体", "Operator", 16),
                        text("custodian", "管护主体", "Custodian", 14),
                        text("custodianPerson", "管护责任人", "Person responsible", 8),
                        label("status", "状态", "State", AssetStatus.class, 8),
                        money("incomeYear", "本年收益（元）", "Income this year (yuan)", true),
                        money("incomeTotal", "累计收益（元）", "Income so far (yuan)", true),
                        label("disposalKind", "处置方式", "Disposed of by", DisposalKind.class, 8),
                        date("disposedOn", "处置日期", "Disposed of on"),
                        money("proceeds", "处置收入（元）", "Proceeds (yuan)", true)),
                List.of(
                        assetClass(),
                        new Filter(
                                "status",
                                "状态",
                                "State",
                                "t.status = :value",
                                StandardLedgers.options(AssetStatus.class))),
                ProjectLedgers.ASSETS,
                "t.village_code, t.asset_no");
    }

    /** 资产公示表: what a village publicises, households' names masked. */
    private static Ledger assetPublicity() {
        return new Ledger(
                "asset-publicity",
                "扶贫项目资产公示表",
                "Project assets: publicity sheet",
                "村级公示用：资产名称、类别、位置、原值、确权、经营或管护主体、状态和本年收益；到户类资产的农户姓名只显示姓氏。",
                "For the village's notice board: name, class, place, value, title, operator or custodian, state and"
                        + " this year's income; a household's name shows its first character only.",
                Unit.ENTRIES,
                null,
                List.of(
                        village(),
                        code("assetNo", "资产编号", "Asset no.", 16),
                        text("name", "资产名称", "Name", 20),
                        label("class", "资产类别", "Class", AssetClass.class, 10),
                        text("place", "坐落位置", "Place", 18),
                        text("scale", "数量规模", "Size", 14),
                        date("formedOn", "形成日期", "Formed on"),
                        money("value", "原值（元）", "Original value (yuan)", true),
                        label("titleLevel", "确权层级", "Titled to", TitleLevel.class, 8),
                        text("holder", "产权主体", "Title holder", 16),
                        text("operator", "经营或管护主体", "Operator or custodian", 16),
                        label("status", "状态", "State", AssetStatus.class, 8),
                        money("incomeYear", "本年收益（元）", "Income this year (yuan)", true)),
                List.of(assetClass()),
                ProjectLedgers.ASSET_PUBLICITY,
                "t.village_code, t.asset_no");
    }

    /** 项目库台账: every project of the library. */
    private static Ledger projects() {
        return new Ledger(
                "projects",
                "项目库台账",
                "Project library",
                "项目库全部项目：类型、地点、建设内容、主管部门、概算、联农带农方式、受益户、审定和公示、立项、实施进度、完工验收和已拨付资金。日期范围按审定日期。",
                "Every project of the library: type, place, content, department, budget, benefit linkage,"
                        + " beneficiaries, decision and publicity, approval, progress, completion, acceptance and what"
                        + " was paid. The date span applies to the county's decision.",
                Unit.ENTRIES,
                "decidedOn",
                List.of(
                        township(),
                        village(),
                        code("projectNo", "项目编号", "Project no.", 16),
                        integer("year", "年度", "Year", false),
                        text("name", "项目名称", "Name", 20),
                        label("type", "项目类型", "Type", ProjectType.class, 10),
                        text("place", "建设地点", "Place", 14),
                        note("content", "建设内容和规模", "Content", 30),
                        label("department", "主管部门", "Department", Department.class, 12),
                        text("implementer", "实施单位", "Implementer", 14),
                        labels("benefitLinks", "联农带农方式", "Benefit linkage", BenefitLink.class, 18),
                        integer("plannedHouseholds", "受益户数", "Households", true),
                        integer("plannedPoorHouseholds", "其中脱贫户和监测户", "Of which exited or monitored", true),
                        money("budget", "概算（元）", "Budget (yuan)", true),
                        label("stage", "状态", "Stage", ProjectStage.class, 12),
                        text("decisionNo", "审定文号", "Decision no.", 14),
                        date("decidedOn", "审定日期", "Decided on"),
                        date("publicityFrom", "公示开始", "Publicity from"),
                        date("publicityTo", "公示截止", "Publicity until"),
                        text("approvalNo", "立项文号", "Approval no.", 14),
                        date("approvedOn", "立项日期", "Approved on"),
                        integer("progress", "进度（%）", "Progress (%)", false),
                        date("completedOn", "完工日期", "Completed on"),
                        date("acceptedOn", "验收日期", "Accepted on"),
                        money("finalCost", "决算（元）", "Final cost (yuan)", true),
                        money("paid", "已拨付（元）", "Paid (yuan)", true)),
                List.of(
                        new Filter(
                                "type", "项目类型", "Type", "t.type = :value", StandardLedgers.options(ProjectType.class)),
                        new Filter(
                                "stage",
                                "状态",
                                "Stage",
                                "t.stage = :value",
                                StandardLedgers.options(ProjectStage.class))),
                ProjectLedgers.PROJECTS,
                "t.village_code, t.project_no");
    }

    /** 公告公示台账: every publicity of projects and income distributions. */
    private static Ledger publicities() {
        return new Ledger(
                "publicities",
                "公告公示台账",
                "Publicity register",
                "项目入库公示、结果公示和收益分配公示：事项、地点、起止日期、天数、异议数和处理情况。日期范围按公示开始日期。",
                "Every publicity of a project's listing, its results and income distributions: what, where, from and"
                        + " until, days, objections and how they were settled. The date span applies to the first day.",
                Unit.ENTRIES,
                "fromDay",
                List.of(
                        township(),
                        village(),
                        label("kind", "公示事项", "Publicity of", PublicityKind.class, 12),
                        code("refNo", "编号", "No.", 16),
                        text("title", "名称", "Name", 24),
                        text("place", "公示地点", "Place", 18),
                        date("fromDay", "公示开始", "From"),
                        date("toDay", "公示截止", "Until"),
                        integer("days", "天数", "Days", false),
                        integer("objections", "异议数", "Objections", true),
                        integer("openObjections", "待处理", "Open", true),
                        integer("upheld", "异议成立", "Upheld", true)),
                List.of(new Filter(
                        "kind",
                        "公示事项",
                        "Publicity of",
                        "t.kind = :value",
                        StandardLedgers.options(PublicityKind.class))),
                ProjectLedgers.PUBLICITIES,
                "t.village_code, t.from_day, t.step_id");
    }

    /** 资金支出台账: every payment and reversal. */
    private static Ledger spending() {
        return new Ledger(
                "spending",
                "资金支出台账",
                "Spending register",
                "每一笔资金拨付和冲销：资金下达文号和来源、项目、拨付日期、收款方、金额、凭证号、是否一卡通和劳务报酬。日期范围按拨付日期。",
                "Every payment and reversal: the allocation's document and source, the project, day, payee, amount,"
                        + " voucher, one-card and labour pay. The date span applies to the day paid.",
                Unit.ENTRIES,
                "paidOn",
                List.of(
                        township(),
                        village(),
                        text("documentNo", "下达文号", "Allocation document", 16),
                        label("source", "资金来源", "Fund source", FundSource.class, 14),
                        code("projectNo", "项目编号", "Project no.", 16),
                        text("projectName", "项目名称", "Project", 18),
                        date("paidOn", "拨付日期", "Paid on"),
                        label("payeeKind", "收款方类型", "Payee kind", PayeeKind.class, 10),
                        text("payeeName", "收款方", "Payee", 16),
                        money("amount", "金额（元）", "Amount (yuan)", true),
                        text("voucherNo", "凭证号", "Voucher", 12),
                        yesNo("oneCard", "一卡通", "One-card"),
                        yesNo("labour", "劳务报酬", "Labour pay"),
                        integer("reverses", "冲销第几笔", "Reverses payment", false)),
                List.of(new Filter(
                        "source",
                        "资金来源",
                        "Fund source",
                        "t.source = :value",
                        StandardLedgers.options(FundSource.class))),
                ProjectLedgers.SPENDING,
                "t.village_code, t.paid_on, t.payment_id");
    }

    /** 收益分配台账: every row of every income distribution. */
    private static Ledger distributions() {
        return new Ledger(
                "distributions",
                "收益分配台账",
                "Income distribution register",
                "经营性资产收益的每一条分配明细：资产、期间、收益、村民代表会议和公示、分配去向或农户（监测户、丧失劳动能力、残疾标记为方案制定时的情况）、金额、一卡通、发放日期。日期范围按公示开始日期。",
                "Every row of every distribution of an operating asset's income: asset, period, income, meeting and"
                        + " publicity, use or household (monitored, lost capacity to work and disability as the plan"
                        + " found them), amount, one-card and the day paid. The date span applies to the publicity.",
                Unit.ENTRIES,
                "publicityFrom",
                List.of(
                        township(),
                        village(),
                        code("assetNo", "资产编号", "Asset no.", 16),
                        text("assetName", "资产名称", "Asset", 18),
                        date("periodFrom", "收益期间自", "Period from"),
                        date("periodTo", "至", "to"),
                        date("meetingOn", "村民代表会议", "Meeting"),
                        date("publicityFrom", "公示开始", "Publicity from"),
                        date("publicityTo", "公示截止", "Publicity until"),
                        label("stage", "进度", "Stage", IncomeStage.class, 12),
                        label("use", "分配去向", "Goes to", DistributionUse.class, 12),
                        code("householdNo", "户编号", "Household no.", 18),
                        text("headName", "户主姓名", "Head of household", 10),
                        yesNo("monitored", "监测户", "Monitored"),
                        yesNo("lostLabour", "丧失劳动能力", "Lost capacity to work"),
                        yesNo("disabled", "残疾人家庭", "Disability"),
                        money("amount", "金额（元）", "Amount (yuan)", true),
                        yesNo("oneCard", "一卡通", "One-card"),
                        date("paidOn", "发放日期", "Paid on"),
                        note("note", "备注", "Note", 16)),
                List.of(new Filter(
                        "use", "分配去向", "Goes to", "t.use = :value", StandardLedgers.options(DistributionUse.class))),
                ProjectLedgers.DISTRIBUTIONS,
                "t.village_code, t.period_from, t.row_id");
    }
}
