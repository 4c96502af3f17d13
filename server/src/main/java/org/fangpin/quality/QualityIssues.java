package org.fangpin.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RegistryLedgers;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the runs found, for the villages: the issues of a region in the caller's scope (the worklist), one issue, the
 * village's answer to it (fixed, explained, a false positive — with its reason), and each village's score: {@code
 * 100 − Σ over checks of weight × unresolved issues per 100 households − Σ over village-level checks of weight ×
 * unresolved issues}, at least 0, where unresolved means open or fixed but not yet confirmed by a run.
 */
@Service
public class QualityIssues {

    /** An issue with its check's name and its household's number (none: an issue about its village as a whole). */
    public record QualityIssue(
            long id,
            String check,
            String checkNameZh,
            String checkNameEn,
            boolean reviewOnly,
            Long householdId,
            String householdNo,
            String villageCode,
            String villageName,
            QualityIssueState state,
            Map<String, Object> facts,
            long firstRun,
            long lastRun,
            int reopened,
            String note,
            String reviewedBy,
            Instant reviewedAt,
            int version) {

        public String checkName(boolean zh) {
            return zh ? checkNameZh : checkNameEn;
        }
    }

    /** A page of issues, with the count of all that match and of the open ones per check. */
    public record IssuePage(List<QualityIssue> items, long total, Map<String, Long> openByCheck) {}

    /** What a village says of an issue: fixed, explained or a false positive, and why (required but for fixed). */
    public record IssueAnswer(QualityIssueState state, String note) {}

    /** A village's score and its unresolved issues per check. */
    public record VillageScore(
            String villageCode, String villageName, long households, Map<String, Long> unresolved, BigDecimal score) {}

    private static final Set<QualityIssueState> ANSWERS =
            Set.of(QualityIssueState.FIXED, QualityIssueState.EXPLAINED, QualityIssueState.FALSE_POSITIVE);

    private final JdbcClient jdbc;
    private final QualityChecks checks;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Registry registry;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final JsonMapper json;

    QualityIssues(
            JdbcClient jdbc,
            QualityChecks checks,
            DataScope dataScope,
            RegionDirectory regions,
            Registry registry,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            JsonMapper json) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.dataScope = dataScope;
        this.regions = regions;
        this.registry = registry;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.json = json;
    }

    /**
     * Issues of a region (none: the caller's whole scope) in the caller's scope, of a check and a state if given
     * (none: the live ones — open, fixed, explained, false positive), by village and check.
     */
    @Transactional(readOnly = true)
    public IssuePage list(String region, String check, QualityIssueState state, int offset, int limit) {
        Map<String, Object> p = new HashMap<>();
        String where = where(region, p);
        Map<String, Long> openByCheck = new LinkedHashMap<>();
        jdbc.sql("select check_code, count(*) from quality_issue where " + where
                        + " and state = 'OPEN' group by 1 order by 1")
                .params(p)
                .query((ResultSet rs) -> {
                    openByCheck.put(rs.getString(1), rs.getLong(2));
                });
        if (check != null && !check.isBlank()) {
            where += " and check_code = :check";
            p.put("check", check);
        }
        if (state != null) {
            where += " and state = :state";
            p.put("state", state.name());
        } else {
            where += " and state <> 'CLOSED'";
        }
        long total = jdbc.sql("select count(*) from quality_issue where " + where)
                .params(p)
                .query(Long.class)
                .single();
        p.put("offset", Math.max(0, offset));
        p.put("limit", Math.max(1, Math.min(limit, 5000)));
        List<QualityIssue> rows = jdbc.sql("select * from quality_issue where " + where
                        + " order by village_code, check_code, household_id nulls first offset :offset limit :limit")
                .params(p)
                .query(this::issue)
                .list();
        return new IssuePage(named(rows), total, openByCheck);
    }

    /** How many issues of the caller's scope wait for an answer (open). */
    @Transactional(readOnly = true)
    public long open() {
        Map<String, Object> p = new HashMap<>();
        return jdbc.sql("select count(*) from quality_issue where state = 'OPEN' and "
                        + dataScope.current().condition("village_code", p))
                .params(p)
                .query(Long.class)
                .single();
    }

    /** One issue of the caller's scope (404 otherwise). */
    @Transactional(readOnly = true)
    public QualityIssue get(long id) {
        return named(List.of(find(id, false))).get(0);
    }

    /**
     * The village's answer to an open issue (If-Match its version): fixed, explained or a false positive, with a
     * reason for the last two. 409 when the issue is not open; 422 with the field's reason.
     */
    @Transactional
    public QualityIssue review(long id, int expectedVersion, IssueAnswer r) {
        QualityIssue before = find(id, true);
        if (before.version() != expectedVersion) {
            throw ApiException.preconditionFailed("quality.issue.stale", id);
        }
        if (before.state() != QualityIssueState.OPEN) {
            throw ApiException.conflict("quality.issue.not-open", id);
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (r.state() == null || !ANSWERS.contains(r.state())) {
            problems.add(FieldProblem.of("state", messages.get("quality.issue.state")));
        }
        String note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
        if (note == null && r.state() != QualityIssueState.FIXED) {
            problems.add(FieldProblem.of("note", messages.get("quality.issue.note")));
        } else if (note != null && note.length() > 2000) {
            problems.add(FieldProblem.of("note", messages.get("quality.too-long", Messages.count(2000))));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String user = actor.username();
        jdbc.sql("""
                        update quality_issue set state = ?, note = ?, reviewed_by = ?, reviewed_at = now(),
                            version = version + 1 where id = ?""").params(r.state().name(), note, user, id).update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("state", r.state().name());
        after.put("note", note);
        events.publishEvent(new AuditableChange(
                "quality_issue",
                Long.toString(id),
                "QUALITY_ISSUE_REVIEWED",
                Map.of("state", before.state().name()),
                after,
                before.villageCode()));
        return get(id);
    }

    /** The villages of a region in the caller's scope with issues or households, the lowest score first. */
    @Transactional(readOnly = true)
    public List<VillageScore> villages(String region) {
        Map<String, Object> p = new HashMap<>();
        String where = where(region, p);
        Map<String, BigDecimal> weights = new HashMap<>();
        Set<String> villageChecks = new java.util.HashSet<>();
        checks.list().forEach(c -> {
            weights.put(c.code(), c.weight());
            if (c.source().villageLevel()) {
                villageChecks.add(c.code());
            }
        });
        Map<String, Map<String, Long>> unresolved = new TreeMap<>();
        jdbc.sql("select village_code, check_code, count(*) from quality_issue where " + where
                        + " and state in ('OPEN', 'FIXED') group by 1, 2")
                .params(p)
                .query((ResultSet rs) -> {
                    unresolved
                            .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                });
        Map<String, Long> households = new HashMap<>();
        Map<String, Object> hp = new HashMap<>();
        jdbc.sql("select village_code, households from (" + RegistryLedgers.VILLAGE_HOUSEHOLDS + ") v where "
                        + where(region, hp))
                .params(hp)
                .query((ResultSet rs) -> {
                    households.put(rs.getString(1), rs.getLong(2));
                });
        Set<String> codes = new java.util.TreeSet<>(households.keySet());
        codes.addAll(unresolved.keySet());
        Map<String, String> names = regions.names(codes);
        List<VillageScore> out = new ArrayList<>();
        for (String v : codes) {
            Map<String, Long> open = unresolved.getOrDefault(v, Map.of());
            long n = households.getOrDefault(v, 0L);
            out.add(new VillageScore(v, names.getOrDefault(v, v), n, open, score(open, weights, villageChecks, n)));
        }
        out.sort((a, b) -> a.score().compareTo(b.score()) != 0
                ? a.score().compareTo(b.score())
                : a.villageCode().compareTo(b.villageCode()));
        return out;
    }

    /**
     * {@code 100 − Σ weight × issues × 100 / households − Σ weight × village-level issues}, at least 0, to one
     * decimal; a village without households loses everything to any household's issue.
     */
    static BigDecimal score(
            Map<String, Long> unresolved, Map<String, BigDecimal> weights, Set<String> villageChecks, long households) {
        BigDecimal hundred = BigDecimal.valueOf(100);
        BigDecimal loss = BigDecimal.ZERO;
        for (Map.Entry<String, Long> e : unresolved.entrySet()) {
            BigDecimal weighted =
                    weights.getOrDefault(e.getKey(), BigDecimal.ONE).multiply(BigDecimal.valueOf(e.getValue()));
            if (villageChecks.contains(e.getKey())) {
                loss = loss.add(weighted);
            } else if (households == 0) {
                return BigDecimal.ZERO.setScale(1);
            } else {
                loss = loss.add(
                        weighted.multiply(hundred).divide(BigDecimal.valueOf(households), 10, RoundingMode.HALF_UP));
            }
        }
        return hundred.subtract(loss).max(BigDecimal.ZERO).setScale(1, RoundingMode.HALF_UP);
    }

    /** The region filter: a region of the caller's scope (404 outside it), or the whole scope. */
    private String where(String region, Map<String, Object> p) {
        if (region == null || region.isBlank()) {
            return dataScope.current().condition("village_code", p);
        }
        Region r = regions.find(region).orElse(null);
        RegionCode.CodeRange range =
                r == null ? null : dataScope.current().within(r).orElse(null);
        if (range == null) {
            throw ApiException.notFound("quality.region", region);
        }
        p.put("low", range.low());
        p.put("high", range.high());
        return "village_code between :low and :high";
    }

    private QualityIssue find(long id, boolean lock) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        return jdbc.sql("select * from quality_issue where id = :id and "
                        + dataScope.current().condition("village_code", p) + (lock ? " for update" : ""))
                .params(p)
                .query(this::issue)
                .optional()
                .orElseThrow(() -> ApiException.notFound("quality.issue.not-found", id));
    }

    private List<QualityIssue> named(List<QualityIssue> rows) {
        Map<String, QualityChecks.QualityCheck> byCode = new HashMap<>();
        checks.list().forEach(c -> byCode.put(c.code(), c));
        Map<String, String> names = regions.names(
                rows.stream().map(QualityIssue::villageCode).distinct().toList());
        Map<Long, Registry.Standing> standings = registry.standings(rows.stream()
                .map(QualityIssue::householdId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList());
        return rows.stream()
                .map(i -> {
                    QualityChecks.QualityCheck c = byCode.get(i.check());
                    Registry.Standing s = i.householdId() == null ? null : standings.get(i.householdId());
                    return new QualityIssue(
                            i.id(),
                            i.check(),
                            c == null ? i.check() : c.nameZh(),
                            c == null ? i.check() : c.nameEn(),
                            c != null && c.reviewOnly(),
                            i.householdId(),
                            s == null ? null : s.householdNo(),
                            i.villageCode(),
                            names.getOrDefault(i.villageCode(), i.villageCode()),
                            i.state(),
                            i.facts(),
                            i.firstRun(),
                            i.lastRun(),
                            i.reopened(),
                            i.note(),
                            i.reviewedBy(),
                            i.reviewedAt(),
                            i.version());
                })
                .toList();
    }

    private QualityIssue issue(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp reviewed = rs.getTimestamp("reviewed_at");
        return new QualityIssue(
                rs.getLong("id"),
                rs.getString("check_code"),
                null,
                null,
                false,
                rs.getObject("household_id", Long.class),
                null,
                rs.getString("village_code"),
                null,
                QualityIssueState.valueOf(rs.getString("state")),
                json.readValue(rs.getString("facts"), new TypeReference<Map<String, Object>>() {}),
                rs.getLong("first_run"),
                rs.getLong("last_run"),
                rs.getInt("reopened"),
                rs.getString("note"),
                rs.getString("reviewed_by"),
                reviewed == null ? null : reviewed.toInstant(),
                rs.getInt("version"));
    }
}
