package org.fangpin.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.jdbc.Rows;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.internal.AlertExplanations;
import org.fangpin.region.DataScope;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.ScopedQuery;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.fangpin.security.UserAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * 预警线索 as people work them: each user sees the alerts of the villages in their region (the village's cadre
 * and the township first); a township or county office assigns an alert to a cadre; the cadre (or the office)
 * verifies it on the spot — confirmed or dismissed, always with a note; a confirmed alert is handed to case work.
 * Every step is recorded with who and when; a stale step (another user acted first) is refused with 412.
 */
@Service
public class Alerts {

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final Actor.Current actor;
    private final UserAccounts users;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Messages messages;
    private final RegionDirectory regions;
    private final AlertExplanations explanations;

    Alerts(
            JdbcClient jdbc,
            DataScope dataScope,
            Actor.Current actor,
            UserAccounts users,
            ApplicationEventPublisher events,
            JsonMapper json,
            Messages messages,
            RegionDirectory regions,
            AlertExplanations explanations) {
        this.explanations = explanations;
        this.messages = messages;
        this.regions = regions;
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.actor = actor;
        this.users = users;
        this.events = events;
        this.json = json;
    }

    public enum Status {
        NEW,
        ASSIGNED,
        CONFIRMED,
        DISMISSED,
        HANDED,
        /** Case work is done with it; it no longer covers its rules (a quiet period follows, as for a dismissal). */
        CLOSED
    }

    public record Alert(
            long id,
            UUID runId,
            long householdId,
            String householdNo,
            String villageCode,
            Status status,
            String severity,
            String suggestedCategory,
            List<String> causes,
            List<String> rules,
            Object explanation,
            Instant createdAt,
            String assignedTo,
            Instant assignedAt,
            String decidedBy,
            Instant decidedAt,
            String note,
            Instant handedAt,
            int version) {
        /** Free text can hold an ID or phone number: shown masked, like the structured fields. */
        public Alert {
            note = SensitiveText.mask(note);
        }
    }

    public record Event(Instant at, String actor, Status from, Status to, String note) {}

    /** Published when a confirmed alert is handed to case work (in the same transaction). */
    public record Handed(
            long alertId, long householdId, String villageCode, String suggestedCategory, List<String> causes) {}

    /** Filters for the alert list; null leaves a filter out ({@code before}: the last id of the previous page). */
    public record Query(
            String region, Status status, String assignedTo, UUID run, Long household, Long before, int limit) {

        /** Every alert in reach, newest first. */
        public static Query all(int limit) {
            return new Query(null, null, null, null, null, null, limit);
        }

        public Query withStatus(Status s) {
            return new Query(region, s, assignedTo, run, household, before, limit);
        }

        public Query withAssignee(String a) {
            return new Query(region, status, a, run, household, before, limit);
        }

        public Query withHousehold(Long h) {
            return new Query(region, status, assignedTo, run, h, before, limit);
        }

        public Query withRun(UUID r) {
            return new Query(region, status, assignedTo, r, household, before, limit);
        }

        public Query before(Long id) {
            return new Query(region, status, assignedTo, run, household, id, limit);
        }
    }

    /** The caller's alerts, newest first, keyset-paginated by id. */
    @Transactional(readOnly = true)
    public List<Alert> list(Query q) {
        return ScopedQuery.select("select * from alert", "village_code", dataScope.current())
                .inRegion(
                        q.region(),
                        regions,
                        () -> ApiException.invalid("region", messages.get("monitoring.alert.region")))
                .when(q.status(), "status = :status", "status")
                .when(q.assignedTo(), "assigned_to = :assignee", "assignee")
                .when(q.run(), "run_id = :run", "run")
                .when(q.household(), "household_id = :household", "household")
                .page(jdbc, "id", q.before(), q.limit(), this::alert);
    }

    /** Counts by status in the caller's reach (for the inbox and the dashboard). */
    @Transactional(readOnly = true)
    public Map<Status, Long> counts() {
        Map<String, Object> p = new HashMap<>();
        Map<Status, Long> out = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            out.put(s, 0L);
        }
        jdbc.sql("select status, count(*) from alert where " + scope(p) + " group by status")
                .params(p)
                .query((rs, i) -> out.put(Status.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        return out;
    }

    @Transactional(readOnly = true)
    public Alert get(long id) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        return jdbc.sql("select * from alert where id = :id and " + scope(p))
                .params(p)
                .query(this::alert)
                .optional()
                .orElseThrow(() -> ApiException.notFound("monitoring.alert.not-found", id));
    }

    @Transactional(readOnly = true)
    public List<Event> events(long id) {
        get(id);
        return jdbc.sql(
                        "select at, actor, from_status, to_status, note from alert_event where alert_id = ? order by id")
                .param(id)
                .query((rs, i) -> new Event(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3) == null ? null : Status.valueOf(rs.getString(3)),
                        Status.valueOf(rs.getString(4)),
                        rs.getString(5)))
                .list();
    }

    /** A township or county office gives the alert to a village or township cadre of the alert's village. */
    @Transactional
    public Alert assign(long id, int version, String assignee) {
        Actor me = requireRole(Role.TOWNSHIP, Role.COUNTY);
        Alert a = get(id);
        requireStatus(a, EnumSet.of(Status.NEW, Status.ASSIGNED));
        Actor to = users.find(assignee == null ? "" : assignee)
                .filter(u -> u.role() == Role.VILLAGE || u.role() == Role.TOWNSHIP)
                .filter(u -> u.regionCode() != null
                        && regions.find(u.regionCode())
                                .map(r -> r.subtree().contains(a.villageCode()))
                                .orElse(false))
                .orElseThrow(() -> ApiException.invalid("assignee", messages.get("monitoring.alert.assignee")));
        int n = jdbc.sql("update alert set status = 'ASSIGNED', assigned_to = ?, assigned_at = now(), version ="
                        + " version + 1 where id = ? and version = ?")
                .params(to.username(), id, version)
                .update();
        return step(n, a, Status.ASSIGNED, me, "→ " + to.username());
    }

    /** The on-the-spot check: confirmed (真实) or dismissed (不属实), with a note either way. */
    @Transactional
    public Alert verify(long id, int version, boolean confirmed, String note) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        Alert a = get(id);
        requireStatus(
                a, me.role() == Role.VILLAGE ? EnumSet.of(Status.ASSIGNED) : EnumSet.of(Status.NEW, Status.ASSIGNED));
        if (me.role() == Role.VILLAGE && !me.username().equals(a.assignedTo())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "monitoring.alert.not-assigned", List.of());
        }
        if (note == null || note.isBlank()) {
            throw ApiException.invalid("note", messages.get("monitoring.alert.note-required"));
        }
        Status to = confirmed ? Status.CONFIRMED : Status.DISMISSED;
        int n = jdbc.sql("update alert set status = ?, decided_by = ?, decided_at = now(), note = ?, version = version"
                        + " + 1 where id = ? and version = ?")
                .params(to.name(), me.username(), note.strip(), id, version)
                .update();
        return step(n, a, to, me, note.strip());
    }

    /** A confirmed alert goes to case work (识别认定); published as {@link Handed}. */
    @Transactional
    public Alert hand(long id, int version) {
        Actor me = requireRole(Role.TOWNSHIP, Role.COUNTY);
        Alert a = get(id);
        requireStatus(a, EnumSet.of(Status.CONFIRMED));
        int n = jdbc.sql("update alert set status = 'HANDED', handed_at = now(), version = version + 1 where id = ?"
                        + " and version = ?")
                .params(id, version)
                .update();
        Alert out = step(n, a, Status.HANDED, me, null);
        events.publishEvent(
                new Handed(out.id(), out.householdId(), out.villageCode(), out.suggestedCategory(), out.causes()));
        return out;
    }

    /**
     * Case work closes a handed-over alert when it is done with it — its case decided, or its new risk added to a
     * monitored household — in the caller's transaction. Closing twice changes nothing.
     */
    @Transactional
    public void close(long id, String note) {
        Alert a = get(id);
        if (a.status() == Status.CLOSED) {
            return;
        }
        requireStatus(a, EnumSet.of(Status.HANDED));
        int n = jdbc.sql("update alert set status = 'CLOSED', closed_at = now(), version = version + 1 where id = ?"
                        + " and status = 'HANDED'")
                .param(id)
                .update();
        String who = actor.get().map(Actor::username).orElse("system");
        if (n > 0) {
            jdbc.sql("insert into alert_event (alert_id, actor, from_status, to_status, note) values (?, ?, ?, ?, ?)")
                    .params(id, who, Status.HANDED.name(), Status.CLOSED.name(), note)
                    .update();
        }
    }

    private Alert step(int updated, Alert before, Status to, Actor me, String note) {
        if (updated == 0) {
            throw ApiException.preconditionFailed("monitoring.alert.stale", before.id());
        }
        jdbc.sql("insert into alert_event (alert_id, actor, from_status, to_status, note) values (?, ?, ?, ?, ?)")
                .params(before.id(), me.username(), before.status().name(), to.name(), note)
                .update();
        return get(before.id());
    }

    private Actor requireRole(Role... roles) {
        Actor me = actor.get()
                .orElseThrow(() ->
                        new ApiException(HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.detail", List.of()));
        if (!Arrays.asList(roles).contains(me.role())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "monitoring.alert.role", List.of());
        }
        return me;
    }

    private static void requireStatus(Alert a, Set<Status> allowed) {
        if (!allowed.contains(a.status())) {
            throw ApiException.conflict("monitoring.alert.status", a.status());
        }
    }

    /** The condition on {@code alert} for the caller's reach. */
    private String scope(Map<String, Object> p) {
        return dataScope.current().condition("village_code", p);
    }

    private Alert alert(ResultSet rs, int i) throws SQLException {
        List<String> rules = Rows.strings(rs, "rules");
        return new Alert(
                rs.getLong("id"),
                rs.getObject("run_id", UUID.class),
                rs.getLong("household_id"),
                rs.getString("household_no"),
                rs.getString("village_code"),
                Status.valueOf(rs.getString("status")),
                rs.getString("severity"),
                rs.getString("suggested_category"),
                Rows.strings(rs, "causes"),
                rules,
                explanations.shown(rs.getString("explanation"), rules),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("assigned_to"),
                Rows.instant(rs, "assigned_at"),
                rs.getString("decided_by"),
                Rows.instant(rs, "decided_at"),
                rs.getString("note"),
                Rows.instant(rs, "handed_at"),
                rs.getInt("version"));
    }
}
