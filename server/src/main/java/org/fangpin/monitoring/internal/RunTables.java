package org.fangpin.monitoring.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.feed.FeedBatches;
import org.fangpin.feed.FeedColumn;
import org.fangpin.feed.FeedType;
import org.fangpin.registry.RegistrySnapshot;
import org.springframework.stereotype.Component;

/**
 * The tables a run reads: the registry snapshot's households and persons, and each feed's batches received before
 * a cutoff (a feed without any still has its table, with no rows). The caller holds the snapshot's read lock.
 */
@Component
public class RunTables {

    private final RegistrySnapshot snapshot;
    private final FeedBatches feeds;

    RunTables(RegistrySnapshot snapshot, FeedBatches feeds) {
        this.snapshot = snapshot;
        this.feeds = feeds;
    }

    RegistrySnapshot snapshot() {
        return snapshot;
    }

    /** The input tables of a run: the snapshot and every feed batch received by {@code cutoff}. */
    public List<MonitoringEngine.Table> of(Instant cutoff) {
        List<MonitoringEngine.Table> tables = new ArrayList<>();
        tables.add(new MonitoringEngine.Table(
                "household", snapshot.householdFiles(), RegistrySnapshot.HOUSEHOLD_COLUMNS, false));
        tables.add(
                new MonitoringEngine.Table("person", snapshot.personFiles(), RegistrySnapshot.PERSON_COLUMNS, false));
        for (FeedType t : FeedType.values()) {
            List<FeedBatches.BatchFile> files = feeds.receivedBy(t, cutoff);
            tables.add(new MonitoringEngine.Table(
                    MonitoringSql.table(t),
                    files.stream().map(FeedBatches.BatchFile::file).toList(),
                    columns(t, files.isEmpty()),
                    true));
        }
        return tables;
    }

    /** A feed table's columns: the batch's own, then the type's (every column there is, for a feed with no batch). */
    private static String columns(FeedType t, boolean empty) {
        StringBuilder b = new StringBuilder("batch_id VARCHAR, line BIGINT, period DATE");
        for (FeedColumn c : empty ? List.of(FeedColumn.values()) : t.columns()) {
            b.append(", ").append(c.column()).append(' ').append(c.kind().sqlType());
        }
        return b.toString();
    }
}
