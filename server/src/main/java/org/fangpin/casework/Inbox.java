package org.fangpin.casework;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.internal.Reach;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.Alerts;
import org.fangpin.region.ScopedQuery;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 待办: what is waiting for the signed-in user — the case steps their role takes in their region, plans and
 * grievances, the alerts to assign, check or hand over — grouped by what is to be done, every group counted in
 * full. Decisions come first (a township's one 乡镇审核 before its hundreds of alerts); within a group the most
 * overdue and then the oldest first, paged through to the end.
 */
@Service
public class Inbox {

    /** What the user is asked to do, in the order the groups are shown: decisions first. */
    public enum Action {
        COUNTY_DECISION,
        TOWNSHIP_REVIEW,
        DECIDE_GRIEVANCE,
        /** 整改销号: a finding the user's region issued, its close requested (assessment's). */
        SIGN_OFF_FINDING,
        SETTLE_OBJECTION,
        /** 乡镇审核, 行业部门审核 or 县级审定 of a project application (the project module's). */
        REVIEW_PROJECT,
        /** An objection to a project's publicity, to settle (the project module's). */
        SETTLE_PROJECT_OBJECTION,
        /** A project's publicity to end or its works to accept (the project module's). */
        PROJECT_STEP,
        /** An asset's disposal to review or approve (the project module's). */
        APPROVE_DISPOSAL,
        /** Leave asked for a work-team member, to approve or refuse (the pairing module's). */
        APPROVE_TEAM_LEAVE,
        /** A patent's annual fee falling due: keep it or drop it (the university IP module's). */
        DECIDE_PATENT_FEE,
        END_PUBLICITY,
        COUNCIL,
        VERIFY,
        HAND_OVER_ALERT,
        CHECK_ALERT,
        VISIT_DUE,
        /** 问题整改: a finding the user's region answers for, to rectify (assessment's). */
        RECTIFY_FINDING,
        NAME_RESPONSIBLE,
        /** A household that must have a helper and has neither one nor a plan (the pairing module's). */
        PAIR_HOUSEHOLD,
        /** A work-team member whose term ends soon, to rotate (the pairing module's). */
        ROTATE_MEMBER,
        ASSIGN_ALERT
    }

    /**
     * One task: a case step, a plan, a grievance, an alert or another module's (a finding: no household, {@code
     * villageCode} the region it is issued to; a patent: neither), with its household and any deadline.
     */
    public record Task(
            Action action,
            String kind,
            long id,
            long householdId,
            String householdNo,
            String villageCode,
            LocalDate due,
            boolean overdue) {

        /** The page the task is done on. */
        public String path() {
            return switch (kind) {
                case "CASE" -> "/cases/" + id;
                case "PLAN" -> "/plans/" + id;
                case "GRIEVANCE" -> "/grievances/" + id;
                case "FINDING" -> "/findings/" + id;
                case "PROJECT" -> "/projects/" + id;
                case "ASSET" -> "/assets/" + id;
                case "TEAM" -> "/teams/" + id;
                case "UNPAIRED" -> "/helpers/unpaired";
                case "PATENT" -> "/ip/patents/" + id;
                default -> "/alerts/" + id;
            };
        }
    }

    /** A kind of work waiting: how many items, how many of them past their deadline. */
    @Schema(name = "TaskGroup")
    public record Group(Action action, long count, long overdue) {}

    /**
     * The non-empty groups (decisions first), and one page of one group's tasks: {@code shown} (the first group
     * unless asked), {@code offset} tasks skipped of its {@code total}.
     */
    public record Tasks(List<Group> groups, Action shown, List<Task> tasks, long total, int offset) {

        /** How many tasks wait per action, every one counted (v1's field; {@link #groups} has them in order). */
        @JsonProperty("byAction")
        public Map<Action, Long> byAction() {
            Map<Action, Long> out = new LinkedHashMap<>();
            groups.forEach(g -> out.put(g.action(), g.count()));
            return out;
        }
    }

    /** The most tasks one page returns. */
    public static final int MAX_PAGE = 200;

    private final JdbcClient jdbc;
    private final Reach reach;
    private final Alerts alerts;
    private final List<TaskSource> others;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Reach reach, Alerts alerts, List<TaskSource> others, Clock clock) {
        this.jdbc = jdbc;
        this.reach = reach;
        this.alerts = alerts;
        this.others = List.copyOf(others);
        this.clock = clock;
    }

    /** The caller's groups and a page of {@code action}'s tasks (null: the first group's). */
    @Transactional(readOnly = true)
    public Tasks tasks(Action action, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw ApiException.invalid("limit", "offset ≥ 0, 1 ≤ limit ≤ " + MAX_PAGE);
        }
        Optional<Actor> me = Optional.ofNullable(reach.current());
        if (me.isEmpty()) {
            return new Tasks(List.of(), null, List.of(), 0, offset);
        }
        List<Action> mine = actionsOf(me.get());
        List<Group> groups = new ArrayList<>();
        for (Action a : mine) {
            Group g = source(a, me.get()).group();
            if (g.count() > 0) {
                groups.add(g);
            }
        }
        Action shown = action != null && mine.contains(action)
                ? action
                : groups.isEmpty() ? null : groups.get(0).action();
        if (shown == null) {
            return new Tasks(List.copyOf(groups), null, List.of(), 0, offset);
        }
        long total = groups.stream()
                .filter(g -> g.action() == shown)
                .mapToLong(Group::count)
                .findFirst()
                .orElse(0);
        return new Tasks(List.copyOf(groups), shown, source(shown, me.get()).page(offset, limit), total, offset);
    }

    /** The actions the user takes, in the order they are shown: case work's by role, the others' as they say. */
    private List<Action> actionsOf(Actor me) {
        List<Action> out = new ArrayList<>();
        Role role = me.role();
        for (Action a : Action.values()) {
            Optional<TaskSource> other = other(a);
            boolean mine = other.isPresent()
                    ? other.get().takenBy(me)
                    : switch (a) {
                        case VERIFY, COUNCIL, END_PUBLICITY, VISIT_DUE -> role == Role.VILLAGE;
                        // alerts given to the user: a village cadre's, or a township officer's own
                        case CHECK_ALERT -> role == Role.VILLAGE || role == Role.TOWNSHIP;
                        case SETTLE_OBJECTION -> role == Role.VILLAGE || role == Role.TOWNSHIP;
                        case TOWNSHIP_REVIEW, ASSIGN_ALERT, HAND_OVER_ALERT -> role == Role.TOWNSHIP;
                        case NAME_RESPONSIBLE -> role == Role.TOWNSHIP || role == Role.COUNTY;
                        case COUNTY_DECISION, DECIDE_GRIEVANCE -> role == Role.COUNTY;
                        case SIGN_OFF_FINDING,
                                RECTIFY_FINDING,
                                REVIEW_PROJECT,
                                SETTLE_PROJECT_OBJECTION,
                                PROJECT_STEP,
                                APPROVE_DISPOSAL,
                                APPROVE_TEAM_LEAVE,
                                DECIDE_PATENT_FEE,
                                PAIR_HOUSEHOLD,
                                ROTATE_MEMBER -> false; // no module holds them
                    };
            if (mine) {
                out.add(a);
            }
        }
        return out;
    }

    /** Where an action's tasks come from: its count and a page, most overdue and oldest first. */
    private interface Source {
        Group group();

        List<Task> page(int offset, int limit);
    }

    private Optional<TaskSource> other(Action a) {
        return others.stream().filter(o -> o.action() == a).findFirst();
    }

    private Source source(Action a, Actor me) {
        Optional<TaskSource> other = other(a);
        if (other.isPresent()) {
            return new Source() {
                @Override
                public Group group() {
                    return other.get().group(me);
                }

                @Override
                public List<Task> page(int offset, int limit) {
                    return other.get().page(me, offset, limit);
                }
            };
        }
        return switch (a) {
            case VERIFY -> cases(a, "stage = 'VERIFICATION'");
            case COUNCIL -> cases(a, "stage = 'COUNCIL'");
            case SETTLE_OBJECTION -> cases(a, "stage = 'PUBLICITY' and " + OPEN_OBJECTION);
            case END_PUBLICITY ->
                cases(a, "stage = 'PUBLICITY' and not " + OPEN_OBJECTION + " and publicity_to < :today");
            case TOWNSHIP_REVIEW -> cases(a, "stage = 'TOWNSHIP_REVIEW'");
            case COUNTY_DECISION -> cases(a, "stage = 'COUNTY_DECISION'");
            case DECIDE_GRIEVANCE -> table(a, "GRIEVANCE", "grievance", "id", "deadline", "status = 'OPEN'");
            case VISIT_DUE ->
                table(a, "PLAN", "assistance_plan ap", "ap.household_id", PLAN_DUE, PLAN_DUE + " < :today");
            case NAME_RESPONSIBLE ->
                table(a, "PLAN", "assistance_plan ap", "ap.household_id", "null::date", "ap.responsible_name is null");
            case ASSIGN_ALERT -> alerts(a, Alerts.Filter.ALL.withStatus(Alerts.Status.NEW));
            case CHECK_ALERT ->
                alerts(a, Alerts.Filter.ALL.withStatus(Alerts.Status.ASSIGNED).withAssignee(me.username()));
            case HAND_OVER_ALERT -> alerts(a, Alerts.Filter.ALL.withStatus(Alerts.Status.CONFIRMED));
            case SIGN_OFF_FINDING,
                    RECTIFY_FINDING,
                    REVIEW_PROJECT,
                    SETTLE_PROJECT_OBJECTION,
                    PROJECT_STEP,
                    APPROVE_DISPOSAL,
                    APPROVE_TEAM_LEAVE,
                    DECIDE_PATENT_FEE,
                    PAIR_HOUSEHOLD,
                    ROTATE_MEMBER -> throw new IllegalStateException("no source of " + a);
        };
    }

    private static final String OPEN_OBJECTION =
            org.fangpin.common.publicity.Publicities.openObjectionExists(Cases.PUBLICITY, "case_file.id");

    /** When a plan's next visit is due: its interval after the last visit (or its start). */
    private static final String PLAN_DUE = "(coalesce((select max(v.visited_on) from followup_visit v where"
            + " v.household_id = ap.household_id), ap.started_on) + ap.visit_interval_days)";

    private Source cases(Action a, String condition) {
        return table(a, "CASE", "case_file", "id", "deadline", "closed_at is null and " + condition);
    }

    /** Rows of a case-work table: {@code due} an expression, the village in the row's {@code village_code}. */
    private Source table(Action a, String kind, String from, String id, String due, String condition) {
        String alias = from.contains(" ") ? from.substring(from.indexOf(' ') + 1) + "." : "";
        LocalDate today = LocalDate.now(clock);
        return new Source() {
            private ScopedQuery where(String select) {
                return ScopedQuery.select(select, alias + "village_code", reach.scope())
                        .and(condition)
                        .bind("today", today);
            }

            @Override
            public Group group() {
                long[] n = new long[2];
                String count = "select count(*), count(*) filter (where " + due + " < :today) from " + from;
                where(count).grouped(jdbc, count, null, rs -> {
                    n[0] = rs.getLong(1);
                    n[1] = rs.getLong(2);
                });
                return new Group(a, n[0], n[1]);
            }

            @Override
            public List<Task> page(int offset, int limit) {
                String select = "select " + id + " as id, " + alias + "household_id, " + alias + "household_no, "
                        + alias + "village_code, " + due + " as due from " + from;
                return where(select).list(jdbc, select, "due nulls last, id", offset, limit, (rs, i) -> {
                    LocalDate d = rs.getObject("due", LocalDate.class);
                    return new Task(
                            a,
                            kind,
                            rs.getLong("id"),
                            rs.getLong("household_id"),
                            rs.getString("household_no"),
                            rs.getString("village_code"),
                            d,
                            d != null && d.isBefore(today));
                });
            }
        };
    }

    /** Alerts in a status: no deadline, the oldest first. */
    private Source alerts(Action a, Alerts.Filter f) {
        return new Source() {
            @Override
            public Group group() {
                return new Group(a, alerts.count(f), 0);
            }

            @Override
            public List<Task> page(int offset, int limit) {
                return alerts.list(new Alerts.Query(f, Alerts.Sort.OLDEST, null, offset, limit)).stream()
                        .map(x -> new Task(
                                a, "ALERT", x.id(), x.householdId(), x.householdNo(), x.villageCode(), null, false))
                        .toList();
            }
        };
    }
}
