package org.fangpin.casework;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Optional;

/**
 * 帮扶责任人 as a plan names them: implemented by the module that keeps helpers and their pairings with households,
 * so that case work does not depend on it. A plan keeps its helper's id and name; the pairing (dated, with its
 * reasons) is the other module's.
 */
public interface PlanHelpers {

    /** A helper as a plan shows them: phone masked. */
    @Schema(name = "HelperRef")
    record Named(long id, String name, String unit, String post, String phone, String username) {}

    /**
     * Pairs a household with a helper, ending its current pairing with the reason (required when it has one). Refused
     * (422 on {@code helperId} or {@code reason}) when the helper is not at work, not of the household's county or out
     * of the caller's reach, or already has the most households a helper may have.
     */
    Named pair(long householdId, String villageCode, long helperId, String reason);

    /** The household's helper now, if it has one. */
    Optional<Named> current(long householdId);

    /** The helpers at work a household of the village may be paired with (its county's, in the caller's reach). */
    List<Named> candidates(String villageCode, int limit);
}
