package org.fangpin.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.ErrorCollector;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.ImportRunner;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.TabularReader;
import org.fangpin.common.importing.TabularRow;
import org.fangpin.common.lake.Lake;
import org.fangpin.common.problem.ApiException;
import org.fangpin.feed.internal.FeedRowChecker;
import org.fangpin.feed.internal.FeedStaging;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Receives a batch of a department feed (a CSV/XLSX file, or JSON rows, which are written to CSV and take the same
 * path). All-or-nothing: any invalid row rejects the batch with a per-row report. Valid rows are staged in DuckDB,
 * matched against the registry snapshot by ID-number lookup hash (persons), household number or a member's ID
 * (households) and region code, and written as one Parquet file under {@code feeds/<type>/period=<yyyy-MM>/}. ID
 * numbers are never stored: only their lookup hashes. Re-sending a batch id with the same rows changes nothing;
 * with different rows it is refused. The rows are checked by {@link FeedRowChecker}, staged and written by {@link
 * FeedStaging}; this class decides who sends, whether the batch is new, and records it.
 */
@Service
public class FeedIntake {

    private static final Logger log = LoggerFactory.getLogger(FeedIntake.class);

    private final ImportRunner runner;
    private final Lake lake;
    private final FeedRowChecker checker;
    private final FeedStaging staging;
    private final Actor.Current actor;
    private final Messages messages;
    private final FeedBatches batches;
    private final ApplicationEventPublisher events;

    FeedIntake(
            FeedBatches batches,
            ImportRunner runner,
            Lake lake,
            FeedRowChecker checker,
            FeedStaging staging,
            Actor.Current actor,
            Messages messages,
            ApplicationEventPublisher events) {
        this.events = events;
        this.batches = batches;
        this.runner = runner;
        this.lake = lake;
        this.checker = checker;
        this.staging = staging;
        this.actor = actor;
        this.messages = messages;
    }

    /**
     * A batch's identity: the sender's batch id, the period its data covers, and the sending department (null: the
     * feed's own, or the sender's where it is a department user).
     */
    public record BatchHeader(String batchKey, YearMonth period, Department department) {}

    /** The intake's outcome: the import report (rows, errors) and, when accepted, the batch with its feedback. */
    public record Result(ImportReport report, Optional<FeedBatch> batch, boolean alreadyReceived) {}

    public Result receiveFile(FeedType type, BatchHeader header, Path file, String fileName, Locale locale) {
        Actor who = actor.get().orElse(null);
        Department department = department(type, header.department(), who);
        if (header.batchKey() == null || !header.batchKey().matches("[A-Za-z0-9_.:-]{1,100}")) {
            throw ApiException.invalid("batchId", messages.get("feed.error.batch-id"));
        }
        if (header.period() == null) {
            throw ApiException.invalid("period", messages.get("feed.error.period"));
        }
        String user = who == null ? Actor.SYSTEM : who.username();
        String sender = who == null ? null : who.regionCode();
        Outcome outcome = new Outcome();
        ImportReport report = runner.run(
                new ImportRunner.Request("feed:" + type.name(), file, fileName, user, locale),
                (id, reader, conn, errors) ->
                        new Load(id, type, department, header, reader, errors, locale, user, sender, outcome).run());
        if (report.applied() && outcome.batch != null && !outcome.alreadyReceived && outcome.file != null) {
            events.publishEvent(new BatchAccepted(outcome.batch, outcome.file, outcome.senderRegion));
        }
        return new Result(report, Optional.ofNullable(outcome.batch), outcome.alreadyReceived);
    }

    /** JSON rows (field names as {@link FeedColumn#jsonName()} or the Chinese headers) take the file path. */
    public Result receiveRows(FeedType type, BatchHeader header, List<Map<String, Object>> rows, Locale locale) {
        Path csv;
        try {
            csv = Files.createTempFile(lake.dir("tmp"), "feed-", ".csv");
            try (CSVPrinter p =
                    new CSVPrinter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
                List<FeedColumn> cols = type.columns();
                p.printRecord(cols.stream().map(FeedColumn::header).toList());
                for (Map<String, Object> row : rows) {
                    List<String> cells = new ArrayList<>(cols.size());
                    for (FeedColumn c : cols) {
                        Object v = row.containsKey(c.jsonName()) ? row.get(c.jsonName()) : row.get(c.header());
                        cells.add(v == null ? "" : v instanceof Boolean b ? (b ? "是" : "否") : v.toString());
                    }
                    p.printRecord(cells);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return receiveFile(type, header, csv, "rows.json", locale);
        } finally {
            try {
                Files.deleteIfExists(csv);
            } catch (IOException e) {
                log.warn("cannot delete {}", csv);
            }
        }
    }

    /**
     * The sending department: a department user's own (and only for its own feeds); county, city and province
     * offices (and the command line) send on behalf of the feed's department or the one they name. {@code named}
     * (nullable) is the department the header names, {@code who} (nullable: the command line) the sender.
     */
    private Department department(FeedType type, Department named, Actor who) {
        if (who == null) {
            return named != null ? named : type.department();
        }
        if (who.role() == Role.DEPARTMENT) {
            Department own = Optional.ofNullable(who.department())
                    .flatMap(d -> Labelled.parse(Department.class, d))
                    .orElseThrow(() -> forbidden("feed.error.no-department"));
            if (own != type.department() || (named != null && named != own)) {
                throw forbidden("feed.error.other-department", type.department().zh());
            }
            return own;
        }
        if (who.role() == Role.COUNTY || who.role() == Role.CITY || who.role() == Role.PROVINCE) {
            return named != null ? named : type.department();
        }
        throw forbidden("feed.error.not-allowed");
    }

    private ApiException forbidden(String key, Object... args) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", key, List.of(), args);
    }

    private static final class Outcome {
        FeedBatch batch;
        Path file;
        String senderRegion;
        boolean alreadyReceived;
    }

    /**
     * A new batch was accepted and stored (published once its import was applied and committed; not for a batch
     * received again): what other work learns from a department's data starts here. {@code senderRegion} is the
     * sender's region (null: the whole tree), outside which its rows say nothing.
     */
    public record BatchAccepted(FeedBatch batch, Path file, String senderRegion) {}

    /** One batch being received: its rows checked and staged, then, if the batch is new, written and recorded. */
    private final class Load {
        private final UUID importId;
        private final FeedType type;
        private final Department department;
        private final BatchHeader header;
        private final TabularReader reader;
        private final ErrorCollector errors;
        private final Locale locale;
        private final String user;
        private final String senderRegion;
        private final Outcome outcome;
        private final List<FeedColumn> columns;
        private final MessageDigest digest;

        Load(
                UUID importId,
                FeedType type,
                Department department,
                BatchHeader header,
                TabularReader reader,
                ErrorCollector errors,
                Locale locale,
                String user,
                String senderRegion,
                Outcome outcome) {
            this.importId = importId;
            this.type = type;
            this.department = department;
            this.header = header;
            this.reader = reader;
            this.errors = errors;
            this.locale = locale;
            this.user = user;
            this.senderRegion = senderRegion;
            this.outcome = outcome;
            this.columns = type.columns();
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        ImportRunner.Counts run() {
            ColumnMap<FeedColumn> map = ColumnMap.of(reader.header(), FeedColumn.class);
            FeedRowChecker.Batch check = checker.forBatch(type, map, errors, locale);
            check.checkHeader();
            if (errors.count() > 0) {
                return new ImportRunner.Counts(0, 0, 0, 0);
            }
            try (FeedStaging.Stage stage = staging.open(type)) {
                long rows = 0;
                for (TabularRow row : reader) {
                    rows++;
                    hash(map, row);
                    Object[] values = check.check(row);
                    if (values != null) {
                        stage.append(row.row(), values);
                    }
                }
                stage.endRows();
                if (errors.count() > 0) {
                    return new ImportRunner.Counts(rows, 0, 0, 0);
                }
                String hash = HexFormat.of().formatHex(digest.digest());
                Optional<FeedBatches.Stored> existing = batches.find(type, department, header.batchKey());
                if (existing.isPresent()) {
                    if (existing.get().contentHashMatches(hash)) {
                        outcome.batch = existing.get().batch();
                        outcome.alreadyReceived = true;
                        return new ImportRunner.Counts(rows, 0, 0, rows);
                    }
                    errors.add(new RowError(0, "", header.batchKey(), messages.get(locale, "feed.error.batch-reused")));
                    return new ImportRunner.Counts(rows, 0, 0, 0);
                }
                return store(stage, rows, hash);
            } catch (SQLException e) {
                throw new IllegalStateException("feed staging failed: " + e.getMessage(), e);
            }
        }

        /** The batch's content hash takes every cell as sent, so that a batch sent again is known by its rows. */
        private void hash(ColumnMap<FeedColumn> map, TabularRow row) {
            for (FeedColumn c : columns) {
                digest.update(map.get(row, c).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1f);
            }
            digest.update((byte) 0x1e);
        }

        /** Matches, writes the Parquet file and the feedback, records the batch. */
        private ImportRunner.Counts store(FeedStaging.Stage stage, long rows, String hash) throws SQLException {
            UUID batchId = importId;
            FeedStaging.Written written = stage.write(batchId, header.period(), senderRegion, locale);
            batches.insert(new FeedBatches.NewBatch(
                    batchId,
                    type,
                    department,
                    header.batchKey(),
                    header.period(),
                    hash,
                    written.file(),
                    written.feedback(),
                    rows,
                    written.matched(),
                    rows - written.matched(),
                    user,
                    senderRegion,
                    importId));
            outcome.batch = batches.find(type, department, header.batchKey())
                    .orElseThrow()
                    .batch();
            outcome.file = written.file();
            outcome.senderRegion = senderRegion;
            return new ImportRunner.Counts(rows, rows, 0, 0);
        }
    }
}
