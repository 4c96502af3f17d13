package org.fangpin.pairing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.ip.Universities;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.Registry;
import org.fangpin.security.Actor;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 驻村工作队 (003:85, 004:195, 004:403): a team per village with its sending units and period; its members with their
 * sealed ID and phone, unit, post (第一书记, 队长, 队员), term and status. Nobody is on two teams at once and a village has
 * one 第一书记 at work (409 otherwise); a term runs {@code team_term_months} unless given; a member leaves recalled
 * (召回, with the reason and the county's approval), rotated or at the end of the term; a team ends on a day, with the
 * county's reason when the village has monitored households (不稳定脱贫不撤队伍, 004:195). Teams with fewer members at
 * work than {@code team_min_members} and terms ending within {@code team_rotation_notice_days} are listed. Every
 * change is audited; a team's changes take its version (412 when stale).
 */
@Service
public class WorkTeams {

    static final String ID_PURPOSE = "team_member.id_number";
    static final String PHONE_PURPOSE = "team_member.phone";

    /** A unit that sends cadres or helps (帮扶单位): the installation's shared list of organisations, not a region's data. */
    @Schema(name = "AssistUnit")
    public record Unit(long id, String name, UnitKind kind, String place, Long universityId) {}

    /**
     * A unit to record; a university may name its record in the IP module ({@code universityId}), whose 科技帮扶 deals
     * are then booked to its partnerships.
     */
    @Schema(name = "NewAssistUnit")
    public record NewUnit(String name, UnitKind kind, String place, Long universityId) {}

    /** A team to start in a village, sent by units. */
    @Schema(name = "NewWorkTeam")
    public record NewTeam(String village, LocalDate startedOn, List<Long> unitIds) {}

    /** A member to send (the term's end: {@code team_term_months} after its start unless given). */
    @Schema(name = "NewTeamMember")
    public record NewMember(
            String name,
            String idNumber,
            String phone,
            Long unitId,
            TeamPost post,
            LocalDate termFrom,
            LocalDate termTo) {}

    /** A member as the roster shows them: ID and phone masked. */
    @Schema(name = "TeamMember")
    public record Member(
            long id,
            String name,
            String idNumber,
            String phone,
            long unitId,
            String unitName,
            TeamPost post,
            LocalDate termFrom,
            LocalDate termTo,
            MemberStatus status,
            LocalDate statusOn,
            String statusReason,
            String approvalNo,
            boolean rotationDue) {}

    /** A member leaving: recalled (reason and the county's approval), rotated (reason) or at the term's end. */
    @Schema(name = "TeamMemberLeave")
    public record Leave(MemberStatus status, LocalDate on, String reason, String approvalNo) {}

    /** A team's end: the day, and the reason (required when the village has monitored households). */
    @Schema(name = "WorkTeamEnd")
    public record End(LocalDate on, String reason) {}

    /** A team with its units and members. */
    @Schema(name = "WorkTeam")
    public record Team(
            long id,
            String village,
            String villageName,
            LocalDate startedOn,
            LocalDate endedOn,
            String endReason,
            List<Unit> units,
            List<Member> members,
            long onDuty,
            boolean understaffed,
            boolean firstSecretary,
            int minMembers,
            int version) {}

    /** The teams of the caller's reach (at work, or ended too) with what needs attention. */
    @Schema(name = "WorkTeamOverview")
    public record Overview(
            List<Team> teams, long villages, long withTeam, long understaffed, long withoutFirstSecretary, long due) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Registry registry;
    private final PolicyParameters parameters;
    private final FieldCipher cipher;
    private final Permissions permissions;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;
    private final TeamRows rows;
    private final Universities universities;

    WorkTeams(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Registry registry,
            PolicyParameters parameters,
            FieldCipher cipher,
            Permissions permissions,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock,
            TeamRows rows,
            Universities universities) {
        this.rows = rows;
        this.universities = universities;
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.registry = registry;
        this.parameters = parameters;
        this.cipher = cipher;
        this.permissions = permissions;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    // ---- units ----

    /** Every unit, by name. */
    @Transactional(readOnly = true)
    public List<Unit> units() {
        return jdbc.sql("select id, name, kind, place, university_id from assist_unit order by name")
                .query((rs, n) -> new Unit(
                        rs.getLong(1), rs.getString(2), UnitKind.valueOf(rs.getString(3)), rs.getString(4), (Long)
                                rs.getObject(5)))
                .list();
    }

    /** Records a unit (409 when its name is taken). */
    @Transactional
    public Unit addUnit(NewUnit u) {
        Actor me = actor.get()
                .filter(a -> permissions.has(Permission.TEAM_MANAGE) || permissions.has(Permission.PARTNERSHIP_EDIT))
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "team.forbidden", List.of()));
        List<FieldProblem> problems = new ArrayList<>();
        PairingFields.text(messages, problems, "name", u.name(), 200, true);
        if (u.kind() == null) {
            problems.add(FieldProblem.of("kind", messages.get("team.required")));
        }
        PairingFields.text(messages, problems, "place", u.place(), 200, false);
        if (u.universityId() != null
                && (u.kind() != UnitKind.UNIVERSITY
                        || universities.directory().stream().noneMatch(x -> x.id() == u.universityId()))) {
            problems.add(FieldProblem.of("universityId", messages.get("team.unit-university")));
        }
        PairingFields.raise(problems);
        universityFree(u.universityId(), null);
        long id;
        try {
            id = jdbc.sql("insert into assist_unit (name, kind, place, university_id, created_by)"
                            + " values (?, ?, ?, ?, ?) returning id")
                    .params(
                            u.name().strip(),
                            u.kind().name(),
                            PairingFields.strip(u.place()),
                            u.universityId(),
                            me.username())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("team.unit-taken", u.name().strip());
        }
        events.publishEvent(new AuditableChange(
                "assist_unit",
                Long.toString(id),
                "UNIT_ADDED",
                null,
                u.universityId() == null
                        ? Map.of("name", u.name().strip(), "kind", u.kind().name())
                        : Map.of("name", u.name().strip(), "kind", u.kind().name(), "university", u.universityId())));
        return new Unit(id, u.name().strip(), u.kind(), PairingFields.strip(u.place()), u.universityId());
    }

    /** The university a unit names (see {@link NewUnit}). */
    @Schema(name = "AssistUnitUniversity")
    public record UnitUniversity(Long universityId) {}

    /**
     * Names the university a unit of kind 高校 is, or none ({@code universityId} null): from then on its 科技帮扶 deals
     * are booked to its partnerships. Audited; 409 when another unit names that university.
     */
    @Transactional
    public Unit linkUniversity(long unitId, UnitUniversity link) {
        actor.get()
                .filter(a -> permissions.has(Permission.TEAM_MANAGE) || permissions.has(Permission.PARTNERSHIP_EDIT))
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "team.forbidden", List.of()));
        Unit before = units().stream()
                .filter(x -> x.id() == unitId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("team.unit-not-found", unitId));
        Long university = link == null ? null : link.universityId();
        if (university != null
                && (before.kind() != UnitKind.UNIVERSITY
                        || universities.directory().stream().noneMatch(x -> x.id() == university))) {
            throw ApiException.invalid("universityId", messages.get("team.unit-university"));
        }
        universityFree(university, unitId);
        jdbc.sql("update assist_unit set university_id = ? where id = ?")
                .params(university, unitId)
                .update();
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("university", before.universityId());
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("university", university);
        events.publishEvent(new AuditableChange("assist_unit", Long.toString(unitId), "UNIT_UNIVERSITY", was, now));
        return new Unit(before.id(), before.name(), before.kind(), before.place(), university);
    }

    /** 409 when another unit than {@code self} names the university already. */
    private void universityFree(Long university, Long self) {
        if (university == null) {
            return;
        }
        jdbc.sql("select name from assist_unit where university_id = ? and id <> coalesce(?, -1)")
                .params(university, self)
                .query(String.class)
                .optional()
                .ifPresent(other -> {
                    throw ApiException.conflict("team.unit-university-taken", other);
                });
    }

    // ---- reads ----

    /** The teams of the caller's reach (ended ones too when asked), villages first by code, with the totals. */
    @Transactional(readOnly = true)
    public Overview overview(boolean ended) {
        Map<String, Object> p = new HashMap<>();
        String where = dataScope.current().condition("t.village_code", p) + (ended ? "" : " and t.ended_on is null");
        List<Long> ids = jdbc.sql("select t.id from work_team t where " + where + " order by t.village_code, t.id")
                .params(p)
                .query(Long.class)
                .list();
        List<Team> teams = rows.read(ids);
        DataScope.Scope scope = dataScope.current();
        long villages = regions.atLevel(RegionLevel.VILLAGE).stream()
                .filter(r -> r.validTo() == null && scope.covers(r.code()))
                .count();
        List<Team> active = teams.stream().filter(t -> t.endedOn() == null).toList();
        return new Overview(
                teams,
                villages,
                active.size(),
                active.stream().filter(Team::understaffed).count(),
                active.stream().filter(t -> !t.firstSecretary()).count(),
                active.stream()
                        .flatMap(t -> t.members().stream())
                        .filter(Member::rotationDue)
                        .count());
    }

    /** One team of the caller's reach (404 otherwise). */
    @Transactional(readOnly = true)
    public Team get(long id) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        boolean found = jdbc.sql("select exists (select 1 from work_team t where t.id = :id and "
                        + dataScope.current().condition("t.village_code", p) + ")")
                .params(p)
                .query(Boolean.class)
                .single();
        if (!found) {
            throw ApiException.notFound("team.not-found", id);
        }
        return read(id);
    }

    private Team read(long id) {
        return rows.read(List.of(id)).get(0);
    }

    // ---- changes ----

    /** Starts a team in a village of the caller's reach with no team at work (409 otherwise). */
    @Transactional
    public Team start(NewTeam n) {
        Actor me = manager();
        List<FieldProblem> problems = new ArrayList<>();
        Region village = n.village() == null ? null : regions.find(n.village()).orElse(null);
        if (village == null
                || village.level() != RegionLevel.VILLAGE
                || village.validTo() != null
                || !dataScope.current().covers(village.code())) {
            problems.add(FieldProblem.of("village", messages.get("team.village")));
        }
        if (n.startedOn() == null || n.startedOn().isAfter(today())) {
            problems.add(FieldProblem.of("startedOn", messages.get("team.not-future")));
        }
        List<Long> unitIds = n.unitIds() == null
                ? List.of()
                : n.unitIds().stream().distinct().toList();
        if (unitIds.isEmpty() || unitIds.contains(null) || known(unitIds) != unitIds.size()) {
            problems.add(FieldProblem.of("unitIds", messages.get("team.units")));
        }
        PairingFields.raise(problems);
        long id;
        try {
            id = jdbc.sql("insert into work_team (village_code, started_on, created_by) values (?, ?, ?) returning id")
                    .params(village.code(), n.startedOn(), me.username())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("team.village-has-team", village.name());
        }
        for (Long u : unitIds) {
            jdbc.sql("insert into work_team_unit (team_id, unit_id) values (?, ?)")
                    .params(id, u)
                    .update();
        }
        audit(
                id,
                village.code(),
                "TEAM_STARTED",
                null,
                Map.of("startedOn", n.startedOn().toString(), "units", unitIds));
        return read(id);
    }

    /**
     * Sends a member to a team at work: a valid ID number, a unit, a post and a term within the team's period; 409 when
     * the person is at work on a team already or the village has a 第一书记 at work.
     */
    @Transactional
    public Team addMember(long teamId, int version, NewMember m) {
        Actor me = manager();
        Team t = editable(teamId, version);
        List<FieldProblem> problems = new ArrayList<>();
        PairingFields.text(messages, problems, "name", m.name(), 50, true);
        String id = m.idNumber() == null ? null : m.idNumber().strip().toUpperCase(java.util.Locale.ROOT);
        if (id == null || IdNumber.problem(id, today()).isPresent()) {
            problems.add(FieldProblem.of("idNumber", messages.get("team.id-number")));
        }
        String phone = PairingFields.strip(m.phone());
        if (phone != null && !phone.matches(PairingFields.PHONE)) {
            problems.add(FieldProblem.of("phone", messages.get("team.phone")));
        }
        if (m.unitId() == null || known(List.of(m.unitId())) != 1) {
            problems.add(FieldProblem.of("unitId", messages.get("team.units")));
        }
        if (m.post() == null) {
            problems.add(FieldProblem.of("post", messages.get("team.required")));
        }
        LocalDate from = m.termFrom() == null ? today() : m.termFrom();
        if (from.isBefore(t.startedOn())) {
            problems.add(FieldProblem.of("termFrom", messages.get("team.term-from", t.startedOn())));
        }
        int months = PairingFields.number(
                parameters.resolve(RegionCode.province(t.village()), from), "team_term_months", 24);
        LocalDate to = m.termTo() == null ? from.plusMonths(months) : m.termTo();
        if (!to.isAfter(from)) {
            problems.add(FieldProblem.of("termTo", messages.get("team.term-to", from)));
        }
        PairingFields.raise(problems);
        byte[] lookup = cipher.lookup(ID_PURPOSE, id);
        // the person at work elsewhere, or the village's 第一书记 post taken: said by name, not only by the index
        jdbc.sql("select pg_advisory_xact_lock(hashtext('team_member'))")
                .query()
                .listOfRows();
        jdbc.sql("select m.village_code from team_member m where m.id_lookup = ? and m.status = 'ON_DUTY'")
                .param(lookup)
                .query(String.class)
                .optional()
                .ifPresent(v -> {
                    throw ApiException.conflict(
                            "team.member-on-duty",
                            regions.find(v).map(Region::name).orElse(v));
                });
        if (m.post() == TeamPost.FIRST_SECRETARY && t.firstSecretary()) {
            throw ApiException.conflict("team.first-secretary-taken", t.villageName());
        }
        long memberId = jdbc.sql("""
                        insert into team_member (team_id, village_code, name, id_number_enc, id_lookup, phone_enc,
                            unit_id, post, term_from, term_to, status, status_on, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ON_DUTY', ?, ?) returning id""")
                .params(
                        teamId,
                        t.village(),
                        m.name().strip(),
                        cipher.encrypt(ID_PURPOSE, id),
                        lookup,
                        phone == null ? null : cipher.encrypt(PHONE_PURPOSE, phone),
                        m.unitId(),
                        m.post().name(),
                        from,
                        to,
                        from,
                        me.username())
                .query(Long.class)
                .single();
        bump(teamId);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("memberId", memberId);
        after.put("name", m.name().strip());
        after.put("idNumber", IdNumber.mask(id));
        after.put("post", m.post().name());
        after.put("termFrom", from.toString());
        after.put("termTo", to.toString());
        audit(teamId, t.village(), "MEMBER_SENT", null, after);
        return read(teamId);
    }

    /**
     * A member leaves: 召回 with the reason and the county's approval number, 轮换 with the reason, 期满 at or after the
     * term's end; on a day between the term's start and today.
     */
    @Transactional
    public Team leave(long teamId, int version, long memberId, Leave l) {
        manager();
        Team t = editable(teamId, version);
        Member m = t.members().stream()
                .filter(x -> x.id() == memberId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("team.member-not-found", memberId));
        if (m.status() != MemberStatus.ON_DUTY) {
            throw ApiException.conflict("team.member-left", m.name());
        }
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = l.on() == null ? today() : l.on();
        if (l.status() == null || l.status() == MemberStatus.ON_DUTY) {
            problems.add(FieldProblem.of("status", messages.get("team.leave-status")));
        } else if (l.status() == MemberStatus.EXPIRED && on.isBefore(m.termTo())) {
            problems.add(FieldProblem.of("on", messages.get("team.expired-before", m.termTo())));
        }
        if (on.isBefore(m.termFrom()) || on.isAfter(today())) {
            problems.add(FieldProblem.of("on", messages.get("team.day-between", m.termFrom())));
        }
        PairingFields.text(messages, problems, "reason", l.reason(), 500, l.status() != MemberStatus.EXPIRED);
        PairingFields.text(messages, problems, "approvalNo", l.approvalNo(), 100, l.status() == MemberStatus.RECALLED);
        PairingFields.raise(problems);
        jdbc.sql("update team_member set status = ?, status_on = ?, status_reason = ?, approval_no = ? where id = ?")
                .params(
                        l.status().name(),
                        on,
                        PairingFields.strip(l.reason()),
                        PairingFields.strip(l.approvalNo()),
                        memberId)
                .update();
        bump(teamId);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("memberId", memberId);
        after.put("name", m.name());
        after.put("status", l.status().name());
        after.put("on", on.toString());
        if (PairingFields.strip(l.reason()) != null) {
            after.put("reason", l.reason().strip());
        }
        if (PairingFields.strip(l.approvalNo()) != null) {
            after.put("approvalNo", l.approvalNo().strip());
        }
        audit(teamId, t.village(), "MEMBER_LEFT", Map.of("status", MemberStatus.ON_DUTY.name()), after);
        return read(teamId);
    }

    /**
     * Ends a team on a day (not before its start, not after today); its members at work leave at the term's end that
     * day. A village with monitored households keeps its team unless the county gives its reason (004:195).
     */
    @Transactional
    public Team end(long teamId, int version, End e) {
        manager();
        Team t = editable(teamId, version);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = e.on() == null ? today() : e.on();
        if (on.isBefore(t.startedOn()) || on.isAfter(today())) {
            problems.add(FieldProblem.of("on", messages.get("team.day-between", t.startedOn())));
        }
        long monitored = regions.find(t.village())
                .map(r -> registry.statistics(r).categories().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .orElse(0L);
        if (monitored > 0 && (e.reason() == null || e.reason().strip().length() < 10)) {
            problems.add(FieldProblem.of("reason", messages.get("team.end-monitored", Long.toString(monitored))));
        }
        PairingFields.text(messages, problems, "reason", e.reason(), 1000, false);
        PairingFields.raise(problems);
        jdbc.sql("update team_member set status = 'EXPIRED', status_on = ?, status_reason = ?"
                        + " where team_id = ? and status = 'ON_DUTY'")
                .params(on, messages.get("team.ended-with-team"), teamId)
                .update();
        jdbc.sql("update work_team set ended_on = ?, end_reason = ?, version = version + 1 where id = ?")
                .params(on, PairingFields.strip(e.reason()), teamId)
                .update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("endedOn", on.toString());
        if (PairingFields.strip(e.reason()) != null) {
            after.put("reason", e.reason().strip());
        }
        audit(teamId, t.village(), "TEAM_ENDED", null, after);
        return read(teamId);
    }

    // ---- helpers ----

    private Team editable(long id, int version) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        Integer v = jdbc.sql("select t.version from work_team t where t.id = :id and "
                        + dataScope.current().condition("t.village_code", p) + " for update")
                .params(p)
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("team.not-found", id));
        if (v != version) {
            throw ApiException.preconditionFailed("team.stale", id);
        }
        Team t = read(id);
        if (t.endedOn() != null) {
            throw ApiException.conflict("team.ended", t.villageName());
        }
        return t;
    }

    private Actor manager() {
        Actor me = actor.get()
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "team.forbidden", List.of()));
        if (!permissions.has(Permission.TEAM_MANAGE)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "team.forbidden", List.of());
        }
        return me;
    }

    private long known(List<Long> unitIds) {
        return jdbc.sql("select count(*) from assist_unit where id = any(?)")
                .param(unitIds.toArray(Long[]::new))
                .query(Long.class)
                .single();
    }

    private void bump(long teamId) {
        jdbc.sql("update work_team set version = version + 1 where id = ?")
                .param(teamId)
                .update();
    }

    private void audit(long teamId, String village, String action, Map<String, ?> before, Map<String, ?> after) {
        events.publishEvent(new AuditableChange("work_team", Long.toString(teamId), action, before, after, village));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
