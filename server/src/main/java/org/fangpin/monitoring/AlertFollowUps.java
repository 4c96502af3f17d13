package org.fangpin.monitoring;

import java.util.Optional;

/**
 * Where a handed-over alert went: case work answers (it knows the case an alert opened or joined), monitoring asks
 * when it shows the alert. An interface here so that monitoring need not know case work.
 */
public interface AlertFollowUps {

    /** The case an alert opened or was added to, with its number as the alert page links it. */
    record FollowUp(long caseId, boolean opened) {}

    /** The case of a handed-over alert of the household; empty when there is none. */
    Optional<FollowUp> of(long alertId, long householdId);
}
