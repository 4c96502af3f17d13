package org.fangpin.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Reads the lake as a monitoring run does, for other batch work over the same data (data-quality checks): the
 * registry snapshot refreshed first, then one query over the views {@code household} and {@code person} (the
 * snapshot's columns, {@code RegistrySnapshot.HOUSEHOLD_COLUMNS} and {@code PERSON_COLUMNS}) and {@code feed_<type>}
 * for each feed type (every batch received before {@code cutoff}; the feed's columns with {@code batch_id, line,
 * period}), on the batch engine of one machine. The rows stream to the handler; nothing is written.
 */
public interface LakeReader {

    /** What to do with the rows, one at a time. */
    @FunctionalInterface
    interface Rows {
        void row(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} over the lake's views and hands each row to {@code rows}; returns the milliseconds spent. */
    long read(Instant cutoff, String sql, Rows rows);
}
