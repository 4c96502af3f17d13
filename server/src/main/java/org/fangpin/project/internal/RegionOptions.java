package org.fangpin.project.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.springframework.stereotype.Component;

/**
 * The regions a project or asset form offers: the caller's own region and those below it, down to a level, each
 * followed by its children, keeping those of the levels asked for (at most 2,000, a county's villages).
 */
@Component
class RegionOptions {

    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Clock clock;

    RegionOptions(DataScope dataScope, RegionDirectory regions, Clock clock) {
        this.dataScope = dataScope;
        this.regions = regions;
        this.clock = clock;
    }

    List<Region> of(RegionLevel deepest, RegionLevel first, RegionLevel... more) {
        Set<RegionLevel> keep = EnumSet.of(first, more);
        List<Region> out = new ArrayList<>();
        dataScope.current().home().ifPresent(home -> below(home, deepest, out));
        return out.stream().filter(r -> keep.contains(r.level())).toList();
    }

    private void below(Region r, RegionLevel deepest, List<Region> out) {
        out.add(r);
        if (r.level().number() < deepest.number() && out.size() < 2000) {
            regions.children(r.code(), LocalDate.now(clock)).forEach(c -> below(c, deepest, out));
        }
    }
}
