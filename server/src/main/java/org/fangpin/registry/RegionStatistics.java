package org.fangpin.registry;

import java.util.List;
import java.util.Map;

/**
 * Current households and persons of a region, split by child region, by who the households are and their monitoring
 * state, and by monitoring category — what a dashboard's drill-down shows.
 *
 * @param byChild per child-region code: households by (identity, state)
 * @param personsByChild per child-region code: persons
 * @param categories monitored households (state 监测对象) by category (whole region)
 * @param lowIncome persons of the 农村低收入人口 groups (whole region): members of monitored households (易返贫致贫人口),
 *     低保 and 特困 as recorded
 */
public record RegionStatistics(
        Map<String, Map<Cell, Long>> byChild,
        Map<String, Long> personsByChild,
        Map<MonitoringCategory, Long> categories,
        LowIncome lowIncome) {

    /** Persons of the rural low-income population (003:51) in the region; a person may be in several groups. */
    public record LowIncome(long monitoredMembers, long dibao, long tekun) {}

    /** One cell of the two dimensions. */
    public record Cell(HouseholdIdentity identity, MonitoringState state) {}

    public long households() {
        return count(null, null, null);
    }

    public long persons() {
        return personsByChild.values().stream().mapToLong(Long::longValue).sum();
    }

    public long households(HouseholdIdentity identity) {
        return count(null, identity, null);
    }

    public long households(MonitoringState state) {
        return count(null, null, state);
    }

    public long households(HouseholdIdentity identity, MonitoringState state) {
        return count(null, identity, state);
    }

    public long households(String child) {
        return count(child, null, null);
    }

    /** Households of a child region (all when {@code child} is null) with the identity and state (any when null). */
    public long count(String child, HouseholdIdentity identity, MonitoringState state) {
        return byChild.entrySet().stream()
                .filter(e -> child == null || e.getKey().equals(child))
                .flatMap(e -> e.getValue().entrySet().stream())
                .filter(e -> identity == null || e.getKey().identity() == identity)
                .filter(e -> state == null || e.getKey().state() == state)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    public static RegionStatistics empty() {
        return new RegionStatistics(Map.of(), Map.of(), Map.of(), new LowIncome(0, 0, 0));
    }

    public List<String> children() {
        return byChild.keySet().stream().sorted().toList();
    }
}
