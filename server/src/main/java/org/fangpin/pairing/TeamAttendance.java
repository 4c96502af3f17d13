package org.fangpin.pairing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 驻村考勤 (no 走读式 or 挂名式 帮扶, 004:611): each member's days in the village a month, logged by the village; leave
 * asked for a member and decided by the township; a month's rule is {@code village_days_per_month} for the days of the
 * month the member's term covers, less approved leave — a month logged below it, or over and not logged, is short.
 */
@Service
public class TeamAttendance {

    /** Days in the village in a month. */
    @Schema(name = "AttendanceLog")
    public record Log(Integer daysInVillage, String note) {}

    @Schema(name = "NewTeamLeave")
    public record NewLeave(LocalDate from, LocalDate to, String reason) {}

    @Schema(name = "TeamLeaveDecision")
    public record Decision(Boolean approved, String note) {}

    /** What is asked of a leave. */
    public enum LeaveStatus implements org.fangpin.common.Labelled {
        REQUESTED("待乡镇审批", "Awaiting the township"),
        APPROVED("已批准", "Approved"),
        REFUSED("未批准", "Refused");

        private final String zh;
        private final String en;

        LeaveStatus(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    @Schema(name = "TeamLeave")
    public record Leave(
            long id,
            long memberId,
            String memberName,
            LocalDate from,
            LocalDate to,
            String reason,
            LeaveStatus status,
            String decisionNote) {}

    /** A member's month: the days logged (null: not yet), the days the rule asks, approved leave, short or not. */
    @Schema(name = "AttendanceRow")
    public record Row(
            long teamId,
            String village,
            String villageName,
            long memberId,
            String name,
            TeamPost post,
            Integer daysInVillage,
            int required,
            int leaveDays,
            boolean shortfall) {}

    /** A month over the caller's reach: each member at work in it, and how many are short. */
    @Schema(name = "AttendanceMonth")
    public record Month(String month, int rule, List<Row> rows, long shortfalls) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final PolicyParameters parameters;
    private final Permissions permissions;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;

    TeamAttendance(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            PolicyParameters parameters,
            Permissions permissions,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.parameters = parameters;
        this.permissions = permissions;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    /** A month as written (yyyy-MM); 422 on the field otherwise. */
    public YearMonth parseMonth(String month) {
        try {
            return YearMonth.parse(month == null ? "" : month.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid("month", messages.get("team.attendance.month-format"));
        }
    }

    private record Member(
            long id, long teamId, String village, String name, LocalDate from, LocalDate to, String status) {}

    /** Logs a member's days in the village for a month of the term, not after this month (replacing the month's log). */
    @Transactional
    public Row log(long teamId, long memberId, YearMonth month, Log l) {
        Actor me = require(Permission.ATTENDANCE_LOG);
        Member m = member(teamId, memberId);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
        LocalDate from = m.from().isAfter(first) ? m.from() : first;
        LocalDate to = m.to().isBefore(last) ? m.to() : last;
        if (to.isBefore(from) || first.isAfter(today)) {
            throw ApiException.invalid("month", messages.get("team.attendance.month"));
        }
        int most = (int) (to.toEpochDay() - from.toEpochDay() + 1);
        if (l.daysInVillage() == null || l.daysInVillage() < 0 || l.daysInVillage() > most) {
            problems.add(
                    FieldProblem.of("daysInVillage", messages.get("team.attendance.days", Integer.toString(most))));
        }
        if (l.note() != null && l.note().strip().length() > 500) {
            problems.add(FieldProblem.of("note", messages.get("team.too-long", "500")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        jdbc.sql("""
                        insert into team_attendance (member_id, month, days_in_village, note, recorded_by)
                        values (?, ?, ?, ?, ?)
                        on conflict (member_id, month) do update set days_in_village = excluded.days_in_village,
                            note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = now()""")
                .params(
                        memberId,
                        first,
                        l.daysInVillage(),
                        blank(l.note()) ? null : l.note().strip(),
                        me.username())
                .update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("memberId", memberId);
        after.put("name", m.name());
        after.put("month", month.toString());
        after.put("daysInVillage", l.daysInVillage());
        audit(teamId, m.village(), "ATTENDANCE_LOGGED", after);
        return month(month).rows().stream()
                .filter(r -> r.memberId() == memberId)
                .findFirst()
                .orElseThrow();
    }

    /** Asks leave for a member at work, within the term, not overlapping leave asked or approved (409). */
    @Transactional
    public Leave requestLeave(long teamId, long memberId, NewLeave n) {
        Actor me = require(Permission.ATTENDANCE_LOG);
        Member m = member(teamId, memberId);
        if (!m.status().equals(MemberStatus.ON_DUTY.name())) {
            throw ApiException.conflict("team.member-left", m.name());
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (n.from() == null || n.from().isBefore(m.from())) {
            problems.add(FieldProblem.of("from", messages.get("team.day-between", m.from())));
        }
        if (n.to() == null || (n.from() != null && n.to().isBefore(n.from())) || n.to().isAfter(m.to())) {
            problems.add(FieldProblem.of("to", messages.get("team.attendance.leave-to", m.to())));
        }
        if (blank(n.reason()) || n.reason().strip().length() > 500) {
            problems.add(FieldProblem.of("reason", messages.get("team.required")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        boolean overlaps = jdbc.sql(
                        "select exists (select 1 from team_leave where member_id = ? and status <> 'REFUSED'"
                                + " and from_day <= ? and to_day >= ?)")
                .params(memberId, n.to(), n.from())
                .query(Boolean.class)
                .single();
        if (overlaps) {
            throw ApiException.conflict("team.attendance.leave-overlap", m.name());
        }
        long id = jdbc.sql("insert into team_leave (member_id, from_day, to_day, reason, status, requested_by)"
                        + " values (?, ?, ?, ?, 'REQUESTED', ?) returning id")
                .params(memberId, n.from(), n.to(), n.reason().strip(), me.username())
                .query(Long.class)
                .single();
        audit(
                teamId,
                m.village(),
                "LEAVE_REQUESTED",
                Map.of("memberId", memberId, "from", n.from().toString(), "to", n.to().toString()));
        return leaves(teamId).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    /** The township approves or refuses leave asked (409 when decided already). */
    @Transactional
    public Leave decideLeave(long teamId, long leaveId, Decision d) {
        Actor me = require(Permission.TEAM_LEAVE_APPROVE);
        Leave l = leaves(teamId).stream()
                .filter(x -> x.id() == leaveId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("team.attendance.leave-not-found", leaveId));
        if (d.approved() == null) {
            throw ApiException.invalid("approved", messages.get("team.required"));
        }
        int n = jdbc.sql("update team_leave set status = ?, decided_by = ?, decided_at = now(), decision_note = ?"
                        + " where id = ? and status = 'REQUESTED'")
                .params(
                        d.approved() ? "APPROVED" : "REFUSED",
                        me.username(),
                        blank(d.note()) ? null : d.note().strip(),
                        leaveId)
                .update();
        if (n == 0) {
            throw ApiException.conflict("team.attendance.leave-decided", l.memberName());
        }
        String village = member(teamId, l.memberId()).village();
        audit(
                teamId,
                village,
                "LEAVE_DECIDED",
                Map.of("memberId", l.memberId(), "status", d.approved() ? "APPROVED" : "REFUSED"));
        return leaves(teamId).stream()
                .filter(x -> x.id() == leaveId)
                .findFirst()
                .orElseThrow();
    }

    /** A team's leave, newest first. */
    @Transactional(readOnly = true)
    public List<Leave> leaves(long teamId) {
        team(teamId);
        return jdbc.sql("select l.*, m.name from team_leave l join team_member m on m.id = l.member_id"
                        + " where m.team_id = ? order by l.from_day desc, l.id desc")
                .param(teamId)
                .query((rs, i) -> new Leave(
                        rs.getLong("id"),
                        rs.getLong("member_id"),
                        rs.getString("name"),
                        rs.getObject("from_day", LocalDate.class),
                        rs.getObject("to_day", LocalDate.class),
                        rs.getString("reason"),
                        LeaveStatus.valueOf(rs.getString("status")),
                        rs.getString("decision_note")))
                .list();
    }

    /** Every member at work in a month over the caller's reach (a team if given), with the rule and what is short. */
    @Transactional(readOnly = true)
    public Month month(YearMonth month) {
        return month(month, null);
    }

    /** The month of one team. */
    @Transactional(readOnly = true)
    public Month month(YearMonth month, Long teamId) {
        LocalDate today = LocalDate.now(clock);
        LocalDate first = month.atDay(1);
        LocalDate end = month.atEndOfMonth();
        LocalDate last = end.isAfter(today) ? today : end;
        Map<String, Object> p = new HashMap<>();
        p.put("first", first);
        p.put("last", last);
        p.put("month", first);
        p.put("team", teamId);
        String where = dataScope.current().condition("m.village_code", p);
        // a member counts for the days of the month the term covers and they were at work (to the day they left)
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> rules = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        jdbc.sql("""
                        select m.id, m.team_id, m.village_code, m.name, m.post,
                               greatest(m.term_from, :first) as d0,
                               least(m.term_to, :last, case when m.status = 'ON_DUTY' then :last else m.status_on end) as d1,
                               a.days_in_village,
                               (select coalesce(sum(least(l.to_day, :last) - greatest(l.from_day, :first) + 1), 0)
                                from team_leave l where l.member_id = m.id and l.status = 'APPROVED'
                                  and l.from_day <= :last and l.to_day >= :first) as leave_days
                        from team_member m
                        left join team_attendance a on a.member_id = m.id and a.month = :month
                        where m.term_from <= :last and m.term_to >= :first
                          and (m.status = 'ON_DUTY' or m.status_on >= :first)
                          and (cast(:team as bigint) is null or m.team_id = :team)
                          and """ + " " + where + " order by m.village_code, m.team_id, m.post, m.id")
                .params(p)
                .query((java.sql.ResultSet rs) -> {
                    LocalDate d0 = rs.getObject("d0", LocalDate.class);
                    LocalDate d1 = rs.getObject("d1", LocalDate.class);
                    if (d1.isBefore(d0)) {
                        return;
                    }
                    String village = rs.getString("village_code");
                    int rule = rules.computeIfAbsent(village.substring(0, 2), k -> rule(village, first));
                    int covered = (int) (d1.toEpochDay() - d0.toEpochDay() + 1);
                    int leave = rs.getInt("leave_days");
                    int required = Math.max(0, rule * covered / month.lengthOfMonth() - leave);
                    Integer logged = (Integer) rs.getObject("days_in_village");
                    boolean over = !end.isAfter(today);
                    boolean shortfall = logged == null ? over && required > 0 : logged < required;
                    rows.add(new Row(
                            rs.getLong("team_id"),
                            village,
                            names.computeIfAbsent(
                                    village,
                                    c -> regions.find(c).map(Region::name).orElse(c)),
                            rs.getLong("id"),
                            rs.getString("name"),
                            TeamPost.valueOf(rs.getString("post")),
                            logged,
                            required,
                            leave,
                            shortfall));
                });
        int shown = rules.values().stream().findFirst().orElseGet(() -> rule("000000000000", first));
        return new Month(
                month.toString(),
                shown,
                rows,
                rows.stream().filter(Row::shortfall).count());
    }

    private int rule(String village, LocalDate on) {
        PolicyParameters.Value v =
                parameters.resolve(RegionCode.province(village), on).get("village_days_per_month");
        return v == null ? 20 : v.value().intValue();
    }

    private void team(long teamId) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", teamId);
        boolean found = jdbc.sql("select exists (select 1 from work_team t where t.id = :id and "
                        + dataScope.current().condition("t.village_code", p) + ")")
                .params(p)
                .query(Boolean.class)
                .single();
        if (!found) {
            throw ApiException.notFound("team.not-found", teamId);
        }
    }

    private Member member(long teamId, long memberId) {
        team(teamId);
        return jdbc.sql("select id, team_id, village_code, name, term_from, term_to, status from team_member"
                        + " where id = ? and team_id = ?")
                .params(memberId, teamId)
                .query((rs, i) -> new Member(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class),
                        rs.getString(7)))
                .optional()
                .orElseThrow(() -> ApiException.notFound("team.member-not-found", memberId));
    }

    private Actor require(Permission permission) {
        Actor me = actor.get()
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "team.forbidden", List.of()));
        if (!permissions.has(permission)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "team.forbidden", List.of());
        }
        return me;
    }

    private void audit(long teamId, String village, String action, Map<String, ?> after) {
        events.publishEvent(new AuditableChange("work_team", Long.toString(teamId), action, null, after, village));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
