package org.fangpin.common.importing;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Outcome of one all-or-nothing import. {@code applied} is false whenever any row was rejected: then nothing
 * changed. {@code errors} holds the first {@link ErrorCollector#KEEP_IN_MEMORY} errors; all of them are in the
 * downloadable CSV report.
 *
 * @param inserted new records written
 * @param updated existing records that changed (a new history version each)
 * @param unchanged rows identical to what the registry already holds (idempotent re-import)
 */
public record ImportReport(
        UUID id,
        String kind,
        String fileName,
        boolean applied,
        long rows,
        long inserted,
        long updated,
        long unchanged,
        long errorCount,
        List<RowError> errors,
        Duration duration) {

    public long rowsPerSecond() {
        long ms = Math.max(1, duration.toMillis());
        return rows * 1000 / ms;
    }
}
