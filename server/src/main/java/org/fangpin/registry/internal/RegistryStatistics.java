package org.fangpin.registry.internal;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegionStatistics;
import org.springframework.stereotype.Component;

/** The dashboard's counts: households and persons under a region, by child region, identity, state and category. */
@Component
public class RegistryStatistics {

    private final RegistryStore store;
    private final RegistryAccess access;

    RegistryStatistics(RegistryStore store, RegistryAccess access) {
        this.store = store;
        this.access = access;
    }

    /** The counts under a region inside the caller's scope (403 outside), by its child regions (a village: itself). */
    public RegionStatistics of(Region region) {
        RegionCode.CodeRange range = access.within(region);
        int digits = region.level() == RegionLevel.VILLAGE
                ? RegionLevel.VILLAGE.digits()
                : RegionLevel.of(region.level().number() + 1).digits();
        return of(range, digits);
    }

    private RegionStatistics of(RegionCode.CodeRange scope, int digits) {
        Map<String, Map<RegionStatistics.Cell, Long>> byChild = new TreeMap<>();
        Map<String, Long> persons = new TreeMap<>();
        Map<MonitoringCategory, Long> categories = new EnumMap<>(MonitoringCategory.class);
        long monitoredMembers = 0;
        long dibao = 0;
        long tekun = 0;
        for (RegistryStore.StatRow r : store.statistics(scope, digits)) {
            String child =
                    r.prefix() + "0".repeat(RegionCode.LENGTH - r.prefix().length());
            MonitoringState state = MonitoringState.valueOf(r.state());
            byChild.computeIfAbsent(child, k -> new HashMap<>())
                    .merge(
                            new RegionStatistics.Cell(HouseholdIdentity.valueOf(r.identity()), state),
                            r.households(),
                            Long::sum);
            persons.merge(child, r.persons(), Long::sum);
            monitoredMembers += state == MonitoringState.MONITORED ? r.persons() : 0;
            dibao += r.dibao();
            tekun += r.tekun();
            if (r.category() != null && state == MonitoringState.MONITORED) {
                categories.merge(MonitoringCategory.valueOf(r.category()), r.households(), Long::sum);
            }
        }
        return new RegionStatistics(
                byChild, persons, categories, new RegionStatistics.LowIncome(monitoredMembers, dibao, tekun));
    }
}
