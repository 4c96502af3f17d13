package org.fangpin.registry;

import java.util.Arrays;
import java.util.List;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.registry.internal.HouseholdRules;

/**
 * The household/person template (建档立卡户及家庭成员信息表): one row per person, household columns repeated on each
 * member's row. Chinese headers as offices know them; English aliases for systems. Export writes these columns in
 * this order (all but the old {@link #STATUS}), so an export imports back unchanged. A file needs 户属性 or, as files
 * made before it had, 户类型.
 */
public enum HouseholdColumn implements ColumnMap.Column {
    HOUSEHOLD_NO("户编号", "household_no", true),
    VILLAGE_CODE("行政区划代码", "village_code", true),
    ADDRESS("详细地址", "address", false),
    IDENTITY("户属性", "identity", false),
    IDENTITY_FLAGS("户标识", "identity_flags", false),
    EXIT_YEAR("脱贫年度", "exit_year", false),
    MONITORING_STATE("监测状态", "monitoring_state", false),
    MONITORING_CATEGORY("监测类别", "monitoring_category", false),
    MONITORING_SINCE("纳入监测日期", "monitoring_since", false),
    RISK_CAUSES("风险类型", "risk_causes", false),
    ELIMINATED_ON("风险消除日期", "eliminated_on", false),
    ELIMINATION_KIND("风险消除方式", "elimination_kind", false),
    HOUSING_GRADE("住房安全等级", "housing_grade", false),
    WATER_SAFE("饮水安全", "water_safe", false),
    INCOME_YEAR("收入年度", "income_year", false),
    INCOME_WAGE("工资性收入", "income_wage", false),
    INCOME_PRODUCTION("生产经营性收入", "income_production", false),
    INCOME_PROPERTY("财产性收入", "income_property", false),
    INCOME_TRANSFER("转移性收入", "income_transfer", false),
    PRODUCTION_COST("生产经营性支出", "production_cost", false),
    NAME("姓名", "name", true),
    ID_NUMBER("公民身份号码", "id_number", true),
    RELATION("与户主关系", "relation", true),
    PHONE("联系电话", "phone", false),
    ETHNICITY("民族", "ethnicity", false),
    EDUCATION("文化程度", "education", false),
    SCHOOL_STATUS("在校生状况", "school_status", false),
    HEALTH("健康状况", "health", false),
    DISABILITY_GRADE("残疾等级", "disability_grade", false),
    LABOUR_CAPACITY("劳动技能", "labour_capacity", false),
    WORK_STATUS("务工状况", "work_status", false),
    WORK_PLACE("务工地点", "work_place", false),
    WORK_MONTHS("务工时间(月)", "work_months", false),
    MEDICAL_INSURANCE("参加基本医疗保险", "medical_insurance", false),
    PENSION_INSURANCE("参加基本养老保险", "pension_insurance", false),
    DIBAO("享受低保", "dibao", false),
    TEKUN("特困供养", "tekun", false),
    DISABILITY_SUBSIDY("享受残疾人补贴", "disability_subsidy", false),
    /**
     * 户类型: the one column files had before 户属性 and 监测状态 (read as those two when they are absent); never
     * written.
     */
    STATUS("户类型", "status", false);

    private final String header;
    private final String alias;
    private final boolean required;

    HouseholdColumn(String header, String alias, boolean required) {
        this.header = header;
        this.alias = alias;
        this.required = required;
    }

    @Override
    public String header() {
        return header;
    }

    @Override
    public List<String> aliases() {
        return List.of(alias);
    }

    @Override
    public boolean required() {
        return required;
    }

    /** The columns a template and an export have, in order. */
    public static List<HouseholdColumn> written() {
        return Arrays.stream(values()).filter(c -> c != STATUS).toList();
    }

    /** The column that holds a field named in {@link HouseholdRules} violations. */
    public static HouseholdColumn forField(String field) {
        return switch (field) {
            case "monitoringCategory" -> MONITORING_CATEGORY;
            case "monitoringSince" -> MONITORING_SINCE;
            case "riskCauses" -> RISK_CAUSES;
            case "eliminatedOn" -> ELIMINATED_ON;
            case "eliminationKind" -> ELIMINATION_KIND;
            case "exitYear" -> EXIT_YEAR;
            case "income.year" -> INCOME_YEAR;
            case "idNumber" -> ID_NUMBER;
            case "disabilityGrade" -> DISABILITY_GRADE;
            case "workMonths" -> WORK_MONTHS;
            default -> IDENTITY;
        };
    }
}
