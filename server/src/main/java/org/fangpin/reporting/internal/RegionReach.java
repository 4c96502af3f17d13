package org.fangpin.reporting.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The region a statistics or ledger request is of, within the caller's reach: the one asked for or the caller's
 * own (404 unknown, 403 outside; an ancestor of one's own narrows to one's own).
 */
@Component
public class RegionReach {

    /** The region the figures are of, and the codes they cover. */
    public record Reached(Region region, RegionCode.CodeRange range) {}

    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Clock clock;

    RegionReach(DataScope dataScope, RegionDirectory regions, Clock clock) {
        this.dataScope = dataScope;
        this.regions = regions;
        this.clock = clock;
    }

    /** The region asked for, or the caller's own (else the first root); 404 unknown. */
    public Region region(String code) {
        if (code != null && !code.isBlank()) {
            return regions.find(code.strip()).orElseThrow(() -> ApiException.notFound("region.not-found", code));
        }
        return dataScope
                .current()
                .home()
                .or(() -> regions.roots(LocalDate.now(clock)).stream().findFirst())
                .orElseThrow(() -> ApiException.notFound("region.not-found", "—"));
    }

    /** The codes of the region the caller may read; 403 outside the scope. */
    public RegionCode.CodeRange within(Region region) {
        return dataScope
                .current()
                .within(region)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.FORBIDDEN, "out-of-scope", "scope.outside", List.of(), region.code()));
    }

    /** The region the figures are of: the one asked for, or the caller's own when the scope narrowed it. */
    public Region effective(Region asked, RegionCode.CodeRange range) {
        return range.equals(asked.subtree())
                ? asked
                : dataScope.current().home().orElse(asked);
    }

    /** {@link #region}, {@link #within} and {@link #effective} in one. */
    public Reached reach(String code) {
        Region asked = region(code);
        RegionCode.CodeRange range = within(asked);
        return new Reached(effective(asked, range), range);
    }
}
