package org.fangpin.reporting;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fangpin.common.Labelled;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.jdbc.Rows;
import org.fangpin.common.problem.ApiException;
import org.fangpin.reporting.internal.RegionReach;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 后台导出: a whole ledger written in the background while its progress is shown, so that a province's million-row
 * ledger need not hold a browser open; the page can be left and the file picked up later from the reports page.
 * Checked (permission, scope, filters) and audited in the caller's request like a direct export; the file is the
 * caller's alone and is kept {@value #KEEP_DAYS} days. One export is written at a time, in the order asked.
 */
@Service
public class LedgerExports {

    private static final Logger log = LoggerFactory.getLogger(LedgerExports.class);

    /** Days a finished export's file is kept. */
    public static final int KEEP_DAYS = 7;

    /** Unfinished exports one user may have at once. */
    static final int MAX_RUNNING = 3;

    /** Seconds without a heartbeat after which an unfinished export counts as stopped. */
    static final int STALE_SECONDS = 120;

    /** This process: the owner of the exports it queues. */
    private static final UUID BOOT = UUID.randomUUID();

    /** An export and how far it has come. */
    public record Job(
            UUID id,
            String ledger,
            Ledgers.Format format,
            String regionCode,
            String fileName,
            String requestedBy,
            Instant requestedAt,
            Status status,
            long total,
            long written,
            Long sizeBytes,
            String sha256,
            Instant finishedAt,
            String error) {

        public boolean finished() {
            return status != Status.RUNNING && status != Status.QUEUED;
        }

        public int percent() {
            if (finished()) {
                return 100;
            }
            return total == 0 ? 0 : (int) Math.min(99, written * 100 / total);
        }
    }

    /** Where an export stands. */
    public enum Status implements Labelled {
        QUEUED("排队等待", "Waiting"),
        RUNNING("正在导出", "Exporting"),
        DONE("已完成", "Done"),
        FAILED("失败", "Failed"),
        INTERRUPTED("因重启中断", "Interrupted by a restart");

        private final String zh;
        private final String en;

        Status(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }
    }

    /** A finished export's file. */
    public record File(String name, String contentType, Path path, long size) {}

    private final Ledgers ledgers;
    private final JdbcClient jdbc;
    private final Actor.Current actor;
    private final Permissions permissions;
    private final RegionReach reach;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate own;
    private final Path dir;
    private final TransactionTemplate progress;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-exports");
        t.setDaemon(true);
        return t;
    });

    LedgerExports(
            Ledgers ledgers,
            JdbcClient jdbc,
            Actor.Current actor,
            Permissions permissions,
            RegionReach reach,
            ApplicationEventPublisher events,
            @Value("${fangpin.reporting.export-dir:./data/exports}") Path dir,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.ledgers = ledgers;
        this.jdbc = jdbc;
        this.actor = actor;
        this.permissions = permissions;
        this.reach = reach;
        this.events = events;
        this.own = new TransactionTemplate(transactions);
        this.dir = dir;
        this.progress = new TransactionTemplate(transactions);
        progress.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * An export whose writer stopped (a restart, a crash) never finishes: marked interrupted, its partial file
     * removed — only those whose writer has not said it is alive for {@value #STALE_SECONDS} seconds, so that a
     * command-line tool or a second instance starting up leaves another's work alone. At start-up and then each
     * minute.
     */
    @PostConstruct
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void interrupted() {
        // never this process's own: its heartbeat may wait behind a long scheduled task, its writer is still at work
        List<UUID> ids = jdbc.sql("update ledger_export set status = 'INTERRUPTED', finished_at = now() where status"
                        + " in ('QUEUED', 'RUNNING') and heartbeat_at < now() - make_interval(secs => ?)"
                        + " and owner <> ? returning id")
                .params(STALE_SECONDS, BOOT)
                .query(UUID.class)
                .list();
        ids.forEach(id -> delete(partial(id)));
    }

    /** This process: the owner of the exports it queues. */
    static UUID boot() {
        return BOOT;
    }

    /** This process's exports, queued or being written, say they are alive. */
    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    void heartbeat() {
        jdbc.sql("update ledger_export set heartbeat_at = now() where owner = ? and status in ('QUEUED', 'RUNNING')")
                .param(BOOT)
                .update();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * Starts writing the whole ledger in the background: checked and audited now (403 without the permission to
     * export, outside one's scope; 422 for a bad filter), written later; 429 when one has {@value #MAX_RUNNING}
     * exports queued or running.
     */
    public Job start(String code, Ledgers.Request request, Ledgers.Format format) {
        String me = me();
        UUID id = UUID.randomUUID();
        // one user's starts one at a time, so that the limit holds
        Ledgers.Export export = own.execute(tx -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('ledger_export'), hashtext(?))")
                    .param(me)
                    .query()
                    .singleValue();
            long running = jdbc.sql("select count(*) from ledger_export where requested_by = ? and status in"
                            + " ('QUEUED', 'RUNNING')")
                    .param(me)
                    .query(Long.class)
                    .single();
            if (running >= MAX_RUNNING) {
                throw new ApiException(
                        HttpStatus.TOO_MANY_REQUESTS, "too-many-exports", "ledger.export.busy", List.of(), MAX_RUNNING);
            }
            // the permission, the scope and the filters are checked (and the export audited) before any counting
            Ledgers.Export e = ledgers.export(code, request, format);
            long total = ledgers.count(code, request);
            jdbc.sql("insert into ledger_export (id, ledger, format, region_code, file_name, requested_by, status,"
                            + " total, owner) values (?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)")
                    .params(id, code, format.name(), e.region(), e.fileName(), me, total, BOOT)
                    .update();
            return e;
        });
        worker.submit(() -> write(id, export));
        return job(id);
    }

    private void write(UUID id, Ledgers.Export export) {
        Path part = partial(id);
        if (jdbc.sql("update ledger_export set status = 'RUNNING', heartbeat_at = now() where id = ? and status ="
                                + " 'QUEUED'")
                        .param(id)
                        .update()
                == 0) {
            return; // marked interrupted meanwhile
        }
        try {
            Files.createDirectories(dir);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long rows;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha)) {
                // the rows are read in a transaction of their own; the progress is written beside it, seen at once
                rows = export.writeTo(
                        out,
                        n -> progress.executeWithoutResult(tx -> jdbc.sql(
                                        "update ledger_export set written = ?," + " heartbeat_at = now() where id = ?")
                                .params(n, id)
                                .update()));
            }
            Files.move(part, stored(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            int done = jdbc.sql("update ledger_export set status = 'DONE', written = ?, total = greatest(total, ?),"
                            + " size_bytes = ?, sha256 = ?, finished_at = now() where id = ? and status = 'RUNNING'")
                    .params(rows, rows, Files.size(stored(id)), HexFormat.of().formatHex(sha.digest()), id)
                    .update();
            if (done == 0) {
                delete(stored(id)); // marked interrupted meanwhile: no file for a job that says it has none
            }
        } catch (Throwable e) {
            boolean stopped = Thread.currentThread().isInterrupted() || e instanceof ClosedByInterruptException;
            log.warn("Ledger export {} {}", id, stopped ? "stopped with the application" : "failed", e);
            delete(part);
            // the user sees what happened, not the database's words (those are in the log)
            jdbc.sql("update ledger_export set status = ?, error = ?, finished_at = now() where id = ? and status ="
                            + " 'RUNNING'")
                    .params(stopped ? "INTERRUPTED" : "FAILED", e.getClass().getSimpleName(), id)
                    .update();
            if (e instanceof Error err && !(e instanceof OutOfMemoryError)) {
                throw err;
            }
        }
    }

    /** One's own export of the last {@value #KEEP_DAYS} days (404 for anyone else's, or an older one). */
    public Job job(UUID id) {
        return jdbc.sql("select * from ledger_export where id = ? and requested_by = ? and requested_at > ?")
                .params(id, me(), Timestamp.from(clock.instant().minus(Duration.ofDays(KEEP_DAYS))))
                .query(LedgerExports::job)
                .optional()
                .orElseThrow(() -> ApiException.notFound("ledger.export.not-found", id));
    }

    /** One's exports of the last {@value #KEEP_DAYS} days, newest first. */
    public List<Job> mine() {
        return jdbc.sql("select * from ledger_export where requested_by = ? and requested_at > ? order by"
                        + " requested_at desc limit 50")
                .params(me(), Timestamp.from(clock.instant().minus(Duration.ofDays(KEEP_DAYS))))
                .query(LedgerExports::job)
                .list();
    }

    /**
     * A finished export's file; 409 while it is being written or when it failed. The export's checks hold at download
     * too: a user who has lost the permission to export, or the region, gets 403. Audited.
     */
    public File file(UUID id) {
        Job j = job(id);
        if (!permissions.has(Permission.REGISTRY_EXPORT)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "ledger.error.export", List.of());
        }
        reach.within(reach.region(j.regionCode()));
        Path p = stored(id);
        if (j.status() != Status.DONE || !Files.exists(p)) {
            throw new ApiException(HttpStatus.CONFLICT, "export-not-ready", "ledger.export.not-ready", List.of());
        }
        events.publishEvent(new AuditableChange(
                "ledger",
                j.ledger(),
                "DOWNLOAD",
                null,
                Map.of("export", id.toString(), "file", j.fileName(), "sha256", String.valueOf(j.sha256())),
                j.regionCode()));
        try {
            return new File(j.fileName(), j.format().contentType(), p, Files.size(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each hour ({@code fangpin.reporting.export-prune-schedule}), the exports older than a week go. */
    @Scheduled(cron = "${fangpin.reporting.export-prune-schedule:0 15 * * * *}")
    void pruneOld() {
        int n = prune();
        if (n > 0) {
            log.info("{} background exports older than {} days removed", n, KEEP_DAYS);
        }
    }

    /** Removes exports (rows and files) older than {@value #KEEP_DAYS} days; how many. */
    public int prune() {
        List<UUID> old = jdbc.sql("delete from ledger_export where requested_at < ? and status not in ('QUEUED',"
                        + " 'RUNNING') returning id")
                .param(Timestamp.from(clock.instant().minus(Duration.ofDays(KEEP_DAYS))))
                .query(UUID.class)
                .list();
        old.forEach(id -> delete(stored(id)));
        return old.size();
    }

    private Path stored(UUID id) {
        return dir.resolve(id + ".export");
    }

    private Path partial(UUID id) {
        return dir.resolve(id + ".part");
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("Could not delete {}", p, e);
        }
    }

    private String me() {
        return actor.get()
                .map(Actor::username)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.detail", List.of()));
    }

    private static Job job(ResultSet rs, int i) throws SQLException {
        return new Job(
                rs.getObject("id", UUID.class),
                rs.getString("ledger"),
                Ledgers.Format.valueOf(rs.getString("format")),
                rs.getString("region_code"),
                rs.getString("file_name"),
                rs.getString("requested_by"),
                Rows.instant(rs, "requested_at"),
                Status.valueOf(rs.getString("status")),
                rs.getLong("total"),
                rs.getLong("written"),
                rs.getObject("size_bytes", Long.class),
                rs.getString("sha256"),
                Rows.instant(rs, "finished_at"),
                rs.getString("error"));
    }
}
