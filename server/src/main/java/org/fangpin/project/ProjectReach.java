package org.fangpin.project;

import java.util.Map;
import java.util.Optional;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.stereotype.Component;

/**
 * Which projects the caller reaches: the data scope of the region tree — and for a 行业部门 user, who sees no household
 * data and so has no data scope, the projects of its own sector in its region.
 */
@Component
class ProjectReach {

    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Actor.Current actor;

    ProjectReach(DataScope dataScope, RegionDirectory regions, Actor.Current actor) {
        this.dataScope = dataScope;
        this.regions = regions;
        this.actor = actor;
    }

    /** The department user's region subtree and department; empty for everyone else. */
    private Optional<Map.Entry<RegionCode.CodeRange, String>> department() {
        return actor.get()
                .filter(a -> a.role() == Role.DEPARTMENT && a.regionCode() != null && a.department() != null)
                .flatMap(a -> regions.find(a.regionCode()).map(r -> Map.entry(r.subtree(), a.department())));
    }

    /** The SQL condition on a project row alias {@code p} (binding into {@code params}). */
    String condition(Map<String, Object> params) {
        var d = department();
        if (d.isPresent()) {
            params.put("rlo", d.get().getKey().low());
            params.put("rhi", d.get().getKey().high());
            params.put("rdept", d.get().getValue());
            return "p.region_code between :rlo and :rhi and p.department = :rdept";
        }
        return dataScope.current().condition("p.region_code", params);
    }

    /** Whether the caller reaches a region code (a department user: in its region). */
    boolean covers(String regionCode) {
        var d = department();
        return d.isPresent()
                ? d.get().getKey().contains(regionCode)
                : dataScope.current().covers(regionCode);
    }

    /** A region of the caller's reach narrowed to a requested one; empty outside it. */
    Optional<RegionCode.CodeRange> within(Region requested) {
        var d = department();
        if (d.isPresent()) {
            RegionCode.CodeRange mine = d.get().getKey();
            RegionCode.CodeRange theirs = requested.subtree();
            if (mine.contains(theirs.low()) && mine.contains(theirs.high())) {
                return Optional.of(theirs);
            }
            if (theirs.contains(mine.low()) && theirs.contains(mine.high())) {
                return Optional.of(mine);
            }
            return Optional.empty();
        }
        return dataScope.current().within(requested);
    }
}
