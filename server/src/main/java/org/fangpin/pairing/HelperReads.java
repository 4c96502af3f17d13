package org.fangpin.pairing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.casework.PlanHelpers.Named;
import org.fangpin.common.problem.ApiException;
import org.fangpin.pairing.Helpers.Detail;
import org.fangpin.pairing.Helpers.Helper;
import org.fangpin.pairing.Helpers.Paired;
import org.fangpin.pairing.Helpers.Query;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RegistryLedgers;
import org.fangpin.security.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reads of {@link Helpers}: helpers and their households as the caller sees them (a township or village office its
 * own county's helpers; the households behind them only in the caller's reach, on the household's village now), and
 * the rows they are made of. Package-private: other modules read through {@link Helpers}.
 */
@Component
class HelperReads {

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final FieldCipher cipher;
    private final Clock clock;

    HelperReads(JdbcClient jdbc, DataScope dataScope, RegionDirectory regions, FieldCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * The village a paired household {@code x} is in now (a household may move); the pairing's own when the household
     * is gone from the registry. Every scope condition on pairings reads this, never the village copied at pairing.
     */
    static final String VILLAGE_NOW = "coalesce((select c.village_code from (" + RegistryLedgers.CURRENT
            + ") c where c.household_id = x.household_id), x.village_code)";

    /** The helpers the caller sees, newest first, with their households of the caller's reach. */
    @Transactional(readOnly = true)
    List<Helper> list(Query q) {
        Map<String, Object> p = new HashMap<>();
        StringBuilder where = new StringBuilder(visible("h.county_code", p));
        if (q.status() != null) {
            where.append(" and h.status = :status");
            p.put("status", q.status().name());
        }
        if (PairingFields.strip(q.name()) != null) {
            where.append(" and h.name like :name");
            p.put("name", "%" + q.name().strip().replace("%", "").replace("_", "") + "%");
        }
        if (q.before() != null) {
            where.append(" and h.id < :before");
            p.put("before", q.before());
        }
        p.put("limit", Math.max(1, Math.min(q.limit(), 500)));
        return jdbc.sql(helperSelect(p) + " where " + where + " order by h.id desc limit :limit")
                .params(p)
                .query(this::helper)
                .list();
    }

    /** One helper the caller sees (404 otherwise), with their households of the caller's reach. */
    @Transactional(readOnly = true)
    Detail get(long id) {
        Helper h = find(id, false);
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("asOf", today());
        String scope = dataScope.current().condition(VILLAGE_NOW, p);
        List<Paired> all = jdbc.sql("""
                        select x.*, %s as village_now, c.household_no, c.identity, c.monitoring_state, m.head_name,
                               pl.visit_interval_days,
                               pl.started_on, pl.last_visit,
                               (select count(*) from (%s) v where v.household_id = x.household_id
                                  and v.visited_on >= x.paired_on
                                  and (x.ended_on is null or v.visited_on <= x.ended_on)) as visits
                        from helper_pairing x
                        left join (%s) c on c.household_id = x.household_id
                        left join lateral (select r.head_name from (%s) r where r.household_id = x.household_id) m
                               on true
                        left join (%s) pl on pl.household_id = x.household_id
                        where x.helper_id = :id and %s
                        order by x.ended_on is not null, x.ended_on desc, x.village_code, c.household_no, x.id""".formatted(
                                VILLAGE_NOW,
                                CaseworkLedgers.VISITS,
                                RegistryLedgers.CURRENT,
                                RegistryLedgers.MARKS + " and h.household_id = x.household_id",
                                CaseworkLedgers.PLANS_AS_OF,
                                scope))
                .params(p)
                .query(this::paired)
                .list();
        return new Detail(
                h,
                all.stream().filter(x -> x.endedOn() == null).toList(),
                all.stream().filter(x -> x.endedOn() != null).limit(200).toList());
    }

    @Transactional(readOnly = true)
    Optional<Named> current(long householdId) {
        return jdbc.sql("select h.* from helper_pairing x join helper h on h.id = x.helper_id"
                        + " where x.household_id = ? and x.ended_on is null")
                .param(householdId)
                .query(this::named)
                .optional();
    }

    @Transactional(readOnly = true)
    List<Named> candidates(String villageCode, int limit) {
        return jdbc.sql("select * from helper where county_code = ? and status = 'ACTIVE' order by name, id limit ?")
                .params(county(villageCode), Math.max(1, Math.min(limit, 2000)))
                .query(this::named)
                .list();
    }

    Helper find(long id, boolean lock) {
        Map<String, Object> p = new HashMap<>();
        p.put("hid", id);
        return jdbc.sql(helperSelect(p) + " where h.id = :hid and " + visible("h.county_code", p)
                        + (lock ? " for update of h" : ""))
                .params(p)
                .query(this::helper)
                .optional()
                .orElseThrow(() -> ApiException.notFound("helper.not-found", id));
    }

    /** The helpers' select with their households paired now in the caller's reach and those overdue a visit. */
    String helperSelect(Map<String, Object> p) {
        p.put("asOf", today());
        return """
                select h.*, coalesce(n.households, 0) as households, coalesce(n.overdue, 0) as overdue
                from helper h
                left join lateral (
                    select count(*) as households,
                           count(*) filter (where pl.household_id is not null
                               and coalesce(pl.last_visit, pl.started_on) + pl.visit_interval_days < :asOf) as overdue
                    from helper_pairing x
                    left join (%s) pl on pl.household_id = x.household_id
                    where x.helper_id = h.id and x.ended_on is null and %s) n on true""".formatted(CaseworkLedgers.PLANS_AS_OF, dataScope.current().condition(VILLAGE_NOW, p));
    }

    /**
     * The condition on a helper's county for the caller: the county and the levels above see the counties they
     * cover; a township or village office its own county's helpers.
     */
    String visible(String column, Map<String, Object> p) {
        DataScope.Scope s = dataScope.current();
        if (s instanceof DataScope.Scope.Subtree sub && sub.region().level().digits() > RegionLevel.COUNTY.digits()) {
            p.put("own_county", county(sub.region().code()));
            return column + " = :own_county";
        }
        return s.condition(column, p);
    }

    boolean sees(String countyCode) {
        DataScope.Scope s = dataScope.current();
        if (s instanceof DataScope.Scope.Subtree sub && sub.region().level().digits() > RegionLevel.COUNTY.digits()) {
            return county(sub.region().code()).equals(countyCode);
        }
        return s.covers(countyCode);
    }

    /** The code of the county a region (of county level or below) lies in. */
    static String county(String code) {
        return RegionCode.padded(code.substring(0, RegionLevel.COUNTY.digits()));
    }

    String masked(byte[] sealed) {
        return sealed == null ? null : Registry.maskPhone(cipher.decrypt(Helpers.PHONE_PURPOSE, sealed));
    }

    Helper helper(ResultSet rs, int i) throws SQLException {
        String county = rs.getString("county_code");
        return new Helper(
                rs.getLong("id"),
                county,
                regions.find(county).map(Region::name).orElse(county),
                rs.getString("name"),
                rs.getString("unit"),
                rs.getString("post"),
                masked(rs.getBytes("phone_enc")),
                rs.getString("username"),
                HelperStatus.valueOf(rs.getString("status")),
                rs.getObject("departed_on", LocalDate.class),
                rs.getString("depart_reason"),
                rs.getLong("households"),
                rs.getLong("overdue"),
                rs.getInt("version"));
    }

    Named named(ResultSet rs, int i) throws SQLException {
        return new Named(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("unit"),
                rs.getString("post"),
                masked(rs.getBytes("phone_enc")),
                rs.getString("username"));
    }

    Paired paired(ResultSet rs, int i) throws SQLException {
        String village = rs.getString("village_now");
        LocalDate last = rs.getObject("last_visit", LocalDate.class);
        LocalDate started = rs.getObject("started_on", LocalDate.class);
        Integer interval = (Integer) rs.getObject("visit_interval_days");
        LocalDate due = started == null || interval == null ? null : (last == null ? started : last).plusDays(interval);
        String identity = rs.getString("identity");
        String state = rs.getString("monitoring_state");
        return new Paired(
                rs.getLong("id"),
                rs.getLong("household_id"),
                rs.getString("household_no"),
                rs.getString("head_name"),
                village,
                regions.find(village).map(Region::name).orElse(village),
                identity == null ? null : HouseholdIdentity.valueOf(identity),
                state == null ? null : MonitoringState.valueOf(state),
                rs.getObject("paired_on", LocalDate.class),
                rs.getString("reason"),
                rs.getObject("ended_on", LocalDate.class),
                rs.getString("end_reason"),
                rs.getLong("visits"),
                last,
                due,
                due != null && rs.getObject("ended_on") == null && due.isBefore(today()));
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
