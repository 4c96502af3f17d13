package org.fangpin.feed.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.CsvCells;
import org.fangpin.common.lake.Lake;
import org.fangpin.feed.FeedColumn;
import org.fangpin.feed.FeedType;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.RegistrySnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The DuckDB and lake side of a feed batch: its checked rows staged in a table, matched against the registry
 * snapshot, and written as one Parquet file under {@code feeds/<type>/period=<yyyy-MM>/} beside the sender's
 * data-quality feedback (every unmatched row, masked, with its reason). The files go with the import's transaction:
 * removed if it rolls back.
 */
@Component
public class FeedStaging {

    private static final Logger log = LoggerFactory.getLogger(FeedStaging.class);

    private final Lake lake;
    private final RegistrySnapshot snapshot;
    private final RegionDirectory regions;
    private final Messages messages;

    FeedStaging(Lake lake, RegistrySnapshot snapshot, RegionDirectory regions, Messages messages) {
        this.lake = lake;
        this.snapshot = snapshot;
        this.regions = regions;
        this.messages = messages;
    }

    /** What was written: the Parquet file, the feedback file and how many rows matched. */
    public record Written(Path file, Path feedback, long matched) {}

    /** A new stage table for a batch of the type, open for rows. */
    public Stage open(FeedType type) throws SQLException {
        Connection duck = lake.duckdb();
        try {
            return new Stage(type, duck);
        } catch (SQLException | RuntimeException e) {
            try {
                duck.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** One batch's stage: rows are appended, then the appender is closed and the batch written. */
    public final class Stage implements AutoCloseable {
        private final FeedType type;
        private final List<FeedColumn> columns;
        private final Connection duck;
        private DuckDBAppender appender;

        private Stage(FeedType type, Connection duck) throws SQLException {
            this.type = type;
            this.columns = type.columns();
            this.duck = duck;
            try (Statement st = duck.createStatement()) {
                st.execute("create table stage (line BIGINT, id_masked VARCHAR, " + columnDefs() + ")");
            }
            this.appender = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stage");
        }

        private String columnDefs() {
            StringBuilder b = new StringBuilder();
            for (FeedColumn c : columns) {
                if (!b.isEmpty()) {
                    b.append(", ");
                }
                b.append(c.column()).append(' ').append(c.kind().sqlType());
            }
            return b.toString();
        }

        /** A checked row: its values as {@link FeedRowChecker.Batch#check} gives them. */
        public void append(long line, Object[] v) throws SQLException {
            DuckDBAppender app = appender;
            app.beginRow();
            app.append(line);
            app.append((String) v[columns.size()]);
            for (int i = 0; i < columns.size(); i++) {
                Object o = v[i];
                if (o == null) {
                    app.appendNull();
                } else if (o instanceof String s) {
                    app.append(s);
                } else if (o instanceof LocalDate d) {
                    app.append(d);
                } else if (o instanceof BigDecimal m) {
                    app.append(m);
                } else if (o instanceof Boolean b) {
                    app.append(b.booleanValue());
                } else if (o instanceof Integer n) {
                    app.append(n.intValue());
                } else if (o instanceof UUID u) {
                    app.append(u);
                } else {
                    throw new IllegalStateException(o.getClass().getName());
                }
            }
            app.endRow();
        }

        /** Closes the appender: every row is in the table. */
        public void endRows() throws SQLException {
            if (appender != null) {
                DuckDBAppender app = appender;
                appender = null;
                app.close();
            }
        }

        /**
         * Matches the staged rows, writes the feedback (in the sender's language) and the Parquet file of the batch
         * {@code batchId}. {@code senderRegion} is the sender's region, outside which rows do not match (null: the
         * whole tree).
         */
        public Written write(UUID batchId, YearMonth period, String senderRegion, Locale locale) throws SQLException {
            Path dir = lake.dir("feeds", type.name().toLowerCase(Locale.ROOT), "period=" + period);
            Path parquet = dir.resolve(batchId + ".parquet");
            Path feedback = lake.dir("feedback").resolve(batchId + ".csv");
            long matched;
            snapshot.refresh();
            snapshot.read().lock();
            try (Statement st = duck.createStatement()) {
                st.execute("create table matched as " + matchQuery(senderRegion));
                try (ResultSet rs = st.executeQuery("select count(*) filter (where reason is null) from matched")) {
                    rs.next();
                    matched = rs.getLong(1);
                }
                writeFeedback(st, feedback, locale);
                Path tmp = dir.resolve("." + batchId + ".parquet.tmp");
                st.execute("copy (select '" + batchId + "' as batch_id, line, " + storedColumns()
                        + " from stage order by line) to " + Lake.literal(tmp) + " (format parquet, compression zstd)");
                Files.move(tmp, parquet, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                snapshot.read().unlock();
            }
            // the files go with the transaction: removed if it rolls back
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        if (status != STATUS_COMMITTED) {
                            try {
                                Files.deleteIfExists(parquet);
                                Files.deleteIfExists(feedback);
                            } catch (IOException e) {
                                log.warn("cannot remove {} of a rolled-back batch", parquet);
                            }
                        }
                    }
                });
            }
            return new Written(parquet, feedback, matched);
        }

        private String storedColumns() {
            StringBuilder b = new StringBuilder();
            for (FeedColumn c : columns) {
                if (!b.isEmpty()) {
                    b.append(", ");
                }
                b.append(c.column());
            }
            return b.toString();
        }

        /**
         * Each row with the reason it did not match (null when it did): persons by ID hash; households by number
         * or a member's ID (both given must agree); villages and regions by code; all within the sender's region.
         */
        private String matchQuery(String senderRegion) {
            String persons = snapshot.persons();
            String households = snapshot.households();
            boolean byId = columns.contains(FeedColumn.ID_NUMBER);
            boolean byNo = columns.contains(FeedColumn.HOUSEHOLD_NO);
            boolean byRegion = columns.contains(FeedColumn.REGION_CODE);
            RegionCode.CodeRange range = senderRegion == null
                    ? null
                    : regions.find(senderRegion).map(Region::subtree).orElseThrow();
            String scope = range == null
                    ? "true"
                    : "coalesce(p.village_code, h.village_code, s_region) between '" + range.low() + "' and '"
                            + range.high() + "'";
            String s_region = byRegion ? "s.region_code" : "null";
            StringBuilder q = new StringBuilder("select s.line, s.id_masked, ")
                    .append(byNo ? "s.household_no" : "null")
                    .append(" as household_no, case ");
            if (byId) {
                q.append("when s.id_hash is not null and p.person_id is null then 'NOT_REGISTERED' ");
            }
            if (byNo) {
                q.append("when s.household_no is not null and h.household_id is null then 'UNKNOWN_HOUSEHOLD' ");
                if (byId) {
                    q.append("when p.person_id is not null and h.household_id is not null"
                            + " and p.household_id <> h.household_id then 'CONFLICT' ");
                }
            }
            q.append("when not (").append(scope.replace("s_region", s_region)).append(") then 'OUTSIDE' ");
            q.append("end as reason from stage s");
            if (byId) {
                q.append(" left join ").append(persons).append(" p on p.id_hash = s.id_hash");
            } else {
                q.append(" left join (select null::bigint person_id, null::bigint household_id,"
                        + " null::varchar village_code) p on false");
            }
            if (byNo) {
                q.append(" left join ").append(households).append(" h on h.household_no = s.household_no");
            } else {
                q.append(" left join (select null::bigint household_id, null::varchar village_code) h on false");
            }
            return q.toString();
        }

        private void writeFeedback(Statement st, Path feedback, Locale locale) throws SQLException, IOException {
            try (CsvCells.Printer p = CsvCells.printer(Files.newBufferedWriter(feedback, StandardCharsets.UTF_8));
                    ResultSet rs = st.executeQuery(
                            "select line, id_masked, household_no, reason from matched where reason is not null"
                                    + " order by line")) {
                p.print("\uFEFF" + messages.get(locale, "import.report.row"));
                p.printRecord(
                        messages.get(locale, "feed.feedback.id-number"),
                        messages.get(locale, "feed.feedback.household-no"),
                        messages.get(locale, "import.report.reason"));
                while (rs.next()) {
                    p.printRecord(
                            rs.getLong(1),
                            nz(rs.getString(2)),
                            nz(rs.getString(3)),
                            messages.get(
                                    locale, "feed.unmatched." + rs.getString(4).toLowerCase(Locale.ROOT)));
                }
            }
        }

        /** Closes the appender if rows were still open, and the DuckDB connection (its stage goes with it). */
        @Override
        public void close() throws SQLException {
            try {
                endRows();
            } finally {
                duck.close();
            }
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
