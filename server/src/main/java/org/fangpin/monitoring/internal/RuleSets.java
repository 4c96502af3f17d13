package org.fangpin.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangpin.common.Labelled;
import org.fangpin.common.expression.RuleExpression;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 监测规则集: rules as data. A set belongs to the nation (the default) or a province, has a version, and is a
 * draft until activated from a date; then it is frozen, and in force for its province's households from that
 * date until a later active set takes over. Runs record the set they used, so a change never alters earlier runs.
 */
@Service
public class RuleSets {

    /** A rule's suggested category when it depends on the household: 脱贫户 → unstable, others → marginal. */
    public static final String BY_STATUS = "BY_STATUS";

    private final JdbcClient jdbc;
    private final Actor.Current actor;
    private final AuditLog audit;
    private final PolicyParameters parameters;
    private final Messages messages;

    RuleSets(JdbcClient jdbc, Actor.Current actor, AuditLog audit, PolicyParameters parameters, Messages messages) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.actor = actor;
        this.audit = audit;
        this.parameters = parameters;
    }

    public enum Status {
        DRAFT,
        ACTIVE
    }

    public enum Severity {
        HIGH,
        MEDIUM,
        LOW
    }

    /** One rule: a condition over indicators and parameters, and what it suggests when it fires. */
    public record Rule(
            String code,
            String nameZh,
            String nameEn,
            String expression,
            Severity severity,
            String category,
            RiskCause cause,
            boolean appliesToMonitored) {}

    public record RuleSet(
            UUID id,
            String provinceCode,
            int version,
            String name,
            Status status,
            LocalDate effectiveFrom,
            String note,
            Instant createdAt,
            String createdBy,
            Instant activatedAt,
            String activatedBy,
            List<Rule> rules) {

        /** The set's rule with this code. */
        public Optional<Rule> rule(String code) {
            for (Rule r : rules) {
                if (r.code().equals(code)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    /** What a draft is made of. */
    public record Draft(String provinceCode, String name, String note, List<Rule> rules) {}

    public List<RuleSet> list() {
        List<RuleSet> sets = jdbc.sql("select * from rule_set order by province_code nulls first, version")
                .query(this::header)
                .list();
        return sets.stream().map(s -> withRules(s)).toList();
    }

    public RuleSet get(UUID id) {
        return jdbc.sql("select * from rule_set where id = ?")
                .param(id)
                .query(this::header)
                .optional()
                .map(this::withRules)
                .orElseThrow(() -> ApiException.notFound("monitoring.rule-set.not-found", id));
    }

    /** The set in force for a province's households on a date: the province's own, else the national one. */
    public Optional<RuleSet> inForce(String provinceCode, LocalDate date) {
        return jdbc.sql("""
                select * from rule_set where status = 'ACTIVE' and effective_from <= :date
                  and (province_code is null or province_code = :province)
                order by province_code nulls last, effective_from desc, version desc limit 1""")
                .param("date", date)
                .param("province", provinceCode)
                .query(this::header)
                .optional()
                .map(this::withRules);
    }

    /** What rule expressions may name: every indicator and every policy parameter. */
    public Map<String, RuleExpression.Type> vocabulary() {
        Map<String, RuleExpression.Type> v = new HashMap<>();
        for (Indicator i : Indicator.values()) {
            v.put(i.id(), i.type());
        }
        parameters.definitions().forEach(d -> v.put(d.key(), RuleExpression.Type.NUMBER));
        return v;
    }

    /**
     * The rules' conditions in words, by expression: each indicator and parameter by its name in the reader's
     * language (e.g. 家庭年人均纯收入 < 监测收入线), the parameters read once for all; an expression that no longer
     * parses is shown as it was written.
     */
    public Map<String, String> words(Collection<Rule> rules, Locale locale) {
        boolean zh = !"en".equals(locale.getLanguage());
        Map<String, String> names = new HashMap<>();
        Map<String, RuleExpression.Type> vocabulary = new HashMap<>();
        for (Indicator i : Indicator.values()) {
            names.put(i.id(), zh ? i.zh() : i.en());
            vocabulary.put(i.id(), i.type());
        }
        parameters.definitions().forEach(d -> {
            names.put(d.key(), zh ? d.nameZh() : d.nameEn());
            vocabulary.put(d.key(), RuleExpression.Type.NUMBER);
        });
        Map<String, String> out = new HashMap<>();
        for (Rule r : rules) {
            out.computeIfAbsent(r.expression(), e -> {
                try {
                    return RuleExpression.parse(e, vocabulary).render(id -> names.getOrDefault(id, id), zh);
                } catch (RuleExpression.Invalid x) {
                    return e;
                }
            });
        }
        return out;
    }

    @Transactional
    public RuleSet createDraft(Draft draft) {
        String province = province(draft.provinceCode());
        mayEdit(province);
        validate(draft);
        jdbc.sql("select pg_advisory_xact_lock(hashtext('rule_set:' || coalesce(?, '')))")
                .param(province)
                .query()
                .listOfRows();
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from rule_set where province_code is not"
                        + " distinct from ?")
                .param(province)
                .query(Integer.class)
                .single();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into rule_set (id, province_code, version, name, status, note, created_by) values (?, ?, ?, ?,"
                        + " 'DRAFT', ?, ?)")
                .params(id, province, version, draft.name().strip(), draft.note(), who())
                .update();
        insertRules(id, draft.rules());
        audit.record(
                "RULE_SET_DRAFT",
                "rule_set",
                id.toString(),
                Map.of("version", version, "rules", draft.rules().size()));
        return get(id);
    }

    @Transactional
    public RuleSet updateDraft(UUID id, Draft draft) {
        RuleSet current = lockDraft(id);
        validate(draft);
        jdbc.sql("update rule_set set name = ?, note = ? where id = ?")
                .params(draft.name().strip(), draft.note(), id)
                .update();
        jdbc.sql("delete from rule_definition where rule_set_id = ?").param(id).update();
        insertRules(id, draft.rules());
        audit.record("RULE_SET_EDIT", "rule_set", id.toString(), Map.of("version", current.version()));
        return get(id);
    }

    @Transactional
    public void deleteDraft(UUID id) {
        lockDraft(id);
        if (jdbc.sql("select count(*) from monitoring_run where rule_sets @> cast(? as jsonb)")
                        .param("[{\"ruleSetId\": \"" + id + "\"}]")
                        .query(Long.class)
                        .single()
                > 0) {
            throw ApiException.conflict("monitoring.rule-set.used");
        }
        jdbc.sql("delete from rule_set where id = ?").param(id).update();
        audit.record("RULE_SET_DELETE", "rule_set", id.toString(), Map.of());
    }

    /** Freezes a draft and puts it in force from a date after the province's latest active set's. */
    @Transactional
    public RuleSet activate(UUID id, LocalDate effectiveFrom) {
        RuleSet draft = lockDraft(id);
        if (effectiveFrom == null) {
            throw ApiException.invalid("effectiveFrom", messages.get("validation.required"));
        }
        if (draft.rules().isEmpty()) {
            throw ApiException.invalid("rules", messages.get("monitoring.rule-set.empty"));
        }
        Optional<LocalDate> latest = jdbc.sql("select max(effective_from) from rule_set where status = 'ACTIVE' and"
                        + " province_code is not distinct from ?")
                .param(draft.provinceCode())
                .query(LocalDate.class)
                .optional();
        if (latest.isPresent() && !effectiveFrom.isAfter(latest.get())) {
            throw ApiException.invalid("effectiveFrom", messages.get("monitoring.rule-set.effective-order"));
        }
        jdbc.sql("update rule_set set status = 'ACTIVE', effective_from = ?, activated_at = now(), activated_by = ?"
                        + " where id = ?")
                .params(effectiveFrom, who(), id)
                .update();
        audit.record(
                "RULE_SET_ACTIVATE",
                "rule_set",
                id.toString(),
                Map.of("version", draft.version(), "effectiveFrom", effectiveFrom.toString()));
        return get(id);
    }

    /** Checks every rule: code, names, a well-formed and well-typed expression, severity, category and cause. */
    public void validate(Draft draft) {
        List<FieldProblem> problems = new ArrayList<>();
        if (draft.name() == null || draft.name().isBlank()) {
            problems.add(FieldProblem.of("name", messages.get("validation.required")));
        }
        Map<String, RuleExpression.Type> vocabulary = vocabulary();
        Set<String> codes = new HashSet<>();
        List<Rule> rules = draft.rules() == null ? List.of() : draft.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String at = "rules[" + i + "].";
            if (r.code() == null || !r.code().matches("[A-Z][A-Z0-9_]{1,31}")) {
                problems.add(FieldProblem.of(at + "code", messages.get("monitoring.rule.code")));
            } else if (!codes.add(r.code())) {
                problems.add(FieldProblem.of(at + "code", messages.get("monitoring.rule.duplicate")));
            }
            if (r.nameZh() == null || r.nameZh().isBlank()) {
                problems.add(FieldProblem.of(at + "nameZh", messages.get("validation.required")));
            }
            if (r.nameEn() == null || r.nameEn().isBlank()) {
                problems.add(FieldProblem.of(at + "nameEn", messages.get("validation.required")));
            }
            if (r.severity() == null) {
                problems.add(FieldProblem.of(at + "severity", messages.get("validation.required")));
            }
            if (r.cause() == null) {
                problems.add(FieldProblem.of(at + "cause", messages.get("validation.required")));
            }
            if (r.category() == null
                    || !(r.category().equals(BY_STATUS)
                            || Labelled.parse(MonitoringCategory.class, r.category())
                                    .isPresent())) {
                problems.add(FieldProblem.of(at + "category", messages.get("monitoring.rule.category")));
            }
            try {
                RuleExpression.parse(r.expression(), vocabulary);
            } catch (RuleExpression.Invalid e) {
                problems.add(new FieldProblem(
                        at + "expression",
                        messages.get("expression.at", messages.get(e.key(), e.args()), e.position() + 1),
                        r.expression()));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    private void insertRules(UUID id, List<Rule> rules) {
        int ordinal = 0;
        for (Rule r : rules) {
            String category = r.category().equals(BY_STATUS)
                    ? BY_STATUS
                    : Labelled.parse(MonitoringCategory.class, r.category())
                            .orElseThrow()
                            .name();
            jdbc.sql("insert into rule_definition (rule_set_id, code, ordinal, name_zh, name_en, expression, severity,"
                            + " category, cause, applies_to_monitored) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            id,
                            r.code(),
                            ++ordinal,
                            r.nameZh().strip(),
                            r.nameEn().strip(),
                            r.expression().strip(),
                            r.severity().name(),
                            category,
                            r.cause().name(),
                            r.appliesToMonitored())
                    .update();
        }
    }

    private RuleSet lockDraft(UUID id) {
        RuleSet s = jdbc.sql("select * from rule_set where id = ? for update")
                .param(id)
                .query(this::header)
                .optional()
                .map(this::withRules)
                .orElseThrow(() -> ApiException.notFound("monitoring.rule-set.not-found", id));
        mayEdit(s.provinceCode());
        if (s.status() != Status.DRAFT) {
            throw ApiException.conflict("monitoring.rule-set.frozen", s.version());
        }
        return s;
    }

    /** A province user edits its own province's sets; national sets come with releases or the command line. */
    private void mayEdit(String province) {
        Optional<Actor> who = actor.get();
        if (who.isPresent()) {
            Actor a = who.get();
            if (a.role() != Role.PROVINCE || province == null || !province.equals(a.regionCode())) {
                throw new ApiException(
                        HttpStatus.FORBIDDEN, "forbidden", "monitoring.rule-set.own-province", List.of());
            }
        }
    }

    private String province(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (!RegionCode.fitsLevel(code, RegionLevel.PROVINCE)) {
            throw ApiException.invalid("provinceCode", messages.get("monitoring.parameter.province-code"));
        }
        return code;
    }

    private String who() {
        return actor.username();
    }

    private RuleSet header(ResultSet rs, int i) throws SQLException {
        return new RuleSet(
                rs.getObject("id", UUID.class),
                rs.getString("province_code"),
                rs.getInt("version"),
                rs.getString("name"),
                Status.valueOf(rs.getString("status")),
                rs.getObject("effective_from", LocalDate.class),
                rs.getString("note"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                rs.getTimestamp("activated_at") == null
                        ? null
                        : rs.getTimestamp("activated_at").toInstant(),
                rs.getString("activated_by"),
                List.of());
    }

    private RuleSet withRules(RuleSet s) {
        List<Rule> rules = jdbc.sql("select * from rule_definition where rule_set_id = ? order by ordinal")
                .param(s.id())
                .query((rs, i) -> new Rule(
                        rs.getString("code"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        rs.getString("expression"),
                        Severity.valueOf(rs.getString("severity")),
                        rs.getString("category"),
                        RiskCause.valueOf(rs.getString("cause")),
                        rs.getBoolean("applies_to_monitored")))
                .list();
        return new RuleSet(
                s.id(),
                s.provinceCode(),
                s.version(),
                s.name(),
                s.status(),
                s.effectiveFrom(),
                s.note(),
                s.createdAt(),
                s.createdBy(),
                s.activatedAt(),
                s.activatedBy(),
                rules);
    }
}
