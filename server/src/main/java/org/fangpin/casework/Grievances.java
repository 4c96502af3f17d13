package org.fangpin.casework;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.casework.internal.Reach;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.RegionCode;
import org.fangpin.region.ScopedQuery;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 申诉与纠错: a household (through a cadre) or a cadre questions a rejection, an elimination or the data; the county
 * decides within {@code grievance_deadline_days}. Upheld against a rejection, a new identification case opens
 * (dated the grievance); upheld against an elimination, the household is included again at once; data errors are
 * corrected in the registry by the person who upholds them, with the grievance as the reason.
 */
@Service
public class Grievances {

    public enum Kind implements Labelled {
        WRONGLY_REJECTED("应纳未纳（不予纳入有误）", "Wrongly not included"),
        WRONGLY_ELIMINATED("风险消除有误", "Risk wrongly eliminated"),
        WRONG_DATA("信息错误", "Wrong data"),
        OTHER("其他", "Other");

        private final String zh;
        private final String en;

        Kind(String zh, String en) {
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

    public enum Status {
        OPEN,
        UPHELD,
        DISMISSED
    }

    public record Grievance(
            long id,
            long householdId,
            String householdNo,
            String villageCode,
            Kind kind,
            Long caseId,
            boolean byHousehold,
            String complainant,
            String content,
            LocalDate receivedOn,
            LocalDate deadline,
            Status status,
            String decision,
            String decidedBy,
            LocalDate decidedOn,
            Long followUpCase,
            String recordedBy,
            Instant recordedAt,
            boolean overdue,
            int version) {
        /** Free text can hold an ID or phone number: shown masked, like the structured fields. */
        public Grievance {
            complainant = SensitiveText.mask(complainant);
            content = SensitiveText.mask(content);
            decision = SensitiveText.mask(decision);
        }
    }

    public record NewGrievance(
            Long householdId,
            Kind kind,
            Long caseId,
            Boolean byHousehold,
            String complainant,
            String content,
            LocalDate receivedOn) {}

    public record Ruling(Boolean upheld, String decision) {}

    /** Filters for the grievance list; null leaves a filter out. */
    public record Query(Status status, Boolean overdue, Long household, int limit) {}

    @Schema(name = "GrievanceCounts")
    public record Counts(long open, long overdue, long decidedInTime, long decidedLate) {}

    /** Published (in the same transaction) when the county decides a grievance, for reporting. */
    public record Decided(long grievanceId, long householdId, String villageCode, Kind kind, boolean upheld) {}

    private final JdbcClient jdbc;
    private final Reach reach;
    private final Registry registry;
    private final Cases cases;
    private final PolicyParameters parameters;
    private final AuditLog audit;
    private final Messages messages;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Grievances(
            JdbcClient jdbc,
            Reach reach,
            Registry registry,
            Cases cases,
            PolicyParameters parameters,
            AuditLog audit,
            Messages messages,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.reach = reach;
        this.registry = registry;
        this.cases = cases;
        this.parameters = parameters;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Grievance> list(Query q) {
        return ScopedQuery.select("select * from grievance", "village_code", reach.scope())
                .bind("today", today())
                .when(q.status(), "status = :status", "status")
                .either(q.overdue(), OVERDUE, "not " + OVERDUE)
                .when(q.household(), "household_id = :household", "household")
                .page(jdbc, "id", null, q.limit(), this::grievance);
    }

    @Transactional(readOnly = true)
    public Counts counts() {
        Map<String, Object> p = new HashMap<>();
        p.put("today", today());
        return jdbc.sql("select count(*) filter (where status = 'OPEN'), count(*) filter (where " + OVERDUE + "),"
                        + " count(*) filter (where decided_on <= deadline), count(*) filter (where decided_on >"
                        + " deadline) from grievance where " + reach.condition("village_code", p))
                .params(p)
                .query((rs, i) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    @Transactional(readOnly = true)
    public Grievance get(long id) {
        return find(id, false);
    }

    @Transactional
    public Grievance lodge(NewGrievance g) {
        Actor me = reach.require(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        List<FieldProblem> problems = new ArrayList<>();
        if (g.householdId() == null) {
            problems.add(FieldProblem.of("householdId", messages.get("casework.required")));
        }
        if (g.kind() == null) {
            problems.add(FieldProblem.of("kind", messages.get("casework.required")));
        }
        if (g.content() == null || g.content().isBlank() || g.content().length() > 2000) {
            problems.add(FieldProblem.of("content", messages.get("casework.statement")));
        }
        LocalDate received = g.receivedOn() == null ? today() : g.receivedOn();
        if (received.isAfter(today())) {
            problems.add(FieldProblem.of("receivedOn", messages.get("casework.future-date")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        HouseholdView h = registry.household(g.householdId())
                .filter(x -> !x.deleted())
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", g.householdId()));
        if (g.caseId() != null && cases.ofHousehold(h.id()).stream().noneMatch(c -> c.id() == g.caseId())) {
            throw ApiException.invalid("caseId", messages.get("casework.grievance.case"));
        }
        if (g.kind() == Kind.WRONGLY_ELIMINATED && h.monitoringState() != MonitoringState.ELIMINATED) {
            throw ApiException.conflict("casework.grievance.not-eliminated", h.householdNo());
        }
        int days = parameters
                .resolve(RegionCode.province(h.villageCode()), received)
                .get("grievance_deadline_days")
                .value()
                .intValue();
        long id = jdbc.sql("""
                insert into grievance (household_id, household_no, village_code, kind, case_id, by_household,
                    complainant, content, received_on, deadline, status, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) returning id""")
                .params(
                        h.id(),
                        h.householdNo(),
                        h.villageCode(),
                        g.kind().name(),
                        g.caseId(),
                        !Boolean.FALSE.equals(g.byHousehold()),
                        g.complainant() == null || g.complainant().isBlank()
                                ? null
                                : g.complainant().strip(),
                        g.content().strip(),
                        received,
                        received.plusDays(days),
                        me.username())
                .query(Long.class)
                .single();
        audit.record(
                "GRIEVANCE_LODGED",
                "grievance",
                Long.toString(id),
                Map.of("kind", g.kind().name()));
        return find(id, false);
    }

    /** The county's decision, with its reasons; upheld grievances against decisions set the follow-up in motion. */
    @Transactional
    public Grievance decide(long id, int version, Ruling r) {
        Actor me = reach.require(Role.COUNTY);
        Grievance g = find(id, true);
        if (g.version() != version) {
            throw ApiException.preconditionFailed("casework.grievance.stale", id);
        }
        if (g.status() != Status.OPEN) {
            throw ApiException.conflict("casework.grievance.decided", id);
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (r.upheld() == null) {
            problems.add(FieldProblem.of("upheld", messages.get("casework.required")));
        }
        if (r.decision() == null || r.decision().isBlank()) {
            problems.add(FieldProblem.of("decision", messages.get("casework.note-required")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Long followUp = null;
        if (r.upheld()) {
            String statement = messages.get("casework.grievance.statement", id, g.content());
            if (g.kind() == Kind.WRONGLY_REJECTED) {
                followUp = cases.open(new Cases.Opening(
                                CaseKind.IDENTIFICATION,
                                g.householdId(),
                                CaseChannel.APPLICATION,
                                statement,
                                g.receivedOn(),
                                null,
                                List.of()))
                        .id();
            } else if (g.kind() == Kind.WRONGLY_ELIMINATED) {
                followUp = cases.reincludeOnGrievance(g.householdId(), id, statement, g.receivedOn())
                        .id();
            }
        }
        jdbc.sql("""
                update grievance set status = ?, decision = ?, decided_by = ?, decided_on = ?, follow_up_case = ?,
                    version = version + 1 where id = ? and version = ?""")
                .params(
                        r.upheld() ? "UPHELD" : "DISMISSED",
                        r.decision().strip(),
                        me.username(),
                        today(),
                        followUp,
                        id,
                        version)
                .update();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("upheld", r.upheld());
        d.put("followUpCase", followUp);
        audit.record("GRIEVANCE_DECIDED", "grievance", Long.toString(id), d);
        events.publishEvent(new Decided(id, g.householdId(), g.villageCode(), g.kind(), r.upheld()));
        return find(id, false);
    }

    private static final String OVERDUE = "(status = 'OPEN' and deadline < :today)";

    private Grievance find(long id, boolean lock) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("today", today());
        return jdbc.sql("select * from grievance where id = :id and " + reach.condition("village_code", p)
                        + (lock ? " for update" : ""))
                .params(p)
                .query(this::grievance)
                .optional()
                .orElseThrow(() -> ApiException.notFound("casework.grievance.not-found", id));
    }

    private Grievance grievance(ResultSet rs, int i) throws SQLException {
        Status status = Status.valueOf(rs.getString("status"));
        LocalDate deadline = rs.getObject("deadline", LocalDate.class);
        return new Grievance(
                rs.getLong("id"),
                rs.getLong("household_id"),
                rs.getString("household_no"),
                rs.getString("village_code"),
                Kind.valueOf(rs.getString("kind")),
                (Long) rs.getObject("case_id"),
                rs.getBoolean("by_household"),
                rs.getString("complainant"),
                rs.getString("content"),
                rs.getObject("received_on", LocalDate.class),
                deadline,
                status,
                rs.getString("decision"),
                rs.getString("decided_by"),
                rs.getObject("decided_on", LocalDate.class),
                (Long) rs.getObject("follow_up_case"),
                rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant(),
                status == Status.OPEN && today().isAfter(deadline),
                rs.getInt("version"));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
