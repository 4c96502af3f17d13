package org.fangpin.assessment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.expression.Conditions;
import org.fangpin.common.expression.RuleExpression;
import org.fangpin.common.expression.RuleExpression.Type;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 考核指标 as data: each a share of a {@link IndicatorPopulation}'s rows — those passing the filter, those of them
 * meeting the condition (rule expressions over the population's columns and the policy parameters, parsed and
 * type-checked, never pasted into SQL) — counted as households or persons, over the filtered rows or the county's
 * rural population, against a threshold parameter. Only 两不愁三保障 and exit indicators may be hard (004:381). A
 * change applies to scorecards computed afterwards; frozen ones keep the definition they were computed with.
 */
@Service
public class Indicators {

    /** An indicator as defined. {@code version} is read only (If-Match on a change). */
    public record IndicatorDefinition(
            String code,
            Integer ordinal,
            String nameZh,
            String nameEn,
            String descriptionZh,
            String descriptionEn,
            IndicatorArea area,
            IndicatorPopulation population,
            String filter,
            String condition,
            IndicatorUnit counts,
            IndicatorBase denominator,
            String groupBy,
            String thresholdKey,
            IndicatorDirection direction,
            boolean hard,
            boolean active,
            int version) {

        /** Its name in the language asked for. */
        public String name(boolean zh) {
            return zh ? nameZh : nameEn;
        }
    }

    /**
     * An indicator ready to run: its filter and condition as SQL over the population's row {@code p}, with the policy
     * parameters' values in force, and the parameters it named.
     */
    record Compiled(
            IndicatorDefinition definition, String filterSql, String conditionSql, Map<String, BigDecimal> used) {}

    private final JdbcClient jdbc;
    private final PolicyParameters parameters;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;

    Indicators(
            JdbcClient jdbc,
            PolicyParameters parameters,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages) {
        this.jdbc = jdbc;
        this.parameters = parameters;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
    }

    /** Every indicator, active or not, in their order. */
    @Transactional(readOnly = true)
    public List<IndicatorDefinition> list() {
        return jdbc.sql("select * from indicator order by ordinal, code")
                .query(Indicators::definition)
                .list();
    }

    /** The active indicators, in their order. */
    @Transactional(readOnly = true)
    public List<IndicatorDefinition> active() {
        return list().stream().filter(IndicatorDefinition::active).toList();
    }

    @Transactional(readOnly = true)
    public IndicatorDefinition get(String code) {
        return jdbc.sql("select * from indicator where code = ?")
                .param(code)
                .query(Indicators::definition)
                .optional()
                .orElseThrow(() -> ApiException.notFound("assessment.indicator.not-found", code));
    }

    /**
     * Defines a new indicator or changes one ({@code expectedVersion} required then: 428 without it, 412 when stale);
     * 422 with each field's reason — an unknown population, column or parameter, an expression that does not parse
     * or is not a condition, a threshold without a direction, a hard indicator outside 两不愁三保障 and exit.
     */
    @Transactional
    public IndicatorDefinition save(String code, Integer expectedVersion, IndicatorDefinition d) {
        IndicatorDefinition before = jdbc.sql("select * from indicator where code = ? for update")
                .param(code)
                .query(Indicators::definition)
                .optional()
                .orElse(null);
        if (before != null && expectedVersion == null) {
            throw ApiException.preconditionRequired();
        }
        if (before != null && before.version() != expectedVersion) {
            throw ApiException.preconditionFailed("assessment.indicator.stale", code);
        }
        List<FieldProblem> problems = validate(code, d);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String user = actor.username();
        int ordinal = d.ordinal() != null
                ? d.ordinal()
                : before != null
                        ? before.ordinal()
                        : jdbc.sql("select coalesce(max(ordinal), 0) + 1 from indicator")
                                .query(Integer.class)
                                .single();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", code);
        p.put("ordinal", ordinal);
        p.put("nameZh", d.nameZh().strip());
        p.put("nameEn", d.nameEn().strip());
        p.put("descriptionZh", d.descriptionZh().strip());
        p.put("descriptionEn", d.descriptionEn().strip());
        p.put("area", d.area().name());
        p.put("population", d.population().name());
        p.put("filter", blank(d.filter()) ? null : d.filter().strip());
        p.put("condition", d.condition().strip());
        p.put("counts", (d.counts() == null ? IndicatorUnit.HOUSEHOLDS : d.counts()).name());
        p.put("denominator", (d.denominator() == null ? IndicatorBase.POPULATION : d.denominator()).name());
        p.put("groupBy", blank(d.groupBy()) ? null : d.groupBy());
        p.put("thresholdKey", blank(d.thresholdKey()) ? null : d.thresholdKey());
        p.put(
                "direction",
                d.direction() == null || blank(d.thresholdKey())
                        ? null
                        : d.direction().name());
        p.put("hard", d.hard());
        p.put("active", d.active());
        p.put("user", user);
        jdbc.sql("""
                        insert into indicator (code, ordinal, name_zh, name_en, description_zh, description_en, area,
                            population, filter, condition, counts, denominator, group_by, threshold_key, direction,
                            hard, active, updated_by)
                        values (:code, :ordinal, :nameZh, :nameEn, :descriptionZh, :descriptionEn, :area, :population,
                                :filter, :condition, :counts, :denominator, :groupBy, :thresholdKey, :direction, :hard,
                                :active, :user)
                        on conflict (code) do update set ordinal = excluded.ordinal, name_zh = excluded.name_zh,
                            name_en = excluded.name_en, description_zh = excluded.description_zh,
                            description_en = excluded.description_en, area = excluded.area,
                            population = excluded.population, filter = excluded.filter,
                            condition = excluded.condition, counts = excluded.counts,
                            denominator = excluded.denominator, group_by = excluded.group_by,
                            threshold_key = excluded.threshold_key, direction = excluded.direction,
                            hard = excluded.hard, active = excluded.active, updated_by = excluded.updated_by,
                            updated_at = now(), version = indicator.version + 1""").params(p).update();
        IndicatorDefinition after = get(code);
        events.publishEvent(new AuditableChange(
                "indicator",
                code,
                before == null ? "INDICATOR_DEFINED" : "INDICATOR_CHANGED",
                before == null ? null : audit(before),
                audit(after),
                null));
        return after;
    }

    private List<FieldProblem> validate(String code, IndicatorDefinition d) {
        List<FieldProblem> problems = new ArrayList<>();
        if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,31}")) {
            problems.add(FieldProblem.of("code", messages.get("assessment.indicator.code")));
        }
        if (d.ordinal() != null && (d.ordinal() < 0 || d.ordinal() > 10_000)) {
            problems.add(FieldProblem.of("ordinal", messages.get("assessment.indicator.ordinal")));
        }
        Required.text(messages, problems, "nameZh", d.nameZh(), 100);
        Required.text(messages, problems, "nameEn", d.nameEn(), 200);
        Required.text(messages, problems, "descriptionZh", d.descriptionZh(), 1000);
        Required.text(messages, problems, "descriptionEn", d.descriptionEn(), 2000);
        if (d.area() == null) {
            problems.add(FieldProblem.of("area", messages.get("assessment.finding.required")));
        }
        if (d.population() == null) {
            problems.add(FieldProblem.of("population", messages.get("assessment.indicator.population")));
        } else {
            Map<String, Type> vocabulary = vocabulary(d.population());
            if (!blank(d.filter())) {
                parse("filter", d.filter(), vocabulary, problems);
            }
            if (blank(d.condition())) {
                problems.add(FieldProblem.of("condition", messages.get("assessment.finding.required")));
            } else {
                parse("condition", d.condition(), vocabulary, problems);
            }
            if (!blank(d.groupBy()) && !d.population().groupable().contains(d.groupBy())) {
                problems.add(FieldProblem.of(
                        "groupBy",
                        messages.get(
                                "assessment.indicator.group-by",
                                d.groupBy(),
                                String.join(", ", d.population().groupable()))));
            }
        }
        if (d.denominator() == IndicatorBase.RURAL_POPULATION && d.counts() != IndicatorUnit.PERSONS) {
            problems.add(FieldProblem.of("denominator", messages.get("assessment.indicator.rural-persons")));
        }
        if (!blank(d.thresholdKey())) {
            PolicyParameters.Definition t =
                    parameters.definition(d.thresholdKey()).orElse(null);
            if (t == null || !"RATIO".equals(t.unit())) {
                problems.add(FieldProblem.of(
                        "thresholdKey", messages.get("assessment.indicator.threshold", d.thresholdKey())));
            }
            if (d.direction() == null) {
                problems.add(FieldProblem.of("direction", messages.get("assessment.indicator.direction")));
            }
        }
        if (d.hard() && (d.area() == IndicatorArea.WORK || d.area() == null || blank(d.thresholdKey()))) {
            problems.add(FieldProblem.of("hard", messages.get("assessment.indicator.hard")));
        }
        return problems;
    }

    private void parse(String field, String source, Map<String, Type> vocabulary, List<FieldProblem> problems) {
        try {
            RuleExpression.parse(source, vocabulary);
        } catch (RuleExpression.Invalid e) {
            problems.add(new FieldProblem(
                    field, messages.get("expression.at", messages.get(e.key(), e.args()), e.position() + 1), source));
        }
    }

    /** What a population's filter and condition may name: its columns, then every policy parameter (a number). */
    Map<String, Type> vocabulary(IndicatorPopulation population) {
        return Conditions.vocabulary(parameterKeys(), population.columns());
    }

    private Set<String> parameterKeys() {
        Set<String> keys = new LinkedHashSet<>();
        parameters.definitions().forEach(p -> keys.add(p.key()));
        return keys;
    }

    /** The indicator's filter and condition as SQL over the row {@code p}, with the parameters' values in force. */
    Compiled compile(IndicatorDefinition d, Map<String, PolicyParameters.Value> values) {
        Map<String, BigDecimal> numbers = new LinkedHashMap<>();
        values.forEach((k, v) -> numbers.put(k, v.value()));
        Set<String> keys = parameterKeys();
        Map<String, BigDecimal> used = new LinkedHashMap<>();
        String filter = "true";
        if (!blank(d.filter())) {
            Conditions.Compiled f =
                    Conditions.compile(d.filter(), d.population().columns(), numbers, keys, "p");
            filter = f.sql();
            used.putAll(f.parameters());
        }
        Conditions.Compiled c = Conditions.compile(d.condition(), d.population().columns(), numbers, keys, "p");
        used.putAll(c.parameters());
        return new Compiled(d, filter, c.sql(), used);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static Map<String, Object> audit(IndicatorDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nameZh", d.nameZh());
        m.put("nameEn", d.nameEn());
        m.put("area", d.area().name());
        m.put("population", d.population().name());
        m.put("filter", d.filter());
        m.put("condition", d.condition());
        m.put("counts", d.counts().name());
        m.put("denominator", d.denominator().name());
        m.put("groupBy", d.groupBy());
        m.put("thresholdKey", d.thresholdKey());
        m.put("direction", d.direction() == null ? null : d.direction().name());
        m.put("hard", d.hard());
        m.put("active", d.active());
        return m;
    }

    private static IndicatorDefinition definition(ResultSet rs, int i) throws SQLException {
        String direction = rs.getString("direction");
        return new IndicatorDefinition(
                rs.getString("code"),
                rs.getInt("ordinal"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                rs.getString("description_zh"),
                rs.getString("description_en"),
                IndicatorArea.valueOf(rs.getString("area")),
                IndicatorPopulation.valueOf(rs.getString("population")),
                rs.getString("filter"),
                rs.getString("condition"),
                IndicatorUnit.valueOf(rs.getString("counts")),
                IndicatorBase.valueOf(rs.getString("denominator")),
                rs.getString("group_by"),
                rs.getString("threshold_key"),
                direction == null ? null : IndicatorDirection.valueOf(direction),
                rs.getBoolean("hard"),
                rs.getBoolean("active"),
                rs.getInt("version"));
    }
}
