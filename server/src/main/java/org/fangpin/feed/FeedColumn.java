package org.fangpin.feed;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fangpin.common.importing.ColumnMap;

/**
 * Every column any feed uses, with its Chinese template header, English alias, kind and — for choices — the
 * allowed values. A {@link FeedType} picks its columns from here; the stored (Parquet) column is {@link #column()}.
 */
public enum FeedColumn implements ColumnMap.Column {
    ID_NUMBER("公民身份号码", Kind.ID_NUMBER),
    HOUSEHOLD_NO("户编号", Kind.HOUSEHOLD_NO),
    REGION_CODE("行政区划代码", Kind.REGION_CODE),
    VISIT_DATE("就诊日期", Kind.DATE),
    TOTAL_COST("医疗总费用", Kind.MONEY),
    REIMBURSED("报销金额", Kind.MONEY),
    OUT_OF_POCKET("个人自付", Kind.MONEY),
    MAJOR_ILLNESS("是否大病", Kind.BOOL),
    HOSPITAL("医疗机构", Kind.TEXT),
    MONTH("月份", Kind.MONTH),
    EMPLOYER("就业单位", Kind.TEXT),
    WORK_PLACE("就业地点", Kind.TEXT),
    WAGE("工资收入", Kind.MONEY),
    ASSISTANCE_TYPE(
            "救助类型",
            Kind.CHOICE,
            "DIBAO:低保:Minimum living allowance",
            "TEKUN:特困供养:Extreme-poverty support",
            "TEMPORARY:临时救助:Temporary assistance"),
    BENEFIT_STATUS("享受状态", Kind.CHOICE, "ACTIVE:享受中:Receiving", "STOPPED:已停止:Stopped"),
    AMOUNT("金额", Kind.MONEY),
    START_DATE("开始日期", Kind.DATE),
    END_DATE("结束日期", Kind.DATE),
    SCHOOL_STAGE(
            "学段",
            Kind.CHOICE,
            "PRESCHOOL:学前:Pre-school",
            "PRIMARY:小学:Primary",
            "JUNIOR:初中:Junior secondary",
            "SENIOR:高中:Senior secondary",
            "VOCATIONAL:中职:Vocational",
            "HIGHER:高等教育:Higher education"),
    ENROLMENT(
            "在校状态",
            Kind.CHOICE,
            "ENROLLED:在校:Enrolled",
            "DROPPED_OUT:辍学:Dropped out",
            "SUSPENDED:休学:Suspended",
            "NOT_ENROLLED:未入学:Not enrolled",
            "GRADUATED:毕业:Graduated"),
    SCHOOL("学校", Kind.TEXT),
    /** 教育 v2: fees and costs the family paid itself (after 资助) for the record's school year or term. */
    EDUCATION_COST("个人负担教育费用", Kind.MONEY),
    STATUS_DATE("状态日期", Kind.DATE),
    HOUSING_GRADE("住房安全等级", Kind.CHOICE, "A:A级:Grade A", "B:B级:Grade B", "C:C级:Grade C", "D:D级:Grade D"),
    ASSESSED_ON("鉴定日期", Kind.DATE),
    WATER_QUANTITY("水量达标", Kind.BOOL),
    WATER_QUALITY("水质达标", Kind.BOOL),
    WATER_CONVENIENCE("取水便利", Kind.BOOL),
    WATER_GUARANTEE("供水保证率达标", Kind.BOOL),
    DISABILITY_TYPE(
            "残疾类别",
            Kind.CHOICE,
            "VISUAL:视力:Visual",
            "HEARING:听力:Hearing",
            "SPEECH:言语:Speech",
            "PHYSICAL:肢体:Physical",
            "INTELLECTUAL:智力:Intellectual",
            "MENTAL:精神:Mental",
            "MULTIPLE:多重:Multiple"),
    DISABILITY_GRADE("残疾等级", Kind.GRADE),
    ISSUED_ON("发证日期", Kind.DATE),
    REGISTRATION_EVENT(
            "变动类型", Kind.CHOICE, "BIRTH:出生:Birth", "DEATH:死亡:Death", "MOVE_IN:迁入:Moved in", "MOVE_OUT:迁出:Moved out"),
    EVENT_DATE("变动日期", Kind.DATE),
    DISASTER_TYPE(
            "灾害类型",
            Kind.CHOICE,
            "FLOOD:洪涝:Flood",
            "DROUGHT:干旱:Drought",
            "EARTHQUAKE:地震:Earthquake",
            "GEOLOGICAL:地质灾害:Geological hazard",
            "TYPHOON:台风:Typhoon",
            "FROST:低温冰冻:Frost",
            "OTHER:其他:Other"),
    SEVERITY(
            "灾情等级",
            Kind.CHOICE,
            "I:特别重大:Level I (most severe)",
            "II:重大:Level II",
            "III:较大:Level III",
            "IV:一般:Level IV"),
    RISK_LEVEL("风险等级", Kind.CHOICE, "HIGH:高风险:High", "MEDIUM:中风险:Medium", "LOW:低风险:Low"),
    PROJECT("项目名称", Kind.TEXT),
    PAID_ON("发放日期", Kind.DATE);

    /** What a column holds, and so how it is checked and stored. */
    public enum Kind {
        ID_NUMBER("UUID"), // stored as its 128-bit lookup hash (a UUID column), never in clear
        HOUSEHOLD_NO("VARCHAR"),
        REGION_CODE("VARCHAR"),
        DATE("DATE"),
        MONTH("DATE"), // the first day of the month
        MONEY("DECIMAL(14,2)"),
        BOOL("BOOLEAN"),
        GRADE("INTEGER"), // 1-4
        TEXT("VARCHAR"),
        CHOICE("VARCHAR"); // the code

        private final String sqlType;

        Kind(String sqlType) {
            this.sqlType = sqlType;
        }

        public String sqlType() {
            return sqlType;
        }
    }

    /** One allowed value of a choice column. */
    public record Choice(String code, String zh, String en) {}

    private final String header;
    private final Kind kind;
    private final List<Choice> choices;

    FeedColumn(String header, Kind kind, String... choices) {
        this.header = header;
        this.kind = kind;
        this.choices = Arrays.stream(choices)
                .map(c -> c.split(":", 3))
                .map(p -> new Choice(p[0], p[1], p[2]))
                .toList();
    }

    @Override
    public String header() {
        return header;
    }

    /** The English alias: the column name in snake case, also the JSON field and the stored column. */
    @Override
    public List<String> aliases() {
        return List.of(column(), jsonName());
    }

    /** Whether required depends on the feed type: see {@link FeedType#required(FeedColumn)}. */
    @Override
    public boolean required() {
        return false;
    }

    public Kind kind() {
        return kind;
    }

    public List<Choice> choices() {
        return choices;
    }

    /** The stored column; an ID number is stored as its 128-bit lookup hash {@code id_hash} (UUID type). */
    public String column() {
        return kind == Kind.ID_NUMBER ? "id_hash" : name().toLowerCase(Locale.ROOT);
    }

    /** The field name in JSON batches, e.g. {@code outOfPocket}. */
    public String jsonName() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }

    /** A choice by its code, Chinese or English label, case-insensitively. */
    public Optional<Choice> choice(String text) {
        String t = text.strip();
        return choices.stream()
                .filter(c -> c.code().equalsIgnoreCase(t) || c.zh().equals(t) || c.en().equalsIgnoreCase(t))
                .findFirst();
    }
}
