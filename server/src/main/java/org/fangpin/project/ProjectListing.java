package org.fangpin.project;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.project.Projects.Decision;
import org.fangpin.project.Projects.Project;
import org.fangpin.project.Projects.Review;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.stereotype.Service;

/**
 * An application's way into the project library: 乡镇审核 and 行业部门审核 (passed or returned with the reason), 县级审定
 * (listed with its publicity, or refused), objections to the listing's or the results' publicity and their
 * settlement (upheld sends the project back), and the end of the listing's publicity. Each step is a stage move
 * through {@link ProjectMoves}; {@link Projects} calls it inside its transaction.
 */
@Service
class ProjectListing {

    private final ProjectMoves moves;
    private final Funds funds;
    private final Publicities publicities;
    private final Messages messages;
    private final Clock clock;

    ProjectListing(ProjectMoves moves, Funds funds, Publicities publicities, Messages messages, Clock clock) {
        this.moves = moves;
        this.funds = funds;
        this.publicities = publicities;
        this.messages = messages;
        this.clock = clock;
    }

    /** 乡镇审核 of a village's application: passed to the sector's department, or returned with the reason. */
    Project townshipReview(long id, int version, Review r) {
        Actor me = moves.requireRole(Role.TOWNSHIP);
        Project p = moves.at(id, version, ProjectStage.APPLIED);
        LocalDate on = review(p, r);
        return Boolean.TRUE.equals(r.approved())
                ? moves.move(
                        p,
                        ProjectStage.TOWNSHIP_REVIEWED,
                        ProjectAction.TOWNSHIP_APPROVED,
                        on,
                        r.note(),
                        Map.of(),
                        me,
                        Map.of())
                : moves.move(
                        p,
                        ProjectStage.RETURNED,
                        ProjectAction.TOWNSHIP_RETURNED,
                        on,
                        r.note(),
                        Map.of(),
                        me,
                        Map.of());
    }

    /**
     * 行业部门审核 by the project's own department (a department user of another sector gets 404 — it does not reach
     * the project), or recorded by the county on its behalf.
     */
    Project departmentReview(long id, int version, Review r) {
        Actor me = moves.requireRole(Role.DEPARTMENT, Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.TOWNSHIP_REVIEWED);
        LocalDate on = review(p, r);
        Map<String, Object> d = Map.of("department", p.department().name());
        return Boolean.TRUE.equals(r.approved())
                ? moves.move(
                        p,
                        ProjectStage.DEPARTMENT_REVIEWED,
                        ProjectAction.DEPARTMENT_APPROVED,
                        on,
                        r.note(),
                        d,
                        me,
                        Map.of())
                : moves.move(
                        p, ProjectStage.RETURNED, ProjectAction.DEPARTMENT_RETURNED, on, r.note(), d, me, Map.of());
    }

    /**
     * 县级审定: listed and publicised from a day (not before the decision, at least {@code project_publicity_days}
     * days), or refused with the reason.
     */
    Project decide(long id, int version, Decision d) {
        Actor me = moves.requireRole(Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.DEPARTMENT_REVIEWED);
        List<FieldProblem> problems = new ArrayList<>();
        if (d.approved() == null) {
            problems.add(FieldProblem.of("approved", messages.get("project.required")));
        }
        if (Boolean.FALSE.equals(d.approved())) {
            funds.text(problems, "note", d.note(), 2000);
            ProjectMoves.raise(problems);
            return moves.move(
                    p, ProjectStage.REJECTED, ProjectAction.REJECTED, today(), d.note(), Map.of(), me, Map.of());
        }
        funds.text(problems, "decisionNo", d.decisionNo(), 100);
        LocalDate decided = d.decidedOn() == null ? today() : d.decidedOn();
        if (decided.isAfter(today())) {
            problems.add(FieldProblem.of("decidedOn", messages.get("project.not-future")));
        }
        moves.notBeforeLast(p, decided, "decidedOn", problems);
        LocalDate from = d.publicityFrom() == null ? decided : d.publicityFrom();
        if (from.isBefore(decided)) {
            problems.add(FieldProblem.of("publicityFrom", messages.get("project.publicity-from", decided)));
        }
        funds.text(problems, "publicityPlace", d.publicityPlace(), 200);
        Publicities.Period period = moves.period(p.county(), from, d.publicityTo(), problems, "publicityTo");
        ProjectMoves.raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("decision_no", d.decisionNo().strip());
        set.put("decided_on", decided);
        set.put("publicity_from", period.from());
        set.put("publicity_to", period.to());
        set.put("publicity_place", d.publicityPlace().strip());
        return moves.move(
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

    /** Records an objection to the project's listing or its results, whichever is publicised now. */
    Project object(long id, int version, Publicities.NewObjection o) {
        Actor me = moves.requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.PUBLICITY, ProjectStage.RESULT_PUBLICITY);
        boolean results = p.stage() == ProjectStage.RESULT_PUBLICITY;
        long oid =
                publicities.object(results ? Projects.RESULTS : Projects.LISTING, id, publicity(p), o, me.username());
        return moves.move(
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
    Project resolve(long id, int version, long objectionId, Publicities.Resolution r) {
        // the applying village does not judge objections to its own project
        Actor me = moves.requireRole(Role.TOWNSHIP, Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.PUBLICITY, ProjectStage.RESULT_PUBLICITY);
        boolean results = p.stage() == ProjectStage.RESULT_PUBLICITY;
        publicities.settle(results ? Projects.RESULTS : Projects.LISTING, id, objectionId, r, me.username());
        Map<String, Object> d = Map.of("objectionId", objectionId, "upheld", r.upheld());
        if (!r.upheld()) {
            return moves.move(
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
            return moves.move(p, ProjectStage.COMPLETED, ProjectAction.RESULT_UPHELD, today(), r.note(), d, me, clear);
        }
        clear.put("publicity_from", null);
        clear.put("publicity_to", null);
        return moves.move(
                p, ProjectStage.DEPARTMENT_REVIEWED, ProjectAction.OBJECTION_UPHELD, today(), r.note(), d, me, clear);
    }

    /** Ends the listing's publicity after its last day with no objection open: the project is in the library. */
    Project endPublicity(long id, int version) {
        Actor me = moves.requireRole(Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.PUBLICITY);
        Publicities.Counts c = publicities.requireOver(Projects.LISTING, id, publicity(p));
        return moves.move(
                p,
                ProjectStage.LISTED,
                ProjectAction.PUBLICITY_ENDED,
                p.publicityTo().plusDays(1),
                null,
                Map.of("objections", c.all()),
                me,
                Map.of());
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
            moves.notBeforeLast(p, on, "reviewedOn", problems);
        }
        ProjectMoves.raise(problems);
        return on;
    }

    private static Publicities.Period publicity(Project p) {
        return p.stage() == ProjectStage.RESULT_PUBLICITY
                ? new Publicities.Period(p.resultPublicityFrom(), p.resultPublicityTo())
                : new Publicities.Period(p.publicityFrom(), p.publicityTo());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
