package org.fangpin.reporting.internal;

import static org.fangpin.reporting.LedgerColumn.code;
import static org.fangpin.reporting.LedgerColumn.date;
import static org.fangpin.reporting.LedgerColumn.integer;
import static org.fangpin.reporting.LedgerColumn.label;
import static org.fangpin.reporting.LedgerColumn.labels;
import static org.fangpin.reporting.LedgerColumn.localized;
import static org.fangpin.reporting.LedgerColumn.money;
import static org.fangpin.reporting.LedgerColumn.note;
import static org.fangpin.reporting.LedgerColumn.text;
import static org.fangpin.reporting.LedgerColumn.township;
import static org.fangpin.reporting.LedgerColumn.village;
import static org.fangpin.reporting.LedgerColumn.yesNo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.fangpin.casework.CaseStage;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.casework.MeasureStatus;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.monitoring.MonitoringLedgers;
import org.fangpin.project.ProjectLedgers;
import org.fangpin.registry.Education;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.Health;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HousingGrade;
import org.fangpin.registry.LabourCapacity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryLedgers;
import org.fangpin.registry.Relation;
import org.fangpin.registry.RiskCause;
import org.fangpin.registry.SchoolStatus;
import org.fangpin.registry.Sex;
import org.fangpin.registry.WorkStatus;
import org.fangpin.reporting.Ledger;
import org.fangpin.reporting.Ledger.Filter;
import org.fangpin.reporting.Ledger.Option;
import org.fangpin.reporting.Ledger.Unit;
import org.fangpin.reporting.LedgerColumn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The standard ledgers (台账) offices keep and inspections check (004:123, 004:279, 004:289, 004:293, 004:349,
 * 004:391), defined over the relations the registry, monitoring and case work publish. Measure types are read from
 * their catalogue once, on first use.
 */
@Component
public class StandardLedgers {

    private final JdbcClient jdbc;
    private final Messages messages;
    private final Clock clock;
    private volatile List<Ledger> ledgers;

    StandardLedgers(JdbcClient jdbc, Messages messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    /** Every ledger, in the order offices list them. */
    public List<Ledger> all() {
        List<Ledger> l = ledgers;
        if (l == null) {
            l = build();
            ledgers = l;
        }
        return l;
    }

    private static final String HOUSEHOLDS_WITH_PLANS =
            "select h.*, pl.responsible_name, pl.measures, pl.measures_done,"
                    + " pl.amount, pl.last_visit from (" + RegistryLedgers.HOUSEHOLDS + ") h left join ("
                    + CaseworkLedgers.PLANS + ") pl on pl.household_id = h.household_id";

    private static final List<LedgerColumn> HOUSEHOLD = List.of(
            township(),
            village(),
            code("householdNo", "户编号", "Household no.", 18),
            text("headName", "户主姓名", "Head of household", 10),
            code("headId", "户主身份证号", "Head's ID number", 20),
            integer("members", "人口数", "Members", true));

    private List<Ledger> build() {
        List<Ledger> out = new ArrayList<>(List.of(
                households(),
                members(),
                monitored(),
                eliminated(),
                measures(),
                visits(),
                housing(),
                schooling(),
                water(),
                leftBehind(),
                alerts(),
                unreached()));
        // funds, projects and assets
        out.addAll(ProjectLedgerDefinitions.all());
        // helpers and households
        out.addAll(PairingLedgerDefinitions.all());
        return List.copyOf(out);
    }

    private static List<LedgerColumn> columns(List<LedgerColumn> first, LedgerColumn... more) {
        List<LedgerColumn> out = new ArrayList<>(first);
        out.addAll(Arrays.asList(more));
        return List.copyOf(out);
    }

    /** Every value of a closed set as a filter's options. */
    static <E extends Enum<E> & Labelled> List<Option> options(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> new Option(e.name(), e.zh(), e.en()))
                .toList();
    }

    @SafeVarargs
    private static <E extends Enum<E> & Labelled> List<Option> options(E... values) {
        return Arrays.stream(values)
                .map(e -> new Option(e.name(), e.zh(), e.en()))
                .toList();
    }

    private static Filter state(MonitoringState... states) {
        return new Filter("state", "监测状态", "Monitoring state", "t.monitoring_state = :value", options(states));
    }

    private static Filter category() {
        return new Filter(
                "category", "监测类别", "Category", "t.monitoring_category = :value", options(MonitoringCategory.class));
    }

    /** 农户台账: every registered household. */
    private Ledger households() {
        return new Ledger(
                "households",
                "农户台账",
                "Households",
                "本区域全部建档立卡农户（脱贫户、一般农户）及其监测状态、住房、饮水和人均纯收入。",
                "Every registered household of the region with its monitoring state, housing, water and income.",
                Unit.HOUSEHOLDS,
                null,
                columns(
                        HOUSEHOLD,
                        label("identity", "户属性", "Identity", HouseholdIdentity.class, 8),
                        integer("exitYear", "脱贫年度", "Exit year", false),
                        label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10),
                        label("monitoringCategory", "监测类别", "Category", MonitoringCategory.class, 14),
                        label("housingGrade", "住房等级", "Housing grade", HousingGrade.class, 8),
                        yesNo("waterSafe", "饮水安全", "Safe water"),
                        money("perCapitaIncome", "人均纯收入（元）", "Net income per person (yuan)", false),
                        text("responsibleName", "帮扶责任人", "Responsible person", 10)),
                List.of(
                        new Filter(
                                "identity", "户属性", "Identity", "t.identity = :value", options(HouseholdIdentity.class)),
                        state(MonitoringState.values())),
                HOUSEHOLDS_WITH_PLANS,
                "t.village_code, t.household_no");
    }

    /** 人口台账: every member of every registered household. */
    private Ledger members() {
        return new Ledger(
                "members",
                "人口台账",
                "Members",
                "本区域建档立卡农户的全部家庭成员：与户主关系、年龄、文化程度、在校、健康、劳动能力、务工和低保特困情况。年龄按出生年份计。",
                "Every member of the region's registered households: relation, age, education, schooling, health,"
                        + " labour capacity, work and social assistance. Ages by year of birth.",
                Unit.PERSONS,
                null,
                List.of(
                        township(),
                        village(),
                        code("householdNo", "户编号", "Household no.", 18),
                        text("name", "姓名", "Name", 10),
                        code("idMasked", "身份证号", "ID number", 20),
                        label("sex", "性别", "Sex", Sex.class, 6),
                        integer("age", "年龄", "Age", false),
                        label("relation", "与户主关系", "Relation", Relation.class, 10),
                        label("education", "文化程度", "Education", Education.class, 10),
                        label("schoolStatus", "在校情况", "Schooling", SchoolStatus.class, 10),
                        label("health", "健康状况", "Health", Health.class, 10),
                        label("labourCapacity", "劳动能力", "Labour capacity", LabourCapacity.class, 10),
                        label("workStatus", "务工情况", "Work", WorkStatus.class, 14),
                        label("identity", "户属性", "Identity", HouseholdIdentity.class, 8),
                        label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10),
                        yesNo("dibao", "低保", "Dibao"),
                        yesNo("tekun", "特困", "Tekun")),
                List.of(
                        new Filter(
                                "identity", "户属性", "Identity", "t.identity = :value", options(HouseholdIdentity.class)),
                        state(MonitoringState.values())),
                RegistryLedgers.PERSONS,
                "t.village_code, t.household_no, t.person_id");
    }

    /** 监测对象台账: households monitored now or before (风险已消除 keeps its inclusion). */
    private Ledger monitored() {
        return new Ledger(
                "monitored",
                "监测对象台账",
                "Monitored households",
                "纳入过监测的农户：监测类别、风险类型、纳入日期、帮扶责任人、措施与投入、最近走访。日期范围按纳入监测日期。",
                "Households monitored now or before: category, risks, inclusion, responsible person, measures,"
                        + " spending and the latest visit. The date span applies to the inclusion date.",
                Unit.HOUSEHOLDS,
                "monitoringSince",
                columns(
                        HOUSEHOLD,
                        label("identity", "户属性", "Identity", HouseholdIdentity.class, 8),
                        label("monitoringCategory", "监测类别", "Category", MonitoringCategory.class, 14),
                        labels("riskCauses", "风险类型", "Risks", RiskCause.class, 18),
                        date("monitoringSince", "纳入监测日期", "Included on"),
                        label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10),
                        date("eliminatedOn", "风险消除日期", "Eliminated on"),
                        money("perCapitaIncome", "人均纯收入（元）", "Net income per person (yuan)", false),
                        text("responsibleName", "帮扶责任人", "Responsible person", 10),
                        integer("measures", "帮扶措施数", "Measures", true),
                        money("amount", "帮扶投入（元）", "Spent (yuan)", true),
                        date("lastVisit", "最近走访", "Last visit")),
                List.of(state(MonitoringState.MONITORED, MonitoringState.ELIMINATED), category()),
                "select * from (" + HOUSEHOLDS_WITH_PLANS + ") m where m.monitoring_state <> 'NONE'",
                "t.village_code, t.household_no");
    }

    /**
     * 未覆盖监测户: monitored households that no assistance measure and no project or asset reaches — the county's
     * list of whom 一户一策 and 利益联结 have missed.
     */
    private Ledger unreached() {
        return new Ledger(
                "unreached",
                "未覆盖监测户清单",
                "Monitored households nothing reaches",
                "正在监测、既没有帮扶措施（不含已取消的）、也没有任何项目或资产惠及（受益农户、到户资金、到户资产、折股量化、收益分配）的农户。日期范围按纳入监测日期。",
                "Households monitored now that no assistance measure (but cancelled ones) and no project or asset"
                        + " reaches (as a beneficiary, by a payment, an asset, a share or an income distribution). The"
                        + " date span applies to the inclusion date.",
                Unit.HOUSEHOLDS,
                "monitoringSince",
                columns(
                        HOUSEHOLD,
                        label("monitoringCategory", "监测类别", "Category", MonitoringCategory.class, 14),
                        labels("riskCauses", "风险类型", "Risks", RiskCause.class, 18),
                        date("monitoringSince", "纳入监测日期", "Included on"),
                        money("perCapitaIncome", "人均纯收入（元）", "Net income per person (yuan)", false)),
                List.of(category()),
                "select h.* from (" + RegistryLedgers.HOUSEHOLDS + ") h where h.monitoring_state = 'MONITORED'"
                        + " and not exists (select 1 from (" + CaseworkLedgers.MEASURES
                        + ") m where m.household_id = h.household_id and m.status <> 'CANCELLED')"
                        + " and not exists (select 1 from (" + ProjectLedgers.REACHED
                        + ") r where r.household_id = h.household_id)",
                "t.village_code, t.household_no");
    }

    /** 风险消除台账: households whose risk was eliminated, with how long they were monitored. */
    private Ledger eliminated() {
        return new Ledger(
                "eliminated",
                "风险消除台账",
                "Risk eliminated",
                "风险已消除的监测对象：消除方式、监测时长、措施完成与投入。日期范围按风险消除日期。",
                "Monitored households whose risk was eliminated: how, after how long, the measures done and the"
                        + " spending. The date span applies to the elimination date.",
                Unit.HOUSEHOLDS,
                "eliminatedOn",
                columns(
                        HOUSEHOLD,
                        label("monitoringCategory", "监测类别", "Category", MonitoringCategory.class, 14),
                        labels("riskCauses", "风险类型", "Risks", RiskCause.class, 18),
                        date("monitoringSince", "纳入监测日期", "Included on"),
                        date("eliminatedOn", "风险消除日期", "Eliminated on"),
                        label("eliminationKind", "消除方式", "How", EliminationKind.class, 12),
                        integer("monthsMonitored", "监测时长（月）", "Months monitored", false),
                        money("perCapitaIncome", "人均纯收入（元）", "Net income per person (yuan)", false),
                        integer("measures", "帮扶措施数", "Measures", true),
                        integer("measuresDone", "已完成措施", "Measures done", true),
                        money("amount", "帮扶投入（元）", "Spent (yuan)", true)),
                List.of(
                        category(),
                        new Filter(
                                "kind", "消除方式", "How", "t.elimination_kind = :value", options(EliminationKind.class))),
                "select m.*, (extract(year from age(m.eliminated_on, m.monitoring_since)) * 12"
                        + " + extract(month from age(m.eliminated_on, m.monitoring_since)))::int as months_monitored"
                        + " from (" + HOUSEHOLDS_WITH_PLANS + ") m where m.monitoring_state = 'ELIMINATED'",
                "t.eliminated_on desc, t.village_code, t.household_no");
    }

    /** 帮扶措施台账: every measure of every plan. */
    private Ledger measures() {
        List<Option> types = jdbc.sql("select code, name_zh, name_en from measure_type order by ordinal")
                .query((rs, i) -> new Option(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        return new Ledger(
                "measures",
                "帮扶措施台账",
                "Assistance measures",
                "一户一策的帮扶措施（不含已取消的）：类型、针对风险、责任部门、计划与实际时间、金额、进度。日期范围按计划开始日期。",
                "The measures of every household's plan (not those cancelled): type, the risk it addresses,"
                        + " department, planned and actual dates, amount and progress. The date span applies to the"
                        + " planned start.",
                Unit.ENTRIES,
                "plannedStart",
                columns(
                        HOUSEHOLD.subList(0, 5),
                        label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10),
                        localized("measureName", "措施类型", "Measure", 14),
                        label("cause", "针对风险", "Risk addressed", RiskCause.class, 12),
                        label("department", "责任部门", "Department", Department.class, 14),
                        note("description", "措施内容", "What", 30),
                        date("plannedStart", "计划开始", "Planned start"),
                        date("plannedEnd", "计划完成", "Planned end"),
                        date("actualStart", "实际开始", "Started"),
                        date("actualEnd", "实际完成", "Finished"),
                        money("amount", "金额（元）", "Amount (yuan)", true),
                        label("status", "进度", "Progress", MeasureStatus.class, 8),
                        text("responsibleName", "帮扶责任人", "Responsible person", 10)),
                List.of(
                        new Filter("type", "措施类型", "Measure", "t.measure_type = :value", types),
                        new Filter(
                                "status",
                                "进度",
                                "Progress",
                                "t.status = :value",
                                options(MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS, MeasureStatus.DONE))),
                "select m.measure_id, m.household_id, h.household_no, h.village_code, h.head_name, h.head_id,"
                        + " h.monitoring_state, m.measure_type, m.measure_name_zh, m.measure_name_en, m.cause,"
                        + " m.department, m.description, m.planned_start, m.planned_end, m.actual_start,"
                        + " m.actual_end, m.amount, m.status, m.responsible_name from (" + CaseworkLedgers.MEASURES
                        + ") m join (" + RegistryLedgers.HOUSEHOLDS + ") h on h.household_id = m.household_id"
                        + " where m.status <> 'CANCELLED'",
                "t.village_code, t.household_no, t.planned_start, t.measure_id");
    }

    /** 走访台账: every follow-up visit. */
    private Ledger visits() {
        return new Ledger(
                "visits",
                "走访台账",
                "Follow-up visits",
                "帮扶责任人对监测对象的全部走访记录。日期范围按走访日期。",
                "Every follow-up visit to a monitored household. The date span applies to the visit.",
                Unit.ENTRIES,
                "visitedOn",
                columns(
                        HOUSEHOLD.subList(0, 5),
                        label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10),
                        date("visitedOn", "走访日期", "Visited on"),
                        text("visitor", "走访人", "Visitor", 10),
                        text("responsibleName", "帮扶责任人", "Responsible person", 10),
                        yesNo("incomeStable", "收入稳定", "Income stable"),
                        yesNo("needsSecured", "两不愁三保障", "Basic needs secured"),
                        note("notes", "走访情况", "Findings", 40)),
                List.of(new Filter(
                        "finding",
                        "走访发现",
                        "Finding",
                        "",
                        List.of(
                                new Option(
                                        "NEEDS_NOT_SECURED",
                                        "两不愁三保障未保障",
                                        "Basic needs not secured",
                                        "t.needs_secured = false"),
                                new Option(
                                        "INCOME_NOT_STABLE",
                                        "收入不稳定",
                                        "Income not stable",
                                        "t.income_stable = false")))),
                "select v.visit_id, v.household_id, h.household_no, h.village_code, h.head_name, h.head_id,"
                        + " h.monitoring_state, v.visited_on, v.visitor, v.responsible_name, v.income_stable,"
                        + " v.needs_secured, v.notes from (" + CaseworkLedgers.VISITS + ") v join ("
                        + RegistryLedgers.HOUSEHOLDS + ") h on h.household_id = v.household_id",
                "t.village_code, t.household_no, t.visited_on desc, t.visit_id desc");
    }

    /** A ledger of households with a condition and the progress of one measure type that remedies it. */
    private static String withMeasure(String type, String condition) {
        return "select h.*, mt.status as measure_status, mt.planned_end, mt.actual_end, mt.amount from ("
                + RegistryLedgers.HOUSEHOLDS + ") h left join lateral ("
                + CaseworkLedgers.latestMeasure("h.household_id", type) + ") mt on true where " + condition
                + " or mt.status is not null";
    }

    private static Filter progress() {
        List<Option> o = new ArrayList<>();
        o.add(new Option("NONE", "未安排措施", "No measure", "t.measure_status is null"));
        for (MeasureStatus s : MeasureStatus.values()) {
            if (s != MeasureStatus.CANCELLED) {
                o.add(new Option(s.name(), s.zh(), s.en(), "t.measure_status = '" + s.name() + "'"));
            }
        }
        return new Filter("progress", "措施进度", "Measure progress", "", List.copyOf(o));
    }

    private static List<LedgerColumn> measureProgress(String what) {
        return List.of(
                label("measureStatus", what + "进度", "Progress", MeasureStatus.class, 8),
                date("plannedEnd", "计划完成", "Planned end"),
                date("actualEnd", "实际完成", "Finished"),
                money("amount", "补助金额（元）", "Subsidy (yuan)", true));
    }

    /** 危房改造台账: households in C/D housing, and those whose housing was or is being renovated. */
    private Ledger housing() {
        List<LedgerColumn> c = new ArrayList<>(HOUSEHOLD);
        c.add(label("identity", "户属性", "Identity", HouseholdIdentity.class, 8));
        c.add(label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10));
        c.add(label("housingGrade", "住房等级", "Housing grade", HousingGrade.class, 8));
        c.addAll(measureProgress("改造"));
        return new Ledger(
                "housing",
                "危房改造台账",
                "Housing renovation",
                "住房鉴定为C级、D级的农户，以及安排过危房改造措施的农户（改造后等级已更新的仍列出）。",
                "Households whose housing is rated C or D, and those with a renovation measure (listed after their"
                        + " grade was updated too).",
                Unit.HOUSEHOLDS,
                null,
                List.copyOf(c),
                List.of(
                        new Filter(
                                "grade",
                                "住房等级",
                                "Housing grade",
                                "t.housing_grade = :value",
                                options(HousingGrade.C, HousingGrade.D)),
                        progress()),
                withMeasure("HOUSING_RENOVATION", "h.housing_grade in ('C', 'D')"),
                "t.village_code, t.household_no");
    }

    /** 饮水安全台账: households without safe drinking water, and those given a water measure. */
    private Ledger water() {
        List<LedgerColumn> c = new ArrayList<>(HOUSEHOLD);
        c.add(label("identity", "户属性", "Identity", HouseholdIdentity.class, 8));
        c.add(label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10));
        c.add(yesNo("waterSafe", "饮水安全", "Safe water"));
        c.addAll(measureProgress("保障"));
        return new Ledger(
                "water",
                "饮水安全台账",
                "Drinking-water safety",
                "饮水不安全的农户，以及安排过饮水安全保障措施的农户。",
                "Households without safe drinking water, and those given a drinking-water measure.",
                Unit.HOUSEHOLDS,
                null,
                List.copyOf(c),
                List.of(
                        new Filter(
                                "water",
                                "饮水状况",
                                "Water",
                                "",
                                List.of(
                                        new Option("UNSAFE", "不安全", "Unsafe", "t.water_safe = false"),
                                        new Option("SAFE", "已安全", "Safe", "t.water_safe = true"))),
                        progress()),
                withMeasure("DRINKING_WATER", "h.water_safe = false"),
                "t.village_code, t.household_no");
    }

    /** 控辍保学台账: school-age children out of school, with the household's education aid. */
    private Ledger schooling() {
        return new Ledger(
                "schooling",
                "控辍保学台账",
                "School dropouts",
                "义务教育阶段（6—15岁）辍学或未在校的儿童，以及16、17岁辍学的，附所在户的教育资助措施进度。年龄按出生年份计。",
                "Children of compulsory-education age (6–15) who dropped out or are not in school, and dropouts of"
                        + " 16 and 17, with their household's education aid. Ages by year of birth.",
                Unit.PERSONS,
                null,
                List.of(
                        township(),
                        village(),
                        code("householdNo", "户编号", "Household no.", 18),
                        text("headName", "户主姓名", "Head of household", 10),
                        text("name", "姓名", "Name", 10),
                        code("idMasked", "身份证号", "ID number", 20),
                        label("sex", "性别", "Sex", Sex.class, 6),
                        integer("age", "年龄", "Age", false),
                        label("schoolStatus", "在校情况", "Schooling", SchoolStatus.class, 10),
                        label("health", "健康状况", "Health", Health.class, 10),
                        label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10),
                        label("measureStatus", "教育资助进度", "Education aid", MeasureStatus.class, 10),
                        date("actualEnd", "资助落实日期", "Aid given on")),
                List.of(new Filter(
                        "schooling",
                        "在校情况",
                        "Schooling",
                        "t.school_status = :value",
                        options(SchoolStatus.DROPOUT, SchoolStatus.NOT_IN_SCHOOL))),
                "select p.*, mt.status as measure_status, mt.actual_end from (" + RegistryLedgers.PERSONS_WITH_HEAD
                        + ") p left join lateral (" + CaseworkLedgers.latestMeasure("p.household_id", "EDUCATION_AID")
                        + ") mt on true where (p.age between 6 and 15 and p.school_status in ('DROPOUT',"
                        + " 'NOT_IN_SCHOOL')) or (p.age between 16 and 17 and p.school_status = 'DROPOUT')",
                "t.village_code, t.household_no, t.person_id");
    }

    /** 三留守台账. */
    private Ledger leftBehind() {
        LedgerColumn.Labeler kinds = (code, locale) -> messages.get(locale, "ledger.leftBehind." + code);
        List<Option> options = List.of("CHILD", "WOMAN", "ELDERLY").stream()
                .map(k -> new Option(k, kinds.label(k, Locale.SIMPLIFIED_CHINESE), kinds.label(k, Locale.ENGLISH)))
                .toList();
        return new Ledger(
                "left-behind",
                "三留守人员台账",
                "Left-behind children, women and elderly",
                "按户籍成员关系、年龄和务工地推定：父母（孙辈为其父母一辈）均在县外务工的16岁以下儿童；丈夫在县外务工、本人在家的18—59岁妇女；"
                        + "户内16—59岁成员均在县外务工的60岁以上老人。未填务工情况的户不计入。",
                "Read from members' relations, ages and places of work: children under 16 whose parents (for a"
                        + " grandchild, the generation above) all work outside the county; women of 18–59 at home"
                        + " whose husband does; persons of 60 or more whose household's members of 16–59 all do."
                        + " Households without work facts are not counted.",
                Unit.PERSONS,
                null,
                List.of(
                        township(),
                        village(),
                        code("householdNo", "户编号", "Household no.", 18),
                        text("headName", "户主姓名", "Head of household", 10),
                        label("leftBehind", "类别", "Kind", kinds, 10),
                        text("name", "姓名", "Name", 10),
                        code("idMasked", "身份证号", "ID number", 20),
                        label("sex", "性别", "Sex", Sex.class, 6),
                        integer("age", "年龄", "Age", false),
                        label("relation", "与户主关系", "Relation", Relation.class, 10),
                        label("health", "健康状况", "Health", Health.class, 10),
                        label("identity", "户属性", "Identity", HouseholdIdentity.class, 8),
                        label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10)),
                List.of(new Filter("kind", "类别", "Kind", "t.left_behind = :value", options)),
                "select * from (" + RegistryLedgers.LEFT_BEHIND + ") l where l.left_behind is not null",
                "t.village_code, t.household_no, t.person_id");
    }

    /** 预警处置台账: every alert and what became of it. */
    private Ledger alerts() {
        LedgerColumn.Labeler status = (code, locale) -> messages.get(locale, "alert.status." + code);
        LedgerColumn.Labeler severity = (code, locale) -> messages.get(locale, "alert.severity." + code);
        List<Option> statuses = List.of("NEW", "ASSIGNED", "CONFIRMED", "DISMISSED", "HANDED", "CLOSED").stream()
                .map(s -> new Option(s, status.label(s, Locale.SIMPLIFIED_CHINESE), status.label(s, Locale.ENGLISH)))
                .toList();
        return new Ledger(
                "alerts",
                "预警处置台账",
                "Alerts and their outcome",
                "监测预警线索及其处置：触发规则、级别、核实结果、转识别认定后的认定结果。日期范围按预警日期。",
                "Every risk alert and what became of it: rules, level, the verification, and the identification"
                        + " case it led to. The date span applies to the day the alert was raised.",
                Unit.ENTRIES,
                "raisedOn",
                List.of(
                        township(),
                        village(),
                        code("householdNo", "户编号", "Household no.", 18),
                        text("headName", "户主姓名", "Head of household", 10),
                        code("headId", "户主身份证号", "Head's ID number", 20),
                        date("raisedOn", "预警日期", "Raised on"),
                        localized("ruleNames", "触发规则", "Rules", 24),
                        label("severity", "预警级别", "Level", severity, 8),
                        label("suggestedCategory", "建议类别", "Suggested category", MonitoringCategory.class, 14),
                        labels("causes", "风险类型", "Risks", RiskCause.class, 16),
                        label("status", "处置状态", "Status", status, 12),
                        text("assignedTo", "核实人", "Assigned to", 10),
                        date("decidedOn", "核实日期", "Verified on"),
                        note("note", "核实意见", "Finding", 24),
                        date("handedOn", "转识别日期", "Handed over on"),
                        label("caseStage", "认定结果", "Identification", CaseStage.class, 10),
                        date("caseClosedOn", "认定日期", "Decided on")),
                List.of(new Filter("status", "处置状态", "Status", "t.status = :value", statuses)),
                "select a.*, h.head_name, h.head_id, c.case_id, c.case_stage, c.case_closed_on from ("
                        + MonitoringLedgers.alerts(clock.getZone()) + ") a left join (" + RegistryLedgers.HOUSEHOLDS
                        + ") h on h.household_id = a.household_id left join (" + CaseworkLedgers.CASES_BY_ALERT
                        + ") c on c.alert_id = a.alert_id",
                "t.raised_on desc, t.alert_id desc");
    }
}
