package org.fangpin.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.Cells;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.CsvCells;
import org.fangpin.common.importing.ErrorCollector;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.ImportRunner;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.TabularReader;
import org.fangpin.common.importing.TabularRow;
import org.fangpin.common.lake.Lake;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.PersonIdentifiers;
import org.fangpin.registry.RegistrySnapshot;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Receives a batch of a department feed (a CSV/XLSX file, or JSON rows, which are written to CSV and take the same
 * path). All-or-nothing: any invalid row rejects the batch with a per-row report. Valid rows are staged in DuckDB,
 * matched against the registry snapshot by ID-number lookup hash (persons), household number or a member's ID
 * (households) and region code, and written as one Parquet file under {@code feeds/<type>/period=<yyyy-MM>/}. ID
 * numbers are never stored: only their lookup hashes. Re-sending a batch id with the same rows changes nothing;
 * with different rows it is refused.
 */
@Service
public class FeedIntake {

    private static final Logger log = LoggerFactory.getLogger(FeedIntake.class);

    private final ImportRunner runner;
    private final JdbcClient jdbc;
    private final Lake lake;
    private final RegistrySnapshot snapshot;
    private final PersonIdentifiers identifiers;
    private final RegionDirectory regions;
    private final Actor.Current actor;
    private final Messages messages;
    private final Clock clock;
    private final FeedBatches batches;
    private final ApplicationEventPublisher events;

    FeedIntake(
            FeedBatches batches,
            ImportRunner runner,
            JdbcClient jdbc,
            Lake lake,
            RegistrySnapshot snapshot,
            PersonIdentifiers identifiers,
            RegionDirectory regions,
            Actor.Current actor,
            Messages messages,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.batches = batches;
        this.runner = runner;
        this.jdbc = jdbc;
        this.lake = lake;
        this.snapshot = snapshot;
        this.identifiers = identifiers;
        this.regions = regions;
        this.actor = actor;
        this.messages = messages;
        this.clock = clock;
    }

    /** A batch's identity: the sender's batch id, the period its data covers, and the sending department. */
    public record BatchHeader(String batchKey, YearMonth period, Optional<Department> department) {}

    /** The intake's outcome: the import report (rows, errors) and, when accepted, the batch with its feedback. */
    public record Result(ImportReport report, Optional<FeedBatch> batch, boolean alreadyReceived) {}

    public Result receiveFile(FeedType type, BatchHeader header, Path file, String fileName, Locale locale) {
        Optional<Actor> who = actor.get();
        Department department = department(type, header.department(), who);
        if (header.batchKey() == null || !header.batchKey().matches("[A-Za-z0-9_.:-]{1,100}")) {
            throw ApiException.invalid("batchId", messages.get("feed.error.batch-id"));
        }
        if (header.period() == null) {
            throw ApiException.invalid("period", messages.get("feed.error.period"));
        }
        String user = who.map(Actor::username).orElse("system");
        String sender = who.map(Actor::regionCode).orElse(null);
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
     * offices (and the command line) send on behalf of the feed's department or the one they name.
     */
    private Department department(FeedType type, Optional<Department> named, Optional<Actor> who) {
        if (who.isEmpty()) {
            return named.orElse(type.department());
        }
        Actor a = who.get();
        if (a.role() == Role.DEPARTMENT) {
            Department own = Optional.ofNullable(a.department())
                    .flatMap(d -> Labelled.parse(Department.class, d))
                    .orElseThrow(() -> forbidden("feed.error.no-department"));
            if (own != type.department() || named.filter(n -> n != own).isPresent()) {
                throw forbidden("feed.error.other-department", type.department().zh());
            }
            return own;
        }
        if (a.role() == Role.COUNTY || a.role() == Role.CITY || a.role() == Role.PROVINCE) {
            return named.orElse(type.department());
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

    /** One batch being received. */
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
        private final Map<String, Boolean> knownRegions = new HashMap<>();
        private final MessageDigest digest;
        private ColumnMap<FeedColumn> map;

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

        private String msg(String key, Object... args) {
            return messages.get(locale, key, args);
        }

        private void error(long row, FeedColumn c, String value, String reason) {
            errors.add(new RowError(row, map.label(c), value, reason));
        }

        ImportRunner.Counts run() {
            map = ColumnMap.of(reader.header(), FeedColumn.class);
            for (FeedColumn c : columns) {
                if (type.required(c) && !map.has(c)) {
                    errors.add(new RowError(1, c.header(), "", msg("import.error.missing-column")));
                }
            }
            if (errors.count() > 0) {
                return new ImportRunner.Counts(0, 0, 0, 0);
            }
            try (Connection duck = lake.duckdb()) {
                try (Statement st = duck.createStatement()) {
                    st.execute("create table stage (line BIGINT, id_masked VARCHAR, " + columnDefs() + ")");
                }
                long rows = 0;
                try (DuckDBAppender app =
                        ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stage")) {
                    for (TabularRow row : reader) {
                        rows++;
                        Object[] values = parse(row);
                        if (values != null) {
                            append(app, row.row(), values);
                        }
                    }
                }
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
                    errors.add(new RowError(0, "", header.batchKey(), msg("feed.error.batch-reused")));
                    return new ImportRunner.Counts(rows, 0, 0, 0);
                }
                return store(duck, rows, hash);
            } catch (SQLException e) {
                throw new IllegalStateException("feed staging failed: " + e.getMessage(), e);
            }
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

        /** The row's values in column order, or null when the row is invalid (its errors reported). */
        private Object[] parse(TabularRow row) {
            long before = errors.count();
            Object[] out = new Object[columns.size() + 1]; // + the masked ID number
            for (int i = 0; i < columns.size(); i++) {
                FeedColumn c = columns.get(i);
                String text = map.get(row, c);
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0x1f);
                if (text.isEmpty()) {
                    if (type.required(c)) {
                        error(row.row(), c, "", msg("import.error.required"));
                    }
                    continue;
                }
                out[i] = value(row.row(), c, text, out);
            }
            digest.update((byte) 0x1e);
            if (errors.count() == before) {
                checkSubject(row, out);
            }
            return errors.count() == before ? out : null;
        }

        private Object value(long line, FeedColumn c, String text, Object[] out) {
            switch (c.kind()) {
                case ID_NUMBER -> {
                    Optional<IdNumber.Problem> p = IdNumber.problem(text, LocalDate.now(clock));
                    if (p.isPresent()) {
                        error(
                                line,
                                c,
                                IdNumber.mask(text),
                                msg("idnumber." + p.get().name().toLowerCase(Locale.ROOT)));
                        return null;
                    }
                    out[columns.size()] = IdNumber.mask(text.toUpperCase(Locale.ROOT));
                    return RegistrySnapshot.idKey(identifiers.idLookup(text));
                }
                case HOUSEHOLD_NO -> {
                    if (text.length() > 32 || !text.matches("[0-9A-Za-z-]+")) {
                        error(line, c, text, msg("registry.error.household-no"));
                        return null;
                    }
                    return text;
                }
                case REGION_CODE -> {
                    if (!RegionCode.isWellFormed(text)
                            || !knownRegions.computeIfAbsent(
                                    text, t -> regions.find(t).isPresent())) {
                        error(line, c, text, msg("feed.error.region"));
                        return null;
                    }
                    return text;
                }
                case DATE -> {
                    Optional<LocalDate> d = Cells.date(text);
                    if (d.isEmpty()) {
                        error(line, c, text, msg("import.error.date"));
                    }
                    return d.orElse(null);
                }
                case MONTH -> {
                    Optional<LocalDate> d = month(text);
                    if (d.isEmpty()) {
                        error(line, c, text, msg("feed.error.month"));
                    }
                    return d.orElse(null);
                }
                case MONEY -> {
                    Optional<BigDecimal> m = Cells.money(text);
                    if (m.isEmpty()) {
                        error(line, c, text, msg("import.error.money"));
                    }
                    return m.orElse(null);
                }
                case BOOL -> {
                    Optional<Boolean> b = Cells.bool(text);
                    if (b.isEmpty()) {
                        error(line, c, text, msg("import.error.bool"));
                    }
                    return b.orElse(null);
                }
                case GRADE -> {
                    Optional<Integer> g = Cells.integer(text).filter(n -> n >= 1 && n <= 4);
                    if (g.isEmpty()) {
                        error(line, c, text, msg("import.error.range", 1, 4));
                    }
                    return g.orElse(null);
                }
                case TEXT -> {
                    if (text.length() > 200) {
                        error(line, c, text.substring(0, 20) + "…", msg("import.error.too-long", 200));
                        return null;
                    }
                    return text;
                }
                case CHOICE -> {
                    Optional<FeedColumn.Choice> ch = c.choice(text);
                    if (ch.isEmpty()) {
                        error(
                                line,
                                c,
                                text,
                                msg(
                                        "import.error.choice",
                                        String.join(
                                                "/",
                                                c.choices().stream()
                                                        .map(x -> locale.getLanguage()
                                                                        .equals("en")
                                                                ? x.en()
                                                                : x.zh())
                                                        .toList())));
                        return null;
                    }
                    return ch.get().code();
                }
                default -> throw new IllegalStateException(c.kind().name());
            }
        }

        /** A household feed row names its household (number or a member's ID); a water row may name a village. */
        private void checkSubject(TabularRow row, Object[] out) {
            FeedType.Subject s = type.subject();
            if (s == FeedType.Subject.HOUSEHOLD || s == FeedType.Subject.HOUSEHOLD_OR_VILLAGE) {
                boolean any = false;
                for (FeedColumn key : List.of(FeedColumn.HOUSEHOLD_NO, FeedColumn.ID_NUMBER, FeedColumn.REGION_CODE)) {
                    int i = columns.indexOf(key);
                    any |= i >= 0 && out[i] != null;
                }
                if (!any) {
                    FeedColumn first =
                            columns.contains(FeedColumn.HOUSEHOLD_NO) ? FeedColumn.HOUSEHOLD_NO : columns.get(0);
                    error(
                            row.row(),
                            first,
                            "",
                            msg(
                                    s == FeedType.Subject.HOUSEHOLD
                                            ? "feed.error.no-household"
                                            : "feed.error.no-household-or-village"));
                }
                int r = columns.indexOf(FeedColumn.REGION_CODE);
                if (r >= 0
                        && out[r] != null
                        && regions.find((String) out[r]).map(Region::level).orElse(null) != RegionLevel.VILLAGE) {
                    error(row.row(), FeedColumn.REGION_CODE, (String) out[r], msg("registry.error.village"));
                }
            }
        }

        private void append(DuckDBAppender app, long line, Object[] v) throws SQLException {
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

        /** Matches, writes the Parquet file and the feedback, records the batch. */
        private ImportRunner.Counts store(Connection duck, long rows, String hash) throws SQLException {
            UUID batchId = importId;
            Path dir = lake.dir("feeds", type.name().toLowerCase(Locale.ROOT), "period=" + header.period());
            Path parquet = dir.resolve(batchId + ".parquet");
            Path feedback = lake.dir("feedback").resolve(batchId + ".csv");
            long matched;
            snapshot.refresh();
            snapshot.read().lock();
            try (Statement st = duck.createStatement()) {
                st.execute("create table matched as " + matchQuery());
                try (ResultSet rs = st.executeQuery("select count(*) filter (where reason is null) from matched")) {
                    rs.next();
                    matched = rs.getLong(1);
                }
                writeFeedback(st, feedback);
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
            batches.insert(new FeedBatches.NewBatch(
                    batchId,
                    type,
                    department,
                    header.batchKey(),
                    header.period(),
                    hash,
                    parquet,
                    feedback,
                    rows,
                    matched,
                    rows - matched,
                    user,
                    senderRegion,
                    importId));
            outcome.batch = batches.find(type, department, header.batchKey())
                    .orElseThrow()
                    .batch();
            outcome.file = parquet;
            outcome.senderRegion = senderRegion;
            return new ImportRunner.Counts(rows, rows, 0, 0);
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
        private String matchQuery() {
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

        private void writeFeedback(Statement st, Path feedback) throws SQLException, IOException {
            try (CsvCells.Printer p = CsvCells.printer(Files.newBufferedWriter(feedback, StandardCharsets.UTF_8));
                    ResultSet rs = st.executeQuery(
                            "select line, id_masked, household_no, reason from matched where reason is not null"
                                    + " order by line")) {
                p.print("\uFEFF" + msg("import.report.row"));
                p.printRecord(
                        msg("feed.feedback.id-number"), msg("feed.feedback.household-no"), msg("import.report.reason"));
                while (rs.next()) {
                    p.printRecord(
                            rs.getLong(1),
                            nz(rs.getString(2)),
                            nz(rs.getString(3)),
                            msg("feed.unmatched." + rs.getString(4).toLowerCase(Locale.ROOT)));
                }
            }
        }

        private String nz(String s) {
            return s == null ? "" : s;
        }
    }

    private static Optional<LocalDate> month(String text) {
        String t = text.strip().replace('/', '-').replace("年", "-").replace("月", "");
        try {
            return Optional.of(YearMonth.parse(
                            t.length() == 6 && !t.contains("-")
                                    ? t.substring(0, 4) + "-" + t.substring(4)
                                    : t.matches("\\d{4}-\\d") ? t.substring(0, 5) + "0" + t.substring(5) : t)
                    .atDay(1));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
