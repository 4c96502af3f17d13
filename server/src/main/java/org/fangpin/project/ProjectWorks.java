package org.fangpin.project;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.project.Projects.Acceptance;
import org.fangpin.project.Projects.Approval;
import org.fangpin.project.Projects.Completion;
import org.fangpin.project.Projects.Progress;
import org.fangpin.project.Projects.Project;
import org.fangpin.project.Projects.Stoppage;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.stereotype.Service;

/**
 * A listed project's works, from 立项 to 结项: the approval after the publicity, progress reports (the share done never
 * falls), 停工 with the reason and 复工, 完工 at a final cost, 验收 (passed starts the results' publicity, failed sends
 * the works back under way) and the end of the results' publicity. Each step is a stage move through {@link
 * ProjectMoves}, dated from the approval to today; {@link Projects} calls it inside its transaction.
 */
@Service
class ProjectWorks {

    private final ProjectMoves moves;
    private final Funds funds;
    private final Publicities publicities;
    private final Messages messages;

    ProjectWorks(ProjectMoves moves, Funds funds, Publicities publicities, Messages messages) {
        this.moves = moves;
        this.funds = funds;
        this.publicities = publicities;
        this.messages = messages;
    }

    /** 立项: after the publicity, on a day after its last; the works planned from a day to a day. */
    Project approve(long id, int version, Approval a) {
        Actor me = moves.requireRole(Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.LISTED);
        List<FieldProblem> problems = new ArrayList<>();
        funds.text(problems, "approvalNo", a.approvalNo(), 100);
        LocalDate on = a.approvedOn() == null ? moves.today() : a.approvedOn();
        if (on.isAfter(moves.today()) || (p.publicityTo() != null && !on.isAfter(p.publicityTo()))) {
            problems.add(FieldProblem.of("approvedOn", messages.get("project.approved-on", p.publicityTo())));
        } else {
            moves.notBeforeLast(p, on, "approvedOn", problems);
        }
        if (a.plannedStart() == null) {
            problems.add(FieldProblem.of("plannedStart", messages.get("project.required")));
        }
        if (a.plannedEnd() == null
                || (a.plannedStart() != null && a.plannedEnd().isBefore(a.plannedStart()))) {
            problems.add(FieldProblem.of("plannedEnd", messages.get("project.planned-end")));
        }
        ProjectMoves.raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("approval_no", a.approvalNo().strip());
        set.put("approved_on", on);
        set.put("planned_start", a.plannedStart());
        set.put("planned_end", a.plannedEnd());
        return moves.move(
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
    Project progress(long id, int version, Progress r) {
        Actor me = moves.requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.IN_PROGRESS);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = r.reportedOn() == null ? moves.today() : r.reportedOn();
        worksDay(p, on, problems, "reportedOn");
        if (r.percent() == null || r.percent() < p.progress() || r.percent() > 100) {
            problems.add(FieldProblem.of("percent", messages.get("project.percent", p.progress())));
        }
        funds.text(problems, "milestone", r.milestone(), 500);
        ProjectMoves.raise(problems);
        return moves.move(
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
    Project suspend(long id, int version, Stoppage s) {
        Actor me = moves.requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.IN_PROGRESS);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = s.on() == null ? moves.today() : s.on();
        worksDay(p, on, problems, "on");
        funds.text(problems, "reason", s.reason(), 2000);
        ProjectMoves.raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("stop_reason", s.reason().strip());
        return moves.move(p, ProjectStage.SUSPENDED, ProjectAction.SUSPENDED, on, s.reason(), Map.of(), me, set);
    }

    /** 复工. */
    Project resume(long id, int version, Stoppage s) {
        Actor me = moves.requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.SUSPENDED);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = s == null || s.on() == null ? moves.today() : s.on();
        worksDay(p, on, problems, "on");
        ProjectMoves.raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("stop_reason", null);
        return moves.move(
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
    Project complete(long id, int version, Completion c) {
        Actor me = moves.requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.IN_PROGRESS);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = c.completedOn() == null ? moves.today() : c.completedOn();
        worksDay(p, on, problems, "completedOn");
        funds.money(problems, "finalCost", c.finalCost());
        ProjectMoves.raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("completed_on", on);
        set.put("final_cost", c.finalCost());
        set.put("progress", 100);
        return moves.move(
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
    Project accept(long id, int version, Acceptance a) {
        Actor me = moves.requireRole(Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.COMPLETED);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = a.acceptedOn() == null ? moves.today() : a.acceptedOn();
        if (on.isAfter(moves.today()) || on.isBefore(p.completedOn())) {
            problems.add(FieldProblem.of("acceptedOn", messages.get("project.accepted-on", p.completedOn())));
        }
        funds.text(problems, "team", a.team(), 500);
        if (a.passed() == null) {
            problems.add(FieldProblem.of("passed", messages.get("project.required")));
        }
        funds.text(problems, "result", a.result(), 2000);
        if (!Boolean.TRUE.equals(a.passed())) {
            ProjectMoves.raise(problems);
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("completed_on", null);
            set.put("acceptance_team", a.team().strip());
            set.put("acceptance_result", a.result().strip());
            return moves.move(
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
        Publicities.Period period = moves.period(p.county(), from, a.publicityTo(), problems, "publicityTo");
        ProjectMoves.raise(problems);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("accepted_on", on);
        set.put("acceptance_team", a.team().strip());
        set.put("acceptance_result", a.result().strip());
        set.put("result_publicity_from", period.from());
        set.put("result_publicity_to", period.to());
        return moves.move(
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
    Project endResultPublicity(long id, int version) {
        Actor me = moves.requireRole(Role.COUNTY);
        Project p = moves.at(id, version, ProjectStage.RESULT_PUBLICITY);
        Publicities.Counts c = publicities.requireOver(
                Projects.RESULTS, id, new Publicities.Period(p.resultPublicityFrom(), p.resultPublicityTo()));
        LocalDate on = p.resultPublicityTo().plusDays(1);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("closed_on", on);
        return moves.move(
                p, ProjectStage.CLOSED, ProjectAction.CLOSED, on, null, Map.of("objections", c.all()), me, set);
    }

    /** Adds the field's reason unless the day is from the approval to today and not before the last step. */
    private void worksDay(Project p, LocalDate on, List<FieldProblem> problems, String field) {
        if (on.isAfter(moves.today()) || (p.approvedOn() != null && on.isBefore(p.approvedOn()))) {
            problems.add(FieldProblem.of(field, messages.get("project.works-day", p.approvedOn())));
        } else {
            moves.notBeforeLast(p, on, field, problems);
        }
    }
}
