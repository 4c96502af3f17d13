package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.Department;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
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
 * are guarded by row locks rather than the project's version (ADR 0026); lines still take If-Match. This class is
 * the module's door and holds each method's transaction: reads, applications and money are here; the reviews,
 * decision and publicities are {@link ProjectListing}'s, the works' steps {@link ProjectWorks}'s, both moving stages
 * through {@link ProjectMoves}; rows are read by {@link ProjectRows}, applications checked by {@link
 * ProjectApplications}.
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
            Funds.ProjectFunds funds,
            List<ProjectFiles.File> files) {}

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
    private final Actor.Current actor;
    private final Messages messages;
    private final JsonMapper json;
    private final ProjectRows rows;
    private final ProjectApplications applications;
    private final ProjectMoves moves;
    private final ProjectWorks works;
    private final ProjectListing listing;
    private final ProjectFiles files;

    Projects(
            JdbcClient jdbc,
            ProjectReach reach,
            RegionDirectory regions,
            Funds funds,
            Publicities publicities,
            Actor.Current actor,
            Messages messages,
            JsonMapper json,
            ProjectRows rows,
            ProjectApplications applications,
            ProjectMoves moves,
            ProjectWorks works,
            ProjectListing listing,
            ProjectFiles files) {
        this.jdbc = jdbc;
        this.reach = reach;
        this.regions = regions;
        this.funds = funds;
        this.publicities = publicities;
        this.actor = actor;
        this.messages = messages;
        this.json = json;
        this.rows = rows;
        this.applications = applications;
        this.moves = moves;
        this.works = works;
        this.listing = listing;
        this.files = files;
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
        List<Project> items = jdbc.sql(
                        ProjectRows.SELECT + " where " + where + " order by p.id desc offset :offset limit :limit")
                .params(p)
                .query(rows::row)
                .list();
        return new ProjectPage(rows.complete(items), total, byStage);
    }

    /** One project of the caller's reach (404 otherwise). */
    @Transactional(readOnly = true)
    public Project get(long id) {
        return moves.get(id);
    }

    /** A project with its timeline, objections and money. */
    @Transactional(readOnly = true)
    public Detail detail(long id) {
        Project p = get(id);
        boolean department = actor.get().map(a -> a.role() == Role.DEPARTMENT).orElse(false);
        return new Detail(
                p,
                rows.steps(id),
                objectors(publicities.objections(LISTING, id), department),
                objectors(publicities.objections(RESULTS, id), department),
                funds.of(id),
                files.of(ProjectFiles.Subject.PROJECT, id));
    }

    /**
     * Adds an evidence file (验收 minutes and photos, publicity photos, contracts) to a project of the caller's reach,
     * by a village, township or county user (a department reads them).
     */
    @Transactional
    public ProjectFiles.File addFile(long id, String name, java.io.InputStream in) {
        moves.requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = get(id);
        return files.add(ProjectFiles.Subject.PROJECT, id, p.region(), name, in);
    }

    /** An evidence file of a project of the caller's reach; the read is audited. */
    @Transactional
    public ProjectFiles.Content openFile(long id, java.util.UUID file) {
        Project p = get(id);
        return files.open(ProjectFiles.Subject.PROJECT, id, p.region(), file);
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
        Actor me = moves.requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Region region = applications.checkApplication(a);
        ProjectStage stage = me.role() == Role.VILLAGE ? ProjectStage.APPLIED : ProjectStage.TOWNSHIP_REVIEWED;
        ProjectApplications.Filed filed = applications.file(a, region, stage, me);
        long id = filed.id();
        String no = filed.projectNo();
        Project p = moves.find(id, false);
        moves.step(p, stage, ProjectAction.APPLIED, applications.appliedOn(a), null, Map.of("projectNo", no), me);
        return get(id);
    }

    /** Changes an application not yet reviewed by the township, or returned (412 stale, 409 wrong stage). */
    @Transactional
    public Project amend(long id, int version, Application a) {
        Actor me = moves.requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.APPLIED, ProjectStage.RETURNED);
        Region region = applications.checkApplication(a);
        if (!applications.county(region).equals(p.county())) {
            throw ApiException.invalid("region", messages.get("project.region-county"));
        }
        ProjectStage stage = me.role() == Role.VILLAGE ? ProjectStage.APPLIED : ProjectStage.TOWNSHIP_REVIEWED;
        LocalDate on = applications.appliedOn(a);
        List<FieldProblem> problems = new ArrayList<>();
        moves.notBeforeLast(p, on, "appliedOn", problems);
        ProjectMoves.raise(problems);
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
                        AssetRows.strip(a.subtype()),
                        a.department().name(),
                        a.place().strip(),
                        a.content().strip(),
                        AssetRows.strip(a.implementer()),
                        AssetRows.strip(a.responsible()),
                        Boolean.TRUE.equals(a.householdLevel()),
                        a.benefitLinks().stream().distinct().map(Enum::name).toArray(String[]::new),
                        ProjectApplications.orZero(a.plannedHouseholds()),
                        ProjectApplications.orZero(a.plannedPersons()),
                        ProjectApplications.orZero(a.plannedPoorHouseholds()),
                        a.plannedLabourPay(),
                        json.writeValueAsString(ProjectApplications.targets(a)),
                        id)
                .update();
        jdbc.sql("delete from project_budget where project_id = ?").param(id).update();
        applications.writeBudget(id, a.budget());
        return moves.move(p, stage, ProjectAction.AMENDED, on, null, changed, me, Map.of());
    }

    // ---- reviews, the county's decision and publicity, through ProjectListing ----

    /** 乡镇审核 of a village's application: passed to the sector's department, or returned with the reason. */
    @Transactional
    public Project townshipReview(long id, int version, Review r) {
        return listing.townshipReview(id, version, r);
    }

    /**
     * 行业部门审核 by the project's own department (a department user of another sector gets 404 — it does not reach
     * the project), or recorded by the county on its behalf.
     */
    @Transactional
    public Project departmentReview(long id, int version, Review r) {
        return listing.departmentReview(id, version, r);
    }

    /**
     * 县级审定: listed and publicised from a day (not before the decision, at least {@code project_publicity_days}
     * days), or refused with the reason.
     */
    @Transactional
    public Project decide(long id, int version, Decision d) {
        return listing.decide(id, version, d);
    }

    /** Records an objection to the project's listing or its results, whichever is publicised now. */
    @Transactional
    public Project object(long id, int version, Publicities.NewObjection o) {
        return listing.object(id, version, o);
    }

    /**
     * Settles an objection: upheld sends the project back — a listing to the county's decision (and a new
     * publicity), results to acceptance — dismissed leaves the publicity running.
     */
    @Transactional
    public Project resolve(long id, int version, long objectionId, Publicities.Resolution r) {
        return listing.resolve(id, version, objectionId, r);
    }

    /** Ends the listing's publicity after its last day with no objection open: the project is in the library. */
    @Transactional
    public Project endPublicity(long id, int version) {
        return listing.endPublicity(id, version);
    }

    // ---- approval and works, through ProjectWorks ----

    /** 立项: after the publicity, on a day after its last; the works planned from a day to a day. */
    @Transactional
    public Project approve(long id, int version, Approval a) {
        return works.approve(id, version, a);
    }

    /** A progress report of works under way: the share done never falls; a day from the approval to today. */
    @Transactional
    public Project progress(long id, int version, Progress r) {
        return works.progress(id, version, r);
    }

    /** 停工 with the reason (001:189). */
    @Transactional
    public Project suspend(long id, int version, Stoppage s) {
        return works.suspend(id, version, s);
    }

    /** 复工. */
    @Transactional
    public Project resume(long id, int version, Stoppage s) {
        return works.resume(id, version, s);
    }

    /** 完工: the works are done on a day, at a final cost. */
    @Transactional
    public Project complete(long id, int version, Completion c) {
        return works.complete(id, version, c);
    }

    /**
     * 验收 of completed works only (409 before: no acceptance of works not done): passed starts the results'
     * publicity, failed sends the works back under way with what must be mended.
     */
    @Transactional
    public Project accept(long id, int version, Acceptance a) {
        return works.accept(id, version, a);
    }

    /** Ends the results' publicity after its last day with no objection open: the project is closed. */
    @Transactional
    public Project endResultPublicity(long id, int version) {
        return works.endResultPublicity(id, version);
    }

    // ---- money, through Funds, on the timeline ----

    @Transactional
    public Funds.Line assign(long id, int version, Funds.NewLine l) {
        Actor me = moves.requireRole(Role.COUNTY);
        Project p = moves.at(id, version, FUNDABLE.toArray(ProjectStage[]::new));
        Funds.Line line = funds.assign(p, l);
        moves.move(
                p,
                p.stage(),
                ProjectAction.FUNDED,
                moves.today(),
                null,
                Map.of("line", line.id(), "amount", line.amount().toPlainString()),
                me,
                Map.of());
        return line;
    }

    @Transactional
    public Funds.Payment pay(long id, Funds.NewPayment np) {
        Actor me = moves.requireRole(Role.COUNTY);
        Project p = moves.find(id, true);
        Funds.Payment payment = funds.pay(p, np);
        moves.touch(
                p,
                ProjectAction.PAID,
                payment.paidOn(),
                Map.of("payment", payment.id(), "amount", payment.amount().toPlainString()),
                me);
        return payment;
    }

    @Transactional
    public Funds.Payment reverse(long id, long paymentId, Funds.Reversal r) {
        Actor me = moves.requireRole(Role.COUNTY);
        Project p = moves.find(id, true);
        Funds.Payment payment = funds.reverse(p, paymentId, r);
        moves.touch(
                p,
                ProjectAction.REVERSED,
                payment.paidOn(),
                Map.of("payment", paymentId, "reversal", payment.id()),
                me);
        return payment;
    }

    // ---- helpers ----

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
}
