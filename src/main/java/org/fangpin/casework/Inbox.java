package org.fangpin.casework;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.monitoring.Alerts;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 待办: what is waiting for the signed-in user — the case steps their role takes in their region, and the alerts
 * to assign, check or hand over. Oldest deadline first; overdue cases are marked.
 */
@Service
public class Inbox {

    /** What the user is asked to do. */
    public enum Action {
        VERIFY,
        COUNCIL,
        SETTLE_OBJECTION,
        END_PUBLICITY,
        TOWNSHIP_REVIEW,
        COUNTY_DECISION,
        ASSIGN_ALERT,
        CHECK_ALERT,
        HAND_OVER_ALERT,
        VISIT_DUE,
        NAME_RESPONSIBLE,
        DECIDE_GRIEVANCE
    }

    /** One task: a case step or an alert, with its household and, for cases, the deadline. */
    public record Task(
            Action action,
            String kind,
            long id,
            long householdId,
            String householdNo,
            String villageCode,
            LocalDate due,
            boolean overdue) {}

    /** At most {@link #LIMIT} tasks, with the count per action among them. */
    public record Tasks(List<Task> tasks, Map<Action, Long> byAction) {}

    static final int LIMIT = 500;

    private final Cases cases;
    private final AssistancePlans plans;
    private final Grievances grievances;
    private final Alerts alerts;
    private final Actor.Current actor;
    private final Clock clock;

    Inbox(Cases cases, AssistancePlans plans, Grievances grievances, Alerts alerts, Actor.Current actor, Clock clock) {
        this.grievances = grievances;
        this.cases = cases;
        this.plans = plans;
        this.alerts = alerts;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Tasks tasks() {
        Optional<Actor> me = actor.get();
        List<Task> out = new ArrayList<>();
        if (me.isPresent()) {
            Role role = me.get().role();
            LocalDate today = LocalDate.now(clock);
            for (CaseStage stage : stagesFor(role)) {
                for (Cases.CaseFile c : cases.list(new Cases.Query(null, stage, null, null, null, LIMIT))) {
                    caseAction(role, c, today)
                            .ifPresent(a -> out.add(new Task(
                                    a,
                                    "CASE",
                                    c.id(),
                                    c.householdId(),
                                    c.householdNo(),
                                    c.villageCode(),
                                    c.deadline(),
                                    c.overdue())));
                }
            }
            if (role == Role.VILLAGE) {
                for (AssistancePlans.Plan p : plans.list(new AssistancePlans.Query(null, true, null, null, LIMIT))) {
                    out.add(planTask(Action.VISIT_DUE, p, p.nextVisitDue(), true));
                }
                alertTasks(
                        out,
                        Action.CHECK_ALERT,
                        Alerts.Status.ASSIGNED,
                        me.get().username());
            }
            if (role == Role.TOWNSHIP || role == Role.COUNTY) {
                for (AssistancePlans.Plan p : plans.list(new AssistancePlans.Query(null, null, true, null, LIMIT))) {
                    out.add(planTask(Action.NAME_RESPONSIBLE, p, null, false));
                }
            }
            if (role == Role.COUNTY) {
                for (Grievances.Grievance g :
                        grievances.list(new Grievances.Query(Grievances.Status.OPEN, null, null, LIMIT))) {
                    out.add(new Task(
                            Action.DECIDE_GRIEVANCE,
                            "GRIEVANCE",
                            g.id(),
                            g.householdId(),
                            g.householdNo(),
                            g.villageCode(),
                            g.deadline(),
                            g.overdue()));
                }
            }
            if (role == Role.TOWNSHIP) {
                alertTasks(out, Action.ASSIGN_ALERT, Alerts.Status.NEW, null);
                alertTasks(out, Action.HAND_OVER_ALERT, Alerts.Status.CONFIRMED, null);
            }
        }
        out.sort(Comparator.comparing(Task::due, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Task::id));
        List<Task> shown = out.size() > LIMIT ? out.subList(0, LIMIT) : out;
        Map<Action, Long> byAction = new LinkedHashMap<>();
        for (Task t : shown) {
            byAction.merge(t.action(), 1L, Long::sum);
        }
        return new Tasks(List.copyOf(shown), byAction);
    }

    private static List<CaseStage> stagesFor(Role role) {
        return switch (role) {
            case VILLAGE -> List.of(CaseStage.VERIFICATION, CaseStage.COUNCIL, CaseStage.PUBLICITY);
            case TOWNSHIP -> List.of(CaseStage.PUBLICITY, CaseStage.TOWNSHIP_REVIEW);
            case COUNTY -> List.of(CaseStage.COUNTY_DECISION);
            default -> List.of();
        };
    }

    private Optional<Action> caseAction(Role role, Cases.CaseFile c, LocalDate today) {
        return switch (c.stage()) {
            case VERIFICATION -> Optional.of(Action.VERIFY);
            case COUNCIL -> Optional.of(Action.COUNCIL);
            case PUBLICITY -> {
                if (c.openObjections() > 0) {
                    yield Optional.of(Action.SETTLE_OBJECTION);
                }
                yield role == Role.VILLAGE && today.isAfter(c.publicityTo())
                        ? Optional.of(Action.END_PUBLICITY)
                        : Optional.empty();
            }
            case TOWNSHIP_REVIEW -> Optional.of(Action.TOWNSHIP_REVIEW);
            case COUNTY_DECISION -> Optional.of(Action.COUNTY_DECISION);
            default -> Optional.empty();
        };
    }

    private static Task planTask(Action action, AssistancePlans.Plan p, LocalDate due, boolean overdue) {
        return new Task(
                action, "PLAN", p.householdId(), p.householdId(), p.householdNo(), p.villageCode(), due, overdue);
    }

    /** Alerts in a status, assigned to {@code assignee} (null: to anyone or no one). */
    private void alertTasks(List<Task> out, Action action, Alerts.Status status, String assignee) {
        for (Alerts.Alert a :
                alerts.list(Alerts.Query.all(LIMIT).withStatus(status).withAssignee(assignee))) {
            out.add(new Task(action, "ALERT", a.id(), a.householdId(), a.householdNo(), a.villageCode(), null, false));
        }
    }
}
