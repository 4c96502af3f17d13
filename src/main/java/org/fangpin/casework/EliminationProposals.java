package org.fangpin.casework;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.monitoring.Alerts;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.registry.HouseholdStatus;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Registry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 风险消除建议: the monitored households in the caller's region that meet the elimination criteria, each with the
 * evidence — assisted for at least {@code elimination_stable_months}; every follow-up visit in that window (and at
 * least one) found income stable and 两不愁三保障/饮水 secured; no measure still planned or in progress; per-capita net
 * income at or above the monitoring line in force; no open alert; no open case. A proposal only starts an
 * elimination case; people decide.
 */
@Service
public class EliminationProposals {

    private final JdbcClient jdbc;
    private final Reach reach;
    private final Registry registry;
    private final PolicyParameters parameters;
    private final Alerts alerts;
    private final org.fangpin.common.i18n.Messages messages;
    private final Clock clock;

    EliminationProposals(
            JdbcClient jdbc,
            Reach reach,
            Registry registry,
            PolicyParameters parameters,
            Alerts alerts,
            org.fangpin.common.i18n.Messages messages,
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
            String summary) {}

    @Transactional(readOnly = true)
    public List<Proposal> list(int limit) {
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> p = new HashMap<>();
        p.put("today", today);
        // the months differ by province: the window is taken per plan from its province's parameter
        List<Object[]> candidates = jdbc.sql("""
                select ap.household_id, ap.household_no, ap.village_code, ap.started_on,
                       (select count(*) from assistance_measure m where m.household_id = ap.household_id
                          and m.status = 'DONE') as done
                from assistance_plan ap
                where %s
                  and not exists (select 1 from assistance_measure m where m.household_id = ap.household_id
                                  and m.status in ('PLANNED', 'IN_PROGRESS'))
                  and not exists (select 1 from case_file c where c.household_id = ap.household_id
                                  and c.closed_at is null)
                order by ap.household_id""".formatted(reach.condition("ap.village_code", p)))
                .params(p)
                .query((rs, i) -> new Object[] {
                    rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getInt(5)
                })
                .list();
        List<Proposal> out = new ArrayList<>();
        for (Object[] c : candidates) {
            if (out.size() >= limit) {
                break;
            }
            long household = (Long) c[0];
            String village = (String) c[2];
            LocalDate since = (LocalDate) c[3];
            Map<String, PolicyParameters.Value> params =
                    parameters.resolve(org.fangpin.region.RegionCode.province(village), today);
            int months = params.get("elimination_stable_months").value().intValue();
            LocalDate windowStart = today.minusMonths(months);
            if (since.isAfter(windowStart)) {
                continue; // not assisted long enough
            }
            Object[] visits = jdbc.sql("""
                    select count(*), count(*) filter (where income_stable and needs_secured), max(visited_on)
                    from followup_visit where household_id = ? and visited_on > ?""")
                    .params(household, windowStart)
                    .query((rs, i) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getObject(3, LocalDate.class)})
                    .single();
            int inWindow = (Integer) visits[0];
            if (inWindow == 0 || (Integer) visits[1] != inWindow) {
                continue; // no visit in the window, or one that found income or basic needs not secured
            }
            Optional<HouseholdView> h = registry.household(household, Optional.empty());
            BigDecimal line = params.get("monitoring_line").value();
            if (h.isEmpty()
                    || h.get().status() != HouseholdStatus.MONITORED
                    || h.get().perCapitaNetIncome() == null
                    || h.get().perCapitaNetIncome().compareTo(line) < 0
                    || openAlerts(household)) {
                continue;
            }
            out.add(new Proposal(
                    household,
                    (String) c[1],
                    village,
                    since,
                    months,
                    inWindow,
                    (LocalDate) visits[2],
                    (Integer) c[4],
                    h.get().perCapitaNetIncome(),
                    line,
                    messages.get(
                            "casework.proposal.summary",
                            h.get()
                                    .perCapitaNetIncome()
                                    .setScale(2, java.math.RoundingMode.HALF_UP)
                                    .toPlainString(),
                            line.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
                            since.toString(),
                            inWindow,
                            months,
                            (Integer) c[4])));
        }
        return out;
    }

    private boolean openAlerts(long household) {
        for (Alerts.Status s : List.of(Alerts.Status.NEW, Alerts.Status.ASSIGNED, Alerts.Status.CONFIRMED)) {
            if (!alerts.list(new Alerts.Query(
                            Optional.empty(),
                            Optional.of(s),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(household),
                            Optional.empty(),
                            1))
                    .isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
