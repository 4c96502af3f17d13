package org.fangpin.registry;

import java.util.List;
import java.util.Map;

/**
 * Current households and persons of a region, split by child region and by status and monitoring category — what
 * a dashboard's drill-down shows.
 *
 * @param byChild per child-region code: households by status
 * @param personsByChild per child-region code: persons
 * @param categories monitored households by category (whole region)
 */
public record RegionStatistics(
        Map<String, Map<HouseholdStatus, Long>> byChild,
        Map<String, Long> personsByChild,
        Map<MonitoringCategory, Long> categories) {

    public long households() {
        return byChild.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue)
                .sum();
    }

    public long persons() {
        return personsByChild.values().stream().mapToLong(Long::longValue).sum();
    }

    public long households(HouseholdStatus status) {
        return byChild.values().stream()
                .mapToLong(m -> m.getOrDefault(status, 0L))
                .sum();
    }

    public long households(String child) {
        return byChild.getOrDefault(child, Map.of()).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    public static RegionStatistics empty() {
        return new RegionStatistics(Map.of(), Map.of(), Map.of());
    }

    public List<String> children() {
        return byChild.keySet().stream().sorted().toList();
    }
}
