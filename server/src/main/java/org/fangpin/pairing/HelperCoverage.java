package org.fangpin.pairing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryLedgers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 结对覆盖: which households must have a helper and which have none. Every 监测对象 whose risk is not eliminated must
 * have one; every 脱贫户 too while the province's switch {@code helper_for_exited_households} is on (the 过渡期,
 * 摘帽不摘帮扶 003:25). Counted per region below the one asked for, in one pass over the current households, and
 * listed (未结对户) with the pairing each had last, e.g. of a helper who left.
 */
@Service
public class HelperCoverage {

    /** The households a region must pair and has paired. */
    @Schema(name = "HelperCoverageRow")
    public record Row(String region, String name, long required, long paired) {
        public long unpaired() {
            return required - paired;
        }

        /** Paired of required, 0–1 (1 when none is required). */
        public double share() {
            return required == 0 ? 1 : (double) paired / required;
        }
    }

    /** A region's coverage, with the regions one level below it; {@code exitedRequired}: whether 脱贫户 count. */
    @Schema(name = "HelperCoverage")
    public record Coverage(Row total, List<Row> below, boolean exitedRequired, LocalDate asOf) {}

    /** A household that must have a helper and has none, with its last pairing (null when it never had one). */
    @Schema(name = "UnpairedHousehold")
    public record Unpaired(
            long householdId,
            String householdNo,
            String villageCode,
            String villageName,
            HouseholdIdentity identity,
            MonitoringState monitoringState,
            String lastHelper,
            LocalDate lastEndedOn,
            String lastEndReason) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final PolicyParameters parameters;
    private final Messages messages;
    private final Clock clock;

    HelperCoverage(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            PolicyParameters parameters,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.parameters = parameters;
        this.messages = messages;
        this.clock = clock;
    }

    /** The coverage of a region in the caller's reach (null: the caller's own region), by the regions below it. */
    @Transactional(readOnly = true)
    public Coverage coverage(String regionCode) {
        Region region = region(regionCode);
        Map<String, Object> p = new HashMap<>();
        String required = required(region, p);
        RegionLevel below = region.level() == RegionLevel.VILLAGE
                ? RegionLevel.VILLAGE
                : RegionLevel.values()[region.level().ordinal() + 1];
        p.put("digits", below.digits());
        List<Row> rows = new ArrayList<>();
        long[] total = new long[2];
        jdbc.sql("""
                        select substring(c.village_code, 1, :digits) as grp, count(*) as required,
                               count(x.household_id) as paired
                        from (%s) c
                        left join helper_pairing x on x.household_id = c.household_id and x.ended_on is null
                        where %s
                        group by 1 order by 1""".formatted(RegistryLedgers.CURRENT, required)).params(p).query(rs -> {
            String code = RegionCode.padded(rs.getString(1));
            long r = rs.getLong(2);
            long paired = rs.getLong(3);
            total[0] += r;
            total[1] += paired;
            rows.add(new Row(code, regions.find(code).map(Region::name).orElse(code), r, paired));
        });
        return new Coverage(
                new Row(region.code(), region.name(), total[0], total[1]), rows, (Boolean) p.get("exited"), today());
    }

    /** The households of a region in the caller's reach that must have a helper and have none, newest first. */
    @Transactional(readOnly = true)
    public List<Unpaired> unpaired(String regionCode, Long before, int limit) {
        Region region = region(regionCode);
        Map<String, Object> p = new HashMap<>();
        String required = required(region, p);
        p.put("limit", Math.max(1, Math.min(limit, 500)));
        p.put("before", before == null ? Long.MAX_VALUE : before);
        return jdbc.sql("""
                        select c.household_id, c.household_no, c.village_code, c.identity, c.monitoring_state,
                               e.helper_name, e.ended_on, e.end_reason
                        from (%s) c
                        left join lateral (
                            select h.name as helper_name, x.ended_on, x.end_reason
                            from helper_pairing x join helper h on h.id = x.helper_id
                            where x.household_id = c.household_id order by x.id desc limit 1) e on true
                        where %s and c.household_id < :before
                          and not exists (select 1 from helper_pairing x
                                          where x.household_id = c.household_id and x.ended_on is null)
                        order by c.household_id desc limit :limit""".formatted(RegistryLedgers.CURRENT, required))
                .params(p)
                .query((rs, i) -> {
                    String village = rs.getString("village_code");
                    return new Unpaired(
                            rs.getLong("household_id"),
                            rs.getString("household_no"),
                            village,
                            regions.find(village).map(Region::name).orElse(village),
                            HouseholdIdentity.valueOf(rs.getString("identity")),
                            MonitoringState.valueOf(rs.getString("monitoring_state")),
                            rs.getString("helper_name"),
                            rs.getObject("ended_on", LocalDate.class),
                            rs.getString("end_reason"));
                })
                .list();
    }

    /**
     * The condition on the current households {@code c} (a {@code RegistryLedgers.CURRENT}) of a region that must
     * have a helper: monitored, or 脱贫户 while the province's switch is on today. Binds {@code :lo}, {@code :hi}.
     */
    public String required(Region region, Map<String, Object> p) {
        RegionCode.CodeRange range = region.subtree();
        p.put("lo", range.low());
        p.put("hi", range.high());
        // a region lies in one province: the switch is the province's
        boolean exited = parameters.isOn("helper_for_exited_households", RegionCode.province(region.code()), today());
        p.put("exited", exited);
        return "c.village_code between :lo and :hi and (c.monitoring_state = 'MONITORED'"
                + (exited ? " or c.identity = 'EXITED')" : ")");
    }

    private Region region(String code) {
        DataScope.Scope scope = dataScope.current();
        Region region;
        if (code == null || code.isBlank()) {
            region = scope.home()
                    .or(() -> regions.atLevel(RegionLevel.PROVINCE).stream()
                            .findFirst()
                            .filter(x -> scope instanceof DataScope.Scope.System))
                    .orElseThrow(() -> ApiException.invalid("region", messages.get("helper.region")));
        } else {
            region = regions.find(code.strip())
                    .orElseThrow(() -> ApiException.invalid("region", messages.get("helper.region")));
        }
        if (!scope.covers(region.code())) {
            // asking for a region above one's own narrows to one's own (as the statistics do); others are refused
            Region asked = region;
            return scope.home()
                    .filter(home -> asked.subtree().contains(home.code()))
                    .orElseThrow(() -> ApiException.invalid("region", messages.get("helper.region")));
        }
        return region;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
