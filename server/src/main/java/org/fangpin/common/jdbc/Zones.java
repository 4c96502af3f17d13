package org.fangpin.common.jdbc;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** Time zones written into SQL text ({@code at time zone '…'}), checked so that no name can break out of the quotes. */
public final class Zones {

    private Zones() {}

    /** The zone's name as PostgreSQL knows it ({@code UTC} for the offset zero); refuses anything but a zone name. */
    public static String sqlName(ZoneId zoneId) {
        String zone = zoneId.normalized().equals(ZoneOffset.UTC) ? "UTC" : zoneId.getId();
        if (!zone.matches("[A-Za-z0-9_/+:-]+")) {
            throw new IllegalArgumentException(zone);
        }
        return zone;
    }
}
