package org.fangpin.casework;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.internal.MeasureRows;
import org.fangpin.casework.internal.Reach;
import org.fangpin.common.Department;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.jdbc.Rows;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.ScopedQuery;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 一户一策: the assistance plan of each monitored household — its 帮扶责任人, the measures chosen from the catalogue
 * for its causes (each with department, planned and actual dates, amount, status and evidence), and the follow-up
 * visits, with the households not visited within their interval. A plan starts when the county includes the
 * household (or when a responsible person is first named for a household already monitored); exit or elimination
 * never switches a measure off by itself (四个不摘).
 */
@Service
public class AssistancePlans {

    private final JdbcClient jdbc;
    private final Reach reach;
    private final Registry registry;
    private final PolicyParameters parameters;
    private final RegionDirectory regions;
    private final AuditLog audit;
    private final Messages messages;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    /** Published (in the same transaction) when a measure is added or changes status, for reporting. */
    public record MeasureRecorded(
            long householdId,
            String villageCode,
            long measureId,
            String type,
            MeasureStatus status,
            BigDecimal amount) {}

    /** Published when a follow-up visit is recorded, for reporting. */
    public record VisitRecorded(long householdId, String villageCode, long visitId, LocalDate visitedOn) {}

    private final MeasureRows rows;
    private final ObjectProvider<PlanHelpers> helpers;
    private final PlanResponsibles responsibles;

    AssistancePlans(
            JdbcClient jdbc,
            Reach reach,
            Registry registry,
            PolicyParameters parameters,
            RegionDirectory regions,
            AuditLog audit,
            Messages messages,
            Clock clock,
            ApplicationEventPublisher events,
            MeasureRows rows,
            ObjectProvider<PlanHelpers> helpers,
            PlanResponsibles responsibles) {
        this.responsibles = responsibles;
        this.rows = rows;
        this.helpers = helpers;
        this.events = events;
        this.jdbc = jdbc;
        this.reach = reach;
        this.registry = registry;
        this.parameters = parameters;
        this.regions = regions;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    public record MeasureType(String code, String nameZh, String nameEn, List<String> causes, Department department) {}

    public record Plan(
            long householdId,
            String householdNo,
            String villageCode,
            Long caseId,
            LocalDate startedOn,
            Long helperId,
            String responsibleName,
            String responsibleUser,
            int visitIntervalDays,
            LocalDate lastVisit,
            LocalDate nextVisitDue,
            boolean visitOverdue,
            int openMeasures,
            int version) {}

    public record Measure(
            long id,
            String type,
            String cause,
            Department department,
            String description,
            LocalDate plannedStart,
            LocalDate plannedEnd,
            LocalDate actualStart,
            LocalDate actualEnd,
            BigDecimal amount,
            MeasureStatus status,
            String evidence,
            String createdBy,
            Instant createdAt,
            String updatedBy,
            Instant updatedAt,
            int version,
            MeasureProjects.Named project) {
        /** Free text can hold an ID or phone number: shown masked, like the structured fields. */
        public Measure {
            description = SensitiveText.mask(description);
            evidence = SensitiveText.mask(evidence);
        }
    }

    public record Visit(
            long id,
            LocalDate visitedOn,
            String visitor,
            String notes,
            Boolean incomeStable,
            Boolean needsSecured,
            Instant recordedAt) {
        /** Free text can hold an ID or phone number: shown masked, like the structured fields. */
        public Visit {
            notes = SensitiveText.mask(notes);
        }
    }

    /** A plan with its helper (phone masked; null when none), measures and visits. */
    @Schema(name = "PlanDetail")
    public record Detail(Plan plan, PlanHelpers.Named helper, List<Measure> measures, List<Visit> visits) {}

    /** Filters for the plan list; null leaves a filter out ({@code before}: the last household id of the previous page). */
    public record Query(String region, Boolean visitOverdue, Boolean withoutResponsible, Long before, int limit) {}

    @Schema(name = "PlanCounts")
    public record Counts(long plans, long visitOverdue, long withoutResponsible, long openMeasures) {}

    /**
     * 帮扶责任人: the helper (of the household's county, at work) the household is paired with, the reason when it
     * replaces another, and how often the household is visited.
     */
    @Schema(name = "PlanResponsible")
    public record Responsible(Long helperId, String reason, Integer visitIntervalDays) {}

    public record NewMeasure(
            String type,
            RiskCause cause,
            Department department,
            String description,
            LocalDate plannedStart,
            LocalDate plannedEnd,
            BigDecimal amount,
            Long projectId) {}

    /** Progress on a measure: its status, actual dates, amount and evidence (required once done). */
    public record MeasureUpdate(
            MeasureStatus status, LocalDate actualStart, LocalDate actualEnd, BigDecimal amount, String evidence) {}

    public record NewVisit(LocalDate visitedOn, String notes, Boolean incomeStable, Boolean needsSecured) {}

    // ---- reads ----

    /** The catalogue of measures, or those for one cause (null: all). */
    public List<MeasureType> measureTypes(RiskCause cause) {
        return jdbc.sql(
                        "select * from measure_type where cast(:cause as text) is null or cast(:cause as text) = any(causes)"
                                + " order by ordinal")
                .param("cause", cause == null ? null : cause.name())
                .query((rs, i) -> new MeasureType(
                        rs.getString("code"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        Rows.strings(rs, "causes"),
                        Department.valueOf(rs.getString("department"))))
                .list();
    }

    @Transactional(readOnly = true)
    public List<Plan> list(Query q) {
        return ScopedQuery.select(SELECT, "ap.village_code", reach.scope())
                .bind("today", today())
                .inRegion(q.region(), regions, () -> ApiException.invalid("region", messages.get("casework.region")))
                .either(q.visitOverdue(), OVERDUE, "not " + OVERDUE)
                .either(q.withoutResponsible(), "ap.responsible_name is null", "ap.responsible_name is not null")
                .page(jdbc, "ap.household_id", q.before(), q.limit(), rows::plan);
    }

    @Transactional(readOnly = true)
    public Counts counts() {
        Map<String, Object> p = new HashMap<>();
        p.put("today", today());
        return jdbc.sql("select count(*), count(*) filter (where overdue), count(*) filter (where responsible_name is"
                        + " null), coalesce(sum(open_measures), 0) from (" + SELECT + " where "
                        + reach.condition("ap.village_code", p) + ") x")
                .params(p)
                .query((rs, i) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    @Transactional(readOnly = true)
    public Optional<Detail> find(long householdId) {
        return plan(householdId, false)
                .map(plan -> new Detail(
                        plan,
                        plan.helperId() == null
                                ? null
                                : helpers().flatMap(x -> x.current(householdId)).orElse(null),
                        rows.measures(householdId),
                        rows.visits(householdId)));
    }

    @Transactional(readOnly = true)
    public Detail detail(long householdId) {
        return find(householdId).orElseThrow(() -> ApiException.notFound("casework.plan.not-found", householdId));
    }

    // ---- writes ----

    /** Inclusion starts the plan, dated the decision day; the visit interval is the province's parameter. */
    @EventListener
    public void onDecided(Cases.Decided d) {
        if (d.included()) {
            start(d.householdId(), d.villageCode(), d.caseId(), d.on(), reach.current());
        }
    }

    /** 先帮扶后认定: a household included at once gets its plan at once, while its case goes on. */
    @EventListener
    public void onIncludedAtOnce(Cases.IncludedAtOnce i) {
        start(i.householdId(), i.villageCode(), i.caseId(), i.on(), reach.current());
    }

    /** 先帮扶后认定 not confirmed: the plan it started is removed when nothing was recorded in it (else it stays). */
    @EventListener
    public void onInclusionUndone(Cases.InclusionUndone u) {
        jdbc.sql("""
                delete from assistance_plan ap where ap.household_id = ? and ap.case_id = ?
                  and not exists (select 1 from assistance_measure m where m.household_id = ap.household_id)
                  and not exists (select 1 from followup_visit v where v.household_id = ap.household_id)""").params(u.householdId(), u.caseId()).update();
    }

    /**
     * Names the 帮扶责任人 (township or county office): pairs the household with a helper through {@link PlanHelpers}
     * and keeps the helper's id and name on the plan; starts the plan of a household already monitored.
     */
    @Transactional
    public Plan assign(long householdId, Integer version, Responsible r) {
        Actor me = reach.require(Role.TOWNSHIP, Role.COUNTY);
        // out of reach: 404 before anything typed is looked at
        Optional<Plan> seen = plan(householdId, false);
        HouseholdView household = seen.isEmpty() ? household(householdId) : null;
        List<FieldProblem> problems = new ArrayList<>();
        if (r.helperId() == null) {
            problems.add(FieldProblem.of("helperId", messages.get("casework.plan.helper")));
        }
        if (r.visitIntervalDays() != null && (r.visitIntervalDays() < 1 || r.visitIntervalDays() > 366)) {
            problems.add(FieldProblem.of("visitIntervalDays", messages.get("casework.plan.interval")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (seen.isEmpty() && !household.monitored()) {
            throw ApiException.conflict("casework.plan.not-monitored", household.householdNo());
        }
        if (seen.isPresent() && version == null) {
            throw ApiException.preconditionRequired();
        }
        if (seen.isPresent() && seen.get().version() != version) {
            throw ApiException.preconditionFailed("casework.plan.stale", householdId);
        }
        // the helper first, then the plan: the order a helper's departure takes its locks in (helper, pairings,
        // plans), so that the two never wait on each other
        PlanHelpers port =
                helpers().orElseThrow(() -> ApiException.invalid("helperId", messages.get("casework.plan.helper")));
        String village = seen.map(Plan::villageCode).orElseGet(() -> household.villageCode());
        PlanHelpers.Named helper = port.current(householdId)
                .filter(h -> h.id() == r.helperId())
                .orElseGet(() -> port.pair(householdId, village, r.helperId(), r.reason()));
        if (seen.isEmpty()) {
            start(householdId, village, null, today(), me);
        }
        Plan before = plan(householdId, true).orElseThrow();
        if (seen.isPresent() && before.version() != version) {
            throw ApiException.preconditionFailed("casework.plan.stale", householdId);
        }
        responsibles.keep(householdId, before.version(), helper, r.visitIntervalDays(), me.username());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("helperId", helper.id());
        d.put("responsible", helper.name());
        d.put("visitIntervalDays", r.visitIntervalDays());
        audit.record("PLAN_RESPONSIBLE", "assistance_plan", Long.toString(householdId), d);
        return plan(householdId, false).orElseThrow();
    }

    /** Adds a measure from the catalogue, for one of the household's causes, planned from a date. */
    @Transactional
    public Measure addMeasure(long householdId, NewMeasure m) {
        Actor me = reach.require(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Plan plan = plan(householdId, true)
                .orElseThrow(() -> ApiException.notFound("casework.plan.not-found", householdId));
        List<FieldProblem> problems = new ArrayList<>();
        Optional<MeasureType> type = blank(m.type())
                ? Optional.empty()
                : measureTypes(null).stream()
                        .filter(t -> t.code().equals(m.type().strip()))
                        .findFirst();
        if (type.isEmpty()) {
            problems.add(FieldProblem.of("type", messages.get("casework.measure.type")));
        }
        if (blank(m.description()) || m.description().length() > 1000) {
            problems.add(FieldProblem.of("description", messages.get("casework.statement")));
        }
        if (m.plannedStart() == null) {
            problems.add(FieldProblem.of("plannedStart", messages.get("casework.required")));
        } else if (m.plannedEnd() != null && m.plannedEnd().isBefore(m.plannedStart())) {
            problems.add(FieldProblem.of("plannedEnd", messages.get("casework.measure.end-before-start")));
        }
        if (m.amount() != null && m.amount().signum() < 0) {
            problems.add(FieldProblem.of("amount", messages.get("casework.negative")));
        }
        if (m.projectId() != null
                && rows.projects()
                        .flatMap(x -> x.forVillage(m.projectId(), plan.villageCode()))
                        .isEmpty()) {
            problems.add(FieldProblem.of("projectId", messages.get("casework.measure.project")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Department department =
                m.department() != null ? m.department() : type.get().department();
        long id = jdbc.sql("""
                insert into assistance_measure (household_id, measure_type, cause, department, description,
                    planned_start, planned_end, amount, project_id, status, created_by, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?) returning id""")
                .params(
                        householdId,
                        type.get().code(),
                        m.cause() == null ? null : m.cause().name(),
                        department.name(),
                        m.description().strip(),
                        m.plannedStart(),
                        m.plannedEnd(),
                        m.amount(),
                        m.projectId(),
                        me.username(),
                        me.username())
                .query(Long.class)
                .single();
        audit.record(
                "MEASURE_ADDED",
                "assistance_measure",
                Long.toString(id),
                m.projectId() == null
                        ? Map.of("type", type.get().code())
                        : Map.of("type", type.get().code(), "projectId", m.projectId()));
        Measure out = measure(householdId, id);
        publish(plan, out);
        return out;
    }

    /** Records progress; a done measure needs its actual dates and evidence; done and cancelled are final. */
    @Transactional
    public Measure updateMeasure(long householdId, long measureId, int version, MeasureUpdate u) {
        Actor me = reach.require(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Plan plan = plan(householdId, true)
                .orElseThrow(() -> ApiException.notFound("casework.plan.not-found", householdId));
        Measure m = measure(householdId, measureId);
        if (m.version() != version) {
            throw ApiException.preconditionFailed("casework.measure.stale", measureId);
        }
        if (!m.status().open()) {
            throw ApiException.conflict("casework.measure.final", m.status().label(messages.locale()));
        }
        MeasureStatus to = u.status() == null ? m.status() : u.status();
        LocalDate start = u.actualStart() != null ? u.actualStart() : m.actualStart();
        LocalDate end = u.actualEnd() != null ? u.actualEnd() : m.actualEnd();
        String evidence = !blank(u.evidence()) ? u.evidence().strip() : m.evidence();
        List<FieldProblem> problems = new ArrayList<>();
        if ((to == MeasureStatus.IN_PROGRESS || to == MeasureStatus.DONE) && start == null) {
            problems.add(FieldProblem.of("actualStart", messages.get("casework.required")));
        }
        if (to == MeasureStatus.DONE && end == null) {
            problems.add(FieldProblem.of("actualEnd", messages.get("casework.required")));
        }
        if (to == MeasureStatus.DONE && blank(evidence)) {
            problems.add(FieldProblem.of("evidence", messages.get("casework.measure.evidence")));
        }
        if (to == MeasureStatus.CANCELLED && blank(u.evidence())) {
            problems.add(FieldProblem.of("evidence", messages.get("casework.note-required")));
        }
        if (start != null && start.isAfter(today())) {
            problems.add(FieldProblem.of("actualStart", messages.get("casework.future-date")));
        }
        if (end != null && end.isAfter(today())) {
            problems.add(FieldProblem.of("actualEnd", messages.get("casework.future-date")));
        }
        if (start != null && end != null && end.isBefore(start)) {
            problems.add(FieldProblem.of("actualEnd", messages.get("casework.measure.end-before-start")));
        }
        if (u.amount() != null && u.amount().signum() < 0) {
            problems.add(FieldProblem.of("amount", messages.get("casework.negative")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        int n = jdbc.sql("""
                update assistance_measure set status = ?, actual_start = ?, actual_end = ?,
                    amount = coalesce(?, amount), evidence = ?, updated_at = now(), updated_by = ?, version = version + 1
                where id = ? and household_id = ? and version = ?""")
                .params(to.name(), start, end, u.amount(), evidence, me.username(), measureId, householdId, version)
                .update();
        if (n == 0) {
            throw ApiException.preconditionFailed("casework.measure.stale", measureId);
        }
        audit.record(
                "MEASURE_UPDATED",
                "assistance_measure",
                Long.toString(measureId),
                Map.of("from", m.status().name(), "to", to.name()));
        Measure out = measure(householdId, measureId);
        publish(plan, out);
        return out;
    }

    /** 走访: a visit by a village, township or county user (the 帮扶责任人 among them), never later changed. */
    @Transactional
    public Visit visit(long householdId, NewVisit v) {
        Actor me = reach.require(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Plan plan = plan(householdId, true)
                .orElseThrow(() -> ApiException.notFound("casework.plan.not-found", householdId));
        List<FieldProblem> problems = new ArrayList<>();
        if (v.visitedOn() == null
                || v.visitedOn().isAfter(today())
                || v.visitedOn().isBefore(plan.startedOn())) {
            problems.add(FieldProblem.of("visitedOn", messages.get("casework.visit.date", plan.startedOn())));
        }
        if (blank(v.notes()) || v.notes().length() > 2000) {
            problems.add(FieldProblem.of("notes", messages.get("casework.statement")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        long id = jdbc.sql("""
                insert into followup_visit (household_id, visited_on, visitor, notes, income_stable, needs_secured,
                    recorded_by) values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        householdId,
                        v.visitedOn(),
                        me.username(),
                        v.notes().strip(),
                        v.incomeStable(),
                        v.needsSecured(),
                        me.username())
                .query(Long.class)
                .single();
        audit.record("VISIT", "followup_visit", Long.toString(id), Map.of("household", householdId));
        events.publishEvent(new VisitRecorded(householdId, plan.villageCode(), id, v.visitedOn()));
        return rows.visits(householdId).stream()
                .filter(x -> x.id() == id)
                .findFirst()
                .orElseThrow();
    }

    // ---- internals ----

    private void publish(Plan plan, Measure m) {
        events.publishEvent(
                new MeasureRecorded(plan.householdId(), plan.villageCode(), m.id(), m.type(), m.status(), m.amount()));
    }

    private static final String LAST_VISIT =
            "(select max(v.visited_on) from followup_visit v where v.household_id = ap.household_id)";
    private static final String DUE = "(coalesce(" + LAST_VISIT + ", ap.started_on) + ap.visit_interval_days)";
    private static final String OVERDUE = DUE + " < :today";
    private static final String SELECT = "select ap.*, " + LAST_VISIT + " as last_visit, " + DUE + " as next_due, "
            + OVERDUE + " as overdue, (select count(*) from assistance_measure m where m.household_id ="
            + " ap.household_id and m.status in ('PLANNED', 'IN_PROGRESS')) as open_measures from assistance_plan ap";

    private void start(long householdId, String villageCode, Long caseId, LocalDate on, Actor by) {
        PolicyParameters.Value interval =
                parameters.resolve(RegionCode.province(villageCode), on).get("visit_interval_days");
        HouseholdView h = household(householdId);
        jdbc.sql("""
                insert into assistance_plan (household_id, household_no, village_code, case_id, started_on,
                    visit_interval_days, created_by, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (household_id) do nothing""")
                .params(
                        householdId,
                        h.householdNo(),
                        villageCode,
                        caseId,
                        on,
                        interval == null ? 30 : interval.value().intValue(),
                        by == null ? Actor.SYSTEM : by.username(),
                        by == null ? Actor.SYSTEM : by.username())
                .update();
        // a household paired before it was monitored (a 脱贫户's helper) keeps its helper
        helpers()
                .flatMap(x -> x.current(householdId))
                .ifPresent(n -> jdbc.sql("update assistance_plan set helper_id = ?, responsible_name = ?,"
                                + " responsible_user = ? where household_id = ? and helper_id is null")
                        .params(n.id(), n.name(), n.username(), householdId)
                        .update());
    }

    private Optional<PlanHelpers> helpers() {
        return Optional.ofNullable(helpers.getIfAvailable());
    }

    private Optional<Plan> plan(long householdId, boolean lock) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", householdId);
        p.put("today", today());
        String where = " where ap.household_id = :id and " + reach.condition("ap.village_code", p);
        if (lock) {
            jdbc.sql("select household_id from assistance_plan ap" + where + " for update")
                    .params(p)
                    .query(Long.class)
                    .optional();
        }
        return jdbc.sql(SELECT + where).params(p).query(rows::plan).optional();
    }

    private HouseholdView household(long id) {
        return registry.household(id)
                .filter(h -> !h.deleted())
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", id));
    }

    private Measure measure(long householdId, long id) {
        return rows.measures(householdId).stream()
                .filter(m -> m.id() == id)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("casework.measure.not-found", id));
    }

    /** What the measures naming a project add up to: households, measures not cancelled, their amounts. */
    public record ProjectMeasures(long households, long measures, BigDecimal amount) {}

    /** The measures naming a project, summed (counts only: the project's page shows them to whoever reaches it). */
    @Transactional(readOnly = true)
    public ProjectMeasures ofProject(long projectId) {
        return rows.ofProject(projectId);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
