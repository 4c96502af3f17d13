package org.fangpin.pairing;

import java.util.Set;
import org.fangpin.common.Labelled;
import org.fangpin.region.RegionLevel;

/**
 * The kinds of partnership between a helping unit and a region (003:67, 004:173, 004:175, 004:355), each with the
 * levels of the tree its helped party may be on.
 */
public enum PartnershipKind implements Labelled {
    EAST_WEST(
            "东西部协作",
            "East–west collaboration",
            Set.of(
                    RegionLevel.PROVINCE,
                    RegionLevel.CITY,
                    RegionLevel.COUNTY,
                    RegionLevel.TOWNSHIP,
                    RegionLevel.VILLAGE)),
    DESIGNATED("定点帮扶", "Designated assistance", Set.of(RegionLevel.COUNTY)),
    ENTERPRISE_VILLAGE("万企帮万村", "Enterprises help villages", Set.of(RegionLevel.VILLAGE)),
    COUNTERPART_EDUCATION("教育对口支援", "Counterpart support: education", Set.of(RegionLevel.COUNTY)),
    COUNTERPART_MEDICAL("医疗对口支援", "Counterpart support: medical", Set.of(RegionLevel.COUNTY)),
    COUNTERPART_SCIENCE("科技对口支援", "Counterpart support: science", Set.of(RegionLevel.COUNTY));

    private final String zh;
    private final String en;
    private final Set<RegionLevel> levels;

    PartnershipKind(String zh, String en, Set<RegionLevel> levels) {
        this.zh = zh;
        this.en = en;
        this.levels = levels;
    }

    /** Whether the helped party of this kind may be a region of that level. */
    public boolean helps(RegionLevel level) {
        return levels.contains(level);
    }

    /** Whether a unit of that kind may be the helping party: east–west partners are eastern governments. */
    public boolean takes(UnitKind unit) {
        return switch (this) {
            case EAST_WEST -> unit == UnitKind.EASTERN_GOVERNMENT;
            case ENTERPRISE_VILLAGE ->
                unit == UnitKind.PRIVATE_ENTERPRISE
                        || unit == UnitKind.STATE_ENTERPRISE
                        || unit == UnitKind.SOCIAL_ORGANISATION;
            default -> unit != UnitKind.EASTERN_GOVERNMENT;
        };
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }
}
