package org.fangpin.region;

import java.util.Map;
import java.util.Optional;

/**
 * 数据范围: which part of the region tree the acting user's data requests may touch. Implemented by the security
 * module from the signed-in user; consulted centrally by the modules that hold household data.
 */
public interface DataScope {

    /** What the current caller may see. */
    Scope current();

    /** Whether the caller sees household data at all (pages show household menus only to those who do). */
    default boolean seesHouseholds() {
        return !(current() instanceof Scope.Nothing);
    }

    /** A caller's reach over the tree. */
    sealed interface Scope {

        /** Whether a code (a village, or any region) lies inside the reach. */
        boolean covers(String regionCode);

        /** The reach narrowed to a requested region; empty when the region lies outside it. */
        Optional<RegionCode.CodeRange> within(Region requested);

        /**
         * The SQL condition on a region-code column (e.g. {@code village_code}) for this reach: {@code true}, a
         * range of codes (binding {@code :slo} and {@code :shi} in {@code params}), or {@code false}.
         */
        default String condition(String column, Map<String, Object> params) {
            if (this instanceof System) {
                return "true";
            }
            if (this instanceof Subtree sub) {
                params.put("slo", sub.region().subtree().low());
                params.put("shi", sub.region().subtree().high());
                return column + " between :slo and :shi";
            }
            return "false";
        }

        /** Where this caller's view of the tree starts (a dashboard's default); empty for the whole tree. */
        default Optional<Region> home() {
            return Optional.empty();
        }

        /** No user: the system itself (command line, demo loader, scheduled work) sees everything. */
        record System() implements Scope {
            @Override
            public boolean covers(String regionCode) {
                return true;
            }

            @Override
            public Optional<RegionCode.CodeRange> within(Region requested) {
                return Optional.of(requested.subtree());
            }
        }

        /** A user bound to a region sees that region and everything below it. */
        record Subtree(Region region) implements Scope {
            @Override
            public Optional<Region> home() {
                return Optional.of(region);
            }

            @Override
            public boolean covers(String regionCode) {
                return region.subtree().contains(regionCode);
            }

            @Override
            public Optional<RegionCode.CodeRange> within(Region requested) {
                if (covers(requested.code())) {
                    return Optional.of(requested.subtree());
                }
                // asking for an ancestor of one's own region narrows to one's own region
                return requested.subtree().contains(region.code()) ? Optional.of(region.subtree()) : Optional.empty();
            }
        }

        /** A user without household data (administrator, department, or no region assigned). */
        record Nothing() implements Scope {
            @Override
            public boolean covers(String regionCode) {
                return false;
            }

            @Override
            public Optional<RegionCode.CodeRange> within(Region requested) {
                return Optional.empty();
            }
        }
    }
}
