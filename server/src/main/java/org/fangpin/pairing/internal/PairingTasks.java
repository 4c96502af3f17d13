package org.fangpin.pairing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.Inbox;
import org.fangpin.casework.TaskSource;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.pairing.HelperCoverage;
import org.fangpin.region.DataScope;
import org.fangpin.region.RegionCode;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 驻村 and 结对 work in the 待办 list: leave to decide (the township), terms ending to rotate (the county), households
 * that must have a helper and have neither a helper nor a plan to name one on (the township and the county; those
 * with a plan wait as case work's "name a helper"). Each source is one query of {@code id, region, due} over the
 * caller's reach; counted in full, paged with the earliest due first.
 */
abstract class PairingTasks implements TaskSource {

    final JdbcClient jdbc;
    final DataScope dataScope;
    final Permissions permissions;
    final Clock clock;

    PairingTasks(JdbcClient jdbc, DataScope dataScope, Permissions permissions, Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** What a task opens (see {@link Inbox.Task#path()}). */
    abstract String kind();

    /** The tasks' query ({@code id, region, due}) for the caller, binding into {@code p}; empty when none are theirs. */
    abstract Optional<String> query(Map<String, Object> p);

    @Override
    public Inbox.Group group(Actor me) {
        Map<String, Object> p = new HashMap<>();
        p.put("today", LocalDate.now(clock));
        return query(p).map(q -> jdbc.sql("select count(*), count(*) filter (where due < :today) from (" + q + ") t")
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
        return query(p).map(q -> jdbc.sql("select * from (" + q
                                + ") t order by t.due nulls last, t.id offset :offset limit :limit")
                        .params(p)
                        .query((rs, n) -> {
                            LocalDate due = rs.getObject("due", LocalDate.class);
                            return new Inbox.Task(
                                    action(),
                                    kind(),
                                    rs.getLong("id"),
                                    rs.getLong("household_id"),
                                    rs.getString("household_no"),
                                    rs.getString("region"),
                                    due,
                                    due != null && due.isBefore(today));
                        })
                        .list())
                .orElse(List.of());
    }

    /** 请假审批: leave asked for members of teams in the township's reach, the earliest first. */
    @Component
    static class Leave extends PairingTasks {

        Leave(JdbcClient jdbc, DataScope dataScope, Permissions permissions, Clock clock) {
            super(jdbc, dataScope, permissions, clock);
        }

        @Override
        public Inbox.Action action() {
            return Inbox.Action.APPROVE_TEAM_LEAVE;
        }

        @Override
        public boolean takenBy(Actor me) {
            return permissions.has(Permission.TEAM_LEAVE_APPROVE);
        }

        @Override
        String kind() {
            return "TEAM";
        }

        @Override
        Optional<String> query(Map<String, Object> p) {
            return Optional.of("select m.team_id as id, m.village_code as region, l.from_day as due,"
                    + " 0 as household_id, null as household_no from team_leave l"
                    + " join team_member m on m.id = l.member_id where l.status = 'REQUESTED' and "
                    + dataScope.current().condition("m.village_code", p));
        }
    }

    /** 轮换: members at work whose term ends within the province's notice, by the end of their term. */
    @Component
    static class Rotation extends PairingTasks {

        private final PolicyParameters parameters;

        Rotation(
                JdbcClient jdbc,
                DataScope dataScope,
                Permissions permissions,
                Clock clock,
                PolicyParameters parameters) {
            super(jdbc, dataScope, permissions, clock);
            this.parameters = parameters;
        }

        @Override
        public Inbox.Action action() {
            return Inbox.Action.ROTATE_MEMBER;
        }

        @Override
        public boolean takenBy(Actor me) {
            return permissions.has(Permission.TEAM_MANAGE);
        }

        @Override
        String kind() {
            return "TEAM";
        }

        @Override
        Optional<String> query(Map<String, Object> p) {
            String home = dataScope.current().home().map(r -> r.code()).orElse(null);
            if (home == null) {
                return Optional.empty();
            }
            // the notice of the caller's province (a county's members are of one province)
            PolicyParameters.Value notice = parameters
                    .resolve(RegionCode.province(home), LocalDate.now(clock))
                    .get("team_rotation_notice_days");
            p.put("notice", notice == null ? 90 : notice.value().intValue());
            return Optional.of("select m.team_id as id, m.village_code as region, m.term_to as due,"
                    + " 0 as household_id, null as household_no from team_member m where m.status = 'ON_DUTY'"
                    + " and m.term_to <= cast(:today as date) + :notice and "
                    + dataScope.current().condition("m.village_code", p));
        }
    }

    /** 结对: households that must have a helper and have none, and no plan to name one on. */
    @Component
    static class Unpaired extends PairingTasks {

        private final HelperCoverage coverage;

        Unpaired(JdbcClient jdbc, DataScope dataScope, Permissions permissions, Clock clock, HelperCoverage coverage) {
            super(jdbc, dataScope, permissions, clock);
            this.coverage = coverage;
        }

        @Override
        public Inbox.Action action() {
            return Inbox.Action.PAIR_HOUSEHOLD;
        }

        @Override
        public boolean takenBy(Actor me) {
            return permissions.has(Permission.HELPER_ASSIGN);
        }

        @Override
        String kind() {
            return "UNPAIRED";
        }

        @Override
        Optional<String> query(Map<String, Object> p) {
            return dataScope
                    .current()
                    .home()
                    .map(home -> "select c.household_id as id, c.village_code as region,"
                            + " cast(null as date) as due, c.household_id, c.household_no from ("
                            + org.fangpin.registry.RegistryLedgers.CURRENT + ") c where " + coverage.required(home, p)
                            + " and not exists (select 1 from helper_pairing x where x.household_id = c.household_id"
                            + " and x.ended_on is null)"
                            + " and not exists (select 1 from (" + org.fangpin.casework.CaseworkLedgers.PLANS
                            + ") pl where pl.household_id = c.household_id)");
        }
    }
}
