package org.fangpin.monitoring.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fangpin.common.Labelled;
import org.fangpin.common.expression.RuleExpression.Type;
import org.fangpin.feed.FeedType;

/**
 * 监测指标: what the engine computes per household for a run's date, and what rule expressions may name. Each
 * indicator says where its numbers come from (the registry and/or department feeds), which is how an alert names
 * its sources.
 */
public enum Indicator implements Labelled {
    IDENTITY("户属性", "Who the household is", Type.TEXT, "", List.of()),
    MONITORING_STATE("监测状态", "Monitoring state", Type.TEXT, "", List.of()),
    /** v1's single value of identity and state (EXITED, ORDINARY, MONITORED, ELIMINATED), for rules that name it. */
    STATUS("户类型（旧）", "Household status (v1)", Type.TEXT, "", List.of()),
    MEMBERS("家庭人口", "Household members", Type.NUMBER, "PERSONS", List.of()),
    HOUSEHOLD_INCOME("家庭年纯收入", "Household net income (year)", Type.NUMBER, "CNY", List.of(FeedType.EMPLOYMENT)),
    PER_CAPITA_INCOME("家庭年人均纯收入", "Per-capita net income (year)", Type.NUMBER, "CNY", List.of(FeedType.EMPLOYMENT)),
    PREV_PER_CAPITA_INCOME("上年人均纯收入", "Per-capita net income, previous year", Type.NUMBER, "CNY", List.of()),
    INCOME_CHANGE_RATIO(
            "人均纯收入同比变化",
            "Change in per-capita income from last year",
            Type.NUMBER,
            "RATIO",
            List.of(FeedType.EMPLOYMENT)),
    WAGES_12M(
            "近12个月工资收入（人社）", "Wages in 12 months (employment feed)", Type.NUMBER, "CNY", List.of(FeedType.EMPLOYMENT)),
    INDUSTRY_SUPPORT_12M(
            "近12个月产业帮扶资金", "Industry support in 12 months", Type.NUMBER, "CNY", List.of(FeedType.INDUSTRY_SUPPORT)),
    ASSISTANCE_12M(
            "近12个月社会救助金额", "Social assistance in 12 months", Type.NUMBER, "CNY", List.of(FeedType.SOCIAL_ASSISTANCE)),
    OOP_MEDICAL_12M(
            "近12个月医疗个人自付",
            "Out-of-pocket medical costs in 12 months",
            Type.NUMBER,
            "CNY",
            List.of(FeedType.MEDICAL_CLAIM)),
    MEDICAL_COST_12M(
            "近12个月医疗总费用", "Total medical costs in 12 months", Type.NUMBER, "CNY", List.of(FeedType.MEDICAL_CLAIM)),
    MAJOR_ILLNESS_CLAIMS_12M(
            "近12个月大病结算次数", "Major-illness claims in 12 months", Type.NUMBER, "COUNT", List.of(FeedType.MEDICAL_CLAIM)),
    OOP_EDUCATION_12M(
            "近12个月教育个人负担",
            "Out-of-pocket education costs in 12 months",
            Type.NUMBER,
            "CNY",
            List.of(FeedType.EDUCATION)),
    LABOUR_FORCE("劳动力人数", "Labour force", Type.NUMBER, "PERSONS", List.of()),
    DEATHS_12M("近12个月死亡人数", "Deaths in 12 months", Type.NUMBER, "PERSONS", List.of(FeedType.HOUSEHOLD_REGISTRATION)),
    LABOUR_DEATHS_12M(
            "近12个月劳动力死亡人数",
            "Deaths of labourers in 12 months",
            Type.NUMBER,
            "PERSONS",
            List.of(FeedType.HOUSEHOLD_REGISTRATION)),
    LABOUR_DISABLED_12M(
            "近12个月劳动力新发重度残疾人数",
            "Labourers newly severely disabled in 12 months",
            Type.NUMBER,
            "PERSONS",
            List.of(FeedType.DISABILITY)),
    SCHOOL_DROPOUTS(
            "义务教育阶段失学辍学人数",
            "Compulsory-age children out of school",
            Type.NUMBER,
            "PERSONS",
            List.of(FeedType.EDUCATION)),
    HOUSING_GRADE("住房安全等级", "Housing safety grade", Type.TEXT, "", List.of(FeedType.HOUSING)),
    WATER_SAFE("饮水安全", "Drinking water safe", Type.BOOLEAN, "", List.of(FeedType.WATER)),
    UNINSURED_MEMBERS("未参加基本医保人数", "Members without medical insurance", Type.NUMBER, "PERSONS", List.of()),
    DIBAO_MEMBERS("享受低保人数", "Members receiving minimum living allowance", Type.NUMBER, "PERSONS", List.of()),
    TEKUN_MEMBERS("特困供养人数", "Members receiving extreme-poverty support", Type.NUMBER, "PERSONS", List.of()),
    BENEFIT_STOPPED(
            "近12个月低保/特困停发人数",
            "Members whose 低保/特困 stopped in 12 months",
            Type.NUMBER,
            "PERSONS",
            List.of(FeedType.SOCIAL_ASSISTANCE)),
    DISASTER_LEVEL(
            "所在地区灾情等级（Ⅰ=1）", "Disaster level in the region (I = 1)", Type.NUMBER, "LEVEL", List.of(FeedType.DISASTER)),
    EPIDEMIC_LEVEL(
            "所在地区疫情风险等级（高=1）",
            "Epidemic risk level in the region (high = 1)",
            Type.NUMBER,
            "LEVEL",
            List.of(FeedType.EPIDEMIC));

    private static final Map<String, Indicator> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toMap(Indicator::id, Function.identity()));

    private final String zh;
    private final String en;
    private final Type type;
    private final String unit;
    private final List<FeedType> feeds;
    private final String id;

    Indicator(String zh, String en, Type type, String unit, List<FeedType> feeds) {
        this.id = name().toLowerCase(Locale.ROOT);
        this.zh = zh;
        this.en = en;
        this.type = type;
        this.unit = unit;
        this.feeds = feeds;
    }

    /** The name in expressions and the column in results, e.g. {@code per_capita_income}. */
    public String id() {
        return id;
    }

    public static Optional<Indicator> byId(String id) {
        return Optional.ofNullable(BY_NAME.get(id));
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    public Type type() {
        return type;
    }

    public String unit() {
        return unit;
    }

    /** The department feeds this indicator draws on (besides the registry). */
    public List<FeedType> feeds() {
        return feeds;
    }
}
