package org.fangpin.casework.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.CaseChannel;
import org.fangpin.casework.CaseKind;
import org.fangpin.casework.CaseStage;
import org.fangpin.casework.Cases.CaseFile;
import org.fangpin.casework.Cases.Counts;
import org.fangpin.casework.Cases.Opened;
import org.fangpin.casework.Cases.Query;
import org.fangpin.casework.Cases.Step;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.jdbc.Rows;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.ScopedQuery;
import org.fangpin.registry.HouseholdView;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where cases live: {@code case_file} with its steps ({@code case_step}); its objections are {@code common.publicity}'s.
 * Every read is limited to the caller's reach; every change of a case raises its version (a user acting on an older
 * one gets 412), records a step with who took it and writes the audit log. Callers hold the transaction.
 */
@Component
public class CaseStore {

    private final JdbcClient jdbc;
    private final Reach reach;
    private final RegionDirectory regions;
    private final PolicyParameters parameters;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    CaseStore(
            JdbcClient jdbc,
            Reach reach,
            RegionDirectory regions,
            PolicyParameters parameters,
            AuditLog audit,
            ApplicationEventPublisher events,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.reach = reach;
        this.regions = regions;
        this.parameters = parameters;
        this.audit = audit;
        this.events = events;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    // ---- reads ----

    private static final String SELECT = "select case_file.*, "
            + Publicities.openObjectionCount(org.fangpin.casework.Cases.PUBLICITY, "case_file.id")
            + " as open_objections from case_file";

    public List<CaseFile> list(Query q) {
        return ScopedQuery.select(SELECT, "village_code", reach.scope())
                .inRegion(q.region(), regions, () -> ApiException.invalid("region", messages.get("casework.region")))
                .when(q.stage(), "stage = :stage", "stage")
                .either(
                        q.overdue(),
                        "closed_at is null and deadline < :today",
                        "not (closed_at is null and deadline < :today)")
                .bind("today", today())
                .when(q.household(), "household_id = :household", "household")
                .page(jdbc, "id", q.before(), q.limit(), this::caseFile);
    }

    public Counts counts() {
        Map<String, Object> p = new HashMap<>();
        p.put("today", today());
        Map<CaseStage, Long> byStage = new EnumMap<>(CaseStage.class);
        for (CaseStage s : CaseStage.values()) {
            byStage.put(s, 0L);
        }
        jdbc.sql("select stage, count(*) from case_file where " + scope(p) + " group by stage")
                .params(p)
                .query((rs, i) -> byStage.put(CaseStage.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        long[] n = jdbc.sql("select count(*) filter (where closed_at is null and deadline < :today),"
                        + " count(*) filter (where closed_on <= deadline), count(*) filter (where closed_on > deadline)"
                        + " from case_file where " + scope(p))
                .params(p)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();
        return new Counts(byStage, n[0], n[1], n[2]);
    }

    /** The case within the caller's reach (else 404); locked for the rest of the transaction when asked. */
    public CaseFile find(long id, boolean lock) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("today", today());
        if (lock) {
            // taken before the step's checks: a second user on the same step waits, then sees the new version
            jdbc.sql("select id from case_file where id = :id and " + scope(p) + " for update")
                    .params(p)
                    .query(Long.class)
                    .optional();
        }
        return jdbc.sql(SELECT + " where id = :id and " + scope(p))
                .params(p)
                .query(this::caseFile)
                .optional()
                .orElseThrow(() -> ApiException.notFound("casework.not-found", id));
    }

    /** The case, locked, if the caller may act on it at this stage and version (else 412 or 409). */
    public CaseFile at(long id, int version, CaseStage stage) {
        CaseFile c = find(id, true);
        if (c.version() != version) {
            throw ApiException.preconditionFailed("casework.stale", id);
        }
        if (c.stage() != stage) {
            throw ApiException.conflict(
                    "casework.stage", c.stage().label(messages.locale()), stage.label(messages.locale()));
        }
        return c;
    }

    /** The household's open case, if any (whoever's reach it is in). */
    public Optional<Long> openCaseOf(long householdId) {
        return jdbc.sql("select id from case_file where household_id = ? and closed_at is null")
                .param(householdId)
                .query(Long.class)
                .optional();
    }

    /** The day of the case's latest 入户核实 (a case returned for another visit has several), if any. */
    public Optional<LocalDate> lastVisitedOn(long id) {
        return jdbc.sql("select (details ->> 'visitedOn')::date from case_step where case_id = ? and action ="
                        + " 'VERIFIED' and details ->> 'visitedOn' is not null order by id desc limit 1")
                .param(id)
                .query(LocalDate.class)
                .optional();
    }

    public List<Step> steps(long id) {
        return jdbc.sql("select * from case_step where case_id = ? order by id")
                .param(id)
                .query((rs, i) -> new Step(
                        rs.getLong("id"),
                        rs.getString("action"),
                        rs.getString("from_stage") == null ? null : CaseStage.valueOf(rs.getString("from_stage")),
                        CaseStage.valueOf(rs.getString("to_stage")),
                        json.readTree(rs.getString("details")),
                        rs.getString("note"),
                        rs.getString("actor"),
                        rs.getString("actor_role"),
                        rs.getString("actor_region"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    /** The details of the case's first step of this kind, if it took one. */
    public Optional<Map<String, Object>> firstStep(long caseId, String action) {
        return jdbc.sql("select details::text from case_step where case_id = ? and action = ? order by id limit 1")
                .params(caseId, action)
                .query(String.class)
                .optional()
                .map(j -> json.readValue(j, new TypeReference<Map<String, Object>>() {}));
    }

    /** The alerts that led to the case: the one that opened it and those linked to it since. */
    public List<Long> alertsOf(long caseId) {
        return jdbc.sql("select alert_id from case_file where id = ? and alert_id is not null union select"
                        + " cast(details ->> 'alertId' as bigint) from case_step where case_id = ? and action ="
                        + " 'ALERT_LINKED'")
                .params(caseId, caseId)
                .query(Long.class)
                .list();
    }

    // ---- changes ----

    /**
     * A new case at field verification, its deadline {@code identification_deadline_days} from discovery. An
     * identification needs a household not monitored, an elimination a monitored one, and neither may have another
     * case open (409).
     */
    public CaseFile create(
            CaseKind kind,
            HouseholdView h,
            CaseChannel channel,
            Long alertId,
            String statement,
            String category,
            List<String> causes,
            LocalDate discovered,
            Actor me) {
        if (kind == CaseKind.IDENTIFICATION && h.monitored()) {
            throw ApiException.conflict("casework.already-monitored", h.householdNo());
        }
        if (kind == CaseKind.ELIMINATION && !h.monitored()) {
            throw ApiException.conflict("casework.not-monitored", h.householdNo());
        }
        Optional<Long> open = openCaseOf(h.id());
        if (open.isPresent()) {
            throw ApiException.conflict("casework.open-case", h.householdNo(), open.get());
        }
        LocalDate deadline =
                discovered.plusDays(intParameter(h.villageCode(), "identification_deadline_days", discovered));
        long id = jdbc.sql("""
                insert into case_file (kind, household_id, household_no, village_code, channel, alert_id, statement,
                    suggested_category, suggested_causes, discovered_on, deadline, stage, opened_by)
                values (:kind, :h, :no, :village, :channel, :alert, :statement, :category, :causes, :discovered,
                    :deadline, 'VERIFICATION', :by)
                returning id""")
                .param("kind", kind.name())
                .param("h", h.id())
                .param("no", h.householdNo())
                .param("village", h.villageCode())
                .param("channel", channel.name())
                .param("alert", alertId)
                .param("statement", statement)
                .param("category", category)
                .param("causes", causes.toArray(String[]::new))
                .param("discovered", discovered)
                .param("deadline", deadline)
                .param("by", me == null ? Actor.SYSTEM : me.username())
                .query(Long.class)
                .single();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", kind.name());
        d.put("channel", channel.name());
        d.put("discoveredOn", discovered.toString());
        d.put("deadline", deadline.toString());
        if (alertId != null) {
            d.put("alertId", alertId);
        }
        step(id, "OPENED", null, CaseStage.VERIFICATION, d, statement, me);
        audit.record("CASE_OPENED", "case", Long.toString(id), d);
        events.publishEvent(new Opened(id, h.id(), h.villageCode(), channel));
        return find(id, false);
    }

    /** Moves the case to a stage (it may stay where it is), setting the columns given, as one recorded step. */
    public CaseFile move(
            CaseFile c,
            CaseStage to,
            String action,
            Map<String, Object> details,
            String note,
            Actor me,
            Map<String, Object> set) {
        StringBuilder sql = new StringBuilder("update case_file set stage = :stage, version = version + 1");
        Map<String, Object> p = new HashMap<>(set);
        for (String col : set.keySet()) {
            sql.append(", ").append(col).append(" = :").append(col);
        }
        sql.append(" where id = :id and version = :version");
        p.put("stage", to.name());
        p.put("id", c.id());
        p.put("version", c.version());
        if (jdbc.sql(sql.toString()).params(p).update() == 0) {
            throw ApiException.preconditionFailed("casework.stale", c.id());
        }
        step(c.id(), action, c.stage(), to, details, blank(note) ? null : note.strip(), me);
        audit.record("CASE_" + action, "case", Long.toString(c.id()), details);
        return find(c.id(), false);
    }

    /** Raises the version without moving the case (a step recorded beside it changed what users saw). */
    public void bump(long id, int version) {
        if (jdbc.sql("update case_file set version = version + 1 where id = ? and version = ?")
                        .params(id, version)
                        .update()
                == 0) {
            throw ApiException.preconditionFailed("casework.stale", id);
        }
    }

    public void step(
            long caseId, String action, CaseStage from, CaseStage to, Map<String, ?> details, String note, Actor me) {
        jdbc.sql("""
                insert into case_step (case_id, action, from_stage, to_stage, details, note, actor, actor_role, actor_region)
                values (?, ?, ?, ?, cast(? as json), ?, ?, ?, ?)""")
                .params(
                        caseId,
                        action,
                        from == null ? null : from.name(),
                        to.name(),
                        json.writeValueAsString(details),
                        note,
                        me == null ? Actor.SYSTEM : me.username(),
                        me == null ? "SYSTEM" : me.role().name(),
                        me == null ? null : me.regionCode())
                .update();
    }

    /** A whole-number policy parameter in force for the village's province on the day. */
    public int intParameter(String villageCode, String key, LocalDate on) {
        PolicyParameters.Value v =
                parameters.resolve(RegionCode.province(villageCode), on).get(key);
        if (v == null) {
            throw new IllegalStateException("no value for policy parameter " + key + " on " + on);
        }
        return v.value().intValue();
    }

    // ---- internals ----

    /** The condition on {@code case_file} for the caller's reach. */
    private String scope(Map<String, Object> p) {
        return reach.condition("village_code", p);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private CaseFile caseFile(ResultSet rs, int i) throws SQLException {
        CaseStage stage = CaseStage.valueOf(rs.getString("stage"));
        LocalDate deadline = rs.getObject("deadline", LocalDate.class);
        return new CaseFile(
                rs.getLong("id"),
                CaseKind.valueOf(rs.getString("kind")),
                rs.getLong("household_id"),
                rs.getString("household_no"),
                rs.getString("village_code"),
                CaseChannel.valueOf(rs.getString("channel")),
                (Long) rs.getObject("alert_id"),
                rs.getString("statement"),
                rs.getString("suggested_category"),
                Rows.strings(rs, "suggested_causes"),
                rs.getObject("discovered_on", LocalDate.class),
                deadline,
                stage,
                rs.getObject("publicity_from", LocalDate.class),
                rs.getObject("publicity_to", LocalDate.class),
                rs.getString("opened_by"),
                rs.getTimestamp("opened_at").toInstant(),
                Rows.instant(rs, "closed_at"),
                rs.getObject("closed_on", LocalDate.class),
                rs.getString("category"),
                Rows.strings(rs, "causes"),
                rs.getString("decision_reason"),
                stage.open() && today().isAfter(deadline),
                rs.getInt("open_objections"),
                rs.getInt("version"));
    }
}
