package org.fangpin.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.DataScope;
import org.fangpin.region.RegionCode;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.HousingGrade;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.PersonView;
import org.fangpin.registry.Registry;
import org.fangpin.registry.SchoolStatus;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 实地核查: what a checker found at each drawn household — income, 两不愁三保障 and safe water, each prefilled from
 * the registry as the household stood on the frame's day (the checker changes only what they saw otherwise, 004:611),
 * a verdict (准确, 错退, 漏评) and whether the household recognises the work (群众认可) — and what the checks of a draw
 * add up to: 错退率, 漏评率 and 认可度 against their policy parameters, for the draw and for each county in it.
 */
@Service
public class FieldChecks {

    /**
     * What the registry says of a drawn household on the frame's day: the values a check starts from.
     *
     * @param perCapitaIncome 人均纯收入; null where no income was recorded
     * @param foodClothing 不愁吃、不愁穿: the registry holds no fact of it, so it starts as met
     * @param education 义务教育有保障: no member dropped out of school
     * @param medical 基本医疗有保障: every member has medical insurance
     * @param housing 住房安全有保障: not a house of grade C or D
     * @param water 饮水安全有保障: not recorded as unsafe
     */
    public record CheckFacts(
            BigDecimal perCapitaIncome,
            boolean foodClothing,
            boolean education,
            boolean medical,
            boolean housing,
            boolean water) {}

    /** What a checker records; a fact left out keeps the registry's value (no retyping). */
    public record CheckRecord(
            BigDecimal perCapitaIncome,
            Boolean foodClothing,
            Boolean education,
            Boolean medical,
            Boolean housing,
            Boolean water,
            CheckVerdict verdict,
            Boolean recognised,
            String note,
            LocalDate checkedOn) {}

    /** A check as recorded. */
    public record FieldCheck(
            long drawId,
            long householdId,
            String villageCode,
            CheckFacts found,
            CheckVerdict verdict,
            Boolean recognised,
            String note,
            String checkedBy,
            LocalDate checkedOn,
            int version) {}

    /**
     * A drawn household to check: who it was and where it stood on the frame's day, the registry's facts, and its
     * check once recorded (null before).
     */
    public record CheckSheet(
            long drawId,
            long householdId,
            String householdNo,
            String villageCode,
            HouseholdIdentity identity,
            MonitoringState monitoringState,
            CheckFacts registry,
            FieldCheck check) {}

    /** A drawn household and its check, if any (a draw's work list). */
    public record DrawnHousehold(
            long householdId,
            String villageCode,
            String stratum,
            int rank,
            HouseholdIdentity identity,
            MonitoringState monitoringState,
            CheckVerdict verdict,
            Boolean recognised,
            LocalDate checkedOn) {}

    /**
     * A share found in checks against its policy limit: {@code count} of {@code base} households; {@code share}
     * null when none could be counted; {@code met} whether it keeps to {@code limit}.
     */
    public record CheckRate(int count, int base, BigDecimal share, BigDecimal limit, Boolean met) {}

    /** What the checks of a draw add up to, in all and for one region (a county). */
    public record CheckTally(
            String region, int drawn, int checked, CheckRate wrongExit, CheckRate missed, CheckRate recognition) {}

    /** A draw's results: its total and one tally per county. */
    public record SampleResults(long drawId, CheckTally total, List<CheckTally> counties) {}

    private final JdbcClient jdbc;
    private final SampleDraws draws;
    private final Registry registry;
    private final DataScope dataScope;
    private final PolicyParameters parameters;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;

    FieldChecks(
            JdbcClient jdbc,
            SampleDraws draws,
            Registry registry,
            DataScope dataScope,
            PolicyParameters parameters,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.draws = draws;
        this.registry = registry;
        this.dataScope = dataScope;
        this.parameters = parameters;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    /** The registry's facts of a household version. */
    static CheckFacts facts(HouseholdView h) {
        List<PersonView> members = h.members();
        return new CheckFacts(
                h.perCapitaNetIncome(),
                true,
                members.stream().noneMatch(p -> p.schoolStatus() == SchoolStatus.DROPOUT),
                members.stream().allMatch(PersonView::medicalInsurance),
                h.housingGrade() != HousingGrade.C && h.housingGrade() != HousingGrade.D,
                !Boolean.FALSE.equals(h.waterSafe()));
    }

    /** A draw's households with their checks, in the order drawn (404 for a draw outside the caller's reach). */
    @Transactional(readOnly = true)
    public List<DrawnHousehold> households(long drawId) {
        draws.header(drawId);
        return jdbc.sql("""
                        select s.household_id, s.village_code, s.stratum, s.rank, s.identity, s.monitoring_state,
                               c.verdict, c.recognised, c.checked_on
                        from sample_household s
                        left join field_check c on c.draw_id = s.draw_id and c.household_id = s.household_id
                        where s.draw_id = ? order by s.stratum, s.rank""")
                .param(drawId)
                .query((rs, i) -> new DrawnHousehold(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        HouseholdIdentity.valueOf(rs.getString(5)),
                        MonitoringState.valueOf(rs.getString(6)),
                        rs.getString(7) == null ? null : CheckVerdict.valueOf(rs.getString(7)),
                        (Boolean) rs.getObject(8),
                        rs.getObject(9, LocalDate.class)))
                .list();
    }

    /** The sheet to check a drawn household with: the registry's facts on the frame's day and any check so far. */
    @Transactional(readOnly = true)
    public CheckSheet sheet(long drawId, long householdId) {
        SampleDraws.SampleDraw d = draws.header(drawId);
        return sheet(d, householdId);
    }

    /**
     * The sheet of a drawn household of a draw already read ({@link SampleDraws#header}), or empty for one not drawn
     * or outside the caller's reach — without an error, so that a caller inside a larger transaction (an upload) can
     * report it and go on.
     */
    @Transactional(readOnly = true)
    public Optional<CheckSheet> drawnSheet(SampleDraws.SampleDraw d, long householdId) {
        record Row(String village, HouseholdIdentity identity, MonitoringState state) {}
        Optional<Row> row = jdbc.sql("select village_code, identity, monitoring_state from sample_household"
                        + " where draw_id = ? and household_id = ?")
                .params(d.id(), householdId)
                .query((rs, i) -> new Row(
                        rs.getString(1),
                        HouseholdIdentity.valueOf(rs.getString(2)),
                        MonitoringState.valueOf(rs.getString(3))))
                .optional()
                .filter(r -> dataScope.current().covers(r.village()));
        return row.flatMap(r -> registry.household(householdId, d.asOf())
                .map(h -> new CheckSheet(
                        d.id(),
                        householdId,
                        h.householdNo(),
                        r.village(),
                        r.identity(),
                        r.state(),
                        facts(h),
                        find(d.id(), householdId).orElse(null))));
    }

    private CheckSheet sheet(SampleDraws.SampleDraw d, long householdId) {
        return drawnSheet(d, householdId)
                .orElseThrow(() -> ApiException.notFound("assessment.check.not-drawn", householdId, d.id()));
    }

    /**
     * Records the check of a drawn household (replacing an earlier one: {@code expectedVersion} required then, 428
     * without it, 412 when stale). 404 for a household not drawn or outside the caller's reach; 422 with each
     * field's reason for a verdict the household's standing does not allow, a day in the future or before the
     * frame's, a negative income.
     */
    @Transactional
    public FieldCheck record(long drawId, long householdId, Integer expectedVersion, CheckRecord r) {
        SampleDraws.SampleDraw d = draws.header(drawId);
        // one checker at a time per household: the second waits, then finds the version changed (412)
        jdbc.sql("select 1 from sample_household where draw_id = ? and household_id = ? for update")
                .params(drawId, householdId)
                .query()
                .listOfRows();
        CheckSheet sheet = sheet(d, householdId);
        FieldCheck before = sheet.check();
        if (before != null && expectedVersion == null) {
            throw ApiException.preconditionRequired();
        }
        if (before != null && before.version() != expectedVersion) {
            throw ApiException.preconditionFailed("assessment.check.stale", householdId);
        }
        List<FieldProblem> problems = problems(d, sheet, r);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        CheckFacts found = found(sheet, r);
        LocalDate on = r.checkedOn() == null ? LocalDate.now(clock) : r.checkedOn();
        String by = actor.username();
        String note = note(r);
        jdbc.sql("""
                insert into field_check (draw_id, household_id, village_code, per_capita_income, food_clothing,
                    education, medical, housing, water, verdict, recognised, note, checked_by, checked_on)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (draw_id, household_id) do update set per_capita_income = excluded.per_capita_income,
                    food_clothing = excluded.food_clothing, education = excluded.education,
                    medical = excluded.medical, housing = excluded.housing, water = excluded.water,
                    verdict = excluded.verdict, recognised = excluded.recognised, note = excluded.note,
                    checked_by = excluded.checked_by, checked_on = excluded.checked_on, recorded_at = now(),
                    version = field_check.version + 1""")
                .params(
                        drawId,
                        householdId,
                        sheet.villageCode(),
                        found.perCapitaIncome(),
                        found.foodClothing(),
                        found.education(),
                        found.medical(),
                        found.housing(),
                        found.water(),
                        r.verdict().name(),
                        r.recognised(),
                        note,
                        by,
                        on)
                .update();
        FieldCheck after = find(drawId, householdId).orElseThrow();
        events.publishEvent(new AuditableChange(
                "field_check",
                drawId + "/" + householdId,
                "FIELD_CHECKED",
                before == null ? null : detail(before),
                detail(after),
                sheet.villageCode()));
        return after;
    }

    /**
     * What is wrong with a check of a drawn household, field by field (empty: nothing): no verdict, or one its
     * standing on the frame's day does not allow; a day in the future or before the frame's; a negative income; too
     * long a note.
     */
    public List<FieldProblem> problems(SampleDraws.SampleDraw d, CheckSheet sheet, CheckRecord r) {
        LocalDate today = LocalDate.now(clock);
        LocalDate on = r.checkedOn() == null ? today : r.checkedOn();
        List<FieldProblem> problems = new ArrayList<>();
        if (r.verdict() == null) {
            problems.add(FieldProblem.of("verdict", messages.get("assessment.check.verdict")));
        } else if (r.verdict() == CheckVerdict.WRONG_EXIT && sheet.monitoringState() != MonitoringState.ELIMINATED) {
            problems.add(FieldProblem.of("verdict", messages.get("assessment.check.wrong-exit")));
        } else if (r.verdict() == CheckVerdict.MISSED && sheet.monitoringState() != MonitoringState.NONE) {
            problems.add(FieldProblem.of("verdict", messages.get("assessment.check.missed")));
        }
        if (on.isAfter(today) || on.isBefore(d.asOf())) {
            problems.add(FieldProblem.of("checkedOn", messages.get("assessment.check.day")));
        }
        if (r.perCapitaIncome() != null
                && (r.perCapitaIncome().signum() < 0
                        || r.perCapitaIncome().precision() - r.perCapitaIncome().scale() > 10)) {
            problems.add(FieldProblem.of("perCapitaIncome", messages.get("assessment.check.income")));
        }
        if (r.note() != null && r.note().length() > 2000) {
            problems.add(FieldProblem.of("note", messages.get("assessment.check.note")));
        }
        return problems;
    }

    /** The facts a check records: what the checker gave, the registry's value for what they left out. */
    public static CheckFacts found(CheckSheet sheet, CheckRecord r) {
        CheckFacts reg = sheet.registry();
        return new CheckFacts(
                r.perCapitaIncome() != null
                        ? r.perCapitaIncome().setScale(2, RoundingMode.HALF_UP)
                        : reg.perCapitaIncome(),
                r.foodClothing() != null ? r.foodClothing() : reg.foodClothing(),
                r.education() != null ? r.education() : reg.education(),
                r.medical() != null ? r.medical() : reg.medical(),
                r.housing() != null ? r.housing() : reg.housing(),
                r.water() != null ? r.water() : reg.water());
    }

    /** Whether recording {@code r} would leave the sheet's check as it is (an upload's unchanged row). */
    public static boolean unchanged(CheckSheet sheet, CheckRecord r) {
        FieldCheck c = sheet.check();
        if (c == null) {
            return false;
        }
        CheckFacts was = c.found();
        CheckFacts now = found(sheet, r);
        boolean sameIncome = was.perCapitaIncome() == null || now.perCapitaIncome() == null
                ? was.perCapitaIncome() == now.perCapitaIncome()
                : was.perCapitaIncome().compareTo(now.perCapitaIncome()) == 0;
        return sameIncome
                && was.foodClothing() == now.foodClothing()
                && was.education() == now.education()
                && was.medical() == now.medical()
                && was.housing() == now.housing()
                && was.water() == now.water()
                && c.verdict() == r.verdict()
                && Objects.equals(c.recognised(), r.recognised())
                && Objects.equals(c.note(), note(r))
                && c.checkedOn().equals(r.checkedOn());
    }

    private static String note(CheckRecord r) {
        return r.note() == null || r.note().isBlank() ? null : r.note().strip();
    }

    /** A county's households checked in the field and, of them, those found wrongly exited or missed. */
    public record CountyChecks(long checked, long wrong) {}

    /**
     * Per county, over the draws the caller may read (drawn by their level or below, ADR 0023), each household by its
     * latest check (a later check that finds it right clears an earlier 错退): how many were checked and found wrong.
     * A county never learns this way which of its households a level above drew.
     */
    @Transactional(readOnly = true)
    public Map<String, CountyChecks> byCounty() {
        Map<String, Object> p = new HashMap<>();
        String readable = dataScope.current().condition("d.drawer_region", p);
        Map<String, CountyChecks> out = new TreeMap<>();
        jdbc.sql("""
                        select substr(village_code, 1, 6) || '000000', count(*),
                               count(*) filter (where verdict in ('WRONG_EXIT', 'MISSED'))
                        from (select distinct on (c.household_id) c.household_id, c.village_code, c.verdict
                              from field_check c join sample_draw d on d.id = c.draw_id
                              where %s
                              order by c.household_id, c.checked_on desc, c.recorded_at desc) latest
                        group by 1""".formatted(readable)).params(p).query((ResultSet rs) -> {
            out.put(rs.getString(1), new CountyChecks(rs.getLong(2), rs.getLong(3)));
        });
        return out;
    }

    /** What the checks of a draw add up to, against the limits in force on the frame's day. */
    @Transactional(readOnly = true)
    public SampleResults results(long drawId) {
        SampleDraws.SampleDraw d = draws.header(drawId);
        Map<String, PolicyParameters.Value> p = parameters.resolve(RegionCode.province(d.region()), d.asOf());
        BigDecimal wrongExitMax = p.get("wrong_exit_rate_max").value();
        BigDecimal missedMax = p.get("missed_rate_max").value();
        BigDecimal recognitionMin = p.get("recognition_rate_min").value();
        Map<String, int[]> byCounty = new TreeMap<>();
        int[] total = new int[8];
        jdbc.sql("""
                        select substr(s.village_code, 1, 6) || '000000' as county,
                               count(*) as drawn,
                               count(c.household_id) as checked,
                               count(*) filter (where c.verdict = 'WRONG_EXIT') as wrong_exit,
                               count(c.household_id) filter (where s.monitoring_state = 'ELIMINATED') as eliminated,
                               count(*) filter (where c.verdict = 'MISSED') as missed,
                               count(c.household_id) filter (where s.monitoring_state = 'NONE') as not_monitored,
                               count(*) filter (where c.recognised) as recognised,
                               count(c.recognised) as asked
                        from sample_household s
                        left join field_check c on c.draw_id = s.draw_id and c.household_id = s.household_id
                        where s.draw_id = ? group by 1 order by 1""").param(drawId).query((ResultSet rs) -> {
            int[] v = new int[8];
            for (int i = 0; i < 8; i++) {
                v[i] = rs.getInt(i + 2);
                total[i] += v[i];
            }
            byCounty.put(rs.getString(1), v);
        });
        List<CheckTally> counties = new ArrayList<>();
        byCounty.forEach((code, v) -> counties.add(tally(code, v, wrongExitMax, missedMax, recognitionMin)));
        return new SampleResults(drawId, tally(d.region(), total, wrongExitMax, missedMax, recognitionMin), counties);
    }

    private static CheckTally tally(
            String region, int[] v, BigDecimal wrongExitMax, BigDecimal missedMax, BigDecimal min) {
        return new CheckTally(
                region,
                v[0],
                v[1],
                rate(v[2], v[3], wrongExitMax, true),
                rate(v[4], v[5], missedMax, true),
                rate(v[6], v[7], min, false));
    }

    /** A share against its limit: at most the limit ({@code atMost}) or at least it; compared exactly. */
    static CheckRate rate(int count, int base, BigDecimal limit, boolean atMost) {
        if (base == 0) {
            return new CheckRate(count, base, null, limit, null);
        }
        BigDecimal share = BigDecimal.valueOf(count).divide(BigDecimal.valueOf(base), 4, RoundingMode.HALF_UP);
        // compared on the exact fraction, not the rounded share: count/base ≤ limit ⇔ count ≤ limit × base
        int c = BigDecimal.valueOf(count).compareTo(limit.multiply(BigDecimal.valueOf(base)));
        return new CheckRate(count, base, share, limit, atMost ? c <= 0 : c >= 0);
    }

    private Optional<FieldCheck> find(long drawId, long householdId) {
        return jdbc.sql("select * from field_check where draw_id = ? and household_id = ?")
                .params(drawId, householdId)
                .query(FieldChecks::check)
                .optional();
    }

    private static FieldCheck check(ResultSet rs, int i) throws SQLException {
        return new FieldCheck(
                rs.getLong("draw_id"),
                rs.getLong("household_id"),
                rs.getString("village_code"),
                new CheckFacts(
                        rs.getBigDecimal("per_capita_income"),
                        rs.getBoolean("food_clothing"),
                        rs.getBoolean("education"),
                        rs.getBoolean("medical"),
                        rs.getBoolean("housing"),
                        rs.getBoolean("water")),
                CheckVerdict.valueOf(rs.getString("verdict")),
                (Boolean) rs.getObject("recognised"),
                rs.getString("note"),
                rs.getString("checked_by"),
                rs.getObject("checked_on", LocalDate.class),
                rs.getInt("version"));
    }

    private static Map<String, Object> detail(FieldCheck c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("perCapitaIncome", c.found().perCapitaIncome());
        m.put("foodClothing", c.found().foodClothing());
        m.put("education", c.found().education());
        m.put("medical", c.found().medical());
        m.put("housing", c.found().housing());
        m.put("water", c.found().water());
        m.put("verdict", c.verdict().name());
        m.put("recognised", c.recognised());
        m.put("note", c.note());
        m.put("checkedOn", c.checkedOn().toString());
        return m;
    }
}
