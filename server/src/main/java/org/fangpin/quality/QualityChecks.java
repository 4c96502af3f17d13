package org.fangpin.quality;

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
 * 数据质量核查规则 as data: a condition (rule expression) over the facts of one {@link QualitySource} and the policy
 * parameters, a weight in the villages' score, whether it is for review only (a finding that may be legitimate). A
 * change applies from the next run.
 */
@Service
public class QualityChecks {

    /** A check as defined; {@code version} is read only (If-Match on a change). */
    public record QualityCheck(
            String code,
            Integer ordinal,
            String nameZh,
            String nameEn,
            String descriptionZh,
            String descriptionEn,
            QualitySource source,
            String condition,
            BigDecimal weight,
            boolean reviewOnly,
            boolean active,
            int version) {

        public String name(boolean zh) {
            return zh ? nameZh : nameEn;
        }
    }

    private final JdbcClient jdbc;
    private final PolicyParameters parameters;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;

    QualityChecks(
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

    @Transactional(readOnly = true)
    public List<QualityCheck> list() {
        return jdbc.sql("select * from quality_check order by ordinal, code")
                .query(QualityChecks::check)
                .list();
    }

    /**
     * Defines a check or changes one ({@code expectedVersion} required then: 428 without, 412 when stale); 422 with
     * each field's reason.
     */
    @Transactional
    public QualityCheck save(String code, Integer expectedVersion, QualityCheck c) {
        QualityCheck before = jdbc.sql("select * from quality_check where code = ? for update")
                .param(code)
                .query(QualityChecks::check)
                .optional()
                .orElse(null);
        if (before != null && expectedVersion == null) {
            throw ApiException.preconditionRequired();
        }
        if (before != null && before.version() != expectedVersion) {
            throw ApiException.preconditionFailed("quality.check.stale", code);
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (code == null || !code.matches("[A-Z][A-Z0-9_]{1,31}")) {
            problems.add(FieldProblem.of("code", messages.get("quality.check.code")));
        }
        text(problems, "nameZh", c.nameZh(), 100);
        text(problems, "nameEn", c.nameEn(), 200);
        text(problems, "descriptionZh", c.descriptionZh(), 1000);
        text(problems, "descriptionEn", c.descriptionEn(), 2000);
        if (c.source() == null) {
            problems.add(FieldProblem.of("source", messages.get("quality.check.source")));
        } else if (c.condition() == null || c.condition().isBlank()) {
            problems.add(FieldProblem.of("condition", messages.get("quality.required")));
        } else {
            try {
                RuleExpression.parse(
                        c.condition(),
                        Conditions.vocabulary(parameterKeys(), c.source().columns()));
            } catch (RuleExpression.Invalid e) {
                problems.add(new FieldProblem(
                        "condition",
                        messages.get("expression.at", messages.get(e.key(), e.args()), e.position() + 1),
                        c.condition()));
            }
        }
        if (c.weight() == null || c.weight().signum() < 0 || c.weight().compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add(FieldProblem.of("weight", messages.get("quality.check.weight")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", code);
        p.put("ordinal", c.ordinal() != null ? c.ordinal() : before != null ? before.ordinal() : 1000);
        p.put("nameZh", c.nameZh().strip());
        p.put("nameEn", c.nameEn().strip());
        p.put("descriptionZh", c.descriptionZh().strip());
        p.put("descriptionEn", c.descriptionEn().strip());
        p.put("source", c.source().name());
        p.put("condition", c.condition().strip());
        p.put("weight", c.weight());
        p.put("reviewOnly", c.reviewOnly());
        p.put("active", c.active());
        p.put("user", actor.username());
        jdbc.sql("""
                        insert into quality_check (code, ordinal, name_zh, name_en, description_zh, description_en,
                            source, condition, weight, review_only, active, updated_by)
                        values (:code, :ordinal, :nameZh, :nameEn, :descriptionZh, :descriptionEn, :source, :condition,
                                :weight, :reviewOnly, :active, :user)
                        on conflict (code) do update set ordinal = excluded.ordinal, name_zh = excluded.name_zh,
                            name_en = excluded.name_en, description_zh = excluded.description_zh,
                            description_en = excluded.description_en, source = excluded.source,
                            condition = excluded.condition, weight = excluded.weight,
                            review_only = excluded.review_only, active = excluded.active,
                            updated_by = excluded.updated_by, updated_at = now(), version = quality_check.version + 1""").params(p).update();
        QualityCheck after = jdbc.sql("select * from quality_check where code = ?")
                .param(code)
                .query(QualityChecks::check)
                .single();
        events.publishEvent(new AuditableChange(
                "quality_check",
                code,
                before == null ? "QUALITY_CHECK_DEFINED" : "QUALITY_CHECK_CHANGED",
                before == null ? null : audit(before),
                audit(after),
                null));
        return after;
    }

    /** A check's condition as SQL over the facts row {@code f}, with the parameters' values in force. */
    Conditions.Compiled compile(QualityCheck c, Map<String, PolicyParameters.Value> values) {
        Map<String, BigDecimal> numbers = new LinkedHashMap<>();
        values.forEach((k, v) -> numbers.put(k, v.value()));
        return Conditions.compile(c.condition(), c.source().columns(), numbers, parameterKeys(), "f");
    }

    private Set<String> parameterKeys() {
        Set<String> keys = new LinkedHashSet<>();
        parameters.definitions().forEach(d -> keys.add(d.key()));
        return keys;
    }

    private void text(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(FieldProblem.of(field, messages.get("quality.required")));
        } else if (value.strip().length() > max) {
            problems.add(FieldProblem.of(field, messages.get("quality.too-long", Messages.count(max))));
        }
    }

    private static Map<String, Object> audit(QualityCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nameZh", c.nameZh());
        m.put("source", c.source().name());
        m.put("condition", c.condition());
        m.put("weight", c.weight());
        m.put("reviewOnly", c.reviewOnly());
        m.put("active", c.active());
        return m;
    }

    static QualityCheck check(ResultSet rs, int i) throws SQLException {
        return new QualityCheck(
                rs.getString("code"),
                rs.getInt("ordinal"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                rs.getString("description_zh"),
                rs.getString("description_en"),
                QualitySource.valueOf(rs.getString("source")),
                rs.getString("condition"),
                rs.getBigDecimal("weight"),
                rs.getBoolean("review_only"),
                rs.getBoolean("active"),
                rs.getInt("version"));
    }
}
