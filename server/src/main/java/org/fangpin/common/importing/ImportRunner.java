package org.fangpin.common.importing;

import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.logging.SensitiveText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one all-or-nothing import: records the job, streams the file into the feature's loader inside a single
 * transaction, and rolls everything back if any row was rejected or anything failed midway.
 */
@Component
public class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final Messages messages;
    private final Path workDir;
    private final ApplicationEventPublisher events;

    public ImportRunner(
            JdbcClient jdbc,
            DataSource dataSource,
            PlatformTransactionManager tm,
            Messages messages,
            ApplicationEventPublisher events,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir) {
        this.events = events;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(tm);
        this.messages = messages;
        this.workDir = workDir;
    }

    /** What a feature's loader does with the rows; it must not apply changes once {@code errors} is non-empty. */
    @FunctionalInterface
    public interface Loader {
        Counts load(UUID importId, TabularReader reader, Connection connection, ErrorCollector errors);
    }

    public record Counts(long rows, long inserted, long updated, long unchanged) {}

    public record Request(String kind, Path file, String fileName, String user, Locale locale) {}

    public ImportReport run(Request req, Loader loader) {
        UUID id = UUID.randomUUID();
        Instant start = Instant.now();
        Locale locale = Messages.effective(req.locale());
        String[] reportHeader = {
            messages.get(locale, "import.report.row"),
            messages.get(locale, "import.report.column"),
            messages.get(locale, "import.report.value"),
            messages.get(locale, "import.report.reason")
        };
        Path errorFile = workDir.resolve(id + "-errors.csv");
        jdbc.sql("insert into import_job (id, kind, file_name, started_at, started_by, error_file)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(id, req.kind(), req.fileName(), Timestamp.from(start), req.user(), errorFile.toString())
                .update();
        Counts counts = new Counts(0, 0, 0, 0);
        String encoding = null;
        boolean applied = false;
        try (ErrorCollector errors = new ErrorCollector(errorFile, reportHeader)) {
            try (TabularReader reader = TabularReader.open(req.file(), req.fileName())) {
                encoding = reader.encoding();
                Counts result = tx.execute(status -> {
                    Connection c = DataSourceUtils.getConnection(dataSource);
                    Counts r = loader.load(id, reader, c, errors);
                    if (errors.count() > 0) {
                        status.setRollbackOnly();
                    } else {
                        // the audit entry commits with the imported data, or neither does (ADR 0005)
                        audit(id, req, true, r, 0);
                    }
                    return r;
                });
                counts = result;
                applied = errors.count() == 0;
            } catch (UncheckedIOException e) {
                String reason = e.getCause() instanceof CharacterCodingException
                        ? messages.get(locale, "import.error.encoding")
                        : "xlsx-bomb".equals(e.getCause().getMessage())
                                ? messages.get(locale, "import.error.bomb")
                                : messages.get(
                                        locale,
                                        "import.error.unreadable",
                                        e.getCause().getMessage());
                errors.add(new RowError(0, "", "", reason));
            } catch (RuntimeException e) {
                log.warn("Import {} of {} failed and was rolled back", id, req.fileName(), e);
                errors.add(new RowError(
                        0, "", "", messages.get(locale, "import.error.failed", SensitiveText.mask(rootMessage(e)))));
            }
            errors.close();
            Duration took = Duration.between(start, Instant.now());
            ImportReport report = new ImportReport(
                    id,
                    req.kind(),
                    req.fileName(),
                    applied,
                    counts.rows(),
                    applied ? counts.inserted() : 0,
                    applied ? counts.updated() : 0,
                    applied ? counts.unchanged() : 0,
                    errors.count(),
                    errors.first(),
                    took);
            finish(report, encoding);
            if (!applied) {
                audit(id, req, false, counts, errors.count()); // a refused file changed nothing but is on record
            }
            log.info(
                    "Import {} {} {}: applied={} rows={} inserted={} updated={} unchanged={} errors={} in {} ms",
                    id,
                    req.kind(),
                    req.fileName(),
                    applied,
                    report.rows(),
                    report.inserted(),
                    report.updated(),
                    report.unchanged(),
                    report.errorCount(),
                    took.toMillis());
            return report;
        }
    }

    private void audit(UUID id, Request req, boolean applied, Counts counts, long errorCount) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("kind", req.kind());
        detail.put("file", req.fileName());
        detail.put("applied", applied);
        detail.put("rows", counts.rows());
        detail.put("inserted", applied ? counts.inserted() : 0);
        detail.put("updated", applied ? counts.updated() : 0);
        detail.put("unchanged", applied ? counts.unchanged() : 0);
        detail.put("errors", errorCount);
        events.publishEvent(new AuditableChange("import", id.toString(), "IMPORT", null, detail));
    }

    private void finish(ImportReport r, String encoding) {
        jdbc.sql("update import_job set finished_at = now(), applied = ?, row_count = ?, inserted = ?, updated = ?,"
                        + " unchanged = ?, error_count = ?, encoding = ? where id = ?")
                .params(
                        r.applied(),
                        r.rows(),
                        r.inserted(),
                        r.updated(),
                        r.unchanged(),
                        r.errorCount(),
                        encoding,
                        r.id())
                .update();
    }

    /**
     * The downloadable CSV of every rejected row of an import, if that import exists and was started by {@code user}
     * (the report quotes the imported rows, which belong to the importer's region).
     */
    public Optional<Path> errorFile(UUID importId, String user) {
        return jdbc.sql("select error_file from import_job where id = ? and started_by = ?")
                .params(importId, user)
                .query(String.class)
                .optional()
                .map(Path::of);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
