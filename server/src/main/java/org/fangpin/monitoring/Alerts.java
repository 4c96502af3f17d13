package org.fangpin.monitoring;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.jdbc.Rows;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.internal.AlertExplanations;
import org.fangpin.monitoring.internal.AlertListing;
import org.fangpin.region.DataScope;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
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
    private final AlertListing listing;

    Alerts(
            JdbcClient jdbc,
            DataScope dataScope,
            Actor.Current actor,
            UserAccounts users,
            ApplicationEventPublisher events,
            JsonMapper json,
            Messages messages,
            RegionDirectory regions,
            AlertExplanations explanations,
            AlertListing listing) {
        this.explanations = explanations;
        this.listing = listing;
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

    /** How the alert list is ordered; every order ends with the id, newest first. */
    public enum Sort {
        NEWEST,
        OLDEST,
        /** High first. */
        SEVERITY,
        /** By village code: a township's or a village's alerts together. */
        VILLAGE
    }

    /**
     * What the alert list shows; null leaves a filter out. {@code region}: a township's or a village's subtree;
     * {@code rule}: alerts that one rule fired; {@code from}/{@code to}: raised on those days (platform zone).
     */
    public record Filter(
            String region,
            Status status,
            String assignedTo,
            UUID run,
            Long household,
            String rule,
            String category,
            String severity,
            LocalDate from,
            LocalDate to) {

        public static final Filter ALL = new Filter(null, null, null, null, null, null, null, null, null, null);

        public Filter withStatus(Status s) {
            return new Filter(region, s, assignedTo, run, household, rule, category, severity, from, to);
        }

        public Filter withAssignee(String a) {
            return new Filter(region, status, a, run, household, rule, category, severity, from, to);
        }

        public Filter withHousehold(Long h) {
            return new Filter(region, status, assignedTo, run, h, rule, category, severity, from, to);
        }

        public Filter withRun(UUID r) {
            return new Filter(region, status, assignedTo, r, household, rule, category, severity, from, to);
        }
    }

    /**
     * One page of the list: {@code before} (the last id of the previous page, newest first only) or {@code offset}
     * rows skipped, at most {@code limit} rows.
     */
    public record Query(Filter filter, Sort sort, Long before, int offset, int limit) {

        public Query {
            filter = filter == null ? Filter.ALL : filter;
            sort = sort == null ? Sort.NEWEST : sort;
            if (before != null && sort != Sort.NEWEST) {
                throw ApiException.invalid("before", "before: newest first only / 仅用于按时间倒序");
            }
            offset = Math.max(0, offset);
        }

        /** Every alert in reach, newest first. */
        public static Query all(int limit) {
            return new Query(Filter.ALL, Sort.NEWEST, null, 0, limit);
        }

        public Query withStatus(Status s) {
            return new Query(filter.withStatus(s), sort, before, offset, limit);
        }

        public Query withHousehold(Long h) {
            return new Query(filter.withHousehold(h), sort, before, offset, limit);
        }

        public Query withRun(UUID r) {
            return new Query(filter.withRun(r), sort, before, offset, limit);
        }
    }

    /** A rule as lists name it. */
    @Schema(name = "AlertRuleName")
    public record RuleName(String code, String nameZh, String nameEn, String severity) {}

    /** An alert as a page lists it: without its explanation; its rules' codes, and their names. */
    public record Item(
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
            List<RuleName> ruleNames,
            Instant createdAt,
            String assignedTo,
            Instant assignedAt,
            String decidedBy,
            Instant decidedAt,
            Instant handedAt,
            int version) {}

    /** The caller's alerts, as pages list them: one page in the query's order. */
    @Transactional(readOnly = true)
    public List<Item> list(Query q) {
        return listing.items(q);
    }

    /** The same page with each alert whole, its explanation rendered (the API's list, as v1 has always given it). */
    @Transactional(readOnly = true)
    public List<Alert> listExplained(Query q) {
        return listing.page(q, "select * from alert", this::alert);
    }

    /** How many alerts the filter matches in the caller's reach. */
    @Transactional(readOnly = true)
    public long count(Filter f) {
        return listing.count(f);
    }

    /** The ids the filter matches (newest first), at most {@code cap}: e.g. every open alert of a village. */
    @Transactional(readOnly = true)
    public List<Long> ids(Filter f, int cap) {
        return listing.ids(f, cap);
    }

    /** Counts by status among the alerts the filter matches, whatever its status. */
    @Transactional(readOnly = true)
    public Map<Status, Long> counts(Filter f) {
        return listing.counts(f);
    }

    /**
     * The rules the caller's alerts can name, for a filter: those of the rule sets put in force, nationally or in the
     * caller's province, each code in its latest wording (the province's over the national one).
     */
    @Transactional(readOnly = true)
    public List<RuleName> rules() {
        return listing.rules();
    }

    /**
     * Which of the households named have an alert still open (new, assigned or confirmed): a new risk found and not
     * yet settled. One statement whatever their number; the caller has the households in its scope already.
     */
    @Transactional(readOnly = true)
    public Set<Long> withOpenAlerts(Collection<Long> householdIds) {
        if (householdIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select distinct household_id from alert where household_id = any(?)"
                        + " and status in ('NEW', 'ASSIGNED', 'CONFIRMED')")
                .param(householdIds.toArray(Long[]::new))
                .query(Long.class)
                .list());
    }

    /** Counts by status in the caller's reach (for the inbox and the dashboard). */
    @Transactional(readOnly = true)
    public Map<Status, Long> counts() {
        return counts(Filter.ALL);
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
                .filter(u -> covers(u, a.villageCode()))
                .orElseThrow(() -> ApiException.invalid("assignee", messages.get("monitoring.alert.assignee")));
        int n = jdbc.sql("update alert set status = 'ASSIGNED', assigned_to = ?, assigned_at = now(), version ="
                        + " version + 1 where id = ? and version = ?")
                .params(to.username(), id, version)
                .update();
        return step(n, a, Status.ASSIGNED, me, "→ " + nameOf(to.username()));
    }

    /** The most alerts one bulk assignment takes (a county's backlog). */
    public static final int MAX_BULK = 20_000;

    /** What a bulk assignment did: how many alerts it assigned, and each one it left with the reason. */
    @Schema(name = "BulkAssignmentResult")
    public record Bulk(int assigned, List<Skipped> skipped) {}

    @Schema(name = "SkippedAlert")
    public record Skipped(long id, String reason) {}

    /**
     * Assigns many alerts at once (township, county): to {@code assignee}, or — when null — each to its village's
     * cadre (the one enabled village user of the alert's village). Alerts that cannot be assigned (another status,
     * out of reach, the assignee's region does not cover it, no single cadre) are left with their reason; the rest
     * are assigned in one statement and each gets its step recorded.
     */
    @Transactional
    public Bulk assignAll(Collection<Long> ids, String assignee) {
        Actor me = requireRole(Role.TOWNSHIP, Role.COUNTY);
        if (ids.isEmpty() || ids.size() > MAX_BULK) {
            throw ApiException.invalid("ids", messages.get("monitoring.alert.bulk-size", MAX_BULK));
        }
        Map<String, Object> p = new HashMap<>();
        p.put("ids", ids.stream().distinct().toArray(Long[]::new));
        Map<Long, String[]> found = new LinkedHashMap<>(); // id → village, status
        jdbc.sql("select id, village_code, status from alert where id = any(:ids) and " + scope(p)
                        + " order by id for update")
                .params(p)
                .query((rs, i) -> found.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)}))
                .list();
        if (found.isEmpty()) {
            // none of them in reach: nothing to report alert by alert
            throw ApiException.notFound(
                    "monitoring.alert.not-found", ids.iterator().next());
        }
        Actor to = null;
        Map<String, List<UserAccounts.Person>> cadres = Map.of();
        if (assignee != null) {
            to = users.find(assignee)
                    .filter(u -> u.role() == Role.VILLAGE || u.role() == Role.TOWNSHIP)
                    .orElseThrow(() -> ApiException.invalid("assignee", messages.get("monitoring.alert.assignee")));
        } else {
            cadres = cadres(found.values().stream().map(v -> v[0]).distinct().toList());
        }
        Map<String, String> villages =
                regions.names(found.values().stream().map(v -> v[0]).distinct().toList());
        List<Skipped> skipped = new ArrayList<>();
        Map<String, List<Long>> byAssignee = new LinkedHashMap<>();
        for (Long id : ids.stream().distinct().toList()) {
            String[] a = found.get(id);
            if (a == null) {
                skipped.add(new Skipped(id, messages.get("monitoring.alert.not-found", id)));
                continue;
            }
            if (!a[1].equals(Status.NEW.name()) && !a[1].equals(Status.ASSIGNED.name())) {
                skipped.add(new Skipped(id, messages.get("monitoring.alert.status", label(Status.valueOf(a[1])))));
                continue;
            }
            String who;
            if (to != null) {
                if (!covers(to, a[0])) {
                    skipped.add(new Skipped(id, messages.get("monitoring.alert.assignee")));
                    continue;
                }
                who = to.username();
            } else {
                List<UserAccounts.Person> c = cadres.getOrDefault(a[0], List.of());
                if (c.size() != 1) {
                    skipped.add(new Skipped(
                            id,
                            messages.get(
                                    c.isEmpty() ? "monitoring.alert.no-cadre" : "monitoring.alert.cadres",
                                    villages.getOrDefault(a[0], a[0]))));
                    continue;
                }
                who = c.get(0).username();
            }
            byAssignee.computeIfAbsent(who, k -> new ArrayList<>()).add(id);
        }
        int assigned = 0;
        for (Map.Entry<String, List<Long>> e : byAssignee.entrySet()) {
            assigned += jdbc.sql("with prev as (select id, status from alert where id = any(:ids)), moved as (update"
                            + " alert a set status = 'ASSIGNED', assigned_to = :to, assigned_at = now(), version ="
                            + " a.version + 1 from prev where a.id = prev.id returning a.id, prev.status) insert into"
                            + " alert_event (alert_id, actor, from_status, to_status, note) select id, :me, status,"
                            + " 'ASSIGNED', :note from moved")
                    .param("ids", e.getValue().toArray(Long[]::new))
                    .param("to", e.getKey())
                    .param("me", me.username())
                    .param("note", "→ " + nameOf(e.getKey()))
                    .update();
        }
        return new Bulk(assigned, List.copyOf(skipped));
    }

    /**
     * Who the caller may give alerts of a region to (a village, a township, or their whole reach when null): the
     * village and township users whose region lies in it, and the township users above a village.
     */
    @Transactional(readOnly = true)
    public List<UserAccounts.Person> assignees(String regionCode) {
        DataScope.Scope scope = dataScope.current();
        var home = scope.home();
        String code = regionCode != null ? regionCode : home.map(r -> r.code()).orElse(null);
        if (code == null || !scope.covers(code)) {
            return List.of();
        }
        var region = regions.find(code).orElse(null);
        if (region == null) {
            return List.of();
        }
        List<String> above = regions.ancestors(code).stream()
                .filter(r -> scope.covers(r.code()))
                .map(r -> r.code())
                .toList();
        return users.people(region.subtree(), above, List.of(Role.VILLAGE, Role.TOWNSHIP), 2_000);
    }

    /** Each village's enabled village users. */
    private Map<String, List<UserAccounts.Person>> cadres(List<String> villages) {
        Map<String, List<UserAccounts.Person>> out = new HashMap<>();
        if (villages.isEmpty()) {
            return out;
        }
        String lo = villages.stream().min(String::compareTo).orElseThrow();
        String hi = villages.stream().max(String::compareTo).orElseThrow();
        for (UserAccounts.Person u :
                users.people(new RegionCode.CodeRange(lo, hi), List.of(), List.of(Role.VILLAGE), Integer.MAX_VALUE)) {
            out.computeIfAbsent(u.regionCode(), k -> new ArrayList<>()).add(u);
        }
        return out;
    }

    private boolean covers(Actor user, String villageCode) {
        return user.regionCode() != null
                && regions.find(user.regionCode())
                        .map(r -> r.subtree().contains(villageCode))
                        .orElse(false);
    }

    /** A user as the alert's steps name them: the display name, which the timeline shows. */
    private String nameOf(String username) {
        return users.displayNames(List.of(username)).getOrDefault(username, username);
    }

    private String label(Status s) {
        return messages.get("alert.status." + s.name());
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
        String who = actor.username();
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

    private void requireStatus(Alert a, Set<Status> allowed) {
        if (!allowed.contains(a.status())) {
            throw ApiException.conflict("monitoring.alert.status", label(a.status()));
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
