package org.fangpin.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.common.logging.SensitiveText;

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

    /** A reason is free text and can hold an ID or phone number: shown masked, like the structured fields. */
    public TimelineEntry {
        changeReason = SensitiveText.mask(changeReason);
    }

    /** A field's value before and after; values are shown masked where sensitive (free text included). */
    public record Change(String field, String before, String after) {
        public Change {
            before = SensitiveText.mask(before);
            after = SensitiveText.mask(after);
        }
    }
}
