package org.fangpin.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One change on a household's timeline: which record (the household or a member), which version, effective when,
 * recorded when and by whom, why, and what changed.
 */
public record TimelineEntry(
        String entity,
        long entityId,
        String entityLabel,
        int version,
        LocalDate validFrom,
        Instant recordedAt,
        String recordedBy,
        String changeReason,
        String kind,
        List<Change> changes) {

    /** A field's value before and after; values are shown masked where sensitive. */
    public record Change(String field, String before, String after) {}
}
