package org.fangpin.project;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.Inbox;
import org.fangpin.casework.TaskSource;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.region.DataScope;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Project and asset work in the 待办 list: applications to review (乡镇审核, 行业部门审核, 县级审定 — each at its own
 * stage), objections to settle, publicities to end, completed works to accept, disposals to approve. Each source is
 * one query of {@code id, region, due} over the caller's reach; counted in full, paged with the longest waiting first.
 */
abstract class ProjectTasks implements TaskSource {

    private final JdbcClient jdbc;
    private final Clock clock;

    ProjectTasks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a task opens: a project's page or an asset's. */
    abstract String kind();

    /** The tasks' query ({@code id, region, due}) for the caller, binding into {@code p}; empty when none are theirs. */
    abstract Optional<String> query(Actor me, Map<String, Object> p);

    @Override
    public Inbox.Group group(Actor me) {
        Map<String, Object> p = new HashMap<>();
        p.put("today", LocalDate.now(clock));
        return query(me, p)
                .map(q -> jdbc.sql("select count(*), count(*) filter (where due < :today) from (" + q + ") t")
                        .params(p)
                        .query((rs, n) -> new Inbox.Group(action(), rs.getLong(1), rs.getLong(2)))
                        .single())
                .orElse(new Inbox.Group(action(), 0, 0));
    }

    @Override
    public List<Inbox.Task> page(Actor me, int offset, int limit) {
        Map<String, Object> p = new HashMap<>();
        LocalDate today = LocalDate.now(clock);
        p.put("today", today);
        p.put("offset", offset);
        p.put("limit", limit);
        return query(me, p)
                .map(q -> jdbc.sql("select * from (" + q
                                + ") t order by t.due nulls last, t.id offset :offset limit :limit")
                        .params(p)
                        .query((rs, n) -> {
                            LocalDate due = rs.getObject("due", LocalDate.class);
                            return new Inbox.Task(
                                    action(),
                                    kind(),
                                    rs.getLong("id"),
                                    0,
                                    null,
                                    rs.getString("region"),
                                    due,
                                    due != null && due.isBefore(today));
                        })
                        .list())
                .orElse(List.of());
    }

    /** Project tasks: over the projects the caller reaches (a department: its sector's). */
    abstract static class OfProjects extends ProjectTasks {

        final ProjectReach reach;
        final Permissions permissions;

        OfProjects(JdbcClient jdbc, Clock clock, ProjectReach reach, Permissions permissions) {
            super(jdbc, clock);
            this.reach = reach;
            this.permissions = permissions;
        }

        @Override
        String kind() {
            return "PROJECT";
        }

        /** The projects of the caller's reach meeting a condition, with a due day. */
        String projects(Map<String, Object> p, String condition, String due) {
            return "select p.id, p.region_code as region, " + due + " as due from project p where " + reach.condition(p)
                    + " and " + condition;
        }
    }

    /** 乡镇审核, 行业部门审核, 县级审定: the applications waiting at the caller's own step. */
    @Component
    static class Review extends OfProjects {

        Review(JdbcClient jdbc, Clock clock, ProjectReach reach, Permissions permissions) {
            super(jdbc, clock, reach, permissions);
        }

        @Override
        public Inbox.Action action() {
            return Inbox.Action.REVIEW_PROJECT;
        }

        @Override
        public boolean takenBy(Actor me) {
            return stage(me).isPresent();
        }

        private Optional<ProjectStage> stage(Actor me) {
            return switch (me.role()) {
                case TOWNSHIP ->
                    permissions.has(Permission.PROJECT_APPLY) ? Optional.of(ProjectStage.APPLIED) : Optional.empty();
                case DEPARTMENT ->
                    permissions.has(Permission.PROJECT_REVIEW)
                            ? Optional.of(ProjectStage.TOWNSHIP_REVIEWED)
                            : Optional.empty();
                case COUNTY ->
                    permissions.has(Permission.PROJECT_DECIDE)
                            ? Optional.of(ProjectStage.DEPARTMENT_REVIEWED)
                            : Optional.empty();
                default -> Optional.empty();
            };
        }

        @Override
        Optional<String> query(Actor me, Map<String, Object> p) {
            return stage(me).map(s -> {
                p.put("stage", s.name());
                return projects(p, "p.stage = :stage", "cast(null as date)");
            });
        }
    }

    /** Objections to a project's listing or results, open: settled by the township or the county. */
    @Component
    static class Objections extends OfProjects {

        Objections(JdbcClient jdbc, Clock clock, ProjectReach reach, Permissions permissions) {
            super(jdbc, clock, reach, permissions);
        }

        @Override
        public Inbox.Action action() {
            return Inbox.Action.SETTLE_PROJECT_OBJECTION;
        }

        @Override
        public boolean takenBy(Actor me) {
            return (me.role() == Role.TOWNSHIP || me.role() == Role.COUNTY)
                    && (permissions.has(Permission.PROJECT_APPLY) || permissions.has(Permission.PROJECT_DECIDE));
        }

        @Override
        Optional<String> query(Actor me, Map<String, Object> p) {
            return Optional.of(projects(
                    p,
                    "(p.stage = 'PUBLICITY' and " + Publicities.openObjectionExists(Projects.LISTING, "p.id")
                            + " or p.stage = 'RESULT_PUBLICITY' and "
                            + Publicities.openObjectionExists(Projects.RESULTS, "p.id") + ")",
                    "cast(null as date)"));
        }
    }

    /** 县级: publicities past their last day with no objection open, to end; completed works to accept. */
    @Component
    static class Decide extends OfProjects {

        Decide(JdbcClient jdbc, Clock clock, ProjectReach reach, Permissions permissions) {
            super(jdbc, clock, reach, permissions);
        }

        @Override
        public Inbox.Action action() {
            return Inbox.Action.PROJECT_STEP;
        }

        @Override
        public boolean takenBy(Actor me) {
            return me.role() == Role.COUNTY && permissions.has(Permission.PROJECT_DECIDE);
        }

        @Override
        Optional<String> query(Actor me, Map<String, Object> p) {
            return Optional.of(projects(
                    p,
                    "(p.stage = 'PUBLICITY' and p.publicity_to < :today and not "
                            + Publicities.openObjectionExists(Projects.LISTING, "p.id")
                            + " or p.stage = 'RESULT_PUBLICITY' and p.result_publicity_to < :today and not "
                            + Publicities.openObjectionExists(Projects.RESULTS, "p.id")
                            + " or p.stage = 'COMPLETED')",
                    "case p.stage when 'PUBLICITY' then p.publicity_to + 1"
                            + " when 'RESULT_PUBLICITY' then p.result_publicity_to + 1 end"));
        }
    }

    /** Disposal requests: the township reviews a village's, the county approves what the township passed. */
    @Component
    static class Disposals extends ProjectTasks {

        private final DataScope dataScope;
        private final Permissions permissions;

        Disposals(JdbcClient jdbc, Clock clock, DataScope dataScope, Permissions permissions) {
            super(jdbc, clock);
            this.dataScope = dataScope;
            this.permissions = permissions;
        }

        @Override
        public Inbox.Action action() {
            return Inbox.Action.APPROVE_DISPOSAL;
        }

        @Override
        String kind() {
            return "ASSET";
        }

        @Override
        public boolean takenBy(Actor me) {
            return me.role() == Role.TOWNSHIP && permissions.has(Permission.ASSET_EDIT)
                    || me.role() == Role.COUNTY && permissions.has(Permission.ASSET_DISPOSE);
        }

        @Override
        Optional<String> query(Actor me, Map<String, Object> p) {
            p.put(
                    "stage",
                    (me.role() == Role.TOWNSHIP ? DisposalStage.REQUESTED : DisposalStage.TOWNSHIP_APPROVED).name());
            return Optional.of("select a.id, a.region_code as region, cast(null as date) as due from asset_disposal d"
                    + " join asset a on a.id = d.asset_id where d.stage = :stage and "
                    + dataScope.current().condition("a.region_code", p));
        }
    }
}
