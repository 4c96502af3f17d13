package org.fangpin.pairing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.RegistryLedgers;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work teams' and pairings' figures 考核 reads (003:67 考核评价; the assessment's indicators): for a region and a
 * year, per region of the level below and in total — helper coverage, plans visited in time, villages with a team and
 * a 第一书记 in post, members' months in the village as the rule asks, members trained, partners' funds delivered
 * against committed, the secretaries' 遍访 coverage. Each a count of what meets and of what is counted, never a score:
 * the indicator decides the threshold.
 */
@Service
public class PairingChecks {

    /** One region's figures; a share is {@code met ÷ of}, none when {@code of} is zero. */
    @Schema(name = "PairingCheckRow")
    public record Row(
            String region,
            String name,
            long mustHaveHelper,
            long paired,
            long plans,
            long plansVisitedInTime,
            long teams,
            long teamsWithFirstSecretary,
            long memberMonths,
            long memberMonthsMet,
            long membersOnDuty,
            long membersTrained,
            BigDecimal fundsCommitted,
            BigDecimal fundsDelivered,
            long visitTargets,
            long visitTargetsVisited) {}

    /**
     * A region's figures: in total, per region of the level below, and its own — what belongs to the region itself
     * and to none below it (its partnerships, its secretary), in the total but in no row below.
     */
    @Schema(name = "PairingChecks")
    public record Checks(String region, String name, int year, LocalDate asOf, Row total, Row own, List<Row> below) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final PolicyParameters parameters;
    private final TeamAttendance attendance;
    private final LeaderVisits leaders;
    private final Messages messages;
    private final Clock clock;

    PairingChecks(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            PolicyParameters parameters,
            TeamAttendance attendance,
            LeaderVisits leaders,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.parameters = parameters;
        this.attendance = attendance;
        this.leaders = leaders;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * The figures of a region of the caller's reach (null: the caller's own) for a year: helpers, visits, teams and
     * training as of today (or the year's last day for a past year), attendance over the year's months gone, funds
     * and 遍访 of the year.
     */
    @Transactional(readOnly = true)
    public Checks checks(String regionCode, int year) {
        PairingFields.year(messages, year);
        DataScope.Scope scope = dataScope.current();
        Region region = regionCode == null
                ? scope.home().orElseThrow(() -> ApiException.notFound("region.not-found", ""))
                : regions.find(regionCode)
                        // a region above one's own narrows to one's own (as the statistics do); others are refused
                        .flatMap(r -> scope.covers(r.code())
                                ? Optional.of(r)
                                : scope.home().filter(home -> r.subtree().contains(home.code())))
                        .orElseThrow(() -> ApiException.notFound("region.not-found", regionCode));
        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = year < today.getYear() ? LocalDate.of(year, 12, 31) : today;
        RegionLevel below = region.level() == RegionLevel.VILLAGE
                ? RegionLevel.VILLAGE
                : RegionLevel.values()[region.level().ordinal() + 1];
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, BigDecimal[]> money = new HashMap<>();
        Map<String, Object> p = new HashMap<>();
        RegionCode.CodeRange range = region.subtree();
        p.put("lo", range.low());
        p.put("hi", range.high());
        p.put("digits", below.digits());
        p.put("asOf", asOf);
        p.put("year", year);

        // 结对覆盖 on the day: the households as they stood then that had to have a helper (脱贫户 by the province's
        // switch then), and those with a pairing begun by then and not ended — as the assessment's 帮扶责任人落实率
        p.put("low", range.low());
        p.put("high", range.high());
        p.put("exited", parameters.isOn("helper_for_exited_households", RegionCode.province(region.code()), asOf));
        grouped("""
                select substring(h.village_code, 1, :digits) as grp, count(*),
                       count(*) filter (where exists (select 1 from helper_pairing x where %s))
                from (%s) h
                where h.monitoring_state = 'MONITORED' or (:exited and h.identity = 'EXITED')
                group by 1""".formatted(PairingLedgers.IN_FORCE_ON_DAY, RegistryLedgers.FRAME), p, rs -> {
            long[] c = row(counts, padded(rs.getString(1)));
            c[0] += rs.getLong(2);
            c[1] += rs.getLong(3);
        });
        // plans of households monitored on the day, visited within their interval
        grouped("""
                select substring(c.village_code, 1, :digits) as grp, count(*),
                       count(*) filter (where coalesce(pl.last_visit, pl.started_on) + pl.visit_interval_days >= :asOf)
                from (%s) pl join (%s) c on c.household_id = pl.household_id
                where c.monitoring_state = 'MONITORED' and c.village_code between :lo and :hi
                group by 1""".formatted(CaseworkLedgers.PLANS_AS_OF, RegistryLedgers.CURRENT), p, rs -> {
            long[] c = row(counts, padded(rs.getString(1)));
            c[2] += rs.getLong(2);
            c[3] += rs.getLong(3);
        });
        // teams at work on the day, and those with a 第一书记 in post
        grouped("""
                select substring(t.village_code, 1, :digits) as grp, count(*),
                       count(*) filter (where exists (select 1 from team_member m where m.team_id = t.id
                           and m.post = 'FIRST_SECRETARY' and m.term_from <= :asOf and m.term_to >= :asOf
                           and (m.status = 'ON_DUTY' or m.status_on > :asOf)))
                from work_team t
                where t.started_on <= :asOf and (t.ended_on is null or t.ended_on > :asOf)
                  and t.village_code between :lo and :hi
                group by 1""", p, rs -> {
            long[] c = row(counts, padded(rs.getString(1)));
            c[4] += rs.getLong(2);
            c[5] += rs.getLong(3);
        });
        // members on duty on the day, and those trained since 90 days before their term
        p.put("before", TeamTraining.BEFORE_TERM_DAYS);
        grouped("""
                select substring(m.village_code, 1, :digits) as grp, count(*),
                       count(*) filter (where exists (select 1 from team_training_member tm
                           join team_training t on t.id = tm.training_id where tm.member_id = m.id
                           and t.held_on >= m.term_from - :before and t.held_on <= :asOf))
                from team_member m
                where m.term_from <= :asOf and m.term_to >= :asOf and (m.status = 'ON_DUTY' or m.status_on > :asOf)
                  and m.village_code between :lo and :hi
                group by 1""", p, rs -> {
            long[] c = row(counts, padded(rs.getString(1)));
            c[8] += rs.getLong(2);
            c[9] += rs.getLong(3);
        });
        // the months of the year gone by: each member's month logged and meeting the rule (pro rata, less leave)
        YearMonth last = YearMonth.from(asOf)
                .minusMonths(asOf.equals(YearMonth.from(asOf).atEndOfMonth()) ? 0 : 1);
        for (YearMonth m = YearMonth.of(year, 1); !m.isAfter(last); m = m.plusMonths(1)) {
            for (TeamAttendance.Row r : attendance.month(m).rows()) {
                if (!r.village()
                        .startsWith(region.code().substring(0, region.level().digits()))) {
                    continue;
                }
                long[] c = row(counts, padded(r.village().substring(0, below.digits())));
                c[6]++;
                if (!r.shortfall() && r.daysInVillage() != null) {
                    c[7]++;
                }
            }
        }
        // partners' funds of the year: committed and delivered, deliveries withdrawn left out
        grouped("""
                select substring(x.region_code, 1, :digits) as grp,
                       coalesce(sum(q.committed), 0), coalesce(sum(q.delivered), 0)
                from partnership x
                join (select partnership_id, quantity as committed, 0 as delivered from partnership_commitment
                      where year = :year and item = 'FUNDS'
                      union all
                      select partnership_id, 0, quantity from partnership_delivery
                      where year = :year and item = 'FUNDS' and withdrawn_at is null) q on q.partnership_id = x.id
                where x.region_code between :lo and :hi
                group by 1""", p, rs -> {
            String code = padded(rs.getString(1));
            row(counts, code);
            BigDecimal[] f = money.computeIfAbsent(code, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            f[0] = f[0].add(rs.getBigDecimal(2));
            f[1] = f[1].add(rs.getBigDecimal(3));
        });
        // 遍访: the targets of every secretary of the region, and those visited in the year
        for (LeaderVisits.Leader l : leaders.within(region, year)) {
            long[] c = row(
                    counts,
                    padded(l.region()
                            .substring(0, Math.min(below.digits(), l.level().digits()))));
            c[10] += l.targets();
            c[11] += l.visited();
        }

        long[] sum = new long[12];
        BigDecimal[] funds = {BigDecimal.ZERO, BigDecimal.ZERO};
        long[] mine = counts.getOrDefault(region.code(), new long[12]);
        BigDecimal[] mineFunds = money.getOrDefault(region.code(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        List<Row> rows = counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    long[] c = e.getValue();
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += c[i];
                    }
                    BigDecimal[] f =
                            money.getOrDefault(e.getKey(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    funds[0] = funds[0].add(f[0]);
                    funds[1] = funds[1].add(f[1]);
                    return row(e.getKey(), name(e.getKey()), c, f);
                })
                .filter(r -> !r.region().equals(region.code()) || region.level() == RegionLevel.VILLAGE)
                .toList();
        return new Checks(
                region.code(),
                region.name(),
                year,
                asOf,
                row(region.code(), region.name(), sum, funds),
                row(region.code(), region.name(), mine, mineFunds),
                rows);
    }

    private void grouped(String sql, Map<String, Object> p, RowCallbackHandler each) {
        jdbc.sql(sql).params(p).query(each);
    }

    private static long[] row(Map<String, long[]> counts, String code) {
        return counts.computeIfAbsent(code, k -> new long[12]);
    }

    private static Row row(String code, String name, long[] c, BigDecimal[] f) {
        return new Row(
                code, name, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], f[0], f[1], c[10], c[11]);
    }

    private static String padded(String prefix) {
        return RegionCode.padded(prefix);
    }

    private String name(String code) {
        return regions.find(code).map(Region::name).orElse(code);
    }
}
