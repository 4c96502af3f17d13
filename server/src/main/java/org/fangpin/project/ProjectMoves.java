package org.fangpin.project;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.project.Projects.Project;
import org.fangpin.region.RegionCode;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every step of a project shares: the caller's role, the project of its reach at a version (412 otherwise) and
 * in a stage (409 otherwise), locked; the stage move with its columns set, or a record that moves no stage, written
 * on the timeline and audited; a step's day not before the project's latest dated step; the length of a publicity.
 * It runs inside the transaction of the {@link Projects} method that calls it.
 */
@Component
class ProjectMoves {

    private final JdbcClient jdbc;
    private final ProjectReach reach;
    private final ProjectRows rows;
    private final PolicyParameters parameters;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    ProjectMoves(
            JdbcClient jdbc,
            ProjectReach reach,
            ProjectRows rows,
            PolicyParameters parameters,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.reach = reach;
        this.rows = rows;
        this.parameters = parameters;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    /** The current actor when it has one of the roles (403 otherwise). */
    Actor requireRole(Role... roles) {
        Actor me = actor.get()
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "project.forbidden", List.of()));
        for (Role r : roles) {
            if (me.role() == r) {
                return me;
            }
        }
        throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "project.role", List.of());
    }

    /** One project of the caller's reach, completed (404 otherwise). */
    Project get(long id) {
        return rows.complete(List.of(find(id, false))).get(0);
    }

    /** The project of the caller's reach at a version (412 otherwise) in one of the stages (409 otherwise), locked. */
    Project at(long id, int version, ProjectStage... stages) {
        Project p = find(id, true);
        if (p.version() != version) {
            throw ApiException.preconditionFailed("project.stale", id);
        }
        if (!EnumSet.copyOf(List.of(stages)).contains(p.stage())) {
            throw ApiException.conflict("project.wrong-stage", p.stage().label(LocaleContextHolder.getLocale()));
        }
        return p;
    }

    /** The project of the caller's reach (404 otherwise), locked if asked. */
    Project find(long id, boolean lock) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return jdbc.sql(ProjectRows.SELECT + " where p.id = :id and " + reach.condition(params)
                        + (lock ? " for update of p" : ""))
                .params(params)
                .query(rows::row)
                .optional()
                .orElseThrow(() -> ApiException.notFound("project.not-found", id));
    }

    /** Moves the project to a stage (the same for a record), with its columns set, a step and the audit. */
    Project move(
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
    void touch(Project p, ProjectAction action, LocalDate on, Map<String, Object> details, Actor me) {
        jdbc.sql("update project set version = version + 1 where id = ?")
                .param(p.id())
                .update();
        step(p, p.stage(), action, on, null, details, me);
    }

    /** Writes a step on the project's timeline and publishes its audit. */
    void step(
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

    /** Actions whose day orders the project's history (records of money and objections keep their own days). */
    private static final Set<ProjectAction> DATED = EnumSet.complementOf(EnumSet.of(
            ProjectAction.FUNDED,
            ProjectAction.PAID,
            ProjectAction.REVERSED,
            ProjectAction.BENEFICIARIES,
            ProjectAction.OBJECTION,
            ProjectAction.OBJECTION_DISMISSED,
            ProjectAction.RESULT_OBJECTION,
            ProjectAction.RESULT_DISMISSED));

    /** Adds the field's reason when the day is before the project's latest dated step. */
    void notBeforeLast(Project p, LocalDate on, String field, List<FieldProblem> problems) {
        LocalDate last = jdbc.sql("select max(done_on) from project_step where project_id = ? and action = any(?)")
                .params(p.id(), DATED.stream().map(Enum::name).toArray(String[]::new))
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        if (last != null && on.isBefore(last)) {
            problems.add(FieldProblem.of(field, messages.get("project.before-last", last)));
        }
    }

    /**
     * A publicity of a county's (a project's, an income distribution's) from a day until a given day (none: the
     * shortest), the field's reason when shorter than {@code project_publicity_days}.
     */
    Publicities.Period period(String county, LocalDate from, LocalDate to, List<FieldProblem> problems, String field) {
        int days = parameters
                .resolve(RegionCode.province(county), from)
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

    /** Throws 422 with the fields' reasons, if any. */
    static void raise(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
