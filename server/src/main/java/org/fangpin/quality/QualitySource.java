package org.fangpin.quality;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.common.Labelled;
import org.fangpin.common.expression.RuleExpression.Type;
import org.fangpin.registry.RegistryLedgers;

/**
 * Where a check's facts come from: one row per household with the columns its condition may name (they shadow
 * policy parameters of the same name). The facts are computed where the data are — the lake's registry snapshot and
 * feeds on the batch engine, the plans and cases in the database — and the conditions evaluated there too, so that
 * only the households found come back.
 */
public enum QualitySource implements Labelled {
    /** Each household of the registry snapshot beside the departments' feeds. */
    LAKE(
            "登记数据与部门数据比对",
            "The registry beside the departments' data",
            columns(
                    "identity", Type.TEXT,
                    "monitoring_state", Type.TEXT,
                    "deceased_members", Type.NUMBER,
                    "days_since_death", Type.NUMBER,
                    "days_paid_after_death", Type.NUMBER,
                    "registry_wage", Type.NUMBER,
                    "feed_wage_12m", Type.NUMBER,
                    "registry_housing_grade", Type.TEXT,
                    "feed_housing_grade", Type.TEXT,
                    "days_relief_after_elimination", Type.NUMBER,
                    "days_since_elimination", Type.NUMBER,
                    "registry_net_income", Type.NUMBER,
                    "previous_net_income", Type.NUMBER,
                    "income_year", Type.NUMBER,
                    "elimination_year", Type.NUMBER)),
    /** Each monitored or eliminated household beside its plan, measures, visits and cases. */
    DATABASE(
            "登记数据与帮扶、认定记录比对",
            "The registry beside plans, measures, visits and cases",
            columns(
                    "monitoring_state", Type.TEXT,
                    "has_plan", Type.BOOLEAN,
                    "done_measures_unvisited", Type.NUMBER,
                    "visits_before_elimination", Type.NUMBER,
                    "included_by_case", Type.BOOLEAN)),
    /**
     * Each household with a member whose name, birth date and sex are also a member's of another household, whose name
     * is another household's member's with an ID number one typing slip away, or whose phone is also given for
     * another household's member.
     */
    REGISTRY(
            "登记数据内部比对",
            "The registry against itself",
            columns(
                    "identity", Type.TEXT,
                    "monitoring_state", Type.TEXT,
                    "members_in_other_households", Type.NUMBER,
                    "members_with_near_id", Type.NUMBER,
                    "households_sharing_phone", Type.NUMBER)),
    /**
     * Each village with households beside the other villages of its county: its share of households ever monitored
     * and the share of its 脱贫户 and monitored households with a net income per head just above the monitoring line,
     * each beside the median of the county's villages. A check of this source opens an issue about the village as a
     * whole.
     */
    VILLAGE(
            "各村与全县各村比较",
            "Each village beside the county's villages",
            columns(
                    "village_households", Type.NUMBER,
                    "village_monitored_households", Type.NUMBER,
                    "village_monitored_share", Type.NUMBER,
                    "village_covered_households", Type.NUMBER,
                    "village_at_line_households", Type.NUMBER,
                    "village_at_line_share", Type.NUMBER,
                    "county_villages", Type.NUMBER,
                    "county_monitored_median", Type.NUMBER,
                    "county_at_line_median", Type.NUMBER));

    /** A province's monitoring line on the run's day and the band above it a village check counts as just above. */
    public record Line(BigDecimal line, BigDecimal band) {}

    private final String zh;
    private final String en;
    private final Map<String, Type> columns;

    QualitySource(String zh, String en, Map<String, Type> columns) {
        this.zh = zh;
        this.en = en;
        this.columns = columns;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    public Map<String, Type> columns() {
        return columns;
    }

    /**
     * The facts on the lake (DuckDB; the views of {@code monitoring.LakeReader}) as of a day: deaths the public
     * security feed registered of members still in the registry, payments (民政) and wages (人社) dated after such a
     * death, wages of the last twelve months annualised over the months the feed covers, the latest housing
     * assessment, the first temporary relief (民政) after the risk was called eliminated, the days since then, the
     * net income registered (and its year) and the one of the income year before, the year of the elimination.
     */
    static String lakeFacts(LocalDate asOf) {
        String day = "DATE '" + asOf + "'";
        String from = "DATE '" + asOf.minusMonths(11).withDayOfMonth(1) + "'";
        return """
                with death as (
                    select p.household_id, p.person_id, p.id_hash, max(r.event_date) as died
                    from feed_household_registration r join person p on p.id_hash = r.id_hash
                    where r.registration_event = 'DEATH' and r.event_date <= %1$s
                    group by 1, 2, 3),
                dead as (
                    select household_id, count(*) as n, max(date_diff('day', died, %1$s)) as days from death group by 1),
                paid as (
                    select household_id, max(days) as days from (
                        select d.household_id, date_diff('day', d.died, a.start_date) as days
                        from death d join feed_social_assistance a on a.id_hash = d.id_hash
                        where a.start_date > d.died and a.start_date <= %1$s
                        union all
                        select d.household_id, date_diff('day', d.died, e.month) as days
                        from death d join feed_employment e on e.id_hash = d.id_hash
                        where e.month > d.died and e.month <= %1$s and e.wage > 0) x
                    group by 1),
                wage_months as (
                    select count(distinct month) as n from feed_employment where month between %2$s and %1$s),
                wage as (
                    select p.household_id, cast(sum(e.wage) * 12 / max(wm.n) as decimal(14, 2)) as annual
                    from feed_employment e join person p on p.id_hash = e.id_hash cross join wage_months wm
                    where e.month between %2$s and %1$s
                    group by 1),
                relief as (
                    select p.household_id, min(date_diff('day', h.eliminated_on, a.start_date)) as days
                    from feed_social_assistance a
                    join person p on p.id_hash = a.id_hash
                    join household h on h.household_id = p.household_id
                    where a.assistance_type = 'TEMPORARY' and h.eliminated_on is not null
                      and a.start_date > h.eliminated_on and a.start_date <= %1$s
                    group by 1),
                hmatch as (select household_no, household_id from household),
                housing as (
                    select household_id, grade from (
                        select coalesce(hm.household_id, p.household_id) as household_id, f.housing_grade as grade,
                               row_number() over (partition by coalesce(hm.household_id, p.household_id)
                                                  order by f.assessed_on desc, f.period desc, f.line desc) as rn
                        from feed_housing f
                        left join hmatch hm on hm.household_no = f.household_no
                        left join person p on p.id_hash = case when f.household_no is null then f.id_hash end
                        where f.assessed_on <= %1$s) x
                    where rn = 1 and household_id is not null)
                select h.household_id, h.village_code, h.identity, h.monitoring_state,
                       coalesce(dead.n, 0) as deceased_members, dead.days as days_since_death,
                       paid.days as days_paid_after_death,
                       coalesce(h.income_wage, 0) as registry_wage, wage.annual as feed_wage_12m,
                       h.housing_grade as registry_housing_grade, housing.grade as feed_housing_grade,
                       relief.days as days_relief_after_elimination,
                       date_diff('day', h.eliminated_on, %1$s) as days_since_elimination,
                       case when h.income_year is not null then coalesce(h.income_wage, 0)
                            + coalesce(h.income_production, 0) + coalesce(h.income_property, 0)
                            + coalesce(h.income_transfer, 0) - coalesce(h.production_cost, 0) end as registry_net_income,
                       h.prev_income_net as previous_net_income,
                       h.income_year, year(h.eliminated_on) as elimination_year
                from household h
                left join dead on dead.household_id = h.household_id
                left join paid on paid.household_id = h.household_id
                left join wage on wage.household_id = h.household_id
                left join housing on housing.household_id = h.household_id
                left join relief on relief.household_id = h.household_id""".formatted(day, from);
    }

    /**
     * The facts in the database as of {@code :asOf} for the households monitored or eliminated then: whether a plan
     * had started, its measures marked done with no visit from their start to one visit interval after their end
     * (when that is past: the visit that would have seen the measure), the visits in the stable
     * months before the elimination ({@code :stableMonths}), whether an identification case decided its inclusion.
     * Binds {@code :low, :high} (every village) too.
     */
    static String databaseFacts() {
        return """
                select h.household_id, h.village_code, h.monitoring_state,
                       p.household_id is not null as has_plan,
                       (select count(*) from (%2$s) m
                        where m.household_id = h.household_id and m.status = 'DONE'
                          and m.actual_end + p.visit_interval_days <= :asOf
                          and not exists (select 1 from (%3$s) v where v.household_id = m.household_id
                                            and v.visited_on between coalesce(m.actual_start, m.planned_start)
                                                and m.actual_end + p.visit_interval_days)) as done_measures_unvisited,
                       case when h.monitoring_state = 'ELIMINATED' then
                           (select count(*) from (%3$s) v where v.household_id = h.household_id
                              and v.visited_on <= h.eliminated_on
                              and v.visited_on > h.eliminated_on - make_interval(months => :stableMonths))
                       end as visits_before_elimination,
                       exists (select 1 from (%4$s) c where c.household_id = h.household_id
                                 and c.kind = 'IDENTIFICATION' and c.stage = 'INCLUDED'
                                 and c.closed_on <= :asOf) as included_by_case
                from (%1$s) h
                left join (%5$s) p on p.household_id = h.household_id
                where h.monitoring_state <> 'NONE'""".formatted(
                        RegistryLedgers.AS_OF,
                        CaseworkLedgers.MEASURES,
                        CaseworkLedgers.VISITS,
                        CaseworkLedgers.cases(java.time.ZoneOffset.UTC),
                        CaseworkLedgers.PLANS_AS_OF);
    }

    /**
     * The facts in the database as of {@code :asOf} of the households that have a member whose name, birth date and
     * sex are also a member's of another household ({@code members_in_other_households}: how many such members); whose
     * name is a member's of another household whose ID number is near-equal to its own ({@code members_with_near_id}:
     * how many such members, not counting those of the first kind); or whose phone — compared by its keyed lookup
     * hash, never in clear — is also given for a member of another household ({@code households_sharing_phone}: the
     * most households one of its phones is given for). Each grouping is by hash, one pass over the members.
     *
     * <p>Near-equal ID numbers differ by one typing slip in the first 17 digits — one digit wrong, or two adjacent
     * digits swapped — the check character being recomputed (else the number is refused when entered). They are
     * compared in the database without opening a sealed number: the masked form keeps the address code and the
     * sequence in clear, and the birth date is the number's. Two numbers one slip apart agree on digits 1–13, on 1–12
     * and 15–17, on 1–9 and 14–17, on 10–17 or on 1–8 and 11–17 (whichever part the slip is not in), so namesakes are
     * paired only when one of these keys (the digits as a number), with the name's hash, is shared by two households:
     * each key keeps the groups small even for common names (one county and month of birth at most).
     */
    static String registryFacts() {
        return """
                with p as (
                    select p.household_id, p.name, p.birth_date, p.sex, p.phone_hash, x.body, x.body::bigint as b,
                           hashtextextended(p.name, 0) as nh
                    from person p
                    cross join lateral (select left(p.id_number_masked, 6) || to_char(p.birth_date, 'YYYYMMDD')
                                               || substr(p.id_number_masked, 15, 3) as body) x
                    join household h on h.household_id = p.household_id and not h.deleted
                         and h.valid_from <= :asOf and (h.valid_to is null or h.valid_to > :asOf)
                    where not p.deleted and p.valid_from <= :asOf and (p.valid_to is null or p.valid_to > :asOf)),
                twin as (
                    select name, birth_date, sex from p
                    group by 1, 2, 3 having min(household_id) <> max(household_id)),
                near_key as not materialized (
                    select p.household_id, p.name, p.birth_date, p.sex, p.body, p.nh, k.no, k.k
                    from p cross join lateral (values (1, p.b / 10000), (2, p.b / 100000 * 1000 + p.b % 1000),
                                                      (3, p.b / 100000000 * 10000 + p.b % 10000), (4, p.b % 100000000),
                                                      (5, p.b / 1000000000 * 10000000 + p.b % 10000000)) k(no, k)),
                shared as (
                    select nh, no, k from near_key group by 1, 2, 3 having min(household_id) <> max(household_id)),
                candidate as materialized (
                    select n.* from near_key n join shared s on s.nh = n.nh and s.no = n.no and s.k = n.k),
                near as (
                    select a.household_id, count(distinct a.body) as members
                    from candidate a
                    join candidate b on b.nh = a.nh and b.no = a.no and b.k = a.k and b.name = a.name
                         and b.household_id <> a.household_id
                    where not (a.birth_date = b.birth_date and a.sex = b.sex) and id_body_near(a.body, b.body)
                    group by 1),
                phone as (
                    select phone_hash, count(distinct household_id) as households from p
                    where phone_hash in (select phone_hash from p where phone_hash is not null
                                         group by 1 having min(household_id) <> max(household_id))
                    group by 1),
                found as (
                    select p.household_id, count(t.name) as twins, max(ph.households) as sharing
                    from p
                    left join twin t on t.name = p.name and t.birth_date = p.birth_date and t.sex = p.sex
                    left join phone ph on ph.phone_hash = p.phone_hash
                    where t.name is not null or ph.phone_hash is not null
                    group by 1)
                select h.household_id, h.village_code, h.identity, h.monitoring_state,
                       coalesce(f.twins, 0) as members_in_other_households,
                       coalesce(near.members, 0) as members_with_near_id,
                       coalesce(f.sharing, 0) as households_sharing_phone
                from found f
                full join near on near.household_id = f.household_id
                join household h on h.household_id = coalesce(f.household_id, near.household_id) and not h.deleted
                     and h.valid_from <= :asOf and (h.valid_to is null or h.valid_to > :asOf)""";
    }

    /**
     * The facts in the database as of {@code :asOf} of each village with households then: how many households, how
     * many ever monitored (monitored or eliminated) and their share in per cent; how many 脱贫户 and monitored
     * households (covered), how many of them with a net income per head at or above their province's monitoring line
     * and below the line × (1 + band), and their share of the covered in per cent; and over the villages of its
     * county with households: how many, and the median of each share (a village without covered households has no
     * share of the second kind and is not in its median). Binds {@code :low, :high} and {@code :asOf}.
     *
     * @param lines per province (two-digit code), its line and band on the day; {@code ""}: everywhere else
     */
    static String villageFacts(Map<String, Line> lines) {
        StringJoiner values = new StringJoiner(", ");
        lines.forEach((province, l) -> {
            if (!province.matches("\\d{0,2}")) {
                throw new IllegalArgumentException("province " + province);
            }
            values.add("('" + province + "', " + l.line().toPlainString() + ", "
                    + l.band().toPlainString() + ")");
        });
        return """
                with h as (%1$s),
                lines(province, line, band) as (values %2$s),
                v as (
                    select h.village_code, count(*) as households,
                           count(*) filter (where h.monitoring_state <> 'NONE') as monitored,
                           count(*) filter (where h.identity = 'EXITED' or h.monitoring_state <> 'NONE') as covered,
                           count(*) filter (where (h.identity = 'EXITED' or h.monitoring_state <> 'NONE')
                                              and h.per_capita_income >= coalesce(l.line, d.line)
                                              and h.per_capita_income < coalesce(l.line, d.line)
                                                  * (1 + coalesce(l.band, d.band))) as at_line
                    from h
                    left join lines l on l.province = substr(h.village_code, 1, 2)
                    cross join (select line, band from lines where province = '') d
                    group by 1),
                s as (
                    select v.*, round(100.0 * monitored / households, 1) as monitored_share,
                           case when covered > 0 then round(100.0 * at_line / covered, 1) end as at_line_share
                    from v),
                c as (
                    select substr(village_code, 1, 6) as county, count(*) as villages,
                           percentile_cont(0.5) within group (order by monitored_share) as monitored_median,
                           percentile_cont(0.5) within group (order by at_line_share) as at_line_median
                    from s group by 1)
                select null::bigint as household_id, s.village_code,
                       s.households as village_households, s.monitored as village_monitored_households,
                       s.monitored_share as village_monitored_share, s.covered as village_covered_households,
                       s.at_line as village_at_line_households, s.at_line_share as village_at_line_share,
                       c.villages as county_villages,
                       round(c.monitored_median::numeric, 1) as county_monitored_median,
                       round(c.at_line_median::numeric, 1) as county_at_line_median
                from s join c on c.county = substr(s.village_code, 1, 6)""".formatted(RegistryLedgers.INCOMES_AS_OF, values);
    }

    /**
     * The facts a run reads from this source as of a day.
     *
     * @param lines the monitoring lines and bands on the day (read by {@link #VILLAGE} only)
     */
    String facts(LocalDate day, Map<String, Line> lines) {
        return switch (this) {
            case LAKE -> lakeFacts(day);
            case DATABASE -> databaseFacts();
            case REGISTRY -> registryFacts();
            case VILLAGE -> villageFacts(lines);
        };
    }

    /** Whether the facts are on the lake (the batch engine) rather than in the database. */
    boolean onLake() {
        return this == LAKE;
    }

    /** Whether a check of this source finds villages as a whole rather than households. */
    public boolean villageLevel() {
        return this == VILLAGE;
    }

    private static Map<String, Type> columns(Object... pairs) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Type) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
