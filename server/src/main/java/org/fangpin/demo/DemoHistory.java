package org.fangpin.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Page;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RiskCause;

/**
 * A year of monitoring history for the demo county, written through the registry like any change: households
 * included, risks eliminated, some included again, an inclusion withdrawn — each on its own day since the registry
 * was loaded — so that the statistics pages show trends and changes per month rather than one day.
 */
final class DemoHistory {

    private DemoHistory() {}

    /** What was written: households included, eliminated, included again, withdrawn. */
    record Written(int included, int eliminated, int reincluded, int withdrawn) {}

    static Written write(Registry registry, long seed, LocalDate loaded, LocalDate today) {
        Random rnd = new Random(seed * 31 + 7);
        long days = Math.max(2, today.toEpochDay() - loaded.toEpochDay());
        int included = 0;
        int eliminated = 0;
        int reincluded = 0;
        int withdrawn = 0;
        // of the monitored: four in ten have their risk eliminated on a day of the year, one in ten of those relapses
        for (HouseholdView h : all(registry, MonitoringState.MONITORED)) {
            int roll = rnd.nextInt(100);
            // not before it was monitored
            LocalDate from = h.monitoringSince() != null && h.monitoringSince().isAfter(loaded)
                    ? h.monitoringSince()
                    : loaded.plusDays(1);
            if (!from.isBefore(today)) {
                continue;
            }
            if (roll < 40) {
                LocalDate on = from.plusDays(rnd.nextLong(today.toEpochDay() - from.toEpochDay()));
                h = change(registry, h, h.fields().eliminated(on, EliminationKind.ASSISTED), on, "演示：风险消除");
                eliminated++;
                if (roll < 4 && on.isBefore(today.minusDays(1))) {
                    LocalDate again = on.plusDays(1 + rnd.nextLong(today.toEpochDay() - on.toEpochDay() - 1));
                    change(
                            registry,
                            h,
                            h.fields().included(h.monitoringCategory(), h.riskCauses(), again),
                            again,
                            "演示：返贫再次纳入");
                    reincluded++;
                }
            } else if (roll < 43) {
                LocalDate on = from.plusDays(rnd.nextLong(today.toEpochDay() - from.toEpochDay()));
                change(
                        registry,
                        h,
                        h.fields().withMonitoring(MonitoringState.NONE, null, null, List.of(), null, null),
                        on,
                        "演示：核实不符合，撤销纳入");
                withdrawn++;
            }
        }
        // as many households newly included over the year, so that the monitored stay about as many
        List<HouseholdView> none = all(registry, MonitoringState.NONE);
        Collections.shuffle(none, rnd);
        for (HouseholdView h : none.subList(0, Math.min(eliminated, none.size()))) {
            LocalDate on = loaded.plusDays(1 + rnd.nextLong(days - 1));
            if (on.isBefore(h.validFrom())) { // withdrawn earlier this year: included again only after that
                on = h.validFrom();
            }
            MonitoringCategory category = rnd.nextInt(6) == 0
                    ? MonitoringCategory.SUDDEN_HARDSHIP
                    : h.exitedFromPoverty() ? MonitoringCategory.UNSTABLE : MonitoringCategory.MARGINAL;
            RiskCause cause = RiskCause.values()[rnd.nextInt(RiskCause.values().length - 1)];
            change(registry, h, h.fields().included(category, List.of(cause), on), on, "演示：识别纳入");
            included++;
        }
        return new Written(included, eliminated, reincluded, withdrawn);
    }

    private static HouseholdView change(
            Registry registry, HouseholdView h, HouseholdFields f, LocalDate on, String why) {
        return registry.replaceHousehold(h.id(), h.version(), f, new Registry.Change("demo", on, why));
    }

    private static List<HouseholdView> all(Registry registry, MonitoringState state) {
        List<HouseholdView> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<HouseholdView> p = registry.search(
                    new HouseholdQuery(null, null, null, null, null, state, null, cursor, Registry.MAX_PAGE));
            out.addAll(p.items());
            cursor = p.nextCursor();
        } while (cursor != null);
        return out;
    }
}
