package org.fangpin.feed;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import org.fangpin.common.Department;

/**
 * One accepted batch of a department feed and its data-quality feedback: how many rows matched a registry person,
 * household or region, and how many did not (listed row by row in the feedback file).
 */
public record FeedBatch(
        UUID id,
        FeedType type,
        int schemaVersion,
        Department department,
        String batchKey,
        YearMonth period,
        long rows,
        long matched,
        long unmatched,
        Instant receivedAt,
        String receivedBy,
        String feedback) {

    /** Share of rows matched, 0–1 (1 for an empty batch). */
    public double matchRate() {
        return rows == 0 ? 1 : (double) matched / rows;
    }
}
