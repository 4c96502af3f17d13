package org.fangpin.assessment.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.springframework.stereotype.Component;

/** The regions a form offers: those a draw may be of, those a finding or an interview may concern. */
@Component
class RegionChoices {

    private final RegionDirectory regions;
    private final DataScope dataScope;
    private final Clock clock;

    RegionChoices(RegionDirectory regions, DataScope dataScope, Clock clock) {
        this.regions = regions;
        this.dataScope = dataScope;
        this.clock = clock;
    }

    /** The caller's own region and those below it down to the counties (a draw's region). */
    List<Region> ownDownToCounties() {
        List<Region> out = new ArrayList<>();
        dataScope.current().home().ifPresent(home -> downToCounties(home, out));
        return out;
    }

    private void downToCounties(Region r, List<Region> out) {
        out.add(r);
        if (r.level().number() < RegionLevel.COUNTY.number()) {
            regions.children(r.code(), LocalDate.now(clock)).forEach(c -> downToCounties(c, out));
        }
    }

    /** The counties of the caller's scope (their own, when they are a county's). */
    List<Region> counties() {
        return ownDownToCounties().stream()
                .filter(r -> r.level() == RegionLevel.COUNTY)
                .toList();
    }

    /** The two levels below the caller's own, each child followed by its own children (villages at the deepest). */
    List<Region> twoLevelsBelow() {
        List<Region> out = new ArrayList<>();
        dataScope.current().home().ifPresent(home -> {
            LocalDate today = LocalDate.now(clock);
            for (Region c : regions.children(home.code(), today)) {
                out.add(c);
                if (c.level() != RegionLevel.VILLAGE) {
                    out.addAll(regions.children(c.code(), today));
                }
            }
        });
        return out;
    }
}
