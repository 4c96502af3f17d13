package org.fangpin.registry;

import java.util.List;

/**
 * What other modules add to a household's timeline (case steps, decisions); {@link Registry#timeline} merges their
 * entries with the household's own versions, in date order. Called only after the caller's scope was checked.
 */
public interface TimelineSource {

    List<TimelineEntry> entries(long householdId);
}
