package org.fangpin.feed;

import static org.fangpin.feed.FeedColumn.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;

/**
 * The department feeds and their schemas (version {@link #schemaVersion()}): which columns, which required, whose
 * rows they are about. Changing a schema incompatibly means a new version; stored batches keep theirs.
 */
public enum FeedType implements Labelled {
    MEDICAL_CLAIM(
            "医保结算",
            "Medical claims",
            Department.MEDICAL_SECURITY,
            Subject.PERSON,
            req(ID_NUMBER, VISIT_DATE, TOTAL_COST, OUT_OF_POCKET),
            opt(REIMBURSED, MAJOR_ILLNESS, HOSPITAL)),
    EMPLOYMENT(
            "就业务工",
            "Employment and wages",
            Department.HUMAN_RESOURCES,
            Subject.PERSON,
            req(ID_NUMBER, MONTH, WAGE),
            opt(EMPLOYER, WORK_PLACE)),
    SOCIAL_ASSISTANCE(
            "社会救助",
            "Social assistance (低保/特困/临时救助)",
            Department.CIVIL_AFFAIRS,
            Subject.PERSON,
            req(ID_NUMBER, ASSISTANCE_TYPE, AMOUNT, START_DATE),
            opt(END_DATE, BENEFIT_STATUS)),
    EDUCATION(
            "学籍与控辍保学",
            "Enrolment and dropout",
            Department.EDUCATION,
            Subject.PERSON,
            req(ID_NUMBER, SCHOOL_STAGE, ENROLMENT, STATUS_DATE),
            opt(SCHOOL, EDUCATION_COST),
            2),
    HOUSING(
            "住房安全鉴定",
            "Housing safety assessments",
            Department.HOUSING,
            Subject.HOUSEHOLD,
            req(HOUSING_GRADE, ASSESSED_ON),
            opt(HOUSEHOLD_NO, ID_NUMBER)),
    WATER(
            "饮水安全",
            "Drinking-water safety",
            Department.WATER_RESOURCES,
            Subject.HOUSEHOLD_OR_VILLAGE,
            req(WATER_QUANTITY, WATER_QUALITY, WATER_CONVENIENCE, WATER_GUARANTEE, ASSESSED_ON),
            opt(HOUSEHOLD_NO, ID_NUMBER, REGION_CODE)),
    DISABILITY(
            "残疾人证",
            "Disability certificates",
            Department.DISABLED_PERSONS,
            Subject.PERSON,
            req(ID_NUMBER, DISABILITY_TYPE, DISABILITY_GRADE),
            opt(ISSUED_ON)),
    HOUSEHOLD_REGISTRATION(
            "户籍变动",
            "Household-registration events",
            Department.PUBLIC_SECURITY,
            Subject.PERSON,
            req(ID_NUMBER, REGISTRATION_EVENT, EVENT_DATE),
            opt()),
    DISASTER(
            "灾情",
            "Disasters",
            Department.EMERGENCY,
            Subject.REGION,
            req(REGION_CODE, DISASTER_TYPE, SEVERITY, START_DATE),
            opt(END_DATE)),
    EPIDEMIC(
            "疫情分区分级",
            "Epidemic risk areas",
            Department.HEALTH,
            Subject.REGION,
            req(REGION_CODE, RISK_LEVEL, START_DATE),
            opt(END_DATE)),
    INDUSTRY_SUPPORT(
            "产业帮扶资金",
            "Production and industry support",
            Department.AGRICULTURE,
            Subject.HOUSEHOLD,
            req(AMOUNT, PAID_ON),
            opt(HOUSEHOLD_NO, ID_NUMBER, PROJECT));

    /** Whose facts a feed's rows are: matched by ID number, by household (number or a member's ID) or by region. */
    public enum Subject {
        PERSON,
        HOUSEHOLD,
        HOUSEHOLD_OR_VILLAGE,
        REGION
    }

    private final int schemaVersion;
    private final String zh;
    private final String en;
    private final Department department;
    private final Subject subject;
    private final Map<FeedColumn, Boolean> columns;

    FeedType(String zh, String en, Department department, Subject subject, Req required, Opt optional) {
        this(zh, en, department, subject, required, optional, 1);
    }

    FeedType(String zh, String en, Department department, Subject subject, Req required, Opt optional, int version) {
        this.schemaVersion = version;
        this.zh = zh;
        this.en = en;
        this.department = department;
        this.subject = subject;
        Map<FeedColumn, Boolean> m = new LinkedHashMap<>();
        required.columns().forEach(c -> m.put(c, true));
        optional.columns().forEach(c -> m.put(c, false));
        this.columns = Collections.unmodifiableMap(m);
    }

    /**
     * The schema version; stored with every batch. A new version only adds optional columns, so files in an earlier
     * version stay valid (their new columns read as empty). 教育 v2 added the family's own education costs.
     */
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    /** The department that sends this feed. */
    public Department department() {
        return department;
    }

    public Subject subject() {
        return subject;
    }

    /** The columns in template order: identifying columns first, then the facts. */
    public List<FeedColumn> columns() {
        List<FeedColumn> out = new ArrayList<>();
        for (FeedColumn key : List.of(ID_NUMBER, HOUSEHOLD_NO, REGION_CODE)) {
            if (columns.containsKey(key)) {
                out.add(key);
            }
        }
        columns.keySet().stream().filter(c -> !out.contains(c)).forEach(out::add);
        return out;
    }

    public boolean required(FeedColumn c) {
        return Boolean.TRUE.equals(columns.get(c));
    }

    private record Req(List<FeedColumn> columns) {}

    private record Opt(List<FeedColumn> columns) {}

    private static Req req(FeedColumn... c) {
        return new Req(List.of(c));
    }

    private static Opt opt(FeedColumn... c) {
        return new Opt(List.of(c));
    }
}
