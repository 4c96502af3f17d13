package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.Department;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * 项目库 (004:329, 004:593): a village or township applies for a project (type, place, content, budget by source,
 * 绩效目标, planned beneficiaries, 利益联结); the township reviews it, the sector's department reviews it, the county
 * decides to list it and publicises it ({@code project_publicity_days}, objections through {@link Publicities}); once
 * the publicity is over with no objection open the project is in the library, the county approves it (立项) and the
 * works report progress, stop (停工, with the reason) and resume, complete; the county accepts them (验收) and
 * publicises the results, and then the project is closed. Every step is a stage move (409 from the wrong stage, 412
 * for a stale version), dated no earlier than the step before it (a late record is dated when it happened, never
 * before what preceded it), recorded on the project's timeline and audited. Money moves (lines, payments, reversals)
 * are guarded by row locks rather than the project's version (ADR 0026); lines still take If-Match.
 */
@Service
public class Projects {

    /** Stages from which funds may be assigned to a project: in the library, approved or under way. */
    static final Set<ProjectStage> FUNDABLE =
            EnumSet.of(ProjectStage.LISTED, ProjectStage.IN_PROGRESS, ProjectStage.SUSPENDED, ProjectStage.COMPLETED);

    /** Stages in which a project may be paid: approved (立项, after its publicity ended) until it is closed. */
    static final Set<ProjectStage> PAYABLE = EnumSet.of(
            ProjectStage.IN_PROGRESS, ProjectStage.SUSPENDED, ProjectStage.COMPLETED, ProjectStage.RESULT_PUBLICITY);

    /** The subjects of the two publicities' objections. */
    public static final String LISTING = "PROJECT";

    public static final String RESULTS = "PROJECT_RESULT";

    /** One source's part of a project's budget (资金概算). */
    public record Budget(FundSource source, BigDecimal amount) {}

    /** A 绩效目标: an indicator and its target value. */
    public record Target(String indicator, String value) {}

    /** What a village or township applies with (and changes while it is returned or not yet reviewed). */
    public record Application(
            String region,
            Integer year,
            String name,
            ProjectType type,
            String subtype,
            Department department,
            String place,
            String content,
            String implementer,
            String responsible,
            Boolean householdLevel,
            List<BenefitLink> benefitLinks,
            Integer plannedHouseholds,
            Integer plannedPersons,
            Integer plannedPoorHouseholds,
            BigDecimal plannedLabourPay,
            List<Budget> budget,
            List<Target> targets,
            LocalDate appliedOn) {}

    /**
     * A project as it stands. {@code labourShare}: planned 劳务报酬 ÷ the 以工代赈 budget (%), beside the province's
     * minimum {@code labourShareMin} (%) — reported, not enforced.
     */
    public record Project(
            long id,
            String projectNo,
            String region,
            String regionName,
            String county,
            int year,
            String name,
            ProjectType type,
            String subtype,
            Department department,
            String place,
            String content,
            String implementer,
            String responsible,
            boolean householdLevel,
            List<BenefitLink> benefitLinks,
            int plannedHouseholds,
            int plannedPersons,
            int plannedPoorHouseholds,
            BigDecimal plannedLabourPay,
            BigDecimal labourShare,
            BigDecimal labourShareMin,
            List<Budget> budget,
            BigDecimal budgetTotal,
            List<Target> targets,
            ProjectStage stage,
            String decisionNo,
            LocalDate decidedOn,
            LocalDate publicityFrom,
            LocalDate publicityTo,
            String publicityPlace,
            String approvalNo,
            LocalDate approvedOn,
            LocalDate plannedStart,
            LocalDate plannedEnd,
            int progress,
            String stopReason,
            LocalDate completedOn,
            BigDecimal finalCost,
            LocalDate acceptedOn,
            String acceptanceTeam,
            String acceptanceResult,
            LocalDate resultPublicityFrom,
            LocalDate resultPublicityTo,
            LocalDate closedOn,
            String appliedBy,
            int openObjections,
            int version) {}

    /** One entry of a project's timeline. */
    @Schema(name = "ProjectStep")
    public record Step(
            ProjectStage fromStage,
            ProjectStage toStage,
            ProjectAction action,
            LocalDate doneOn,
            String note,
            Map<String, Object> details,
            String actor,
            Role actorRole,
            Instant at) {
        /** Free text can hold an ID or phone number: shown masked. */
        public Step {
            note = SensitiveText.mask(note);
        }
    }

    /** A project with its timeline, the objections to its publicities and its money. */
    public record Detail(
            Project project,
            List<Step> steps,
            List<Publicities.Objection> objections,
            List<Publicities.Objection> resultObjections,
            Funds.ProjectFunds funds) {}

    /** A list of projects and how many match. */
    public record ProjectPage(List<Project> items, long total, Map<ProjectStage, Long> byStage) {}

    /** A review (乡镇审核, 行业部门审核) on a day (none: today): passed, or returned for changes with the reason. */
    @Schema(name = "ProjectReview")
    public record Review(Boolean approved, String note, LocalDate reviewedOn) {}

    /**
     * 县级审定: listed (with the decision's number and day, and the publicity from a day, at a place, until a day not
     * before the shortest publicity allows — none: the shortest) or refused with the reason.
     */
    @Schema(name = "ProjectDecision")
    public record Decision(
            Boolean approved,
            String decisionNo,
            LocalDate decidedOn,
            LocalDate publicityFrom,
            LocalDate publicityTo,
            String publicityPlace,
            String note) {}

    /** 立项: the approval's number and day, the works' planned start and end. */
    public record Approval(String approvalNo, LocalDate approvedOn, LocalDate plannedStart, LocalDate plannedEnd) {}

    /** A progress report: the day, the share done (never less than before), the milestone reached. */
    public record Progress(LocalDate reportedOn, Integer percent, String milestone) {}

    /** 停工 (with the reason) or 复工 on a day. */
    public record Stoppage(LocalDate on, String reason) {}

    /** 完工: the day and the final cost. */
    public record Completion(LocalDate completedOn, BigDecimal finalCost, String note) {}

    /**
     * 验收: the day, the team, passed or not and what it found; passed starts the results' publicity from a day
     * (none: the acceptance's) for the shortest publicity or until a later day.
     */
    public record Acceptance(
            LocalDate acceptedOn,
            String team,
            Boolean passed,
            String result,
            LocalDate publicityFrom,
            LocalDate publicityTo) {}

    private final JdbcClient jdbc;
    private final ProjectReach reach;
    private final RegionDirectory regions;
    private final Funds funds;
    private final Publicities publicities;
    private final PolicyParameters parameters;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    Projects(
            JdbcClient jdbc,
            ProjectReach reach,
            RegionDirectory regions,
            Funds funds,
            Publicities publicities,
            PolicyParameters parameters,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.reach = reach;
        this.regions = regions;
        this.funds = funds;
        this.publicities = publicities;
        this.parameters = parameters;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    // ---- reads ----

    /** Projects of a region in the caller's reach (none: all of it), of a stage and year if given, newest first. */
    @Transactional(readOnly = true)
    public ProjectPage list(String region, ProjectStage stage, Integer year, int offset, int limit) {
        Map<String, Object> p = new HashMap<>();
        String where = reach.condition(p);
        if (region != null && !region.isBlank()) {
            Region r = regions.find(region).orElse(null);
            RegionCode.CodeRange range = r == null ? null : reach.within(r).orElse(null);
            if (range == null) {
                throw ApiException.notFound("project.region", region);
            }
            where += " and p.region_code between :low and :high";
            p.put("low", range.low());
            p.put("high", range.high());
        }
        if (year != null) {
            where += " and p.year = :year";
            p.put("year", year);
        }
        Map<ProjectStage, Long> byStage = new LinkedHashMap<>();
        jdbc.sql("select p.stage, count(*) from project p where " + where + " group by 1")
                .params(p)
                .query((ResultSet rs) -> {
                    byStage.put(ProjectStage.valueOf(rs.getString(1)), rs.getLong(2));
                });
        if (stage != null) {
            where += " and p.stage = :stage";
            p.put("stage", stage.name());
        }
        long total = jdbc.sql("select count(*) from project p where " + where)
                .params(p)
                .query(Long.class)
                .single();
        p.put("offset", Math.max(0, offset));
        p.put("limit", Math.max(1, Math.min(limit, 500)));
        List<Project> items = jdbc.sql(SELECT + " where " + where + " order by p.id desc offset :offset limit :limit")
                .params(p)
                .query(this::row)
                .list();
        return new ProjectPage(complete(items), total, byStage);
    }

    /** One project of the caller's reach (404 otherwise). */
    @Transactional(readOnly = true)
    public Project get(long id) {
        return complete(List.of(find(id, false))).get(0);
    }

    /** A project with its timeline, objections and money. */
    @Transactional(readOnly = true)
    public Detail detail(long id) {
        Project p = get(id);
        boolean department = actor.get().map(a -> a.role() == Role.DEPARTMENT).orElse(false);
        return new Detail(
                p,
                steps(id),
                objectors(publicities.objections(LISTING, id), department),
                objectors(publicities.objections(RESULTS, id), department),
                funds.of(id));
    }

    /** A department reads what was objected to, not who objected. */
    private static List<Publicities.Objection> objectors(List<Publicities.Objection> all, boolean hide) {
        return !hide
                ? all
                : all.stream()
                        .map(o -> new Publicities.Objection(
                                o.id(),
                                o.receivedOn(),
                                null,
                                o.content(),
                                o.recordedBy(),
                                o.recordedAt(),
                                o.resolution(),
                                o.resolutionNote(),
                                o.resolvedBy(),
                                o.resolvedAt()))
                        .toList();
    }

    // ---- application ----

    /**
     * A village or township applies for a project in its region (422 with each field's reason). A village's
     * application waits for its township; a township's own goes to the sector's department.
     */
    @Transactional
    public Project apply(Application a) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Region region = checkApplication(a);
        String county = county(region);
        jdbc.sql("select pg_advisory_xact_lock(hashtext('project_no:' || ?))")
                .param(county)
                .query()
                .listOfRows();
        String prefix = county.substring(0, 6) + "-" + a.year() + "-";
        long seq = jdbc.sql(
                        "select coalesce(max(substr(project_no, ?)::int), 0) + 1 from project where project_no like ?")
                .params(prefix.length() + 1, prefix + "%")
                .query(Long.class)
                .single();
        String no = prefix + String.format("%04d", seq);
        ProjectStage stage = me.role() == Role.VILLAGE ? ProjectStage.APPLIED : ProjectStage.TOWNSHIP_REVIEWED;
        long id = jdbc.sql("""
                        insert into project (project_no, region_code, county_code, year, name, type, subtype, department,
                            place, content, implementer, responsible, household_level, benefit_links,
                            planned_households, planned_persons, planned_poor_households, planned_labour_pay, targets,
                            stage, applied_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?::jsonb, ?, ?)
                        returning id""")
                .params(
                        no,
                        region.code(),
                        county,
                        a.year(),
                        a.name().strip(),
                        a.type().name(),
                        strip(a.subtype()),
                        a.department().name(),
                        a.place().strip(),
                        a.content().strip(),
                        strip(a.implementer()),
                        strip(a.responsible()),
                        Boolean.TRUE.equals(a.householdLevel()),
                        a.benefitLinks().stream().distinct().map(Enum::name).toArray(String[]::new),
                        orZero(a.plannedHouseholds()),
                        orZero(a.plannedPersons()),
                        orZero(a.plannedPoorHouseholds()),
                        a.plannedLabourPay(),
                        json.writeValueAsString(targets(a)),
                        stage.name(),
                        me.username())
                .query(Long.class)
                .single();
        writeBudget(id, a.budget());
        Project p = find(id, false);
        step(p, stage, ProjectAction.APPLIED, appliedOn(a), null, Map.of("projectNo", no), me);
        return get(id);
    }

    /** Changes an application not yet reviewed by the township, or returned (412 stale, 409 wrong stage). */
    @Transactional
    public Project amend(long id, int version, Application a) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = at(id, version, ProjectStage.APPLIED, ProjectStage.RETURNED);
        Region region = checkApplication(a);
        if (!county(region).equals(p.county())) {
            throw ApiException.invalid("region", messages.get("project.region-county"));
        }
        ProjectStage stage = me.role() == Role.VILLAGE ? ProjectStage.APPLIED : ProjectStage.TOWNSHIP_REVIEWED;
        LocalDate on = appliedOn(a);
        List<FieldProblem> problems = new ArrayList<>();
        notBeforeLast(p, on, "appliedOn", problems);
        raise(problems);
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("before", summary(p.region(), p.year(), p.name(), p.type(), p.department(), p.budgetTotal()));
        changed.put(
                "after",
                summary(
                        region.code(),
                        a.year(),
                        a.name().strip(),
                        a.type(),
                        a.department(),
                        a.budget().stream().map(Budget::amount).reduce(BigDecimal.ZERO, BigDecimal::add)));
        jdbc.sql("""
                        update project set region_code = ?, year = ?, name = ?, type = ?, subtype = ?, department = ?,
                            place = ?, content = ?, implementer = ?, responsible = ?, household_level = ?,
                            benefit_links = ?::text[], planned_households = ?, planned_persons = ?,
                            planned_poor_households = ?, planned_labour_pay = ?, targets = ?::jsonb
                        where id = ?""")
                .params(
                        region.code(),
                        a.year(),
                        a.name().strip(),
                        a.type().name(),
                        strip(a.subtype()),
                        a.department().name(),
                        a.place().strip(),
                        a.content().strip(),
                        strip(a.implementer()),
                        strip(a.responsible()),
                        Boolean.TRUE.equals(a.householdLevel()),
                        a.benefitLinks().stream().distinct().map(Enum::name).toArray(String[]::new),
                        orZero(a.plannedHouseholds()),
                        orZero(a.plannedPersons()),
                        orZero(a.plannedPoorHouseholds()),
                        a.plannedLabourPay(),
                        json.writeValueAsString(targets(a)),
                        id)
                .update();
        jdbc.sql("delete from project_budget where project_id = ?").param(id).update();
        writeBudget(id, a.budget());
        return move(p, stage, ProjectAction.AMENDED, on, null, changed, me, Map.of());
    }

    // ---- reviews and the county's decision ----

    /** 乡镇审核 of a village's application: passed to the sector's department, or returned with the reason. */
    @Transactional
    public Project townshipReview(long id, int version, Review r) {
        Actor me = requireRole(Role.TOWNSHIP);
        Project p = at(id, version, ProjectStage.APPLIED);
        LocalDate on = review(p, r);
        return Boolean.TRUE.equals(r.approved())
                ? move(
                        p,
                        ProjectStage.TOWNSHIP_REVIEWED,
                        ProjectAction.TOWNSHIP_APPROVED,
                        on,
                        r.note(),
                        Map.of(),
                        me,
                        Map.of())
                : move(p, ProjectStage.RETURNED, ProjectAction.TOWNSHIP_RETURNED, on, r.note(), Map.of(), me, Map.of());
    }

    /**
     * 行业部门审核 by the project's own department (a department user of another sector gets 404 — it does not reach
     * the project), or recorded by the county on its behalf.
     */
    @Transactional
    public Project departmentReview(long id, int version, Review r) {
        Actor me = requireRole(Role.DEPARTMENT, Role.COUNTY);
        Project p = at(id, version, ProjectStage.TOWNSHIP_REVIEWED);
        LocalDate on = review(p, r);
        Map<String, Object> d = Map.of("department", p.department().name());
        return Boolean.TRUE.equals(r.approved())
                ? move(
                        p,
                        ProjectStage.DEPARTMENT_REVIEWED,
                        ProjectAction.DEPARTMENT_APPROVED,
                        on,
                        r.note(),
                        d,
                        me,
                        Map.of())
                : move(p, ProjectStage.RETURNED, ProjectAction.DEPARTMENT_RETURNED, on, r.note(), d, me, Map.of());
    }

    /**
     * 县级审定: listed and publicised from a day (not before the decision, at least {@code project_publicity_days}
     * days), or refused with the reason.
     */
    @Transactional
    public Project decide(long id, int version, Decision d) {
        Actor me = requireRole(Role.COUNTY);
        Project p = at(id, version, ProjectStage.DEPARTMENT_REVIEWED);
        List<FieldProblem> problems = new ArrayList<>();
        if (d.approved() == null) {
            problems.add(FieldProblem.of("approved", messages.get("project.required")));
        }
        if (Boolean.FALSE.equals(d.approved())) {
            funds.text(problems, "note", d.note(), 2000);
            raise(problems);
            return move(p, ProjectStage.REJECTED, ProjectAction.REJECTED, today(), d.note(), Map.of(), me, Map.of());
        }
        funds.text(problems, "decisionNo", d.decisionNo(), 100);
        LocalDate decided = d.decidedOn() == null ? today() : d.decidedOn();
        if (decided.isAfter(today())) {
            problems.add(FieldProblem.of("decidedOn", messages.get("project.not-future")));
        }
        notBeforeLast(p, decided, "decidedOn", problems);
        LocalDate from = d.publicityFrom() == null ? decided : d.publicityFrom();
        if (from.isBefore(decided)) {
            problems.add(FieldProblem.of("publicityFrom", messages.get("project.publicity-from", decided)));
        }
        funds.text(problems, "publicityPlace", d.publicityPlace(), 200);
        Publicities.Period period = period(p, from, d.publicityTo(), problems, "publicityTo");
        raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("decision_no", d.decisionNo().strip());
        set.put("decided_on", decided);
        set.put("publicity_from", period.from());
        set.put("publicity_to", period.to());
        set.put("publicity_place", d.publicityPlace().strip());
        return move(
                p,
                ProjectStage.PUBLICITY,
                ProjectAction.DECIDED,
                decided,
                d.note(),
                Map.of(
                        "decisionNo",
                        d.decisionNo().strip(),
                        "publicityFrom",
                        period.from().toString(),
                        "publicityTo",
                        period.to().toString()),
                me,
                set);
    }

    // ---- publicity ----

    /** Records an objection to the project's listing or its results, whichever is publicised now. */
    @Transactional
    public Project object(long id, int version, Publicities.NewObjection o) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = at(id, version, ProjectStage.PUBLICITY, ProjectStage.RESULT_PUBLICITY);
        boolean results = p.stage() == ProjectStage.RESULT_PUBLICITY;
        long oid = publicities.object(results ? RESULTS : LISTING, id, publicity(p), o, me.username());
        return move(
                p,
                p.stage(),
                results ? ProjectAction.RESULT_OBJECTION : ProjectAction.OBJECTION,
                o.receivedOn() == null ? today() : o.receivedOn(),
                o.content().strip(),
                Map.of("objectionId", oid),
                me,
                Map.of());
    }

    /**
     * Settles an objection: upheld sends the project back — a listing to the county's decision (and a new
     * publicity), results to acceptance — dismissed leaves the publicity running.
     */
    @Transactional
    public Project resolve(long id, int version, long objectionId, Publicities.Resolution r) {
        // the applying village does not judge objections to its own project
        Actor me = requireRole(Role.TOWNSHIP, Role.COUNTY);
        Project p = at(id, version, ProjectStage.PUBLICITY, ProjectStage.RESULT_PUBLICITY);
        boolean results = p.stage() == ProjectStage.RESULT_PUBLICITY;
        publicities.settle(results ? RESULTS : LISTING, id, objectionId, r, me.username());
        Map<String, Object> d = Map.of("objectionId", objectionId, "upheld", r.upheld());
        if (!r.upheld()) {
            return move(
                    p,
                    p.stage(),
                    results ? ProjectAction.RESULT_DISMISSED : ProjectAction.OBJECTION_DISMISSED,
                    today(),
                    r.note(),
                    d,
                    me,
                    Map.of());
        }
        Map<String, Object> clear = new LinkedHashMap<>();
        if (results) {
            clear.put("result_publicity_from", null);
            clear.put("result_publicity_to", null);
            clear.put("accepted_on", null);
            return move(p, ProjectStage.COMPLETED, ProjectAction.RESULT_UPHELD, today(), r.note(), d, me, clear);
        }
        clear.put("publicity_from", null);
        clear.put("publicity_to", null);
        return move(
                p, ProjectStage.DEPARTMENT_REVIEWED, ProjectAction.OBJECTION_UPHELD, today(), r.note(), d, me, clear);
    }

    /** Ends the listing's publicity after its last day with no objection open: the project is in the library. */
    @Transactional
    public Project endPublicity(long id, int version) {
        Actor me = requireRole(Role.COUNTY);
        Project p = at(id, version, ProjectStage.PUBLICITY);
        Publicities.Counts c = publicities.requireOver(LISTING, id, publicity(p));
        return move(
                p,
                ProjectStage.LISTED,
                ProjectAction.PUBLICITY_ENDED,
                p.publicityTo().plusDays(1),
                null,
                Map.of("objections", c.all()),
                me,
                Map.of());
    }

    // ---- approval and works ----

    /** 立项: after the publicity, on a day after its last; the works planned from a day to a day. */
    @Transactional
    public Project approve(long id, int version, Approval a) {
        Actor me = requireRole(Role.COUNTY);
        Project p = at(id, version, ProjectStage.LISTED);
        List<FieldProblem> problems = new ArrayList<>();
        funds.text(problems, "approvalNo", a.approvalNo(), 100);
        LocalDate on = a.approvedOn() == null ? today() : a.approvedOn();
        if (on.isAfter(today()) || (p.publicityTo() != null && !on.isAfter(p.publicityTo()))) {
            problems.add(FieldProblem.of("approvedOn", messages.get("project.approved-on", p.publicityTo())));
        } else {
            notBeforeLast(p, on, "approvedOn", problems);
        }
        if (a.plannedStart() == null) {
            problems.add(FieldProblem.of("plannedStart", messages.get("project.required")));
        }
        if (a.plannedEnd() == null
                || (a.plannedStart() != null && a.plannedEnd().isBefore(a.plannedStart()))) {
            problems.add(FieldProblem.of("plannedEnd", messages.get("project.planned-end")));
        }
        raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("approval_no", a.approvalNo().strip());
        set.put("approved_on", on);
        set.put("planned_start", a.plannedStart());
        set.put("planned_end", a.plannedEnd());
        return move(
                p,
                ProjectStage.IN_PROGRESS,
                ProjectAction.APPROVED,
                on,
                null,
                Map.of(
                        "approvalNo",
                        a.approvalNo().strip(),
                        "plannedStart",
                        a.plannedStart().toString(),
                        "plannedEnd",
                        a.plannedEnd().toString()),
                me,
                set);
    }

    /** A progress report of works under way: the share done never falls; a day from the approval to today. */
    @Transactional
    public Project progress(long id, int version, Progress r) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = at(id, version, ProjectStage.IN_PROGRESS);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = r.reportedOn() == null ? today() : r.reportedOn();
        worksDay(p, on, problems, "reportedOn");
        if (r.percent() == null || r.percent() < p.progress() || r.percent() > 100) {
            problems.add(FieldProblem.of("percent", messages.get("project.percent", p.progress())));
        }
        funds.text(problems, "milestone", r.milestone(), 500);
        raise(problems);
        return move(
                p,
                ProjectStage.IN_PROGRESS,
                ProjectAction.PROGRESS,
                on,
                r.milestone(),
                Map.of("percent", r.percent()),
                me,
                Map.of("progress", r.percent()));
    }

    /** 停工 with the reason (001:189). */
    @Transactional
    public Project suspend(long id, int version, Stoppage s) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = at(id, version, ProjectStage.IN_PROGRESS);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = s.on() == null ? today() : s.on();
        worksDay(p, on, problems, "on");
        funds.text(problems, "reason", s.reason(), 2000);
        raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("stop_reason", s.reason().strip());
        return move(p, ProjectStage.SUSPENDED, ProjectAction.SUSPENDED, on, s.reason(), Map.of(), me, set);
    }

    /** 复工. */
    @Transactional
    public Project resume(long id, int version, Stoppage s) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = at(id, version, ProjectStage.SUSPENDED);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = s == null || s.on() == null ? today() : s.on();
        worksDay(p, on, problems, "on");
        raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("stop_reason", null);
        return move(
                p,
                ProjectStage.IN_PROGRESS,
                ProjectAction.RESUMED,
                on,
                s == null ? null : s.reason(),
                Map.of(),
                me,
                set);
    }

    /** 完工: the works are done on a day, at a final cost. */
    @Transactional
    public Project complete(long id, int version, Completion c) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = at(id, version, ProjectStage.IN_PROGRESS);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = c.completedOn() == null ? today() : c.completedOn();
        worksDay(p, on, problems, "completedOn");
        funds.money(problems, "finalCost", c.finalCost());
        raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("completed_on", on);
        set.put("final_cost", c.finalCost());
        set.put("progress", 100);
        return move(
                p,
                ProjectStage.COMPLETED,
                ProjectAction.COMPLETED,
                on,
                c.note(),
                Map.of("finalCost", c.finalCost().toPlainString()),
                me,
                set);
    }

    /**
     * 验收 of completed works only (409 before: no acceptance of works not done): passed starts the results'
     * publicity, failed sends the works back under way with what must be mended.
     */
    @Transactional
    public Project accept(long id, int version, Acceptance a) {
        Actor me = requireRole(Role.COUNTY);
        Project p = at(id, version, ProjectStage.COMPLETED);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = a.acceptedOn() == null ? today() : a.acceptedOn();
        if (on.isAfter(today()) || on.isBefore(p.completedOn())) {
            problems.add(FieldProblem.of("acceptedOn", messages.get("project.accepted-on", p.completedOn())));
        }
        funds.text(problems, "team", a.team(), 500);
        if (a.passed() == null) {
            problems.add(FieldProblem.of("passed", messages.get("project.required")));
        }
        funds.text(problems, "result", a.result(), 2000);
        if (!Boolean.TRUE.equals(a.passed())) {
            raise(problems);
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("completed_on", null);
            set.put("acceptance_team", a.team().strip());
            set.put("acceptance_result", a.result().strip());
            return move(
                    p,
                    ProjectStage.IN_PROGRESS,
                    ProjectAction.ACCEPTANCE_FAILED,
                    on,
                    a.result(),
                    Map.of("team", a.team().strip()),
                    me,
                    set);
        }
        LocalDate from = a.publicityFrom() == null ? on : a.publicityFrom();
        if (from.isBefore(on)) {
            problems.add(FieldProblem.of("publicityFrom", messages.get("project.publicity-from", on)));
        }
        Publicities.Period period = period(p, from, a.publicityTo(), problems, "publicityTo");
        raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("accepted_on", on);
        set.put("acceptance_team", a.team().strip());
        set.put("acceptance_result", a.result().strip());
        set.put("result_publicity_from", period.from());
        set.put("result_publicity_to", period.to());
        return move(
                p,
                ProjectStage.RESULT_PUBLICITY,
                ProjectAction.ACCEPTED,
                on,
                a.result(),
                Map.of(
                        "team",
                        a.team().strip(),
                        "publicityFrom",
                        period.from().toString(),
                        "publicityTo",
                        period.to().toString()),
                me,
                set);
    }

    /** Ends the results' publicity after its last day with no objection open: the project is closed. */
    @Transactional
    public Project endResultPublicity(long id, int version) {
        Actor me = requireRole(Role.COUNTY);
        Project p = at(id, version, ProjectStage.RESULT_PUBLICITY);
        Publicities.Counts c = publicities.requireOver(
                RESULTS, id, new Publicities.Period(p.resultPublicityFrom(), p.resultPublicityTo()));
        LocalDate on = p.resultPublicityTo().plusDays(1);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("closed_on", on);
        return move(p, ProjectStage.CLOSED, ProjectAction.CLOSED, on, null, Map.of("objections", c.all()), me, set);
    }

    // ---- money, through Funds, on the timeline ----

    @Transactional
    public Funds.Line assign(long id, int version, Funds.NewLine l) {
        Actor me = requireRole(Role.COUNTY);
        Project p = at(id, version, FUNDABLE.toArray(ProjectStage[]::new));
        Funds.Line line = funds.assign(p, l);
        move(
                p,
                p.stage(),
                ProjectAction.FUNDED,
                today(),
                null,
                Map.of("line", line.id(), "amount", line.amount().toPlainString()),
                me,
                Map.of());
        return line;
    }

    @Transactional
    public Funds.Payment pay(long id, Funds.NewPayment np) {
        Actor me = requireRole(Role.COUNTY);
        Project p = find(id, true);
        Funds.Payment payment = funds.pay(p, np);
        touch(
                p,
                ProjectAction.PAID,
                payment.paidOn(),
                Map.of("payment", payment.id(), "amount", payment.amount().toPlainString()),
                me);
        return payment;
    }

    @Transactional
    public Funds.Payment reverse(long id, long paymentId, Funds.Reversal r) {
        Actor me = requireRole(Role.COUNTY);
        Project p = find(id, true);
        Funds.Payment payment = funds.reverse(p, paymentId, r);
        touch(p, ProjectAction.REVERSED, payment.paidOn(), Map.of("payment", paymentId, "reversal", payment.id()), me);
        return payment;
    }

    // ---- helpers ----

    private Region checkApplication(Application a) {
        List<FieldProblem> problems = new ArrayList<>();
        Region region = a.region() == null ? null : regions.find(a.region()).orElse(null);
        if (region == null
                || (region.level() != RegionLevel.VILLAGE && region.level() != RegionLevel.TOWNSHIP)
                || region.validTo() != null
                || !reach.covers(region.code())) {
            problems.add(FieldProblem.of("region", messages.get("project.region-choice")));
        }
        LocalDate today = today();
        if (a.year() == null || a.year() < 2021 || a.year() > today.getYear() + 1) {
            problems.add(FieldProblem.of("year", messages.get("project.year", today.getYear() + 1)));
        }
        if (a.appliedOn() != null
                && (a.appliedOn().isAfter(today) || a.appliedOn().getYear() < 2021)) {
            problems.add(FieldProblem.of("appliedOn", messages.get("project.not-future")));
        }
        funds.text(problems, "name", a.name(), 200);
        if (a.type() == null) {
            problems.add(FieldProblem.of("type", messages.get("project.required")));
        }
        funds.optionalText(problems, "subtype", a.subtype(), 100);
        if (a.department() == null) {
            problems.add(FieldProblem.of("department", messages.get("project.required")));
        }
        funds.text(problems, "place", a.place(), 200);
        funds.text(problems, "content", a.content(), 4000);
        funds.optionalText(problems, "implementer", a.implementer(), 200);
        funds.optionalText(problems, "responsible", a.responsible(), 100);
        if (a.benefitLinks() == null
                || a.benefitLinks().isEmpty()
                || a.benefitLinks().stream().anyMatch(java.util.Objects::isNull)) {
            problems.add(FieldProblem.of("benefitLinks", messages.get("project.benefit-links")));
        }
        int households = orZero(a.plannedHouseholds());
        if (households < 0 || households > 1_000_000) {
            problems.add(FieldProblem.of("plannedHouseholds", messages.get("project.count")));
        }
        if (orZero(a.plannedPersons()) < 0 || orZero(a.plannedPersons()) > 5_000_000) {
            problems.add(FieldProblem.of("plannedPersons", messages.get("project.count")));
        }
        if (orZero(a.plannedPoorHouseholds()) < 0 || orZero(a.plannedPoorHouseholds()) > households) {
            problems.add(FieldProblem.of("plannedPoorHouseholds", messages.get("project.poor-households")));
        }
        if (a.plannedLabourPay() != null) {
            funds.money(problems, "plannedLabourPay", a.plannedLabourPay());
        }
        if (a.budget() == null || a.budget().isEmpty()) {
            problems.add(FieldProblem.of("budget", messages.get("project.budget")));
        } else {
            Set<FundSource> seen = new HashSet<>();
            for (Budget b : a.budget()) {
                if (b == null || b.source() == null || !seen.add(b.source())) {
                    problems.add(FieldProblem.of("budget", messages.get("project.budget-source")));
                } else if (!Funds.validMoney(b.amount())) {
                    problems.add(FieldProblem.of(
                            "budget",
                            messages.get("project.budget-amount", b.source().label(LocaleContextHolder.getLocale()))));
                }
            }
        }
        if (a.targets() == null || a.targets().isEmpty()) {
            problems.add(FieldProblem.of("targets", messages.get("project.targets")));
        } else if (a.targets().size() > 30) {
            problems.add(FieldProblem.of("targets", messages.get("project.too-many", 30)));
        } else {
            for (Target t : a.targets()) {
                if (t == null || blank(t.indicator()) || blank(t.value())) {
                    problems.add(FieldProblem.of("targets", messages.get("project.target-pair")));
                } else if (t.indicator().strip().length() > 200
                        || t.value().strip().length() > 200) {
                    problems.add(FieldProblem.of("targets", messages.get("project.too-long", Messages.count(200))));
                }
            }
        }
        raise(problems);
        return region;
    }

    private static List<Target> targets(Application a) {
        return a.targets().stream()
                .map(t -> new Target(t.indicator().strip(), t.value().strip()))
                .toList();
    }

    private void writeBudget(long id, List<Budget> budget) {
        for (Budget b : budget) {
            jdbc.sql("insert into project_budget (project_id, source, amount) values (?, ?, ?)")
                    .params(id, b.source().name(), b.amount())
                    .update();
        }
    }

    private String county(Region region) {
        return regions.ancestors(region.code()).stream()
                .filter(r -> r.level() == RegionLevel.COUNTY)
                .map(Region::code)
                .findFirst()
                .orElseThrow(() -> ApiException.invalid("region", messages.get("project.region-choice")));
    }

    /** Checks a review and returns its day (none: today; not in the future, not before the step before it). */
    private LocalDate review(Project p, Review r) {
        List<FieldProblem> problems = new ArrayList<>();
        if (r.approved() == null) {
            problems.add(FieldProblem.of("approved", messages.get("project.required")));
        }
        if (!Boolean.TRUE.equals(r.approved())) {
            funds.text(problems, "note", r.note(), 2000);
        } else {
            funds.optionalText(problems, "note", r.note(), 2000);
        }
        LocalDate on = r.reviewedOn() == null ? today() : r.reviewedOn();
        if (on.isAfter(today())) {
            problems.add(FieldProblem.of("reviewedOn", messages.get("project.not-future")));
        } else {
            notBeforeLast(p, on, "reviewedOn", problems);
        }
        raise(problems);
        return on;
    }

    /** A publicity from a day until a given day (none: the shortest), 422 when shorter than the parameter. */
    private Publicities.Period period(
            Project p, LocalDate from, LocalDate to, List<FieldProblem> problems, String field) {
        int days = parameters
                .resolve(p.county().substring(0, 2) + "0000000000", from)
                .get("project_publicity_days")
                .value()
                .intValue();
        Publicities.Period shortest = Publicities.Period.of(from, days);
        if (to == null) {
            return shortest;
        }
        if (to.isBefore(shortest.to())) {
            problems.add(FieldProblem.of(field, messages.get("project.publicity-short", days, shortest.to())));
            return shortest;
        }
        return new Publicities.Period(from, to);
    }

    private static Publicities.Period publicity(Project p) {
        return p.stage() == ProjectStage.RESULT_PUBLICITY
                ? new Publicities.Period(p.resultPublicityFrom(), p.resultPublicityTo())
                : new Publicities.Period(p.publicityFrom(), p.publicityTo());
    }

    private void worksDay(Project p, LocalDate on, List<FieldProblem> problems, String field) {
        if (on.isAfter(today()) || (p.approvedOn() != null && on.isBefore(p.approvedOn()))) {
            problems.add(FieldProblem.of(field, messages.get("project.works-day", p.approvedOn())));
        } else {
            notBeforeLast(p, on, field, problems);
        }
    }

    /** Actions whose day orders the project's history (records of money and objections keep their own days). */
    private static final Set<ProjectAction> DATED = EnumSet.complementOf(EnumSet.of(
            ProjectAction.FUNDED,
            ProjectAction.PAID,
            ProjectAction.REVERSED,
            ProjectAction.OBJECTION,
            ProjectAction.OBJECTION_DISMISSED,
            ProjectAction.RESULT_OBJECTION,
            ProjectAction.RESULT_DISMISSED));

    /** Adds the field's reason when the day is before the project's latest dated step. */
    private void notBeforeLast(Project p, LocalDate on, String field, List<FieldProblem> problems) {
        LocalDate last = jdbc.sql("select max(done_on) from project_step where project_id = ? and action = any(?)")
                .params(p.id(), DATED.stream().map(Enum::name).toArray(String[]::new))
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        if (last != null && on.isBefore(last)) {
            problems.add(FieldProblem.of(field, messages.get("project.before-last", last)));
        }
    }

    private LocalDate appliedOn(Application a) {
        return a.appliedOn() == null ? today() : a.appliedOn();
    }

    private static Map<String, Object> summary(
            String region, Integer year, String name, ProjectType type, Department department, BigDecimal budget) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("region", region);
        m.put("year", year);
        m.put("name", name);
        m.put("type", type == null ? null : type.name());
        m.put("department", department == null ? null : department.name());
        m.put("budget", budget == null ? null : budget.toPlainString());
        return m;
    }

    /** The project of the caller's reach at a version (412 otherwise) in one of the stages (409 otherwise), locked. */
    private Project at(long id, int version, ProjectStage... stages) {
        Project p = find(id, true);
        if (p.version() != version) {
            throw ApiException.preconditionFailed("project.stale", id);
        }
        if (!EnumSet.copyOf(List.of(stages)).contains(p.stage())) {
            throw ApiException.conflict("project.wrong-stage", p.stage().label(LocaleContextHolder.getLocale()));
        }
        return p;
    }

    private Project find(long id, boolean lock) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return jdbc.sql(SELECT + " where p.id = :id and " + reach.condition(params) + (lock ? " for update of p" : ""))
                .params(params)
                .query(this::row)
                .optional()
                .orElseThrow(() -> ApiException.notFound("project.not-found", id));
    }

    /** Moves the project to a stage (the same for a record), with its columns set, a step and the audit. */
    private Project move(
            Project p,
            ProjectStage to,
            ProjectAction action,
            LocalDate on,
            String note,
            Map<String, Object> details,
            Actor me,
            Map<String, Object> set) {
        StringBuilder sql = new StringBuilder("update project set stage = :stage, version = version + 1");
        Map<String, Object> params = new HashMap<>();
        params.put("stage", to.name());
        params.put("id", p.id());
        for (Map.Entry<String, Object> e : set.entrySet()) {
            sql.append(", ").append(e.getKey()).append(" = :").append(e.getKey());
            params.put(e.getKey(), e.getValue());
        }
        jdbc.sql(sql + " where id = :id").params(params).update();
        step(p, to, action, on, note, details, me);
        return get(p.id());
    }

    /** A record on the timeline that changes no stage (a payment), raising the version. */
    private void touch(Project p, ProjectAction action, LocalDate on, Map<String, Object> details, Actor me) {
        jdbc.sql("update project set version = version + 1 where id = ?")
                .param(p.id())
                .update();
        step(p, p.stage(), action, on, null, details, me);
    }

    private void step(
            Project p,
            ProjectStage to,
            ProjectAction action,
            LocalDate on,
            String note,
            Map<String, Object> details,
            Actor me) {
        jdbc.sql("""
                        insert into project_step (project_id, from_stage, to_stage, action, done_on, note, details,
                            actor, actor_role)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(
                        p.id(),
                        p.stage() == to && action != ProjectAction.APPLIED
                                ? p.stage().name()
                                : p.stage().name(),
                        to.name(),
                        action.name(),
                        on,
                        note == null || note.isBlank() ? null : note.strip(),
                        json.writeValueAsString(details),
                        me.username(),
                        me.role().name())
                .update();
        Map<String, Object> after = new LinkedHashMap<>(details);
        after.put("stage", to.name());
        after.put("on", on.toString());
        if (note != null && !note.isBlank()) {
            after.put("note", note.strip());
        }
        events.publishEvent(new AuditableChange(
                "project",
                Long.toString(p.id()),
                "PROJECT_" + action.name(),
                Map.of("stage", p.stage().name()),
                after,
                p.region()));
    }

    private List<Step> steps(long id) {
        return jdbc.sql("select * from project_step where project_id = ? order by id")
                .param(id)
                .query((rs, n) -> new Step(
                        rs.getString("from_stage") == null ? null : ProjectStage.valueOf(rs.getString("from_stage")),
                        ProjectStage.valueOf(rs.getString("to_stage")),
                        ProjectAction.valueOf(rs.getString("action")),
                        rs.getObject("done_on", LocalDate.class),
                        rs.getString("note"),
                        json.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() {}),
                        rs.getString("actor"),
                        Role.valueOf(rs.getString("actor_role")),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    private static final String SELECT = "select p.*, "
            + Publicities.openObjectionCount(LISTING, "p.id") + " + "
            + Publicities.openObjectionCount(RESULTS, "p.id") + " as open_objections from project p";

    private Project row(ResultSet rs, int n) throws SQLException {
        Array links = rs.getArray("benefit_links");
        List<BenefitLink> benefitLinks = new ArrayList<>();
        for (Object o : (Object[]) links.getArray()) {
            benefitLinks.add(BenefitLink.valueOf((String) o));
        }
        return new Project(
                rs.getLong("id"),
                rs.getString("project_no"),
                rs.getString("region_code"),
                null,
                rs.getString("county_code"),
                rs.getInt("year"),
                rs.getString("name"),
                ProjectType.valueOf(rs.getString("type")),
                rs.getString("subtype"),
                Department.valueOf(rs.getString("department")),
                rs.getString("place"),
                rs.getString("content"),
                rs.getString("implementer"),
                rs.getString("responsible"),
                rs.getBoolean("household_level"),
                benefitLinks,
                rs.getInt("planned_households"),
                rs.getInt("planned_persons"),
                rs.getInt("planned_poor_households"),
                rs.getBigDecimal("planned_labour_pay"),
                null,
                null,
                List.of(),
                null,
                json.readValue(rs.getString("targets"), new TypeReference<List<Target>>() {}),
                ProjectStage.valueOf(rs.getString("stage")),
                rs.getString("decision_no"),
                rs.getObject("decided_on", LocalDate.class),
                rs.getObject("publicity_from", LocalDate.class),
                rs.getObject("publicity_to", LocalDate.class),
                rs.getString("publicity_place"),
                rs.getString("approval_no"),
                rs.getObject("approved_on", LocalDate.class),
                rs.getObject("planned_start", LocalDate.class),
                rs.getObject("planned_end", LocalDate.class),
                rs.getInt("progress"),
                rs.getString("stop_reason"),
                rs.getObject("completed_on", LocalDate.class),
                rs.getBigDecimal("final_cost"),
                rs.getObject("accepted_on", LocalDate.class),
                rs.getString("acceptance_team"),
                rs.getString("acceptance_result"),
                rs.getObject("result_publicity_from", LocalDate.class),
                rs.getObject("result_publicity_to", LocalDate.class),
                rs.getObject("closed_on", LocalDate.class),
                rs.getString("applied_by"),
                rs.getInt("open_objections"),
                rs.getInt("version"));
    }

    /** Region names, budgets and the 以工代赈 labour share of the projects read. */
    private List<Project> complete(List<Project> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, String> names =
                regions.names(rows.stream().map(Project::region).distinct().toList());
        Map<Long, List<Budget>> budgets = new HashMap<>();
        jdbc.sql("select project_id, source, amount from project_budget where project_id = any(?) order by source")
                .param(rows.stream().map(Project::id).toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    budgets.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Budget(FundSource.valueOf(rs.getString(2)), rs.getBigDecimal(3)));
                });
        Map<String, BigDecimal> minimum = new HashMap<>();
        return rows.stream()
                .map(p -> {
                    List<Budget> budget = budgets.getOrDefault(p.id(), List.of());
                    BigDecimal total = budget.stream().map(Budget::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal workRelief = budget.stream()
                            .filter(b -> b.source() == FundSource.WORK_RELIEF)
                            .map(Budget::amount)
                            .findFirst()
                            .orElse(null);
                    BigDecimal share = workRelief == null || p.plannedLabourPay() == null
                            ? null
                            : Funds.percent(p.plannedLabourPay(), workRelief);
                    BigDecimal min = workRelief == null
                            ? null
                            : minimum.computeIfAbsent(
                                    p.county(),
                                    c -> parameters
                                            .resolve(c.substring(0, 2) + "0000000000", today())
                                            .get("work_relief_labour_share_min")
                                            .value()
                                            .multiply(BigDecimal.valueOf(100))
                                            .setScale(1, RoundingMode.HALF_UP));
                    return new Project(
                            p.id(),
                            p.projectNo(),
                            p.region(),
                            names.getOrDefault(p.region(), p.region()),
                            p.county(),
                            p.year(),
                            p.name(),
                            p.type(),
                            p.subtype(),
                            p.department(),
                            p.place(),
                            p.content(),
                            p.implementer(),
                            p.responsible(),
                            p.householdLevel(),
                            p.benefitLinks(),
                            p.plannedHouseholds(),
                            p.plannedPersons(),
                            p.plannedPoorHouseholds(),
                            p.plannedLabourPay(),
                            share,
                            min,
                            budget,
                            total,
                            p.targets(),
                            p.stage(),
                            p.decisionNo(),
                            p.decidedOn(),
                            p.publicityFrom(),
                            p.publicityTo(),
                            p.publicityPlace(),
                            p.approvalNo(),
                            p.approvedOn(),
                            p.plannedStart(),
                            p.plannedEnd(),
                            p.progress(),
                            p.stopReason(),
                            p.completedOn(),
                            p.finalCost(),
                            p.acceptedOn(),
                            p.acceptanceTeam(),
                            p.acceptanceResult(),
                            p.resultPublicityFrom(),
                            p.resultPublicityTo(),
                            p.closedOn(),
                            p.appliedBy(),
                            p.openObjections(),
                            p.version());
                })
                .toList();
    }

    private Actor requireRole(Role... roles) {
        Actor me = actor.get()
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "project.forbidden", List.of()));
        for (Role r : roles) {
            if (me.role() == r) {
                return me;
            }
        }
        throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "project.role", List.of());
    }

    private static void raise(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
