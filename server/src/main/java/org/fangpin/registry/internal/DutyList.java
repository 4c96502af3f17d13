package org.fangpin.registry.internal;

import java.util.List;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;

/**
 * 部门名单回流: what a department needs back from the platform for its duties (003:51–61: 早发现早帮扶 across
 * departments; 003:69–73: insurance subsidies, 倾斜支付, 兜底保障). Each list is the persons (or, for household duties,
 * the heads) of the caller's region as of a date who meet its condition, with only the columns that duty needs.
 */
public enum DutyList implements Labelled {
    MEDICAL_INSURANCE(
            "参保资助与倾斜支付名单",
            "Insurance subsidy and preferential reimbursement",
            Department.MEDICAL_SECURITY,
            "h.monitoring_state = 'MONITORED' or p.dibao or p.tekun",
            List.of(
                    DutyColumn.NAME,
                    DutyColumn.ID_NUMBER,
                    DutyColumn.SEX,
                    DutyColumn.AGE,
                    DutyColumn.VILLAGE,
                    DutyColumn.HOUSEHOLD_NO,
                    DutyColumn.GROUPS,
                    DutyColumn.MEDICAL_INSURANCE)),
    SCHOOL_AGE_CHILDREN(
            "监测对象家庭学龄人口",
            "School-age children of monitored households",
            Department.EDUCATION,
            "h.monitoring_state = 'MONITORED' and " + DutyList.AGE + " between 6 and 18",
            List.of(
                    DutyColumn.NAME,
                    DutyColumn.ID_NUMBER,
                    DutyColumn.SEX,
                    DutyColumn.AGE,
                    DutyColumn.SCHOOL_STATUS,
                    DutyColumn.VILLAGE,
                    DutyColumn.HOUSEHOLD_NO,
                    DutyColumn.CATEGORY)),
    LABOUR_FORCE(
            "监测对象家庭劳动力",
            "Labour force of monitored households",
            Department.HUMAN_RESOURCES,
            "h.monitoring_state = 'MONITORED' and p.labour_capacity in ('SKILLED', 'ORDINARY', 'WEAK') and "
                    + DutyList.AGE + " between 16 and 64",
            List.of(
                    DutyColumn.NAME,
                    DutyColumn.ID_NUMBER,
                    DutyColumn.SEX,
                    DutyColumn.AGE,
                    DutyColumn.LABOUR_CAPACITY,
                    DutyColumn.WORK_STATUS,
                    DutyColumn.WORK_PLACE,
                    DutyColumn.WORK_MONTHS,
                    DutyColumn.VILLAGE,
                    DutyColumn.HOUSEHOLD_NO)),
    BASIC_LIVING(
            "监测对象兜底保障核查",
            "Basic-living safety net check of monitored households",
            Department.CIVIL_AFFAIRS,
            "h.monitoring_state = 'MONITORED'",
            List.of(
                    DutyColumn.NAME,
                    DutyColumn.ID_NUMBER,
                    DutyColumn.RELATION,
                    DutyColumn.AGE,
                    DutyColumn.LABOUR_CAPACITY,
                    DutyColumn.HEALTH,
                    DutyColumn.DIBAO,
                    DutyColumn.TEKUN,
                    DutyColumn.VILLAGE,
                    DutyColumn.HOUSEHOLD_NO,
                    DutyColumn.CATEGORY)),
    DISABLED_MEMBERS(
            "监测对象家庭残疾人",
            "Disabled members of monitored households",
            Department.DISABLED_PERSONS,
            "h.monitoring_state = 'MONITORED' and p.health = 'DISABLED'",
            List.of(
                    DutyColumn.NAME,
                    DutyColumn.ID_NUMBER,
                    DutyColumn.AGE,
                    DutyColumn.DISABILITY_GRADE,
                    DutyColumn.DISABILITY_SUBSIDY,
                    DutyColumn.VILLAGE,
                    DutyColumn.HOUSEHOLD_NO)),
    ILL_MEMBERS(
            "监测对象家庭慢病大病患者",
            "Chronically or seriously ill members of monitored households",
            Department.HEALTH,
            "h.monitoring_state = 'MONITORED' and p.health in ('CHRONIC', 'SERIOUS_ILLNESS')",
            List.of(
                    DutyColumn.NAME,
                    DutyColumn.ID_NUMBER,
                    DutyColumn.SEX,
                    DutyColumn.AGE,
                    DutyColumn.HEALTH,
                    DutyColumn.MEDICAL_INSURANCE,
                    DutyColumn.VILLAGE,
                    DutyColumn.HOUSEHOLD_NO)),
    UNSAFE_HOUSING(
            "监测对象住房安全",
            "Housing safety of monitored households",
            Department.HOUSING,
            "h.monitoring_state = 'MONITORED' and p.relation = 'HEAD' and h.housing_grade in ('C', 'D')",
            List.of(
                    DutyColumn.NAME,
                    DutyColumn.ID_NUMBER,
                    DutyColumn.VILLAGE,
                    DutyColumn.HOUSEHOLD_NO,
                    DutyColumn.HOUSING_GRADE,
                    DutyColumn.CATEGORY)),
    UNSAFE_WATER(
            "监测对象饮水安全",
            "Drinking-water safety of monitored households",
            Department.WATER_RESOURCES,
            "h.monitoring_state = 'MONITORED' and p.relation = 'HEAD' and h.water_safe = false",
            List.of(
                    DutyColumn.NAME,
                    DutyColumn.ID_NUMBER,
                    DutyColumn.VILLAGE,
                    DutyColumn.HOUSEHOLD_NO,
                    DutyColumn.CATEGORY));

    /**
     * Age by year of birth (the year of the list's date minus the birth year), as lists and their conditions count
     * it: an age in days would give the birth date — and so, beside the masked number, the whole ID number — to anyone
     * who moves the list's date a day at a time.
     */
    static final String AGE = "(extract(year from cast(:asOf as date)) - extract(year from p.birth_date))";

    private final String zh;
    private final String en;
    private final Department department;
    private final String condition;
    private final List<DutyColumn> columns;

    DutyList(String zh, String en, Department department, String condition, List<DutyColumn> columns) {
        this.zh = zh;
        this.en = en;
        this.department = department;
        this.condition = condition;
        this.columns = columns;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    public Department department() {
        return department;
    }

    /** The SQL condition on household {@code h} and person {@code p} versions in force on {@code :asOf}. */
    String condition() {
        return condition;
    }

    public List<DutyColumn> columns() {
        return columns;
    }

    /** A column of a duty list. */
    public enum DutyColumn implements Labelled {
        NAME("姓名", "Name"),
        ID_NUMBER("公民身份号码", "ID number"),
        SEX("性别", "Sex"),
        AGE("年龄", "Age"),
        RELATION("与户主关系", "Relation to head"),
        VILLAGE("村", "Village"),
        HOUSEHOLD_NO("户编号", "Household number"),
        GROUPS("低收入人口类别", "Low-income groups"),
        CATEGORY("监测类别", "Monitoring category"),
        MEDICAL_INSURANCE("参加基本医疗保险", "Medical insurance"),
        SCHOOL_STATUS("在校生状况", "Schooling"),
        LABOUR_CAPACITY("劳动技能", "Labour capacity"),
        WORK_STATUS("务工状况", "Work status"),
        WORK_PLACE("务工地点", "Place of work"),
        WORK_MONTHS("务工时间(月)", "Months worked"),
        HEALTH("健康状况", "Health"),
        DISABILITY_GRADE("残疾等级", "Disability grade"),
        DISABILITY_SUBSIDY("享受残疾人补贴", "Disability subsidy"),
        DIBAO("享受低保", "Minimum living allowance"),
        TEKUN("特困供养", "Extreme-poverty support"),
        HOUSING_GRADE("住房安全等级", "Housing safety grade");

        private final String zh;
        private final String en;

        DutyColumn(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }
}
