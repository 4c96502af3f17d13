package org.fangpin.region;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What other modules may ask of the region tree. */
public interface RegionDirectory {

    Optional<Region> find(String code);

    /** Root first, the region itself last. */
    List<Region> ancestors(String code);

    List<Region> children(String code, LocalDate asOf);

    List<Region> roots(LocalDate asOf);

    List<Region> searchByNamePrefix(String prefix, int limit);

    long count();
}
