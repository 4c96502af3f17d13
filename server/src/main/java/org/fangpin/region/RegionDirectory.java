package org.fangpin.region;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What other modules may ask of the region tree. */
public interface RegionDirectory {

    Optional<Region> find(String code);

    /** Root first, the region itself last. */
    List<Region> ancestors(String code);

    List<Region> children(String code, LocalDate asOf);

    List<Region> roots(LocalDate asOf);

    /** The regions of a level, ended ones too, by code. */
    List<Region> atLevel(RegionLevel level);

    /** The known regions among the codes (in any state), by code; unknown codes are left out. */
    List<Region> findAll(Collection<String> codes);

    List<Region> searchByNamePrefix(String prefix, int limit);

    long count();

    /** Names of the known regions among the codes (e.g. the villages on a page), by code. */
    default Map<String, String> names(Collection<String> codes) {
        return findAll(codes).stream().collect(Collectors.toMap(Region::code, Region::name, (a, b) -> a));
    }
}
