package org.fangpin.casework.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.Alerts;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.RegionCode;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Registry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 风险消除建议: the monitored households in the caller's region that meet the elimination criteria, each with the
 * evidence — assisted for at least {@code elimination_stable_months}; every follow-up visit in that window (and at
 * least one) found income stable and 两不愁三保障/饮水 secured; no measure still planned or in progress; per-capita net
 * income at or above the monitoring line in force; no open alert; no open case. A risk that disappeared by itself
 * (风险自然消失) needs all but the length of assistance. A proposal only starts an elimination case; people decide.
 */
@Service
public class EliminationProposals {

    private final JdbcClient jdbc;
    private final Reach reach;
    private final Registry registry;
    private final PolicyParameters parameters;
    private final Alerts alerts;
    private final Messages messages;
    private final Clock clock;

    EliminationProposals(
            JdbcClient jdbc,
            Reach reach,
            Registry registry,
            PolicyParameters parameters,
            Alerts alerts,
            Messages messages,
            Clock clock) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.reach = reach;
        this.registry = registry;
        this.parameters = parameters;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** One household that meets the criteria, and the facts that show it. */
    public record Proposal(
            long householdId,
            String householdNo,
            String villageCode,
            LocalDate assistedSince,
            int stableMonths,
            int visitsInWindow,
            LocalDate lastVisit,
            int measuresDone,
            BigDecimal perCapitaIncome,
            BigDecimal monitoringLine,
            String summary,
            List<Criterion> criteria) {}

    /** The criteria of risk elimination (风险消除), in the order a proposal cites them. */
    public enum Check {
        /** assisted for at least {@code elimination_stable_months} */
        ASSISTED_LONG_ENOUGH,
        /** every follow-up visit in that window (at least one) found income stable and basic needs secured */
        VISITS_STABLE,
        /** per-capita net income at or above the monitoring line in force */
        INCOME_ABOVE_LINE,
        /** no measure still planned or in progress: the rigid expenditure it answered is settled */
        MEASURES_SETTLED,
        /** no open alert: no new risk found since */
        NO_OPEN_ALERT,
        /** no open case */
        NO_OPEN_CASE
    }

    /**
     * One criterion, whether the household meets it, the evidence in words, and whether it applies when the risk
     * disappeared by itself (风险自然消失): all but the length of assistance do.
     */
    public record Criterion(Check check, String name, boolean met, String evidence, boolean appliesToNatural) {}

    /**
     * A monitored household's standing against every criterion: {@code allMet} for 帮扶后消除, {@code naturalMet} for
     * 风险自然消失 (the county chooses which when it decides).
     */
    public record Assessment(
            long householdId,
            String householdNo,
            String villageCode,
            boolean allMet,
            boolean naturalMet,
            List<Criterion> criteria) {}

    /** One page of the proposals and how many there are in all. */
    public record Page(List<Proposal> items, int total, int offset, int limit) {}

    /** The first {@code limit} proposals (the API's list). */
    @Transactional(readOnly = true)
    public List<Proposal> list(int limit) {
        return page(0, limit).items();
    }

    /**
     * The households of the caller's region that meet every criterion, in household order, a page at a time. Set
     * based: the plans' own facts (no open measure, no open case, visits in the window, how many found it stable)
     * in one statement; then, a thousand candidates at a time, their standing in the registry and their open alerts
     * in three more, and every criterion judged as for one household.
     */
    @Transactional(readOnly = true)
    public Page page(int offset, int limit) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> p = new HashMap<>();
        // the window is the longest any province sets; each household's own is checked below
        int longest = 0;
        Map<String, Map<String, PolicyParameters.Value>> byProvince = new HashMap<>();
        for (String province : jdbc.sql("select distinct substr(ap.village_code, 1, 2) from assistance_plan ap where "
                        + reach.condition("ap.village_code", p))
                .params(p)
                .query(String.class)
                .list()) {
            Map<String, PolicyParameters.Value> params =
                    parameters.resolve(RegionCode.province(province + "0000000000"), today);
            byProvince.put(province, params);
            longest = Math.max(
                    longest, params.get("elimination_stable_months").value().intValue());
        }
        if (byProvince.isEmpty()) {
            return new Page(List.of(), 0, offset, limit);
        }
        p.put("since", today.minusMonths(longest));
        List<Facts> candidates = jdbc.sql("""
                select ap.household_id, ap.started_on,
                       (select count(*) from assistance_measure m where m.household_id = ap.household_id
                          and m.status = 'DONE') as done,
                       v.visits, v.stable, v.last_visit, v.first_visit
                from assistance_plan ap
                join lateral (select count(*) as visits,
                                     count(*) filter (where income_stable and needs_secured) as stable,
                                     max(visited_on) as last_visit, min(visited_on) as first_visit
                              from followup_visit f where f.household_id = ap.household_id
                                and f.visited_on > :since) v on v.visits > 0
                where %s
                  and not exists (select 1 from assistance_measure m where m.household_id = ap.household_id
                                  and m.status in ('PLANNED', 'IN_PROGRESS'))
                  and not exists (select 1 from case_file c where c.household_id = ap.household_id
                                  and c.closed_at is null)
                order by ap.household_id""".formatted(reach.condition("ap.village_code", p)))
                .params(p)
                .query((rs, i) -> new Facts(
                        rs.getLong(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getInt(3),
                        0,
                        false,
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getObject(6, LocalDate.class),
                        rs.getObject(7, LocalDate.class)))
                .list();
        List<Proposal> met = new ArrayList<>();
        for (int from = 0; from < candidates.size(); from += 1000) {
            List<Facts> chunk = candidates.subList(from, Math.min(candidates.size(), from + 1000));
            List<Long> ids = chunk.stream().map(Facts::household).toList();
            Map<Long, Registry.Standing> standings = registry.standings(ids);
            Set<Long> alerted = alerts.withOpenAlerts(ids);
            for (Facts f : chunk) {
                Registry.Standing h = standings.get(f.household());
                if (h == null || !h.monitored() || alerted.contains(f.household())) {
                    continue;
                }
                Map<String, PolicyParameters.Value> params =
                        byProvince.get(h.villageCode().substring(0, 2));
                int months = params.get("elimination_stable_months").value().intValue();
                LocalDate window = today.minusMonths(months);
                if (f.firstVisit().isAfter(window)) { // every visit lies in the household's own window
                    judge(h, f, months, params.get("monitoring_line").value(), window, false)
                            .filter(e -> e.assessment().allMet())
                            .ifPresent(e -> met.add(e.proposal()));
                } else {
                    // a province with a shorter window than the longest: count that window's visits again
                    evaluate(f.household(), today)
                            .filter(e -> e.assessment().allMet())
                            .ifPresent(e -> met.add(e.proposal()));
                }
            }
        }
        int start = Math.min(offset, met.size());
        return new Page(
                List.copyOf(met.subList(start, Math.min(met.size(), start + limit))), met.size(), offset, limit);
    }

    /**
     * What the criteria are judged on, for one household: its plan's start, its measures done and still open,
     * whether a case is open, and its visits in the window (how many, how many found it stable, the last and first).
     */
    private record Facts(
            long household,
            LocalDate planStarted,
            int measuresDone,
            int measuresOpen,
            boolean caseOpen,
            int visits,
            int stableVisits,
            LocalDate lastVisit,
            LocalDate firstVisit) {}

    /**
     * A monitored household of the caller's region against every criterion, met or not, with the evidence: what is
     * still missing before its risk can be proposed for elimination.
     */
    @Transactional(readOnly = true)
    public Assessment assess(long householdId) {
        HouseholdView h = registry.household(householdId)
                .filter(x -> !x.deleted())
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", householdId));
        if (!h.monitored()) {
            throw ApiException.conflict("casework.not-monitored", h.householdNo());
        }
        return evaluate(householdId, LocalDate.now(clock))
                .map(Evaluation::assessment)
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", householdId));
    }

    private record Evaluation(Assessment assessment, Proposal proposal) {}

    private Optional<Evaluation> evaluate(long household, LocalDate today) {
        Optional<HouseholdView> found = registry.household(household);
        if (found.isEmpty() || !found.get().monitored()) {
            return Optional.empty();
        }
        HouseholdView h = found.get();
        Map<String, PolicyParameters.Value> params = parameters.resolve(RegionCode.province(h.villageCode()), today);
        int months = params.get("elimination_stable_months").value().intValue();
        BigDecimal line = params.get("monitoring_line").value();
        LocalDate windowStart = today.minusMonths(months);
        Object[] plan = jdbc.sql("""
                select ap.started_on,
                       (select count(*) from assistance_measure m where m.household_id = ap.household_id
                          and m.status = 'DONE'),
                       (select count(*) from assistance_measure m where m.household_id = ap.household_id
                          and m.status in ('PLANNED', 'IN_PROGRESS')),
                       exists (select 1 from case_file c where c.household_id = ap.household_id
                               and c.closed_at is null)
                from assistance_plan ap where ap.household_id = ?""")
                .param(household)
                .query((rs, i) ->
                        new Object[] {rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3), rs.getBoolean(4)})
                .optional()
                .orElse(new Object[] {null, 0, 0, false});
        Object[] visits = jdbc.sql("""
                select count(*), count(*) filter (where income_stable and needs_secured), max(visited_on),
                       min(visited_on)
                from followup_visit where household_id = ? and visited_on > ?""")
                .params(household, windowStart)
                .query((rs, i) -> new Object[] {
                    rs.getInt(1), rs.getInt(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)
                })
                .single();
        Facts facts = new Facts(
                household,
                (LocalDate) plan[0],
                (Integer) plan[1],
                (Integer) plan[2],
                (Boolean) plan[3],
                (Integer) visits[0],
                (Integer) visits[1],
                (LocalDate) visits[2],
                (LocalDate) visits[3]);
        Registry.Standing standing = new Registry.Standing(
                household,
                h.householdNo(),
                h.villageCode(),
                h.monitoringState(),
                h.monitoringSince(),
                h.perCapitaNetIncome());
        boolean alertOpen = !alerts.withOpenAlerts(List.of(household)).isEmpty();
        return judge(standing, facts, months, line, windowStart, alertOpen);
    }

    /** The criteria judged on a household's facts, with the evidence of each in words. */
    private Optional<Evaluation> judge(
            Registry.Standing h, Facts f, int months, BigDecimal line, LocalDate windowStart, boolean alertOpen) {
        long household = h.id();
        // assisted since the latest inclusion: a plan stays when the risk is eliminated (四个不摘), so a household
        // included again counts from its new inclusion, not from when its plan first started
        LocalDate since = f.planStarted();
        if (since != null && h.monitoringSince() != null && h.monitoringSince().isAfter(since)) {
            since = h.monitoringSince();
        }
        int done = f.measuresDone();
        int open = f.measuresOpen();
        boolean openCase = f.caseOpen();
        int inWindow = f.visits();
        int stable = f.stableVisits();
        BigDecimal income = h.perCapitaNetIncome();
        String lineText = money(line);
        List<Criterion> criteria = List.of(
                criterion(
                        Check.ASSISTED_LONG_ENOUGH,
                        since != null && !since.isAfter(windowStart),
                        since == null
                                ? messages.get("casework.criterion.no-plan")
                                : messages.get("casework.criterion.assisted", since.toString(), months)),
                criterion(
                        Check.VISITS_STABLE,
                        inWindow > 0 && stable == inWindow,
                        messages.get("casework.criterion.visits", months, inWindow, stable)),
                criterion(
                        Check.INCOME_ABOVE_LINE,
                        income != null && income.compareTo(line) >= 0,
                        income == null
                                ? messages.get("casework.criterion.no-income", lineText)
                                : messages.get("casework.criterion.income", money(income), lineText)),
                criterion(Check.MEASURES_SETTLED, open == 0, messages.get("casework.criterion.measures", done, open)),
                criterion(
                        Check.NO_OPEN_ALERT,
                        !alertOpen,
                        messages.get(alertOpen ? "casework.criterion.alert-open" : "casework.criterion.none")),
                criterion(
                        Check.NO_OPEN_CASE,
                        !openCase,
                        messages.get(openCase ? "casework.criterion.case-open" : "casework.criterion.none")));
        boolean all = criteria.stream().allMatch(Criterion::met);
        boolean natural = criteria.stream().filter(Criterion::appliesToNatural).allMatch(Criterion::met);
        Assessment assessment = new Assessment(household, h.householdNo(), h.villageCode(), all, natural, criteria);
        Proposal proposal = !all
                ? null
                : new Proposal(
                        household,
                        h.householdNo(),
                        h.villageCode(),
                        since,
                        months,
                        inWindow,
                        f.lastVisit(),
                        done,
                        income,
                        line,
                        messages.get(
                                "casework.proposal.summary",
                                money(income),
                                lineText,
                                since.toString(),
                                inWindow,
                                months,
                                done),
                        criteria);
        return Optional.of(new Evaluation(assessment, proposal));
    }

    private Criterion criterion(Check check, boolean met, String evidence) {
        return new Criterion(
                check,
                messages.get("casework.criterion." + check.name()),
                met,
                evidence,
                check != Check.ASSISTED_LONG_ENOUGH);
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
