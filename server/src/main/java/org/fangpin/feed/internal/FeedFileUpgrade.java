package org.fangpin.feed.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.fangpin.common.lake.Lake;
import org.fangpin.feed.FeedBatches;
import org.fangpin.feed.FeedColumn;
import org.fangpin.feed.FeedType;
import org.fangpin.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At start: feed files written before the ID lookup hash became a 128-bit UUID column (it was hex text) are
 * rewritten in place, so every batch of a feed has the same schema. Each file is replaced atomically; a file
 * already in the current form is only looked at.
 */
@Component
class FeedFileUpgrade implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FeedFileUpgrade.class);

    private final FeedBatches batches;
    private final Lake lake;

    FeedFileUpgrade(FeedBatches batches, Lake lake) {
        this.batches = batches;
        this.lake = lake;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemActor.run("feed-upgrade", this::upgrade);
    }

    private void upgrade() {
        int rewritten = 0;
        try (Connection c = lake.duckdb();
                Statement st = c.createStatement()) {
            for (FeedType type : FeedType.values()) {
                if (!type.columns().contains(FeedColumn.ID_NUMBER)) {
                    continue;
                }
                for (FeedBatches.BatchFile f : batches.receivedBy(type, Instant.now())) {
                    if (Files.exists(f.file()) && textHash(st, f.file())) {
                        Path tmp = f.file().resolveSibling("." + f.file().getFileName() + ".upgrade");
                        st.execute("copy (select * replace (cast(id_hash as uuid) as id_hash) from read_parquet("
                                + Lake.literal(f.file()) + ")) to " + Lake.literal(tmp)
                                + " (format parquet, compression zstd)");
                        Files.move(tmp, f.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        rewritten++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("feed file upgrade failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rewritten > 0) {
            log.info("rewrote {} feed files with the ID lookup hash as UUID", rewritten);
        }
    }

    private static boolean textHash(Statement st, Path file) throws SQLException {
        try (ResultSet rs = st.executeQuery(
                "select logical_type from parquet_schema(" + Lake.literal(file) + ") where name = 'id_hash'")) {
            return rs.next() && !"UUIDType()".equals(rs.getString(1));
        }
    }
}
