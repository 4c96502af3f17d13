package org.fangpin.region;

import java.time.LocalDate;

/** A region of the tree. {@code validTo} is empty while the region exists; set when merged away or abolished. */
public record Region(
        String code, String name, String parentCode, RegionLevel level, LocalDate validFrom, LocalDate validTo) {

    public RegionCode.CodeRange subtree() {
        return RegionCode.subtree(code, level);
    }
}
