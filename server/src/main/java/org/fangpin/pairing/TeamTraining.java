package org.fangpin.pairing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
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
 * 驻村干部培训 (004:407; 001:223 新选派的驻村干部全部培训): a course held on a day, recorded by the county with the team
 * members who took part; members at work who have no training since {@value #BEFORE_TERM_DAYS} days before their term
 * began (岗前培训 counts) are listed once {@code team_training_due_days} of the term have passed.
 */
@Service
public class TeamTraining {

    /** A training before the term began counts when held at most this many days before it (岗前培训). */
    public static final int BEFORE_TERM_DAYS = 90;

    @Schema(name = "NewTeamTraining")
    public record NewTraining(
            String course, LocalDate heldOn, BigDecimal days, String organiser, List<Long> memberIds) {}

    /** A member who took part, as the reader may see them (their village in the reader's reach). */
    @Schema(name = "Trainee")
    public record Trainee(long memberId, String name, String villageCode, String villageName) {}

    @Schema(name = "TeamTraining")
    public record Training(
            long id,
            String region,
            String regionName,
            String course,
            LocalDate heldOn,
            BigDecimal days,
            String organiser,
            List<Trainee> members) {}

    /** A member at work with no training counted, past the days allowed. */
    @Schema(name = "UntrainedMember")
    public record Untrained(
            long memberId,
            long teamId,
            String name,
            String villageCode,
            String villageName,
            TeamPost post,
            LocalDate termFrom,
            LocalDate dueBy) {}

    @Schema(name = "TrainingOverview")
    public record Overview(List<Training> trainings, List<Untrained> untrained) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final PolicyParameters parameters;
    private final Permissions permissions;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;

    TeamTraining(
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

    /**
     * The trainings with a member in the caller's reach (newest first, at most 100, each with those members), and
     * the members at work in reach past their province's {@code team_training_due_days} with none counted.
     */
    @Transactional(readOnly = true)
    public Overview overview() {
        Map<String, Object> p = new HashMap<>();
        String scope = dataScope.current().condition("m.village_code", p);
        Map<Long, List<Trainee>> trainees = new LinkedHashMap<>();
        List<Training> trainings = new ArrayList<>();
        jdbc.sql("select t.*, m.id as member_id, m.name as member_name, m.village_code from team_training t"
                        + " join team_training_member tm on tm.training_id = t.id"
                        + " join team_member m on m.id = tm.member_id"
                        + " where t.id in (select tm2.training_id from team_training_member tm2"
                        + " join team_member m on m.id = tm2.member_id where " + scope
                        + " order by tm2.training_id desc limit 2000) and " + scope
                        + " order by t.held_on desc, t.id desc, m.village_code, m.name")
                .params(p)
                .query(rs -> {
                    long id = rs.getLong("id");
                    List<Trainee> list = trainees.get(id);
                    if (list == null) {
                        list = new ArrayList<>();
                        trainees.put(id, list);
                        String region = rs.getString("region_code");
                        trainings.add(new Training(
                                id,
                                region,
                                name(region),
                                rs.getString("course"),
                                rs.getObject("held_on", LocalDate.class),
                                rs.getBigDecimal("days"),
                                rs.getString("organiser"),
                                list));
                    }
                    String village = rs.getString("village_code");
                    list.add(new Trainee(rs.getLong("member_id"), rs.getString("member_name"), village, name(village)));
                });
        return new Overview(trainings.stream().limit(100).toList(), untrained());
    }

    private List<Untrained> untrained() {
        Map<String, Object> p = new HashMap<>();
        p.put("before", BEFORE_TERM_DAYS);
        LocalDate today = today();
        Map<String, Integer> due = new HashMap<>();
        List<Untrained> out = new ArrayList<>();
        jdbc.sql("select m.* from team_member m where m.status = 'ON_DUTY' and "
                        + dataScope.current().condition("m.village_code", p)
                        + " and not exists (select 1 from team_training_member tm"
                        + " join team_training t on t.id = tm.training_id where tm.member_id = m.id"
                        + " and t.held_on >= m.term_from - :before)"
                        + " order by m.term_from, m.village_code, m.id")
                .params(p)
                .query(rs -> {
                    String village = rs.getString("village_code");
                    int days = due.computeIfAbsent(
                            RegionCode.province(village),
                            prov -> PairingFields.number(
                                    parameters.resolve(prov, today), "team_training_due_days", 60));
                    LocalDate from = rs.getObject("term_from", LocalDate.class);
                    LocalDate by = from.plusDays(days);
                    if (by.isBefore(today)) {
                        out.add(new Untrained(
                                rs.getLong("id"),
                                rs.getLong("team_id"),
                                rs.getString("name"),
                                village,
                                name(village),
                                TeamPost.valueOf(rs.getString("post")),
                                from,
                                by));
                    }
                });
        return out;
    }

    /** Records a training held by the caller's region with members of its reach (422 otherwise). */
    @Transactional
    public Training record(NewTraining n) {
        Actor me = actor.get()
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "team.forbidden", List.of()));
        if (!permissions.has(Permission.TEAM_MANAGE) || me.regionCode() == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "team.forbidden", List.of());
        }
        List<FieldProblem> problems = new ArrayList<>();
        PairingFields.text(messages, problems, "course", n.course(), 200, true);
        PairingFields.text(messages, problems, "organiser", n.organiser(), 200, false);
        if (n.heldOn() == null || n.heldOn().isAfter(today())) {
            problems.add(FieldProblem.of("heldOn", messages.get("team.not-future")));
        }
        if (n.days() != null && (n.days().signum() <= 0 || n.days().compareTo(BigDecimal.valueOf(999)) > 0)) {
            problems.add(FieldProblem.of("days", messages.get("team.training.days")));
        }
        List<Long> ids = n.memberIds() == null
                ? List.of()
                : n.memberIds().stream().distinct().toList();
        Map<String, Object> p = new HashMap<>();
        p.put("ids", ids.contains(null) ? new Long[0] : ids.toArray(Long[]::new));
        long reached = ids.isEmpty()
                ? 0
                : jdbc.sql("select count(*) from team_member m where m.id = any(:ids) and "
                                + dataScope.current().condition("m.village_code", p))
                        .params(p)
                        .query(Long.class)
                        .single();
        if (ids.isEmpty() || reached != ids.size()) {
            problems.add(FieldProblem.of("memberIds", messages.get("team.training.members")));
        }
        PairingFields.raise(problems);
        long id = jdbc.sql("insert into team_training (region_code, course, held_on, days, organiser, created_by)"
                        + " values (?, ?, ?, ?, ?, ?) returning id")
                .params(
                        me.regionCode(),
                        n.course().strip(),
                        n.heldOn(),
                        n.days(),
                        PairingFields.strip(n.organiser()),
                        me.username())
                .query(Long.class)
                .single();
        for (Long member : ids) {
            jdbc.sql("insert into team_training_member (training_id, member_id) values (?, ?)")
                    .params(id, member)
                    .update();
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("course", n.course().strip());
        after.put("heldOn", n.heldOn().toString());
        after.put("members", ids.size());
        events.publishEvent(new AuditableChange(
                "team_training", Long.toString(id), "TRAINING_RECORDED", null, after, me.regionCode()));
        String region = me.regionCode();
        List<Trainee> members = jdbc.sql("select id, name, village_code from team_member where id = any(?) order by"
                        + " village_code, name")
                .param(ids.toArray(Long[]::new))
                .query((rs, i) -> new Trainee(rs.getLong(1), rs.getString(2), rs.getString(3), name(rs.getString(3))))
                .list();
        return new Training(
                id,
                region,
                name(region),
                n.course().strip(),
                n.heldOn(),
                n.days(),
                PairingFields.strip(n.organiser()),
                members);
    }

    private String name(String code) {
        return regions.find(code).map(Region::name).orElse(code);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
