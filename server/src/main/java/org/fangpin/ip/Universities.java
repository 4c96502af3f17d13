package org.fangpin.ip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.fangpin.security.SystemActor;
import org.fangpin.security.UserAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The universities (an organisation, not a region) and the accounts that work for them (role UNIVERSITY). An
 * administrator records a university and creates its users; a UNIVERSITY user reaches only their own university's
 * records ({@link #mine()}), whatever region the account sits in (ADR 0032).
 */
@Service
public class Universities {

    @Schema(name = "IpUniversity")
    public record University(long id, String name, String code, String region, String regionName, long users) {}

    @Schema(name = "NewIpUniversity")
    public record NewUniversity(String name, String code, String region) {}

    /** An office account to create; {@code cleared}: it may read classified results (涉密知悉). */
    @Schema(name = "NewIpUniversityUser")
    public record NewUser(String username, String displayName, Boolean cleared) {}

    /** A university's office user as the administrator sees them. */
    @Schema(name = "IpUniversityUser")
    public record Member(String username, String displayName, boolean cleared) {}

    @Schema(name = "IpClearance")
    public record Clearance(Boolean cleared) {}

    /** The account created, with the one-time password to hand over once. */
    @Schema(name = "IpUniversityUserCreated")
    public record UserCreated(String username, String password) {}

    private final JdbcClient jdbc;
    private final RegionDirectory regions;
    private final UserAccounts users;
    private final Actor.Current actor;
    private final Permissions permissions;
    private final ApplicationEventPublisher events;
    private final Messages messages;

    Universities(
            JdbcClient jdbc,
            RegionDirectory regions,
            UserAccounts users,
            Actor.Current actor,
            Permissions permissions,
            ApplicationEventPublisher events,
            Messages messages) {
        this.permissions = permissions;
        this.jdbc = jdbc;
        this.regions = regions;
        this.users = users;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
    }

    /** The universities an administrator manages: all, or those in their region. */
    @Transactional(readOnly = true)
    public List<University> list() {
        Actor me = admin();
        return jdbc
                .sql("""
                        select u.id, u.name, u.code, u.region_code,
                               (select count(*) from ip_university_user m where m.university_id = u.id) users
                        from ip_university u order by u.name""")
                .query((rs, i) ->
                        university(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .list()
                .stream()
                .filter(u -> reaches(me, u.region()))
                .toList();
    }

    @Transactional
    public University create(NewUniversity n) {
        Actor me = admin();
        List<FieldProblem> problems = new ArrayList<>();
        IpFields.text(messages, problems, "name", n.name(), 100, true);
        String code = IpFields.strip(n.code());
        if (code != null && !code.matches("[0-9]{10}")) {
            problems.add(FieldProblem.of("code", messages.get("ip.university-code")));
        }
        Region region = IpFields.strip(n.region()) == null
                ? null
                : regions.find(n.region().strip()).orElse(null);
        if (region == null || !reaches(me, region.code())) {
            problems.add(FieldProblem.of("region", messages.get("ip.university-region")));
        }
        IpFields.raise(problems);
        long id;
        try {
            id = jdbc.sql("insert into ip_university (name, code, region_code, created_by) values (?, ?, ?, ?)"
                            + " returning id")
                    .params(n.name().strip(), code, region.code(), me.username())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("ip.university-taken", n.name().strip());
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", n.name().strip());
        after.put("code", code);
        events.publishEvent(new AuditableChange(
                "ip_university", Long.toString(id), "IP_UNIVERSITY_ADDED", null, after, region.code()));
        return university(id, n.name().strip(), code, region.code(), 0);
    }

    /**
     * Creates an account of role UNIVERSITY for the university (in its region, which gives it no household data) with
     * a one-time password.
     */
    @Transactional
    public UserCreated addUser(long universityId, NewUser n) {
        Actor me = admin();
        University u = managed(universityId);
        List<FieldProblem> problems = new ArrayList<>();
        if (n.username() == null || !n.username().strip().matches("[A-Za-z0-9_.-]{2,64}")) {
            problems.add(FieldProblem.of("username", messages.get("ip.username")));
        }
        IpFields.text(messages, problems, "displayName", n.displayName(), 100, true);
        IpFields.raise(problems);
        String username = n.username().strip();
        String password = users.createWithGeneratedPassword(
                        username, n.displayName().strip(), Role.UNIVERSITY, u.region())
                .orElseThrow(() -> ApiException.conflict("ip.username-taken", username));
        boolean cleared = Boolean.TRUE.equals(n.cleared());
        jdbc.sql("insert into ip_university_user (username, university_id, cleared, created_by) values (?, ?, ?, ?)")
                .params(username, universityId, cleared, me.username())
                .update();
        events.publishEvent(new AuditableChange(
                "ip_university",
                Long.toString(universityId),
                "IP_UNIVERSITY_USER_ADDED",
                null,
                Map.of("user", username, "cleared", cleared),
                u.region()));
        return new UserCreated(username, password);
    }

    /**
     * Binds an existing account of role UNIVERSITY that works for no university yet to this one (e.g. an account kept
     * when the university's records were not); false when there is no such account.
     */
    @Transactional
    public boolean attach(long universityId, String username) {
        Actor me = admin();
        University u = managed(universityId);
        boolean free =
                users.find(username).filter(a -> a.role() == Role.UNIVERSITY).isPresent()
                        && jdbc.sql("select count(*) from ip_university_user where username = ?")
                                        .param(username)
                                        .query(Long.class)
                                        .single()
                                == 0;
        if (!free) {
            return false;
        }
        jdbc.sql("insert into ip_university_user (username, university_id, created_by) values (?, ?, ?)")
                .params(username, universityId, me.username())
                .update();
        events.publishEvent(new AuditableChange(
                "ip_university",
                Long.toString(universityId),
                "IP_UNIVERSITY_USER_ADDED",
                null,
                Map.of("user", username),
                u.region()));
        return true;
    }

    /** A university's office users (administrators; 404 for a university out of their reach). */
    @Transactional(readOnly = true)
    public List<Member> members(long universityId) {
        managed(universityId);
        return members(List.of(universityId)).get(universityId);
    }

    /** The office users of every university the administrator manages, by university, in the list's order. */
    @Transactional(readOnly = true)
    public Map<Long, List<Member>> members() {
        return members(list().stream().map(University::id).toList());
    }

    private Map<Long, List<Member>> members(List<Long> universities) {
        Map<Long, List<Member>> out = new LinkedHashMap<>();
        universities.forEach(id -> out.put(id, new ArrayList<>()));
        if (universities.isEmpty()) {
            return out;
        }
        record Row(long university, String username, boolean cleared) {}
        List<Row> rows = jdbc.sql("select university_id, username, cleared from ip_university_user"
                        + " where university_id = any(?) order by username")
                .param(universities.toArray(Long[]::new))
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
                .list();
        Map<String, String> names =
                users.displayNames(rows.stream().map(Row::username).toList());
        for (Row r : rows) {
            out.get(r.university())
                    .add(new Member(r.username(), names.getOrDefault(r.username(), r.username()), r.cleared()));
        }
        return out;
    }

    /** Clears an office user to read classified results, or withdraws it (administrators; audited). */
    @Transactional
    public List<Member> clear(long universityId, String username, Clearance c) {
        University u = managed(universityId);
        if (c == null || c.cleared() == null) {
            throw ApiException.invalid("cleared", messages.get("import.error.required"));
        }
        Boolean before = jdbc.sql("select cleared from ip_university_user where university_id = ? and username = ?")
                .params(universityId, username)
                .query(Boolean.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("ip.university-user-not-found", username));
        if (!before.equals(c.cleared())) {
            jdbc.sql("update ip_university_user set cleared = ? where university_id = ? and username = ?")
                    .params(c.cleared(), universityId, username)
                    .update();
            events.publishEvent(new AuditableChange(
                    "ip_university",
                    Long.toString(universityId),
                    "IP_CLEARANCE_SET",
                    Map.of("user", username, "cleared", before),
                    Map.of("user", username, "cleared", c.cleared()),
                    u.region()));
        }
        return members(universityId);
    }

    /** A university the administrator manages (404 otherwise). */
    private University managed(long universityId) {
        return list().stream()
                .filter(x -> x.id() == universityId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("ip.university-not-found", universityId));
    }

    /** The caller's university: a UNIVERSITY user's own (403 for anyone else). */
    public long mine() {
        return find().orElseThrow(
                        () -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "ip.not-university", List.of()));
    }

    /** The caller's university when they work for one. */
    public Optional<Long> find() {
        return actor.get()
                .filter(a -> a.role() == Role.UNIVERSITY)
                .flatMap(a -> jdbc.sql("select university_id from ip_university_user where username = ?")
                        .param(a.username())
                        .query(Long.class)
                        .optional());
    }

    /**
     * Whether the caller may read classified results (涉密知悉, 000:88): an office user the administrator cleared. An
     * uncleared colleague sees a classified result's title masked and cannot open its disclosure.
     */
    public boolean cleared() {
        return actor.get()
                .filter(a -> a.role() == Role.UNIVERSITY)
                .flatMap(a -> jdbc.sql("select cleared from ip_university_user where username = ?")
                        .param(a.username())
                        .query(Boolean.class)
                        .optional())
                .orElse(false);
    }

    /** How the caller reads titles: as recorded when cleared or not classified, masked otherwise. */
    public Titles titles() {
        return new Titles(cleared(), messages.get("ip.classified-title"));
    }

    /** How titles read outside the university (the regions, the audit): a classified one always masked (000:88). */
    public Titles outside() {
        return new Titles(false, messages.get("ip.classified-title"));
    }

    /** A caller's reading of titles (see {@link #cleared()}). */
    public record Titles(boolean cleared, String masked) {

        public String of(boolean classified, String title) {
            return classified && !cleared ? masked : title;
        }
    }

    /** The province a university lies in (its parameters are that province's). */
    public String province(long id) {
        String region = jdbc.sql("select region_code from ip_university where id = ?")
                .param(id)
                .query(String.class)
                .single();
        return RegionCode.padded(region.substring(0, RegionLevel.PROVINCE.digits()));
    }

    /** A university as other modules name it: e.g. the helping unit of a partnership that is this university. */
    @Schema(name = "IpUniversityName")
    public record Named(long id, String name) {}

    /** Every university by name: the names are public, for linking a helping unit to its university. */
    @Transactional(readOnly = true)
    public List<Named> directory() {
        return jdbc.sql("select id, name from ip_university order by name")
                .query((rs, i) -> new Named(rs.getLong(1), rs.getString(2)))
                .list();
    }

    /** A university's name (for pages), or empty. */
    public Optional<String> name(long id) {
        return jdbc.sql("select name from ip_university where id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    /** The user administrator acting; the system (the demo, the command line) acts as one for the installation. */
    private Actor admin() {
        if (SystemActor.is(SecurityContextHolder.getContext().getAuthentication())) {
            return new Actor(Actor.SYSTEM, Role.ADMIN, null, null);
        }
        return actor.get()
                .filter(a -> permissions.has(Permission.USER_ADMIN))
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "ip.admin-only", List.of()));
    }

    private boolean reaches(Actor me, String region) {
        return me.regionCode() == null
                || regions.find(me.regionCode())
                        .map(r -> r.subtree().contains(region))
                        .orElse(false);
    }

    private University university(long id, String name, String code, String region, long users) {
        return new University(
                id, name, code, region, regions.find(region).map(Region::name).orElse(region), users);
    }
}
