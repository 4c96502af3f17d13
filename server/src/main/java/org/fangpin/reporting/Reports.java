package org.fangpin.reporting;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.reporting.internal.MonthlySummaries;
import org.fangpin.reporting.internal.RegionReach;
import org.fangpin.security.Actor;
import org.fangpin.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 上报报表: each county's and township's monthly report (统计月报) as PDF and XLSX, generated in the background — on the
 * first of each month for the month that ended, or on request for one's region — and kept with the snapshot of
 * figures it was computed from. A report never changes (the database refuses an update); a corrected one is a new
 * version with its reason, and the old one stays downloadable. Users read the reports of their region and below.
 */
@Service
public class Reports {

    private static final Logger log = LoggerFactory.getLogger(Reports.class);

    /** A report as listed: no file contents. */
    public record MonthlyReport(
            long id,
            YearMonth month,
            String regionCode,
            String regionName,
            RegionLevel level,
            int version,
            Long snapshotId,
            boolean live,
            LocalDate asOf,
            String reason,
            String pdfSha256,
            String xlsxSha256,
            Instant generatedAt,
            String generatedBy) {}

    /** A generation: how far it has come. */
    public record ReportRun(
            UUID id,
            YearMonth month,
            String regionCode,
            String reason,
            Instant startedAt,
            String startedBy,
            int total,
            int done,
            int made,
            int failed,
            Instant finishedAt,
            String error) {

        public boolean finished() {
            return finishedAt != null;
        }

        public int percent() {
            return total == 0 ? 100 : done * 100 / total;
        }
    }

    /** A file of a report. */
    public record ReportFile(String name, String contentType, byte[] bytes) {}

    private final JdbcClient jdbc;
    private final RegionReach reach;
    private final RegionDirectory regions;
    private final DataScope dataScope;
    private final MonthlySummaries summaries;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "monthly-reports");
        t.setDaemon(true);
        return t;
    });

    Reports(
            JdbcClient jdbc,
            RegionReach reach,
            RegionDirectory regions,
            DataScope dataScope,
            MonthlySummaries summaries,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jdbc = jdbc;
        this.reach = reach;
        this.regions = regions;
        this.dataScope = dataScope;
        this.summaries = summaries;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** A run a restart interrupted never finishes: it is marked so, and can be started again. */
    @PostConstruct
    void interruptedRuns() {
        jdbc.sql(
                        "update report_run set finished_at = now(), error = 'interrupted by a restart' where finished_at is null")
                .update();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * Starts generating the month's reports of every county and township in {@code region} (null: one's own; the
     * system: all) that has none yet — or, with a {@code reason}, a new version of each (a correction). Returns at
     * once; {@link #run} tells how far it has come. 422 for a month that has not begun.
     */
    public ReportRun start(String region, YearMonth month, String reason) {
        LocalDate today = LocalDate.now(clock);
        // a report is of a month that has ended: made earlier, it would stand in for the month-end one
        if (month == null || !month.atEndOfMonth().isBefore(today)) {
            throw ApiException.invalid("month", messages.get("report.error.month"));
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw ApiException.invalid("reason", messages.get("report.error.reason"));
        }
        Region root = null;
        List<Region> targets = new ArrayList<>();
        // every county and township only for the system itself (the schedule); a user within their reach (403 for a
        // user who has none)
        if (region == null && dataScope.current() instanceof DataScope.Scope.System) {
            targets.addAll(regions.atLevel(RegionLevel.COUNTY));
            targets.addAll(regions.atLevel(RegionLevel.TOWNSHIP));
        } else {
            RegionReach.Reached r = reach.reach(region);
            root = r.region();
            for (RegionLevel level : List.of(RegionLevel.COUNTY, RegionLevel.TOWNSHIP)) {
                for (Region x : regions.atLevel(level)) {
                    if (r.range().contains(x.code())) {
                        targets.add(x);
                    }
                }
            }
        }
        targets.removeIf(x -> x.validTo() != null && x.validTo().isBefore(month.atDay(1)));
        if (targets.isEmpty()) {
            throw ApiException.invalid("region", messages.get("report.error.none"));
        }
        UUID id = UUID.randomUUID();
        String who = actor.username();
        jdbc.sql("insert into report_run (id, month, region_code, reason, started_by, total) values (?, ?, ?, ?, ?, ?)")
                .params(id, month.atDay(1), root == null ? null : root.code(), why, who, targets.size())
                .update();
        events.publishEvent(new AuditableChange(
                "report-run",
                id.toString(),
                "START",
                null,
                Map.of("month", month.toString(), "regions", targets.size(), "reason", why == null ? "" : why),
                root == null ? null : root.code()));
        List<Region> list = List.copyOf(targets);
        worker.submit(() -> SystemActor.run("monthly-reports", () -> generate(id, month, list, why, who)));
        return run(id);
    }

    private void generate(UUID id, YearMonth month, List<Region> targets, String reason, String who) {
        int made = 0;
        // reports go upward in Chinese, whatever the language of the page that asked for them
        LocaleContextHolder.setLocale(Messages.DEFAULT_LOCALE);
        try {
            for (Region r : targets) {
                try {
                    if (make(id, month, r, reason, who)) {
                        made++;
                    }
                    jdbc.sql("update report_run set done = done + 1, made = ? where id = ?")
                            .params(made, id)
                            .update();
                } catch (RuntimeException e) {
                    log.error("Monthly report of {} for {} not made", r.code(), month, e);
                    jdbc.sql("update report_run set done = done + 1, failed = failed + 1, error = ? where id = ?")
                            .params(r.code() + ": " + e.getMessage(), id)
                            .update();
                }
            }
        } finally {
            jdbc.sql("update report_run set finished_at = now() where id = ?")
                    .param(id)
                    .update();
        }
    }

    /** One region's report: made when none exists, or as a new version when there is a reason. */
    private boolean make(UUID run, YearMonth month, Region region, String reason, String who) {
        Integer last = jdbc.sql("select max(version) from report where month = ? and region_code = ?")
                .params(month.atDay(1), region.code())
                .query(Integer.class)
                .optional()
                .orElse(null);
        if (last != null && reason == null) {
            return false;
        }
        MonthlySummaries.Summary s = summaries.read(region.code(), month.toString());
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        summaries.write(s, pdf);
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        summaries.writeXlsx(s, xlsx);
        Statistics.Source src = s.byCategory().source();
        int version = last == null ? 1 : last + 1;
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                    insert into report (month, region_code, version, snapshot_id, live, as_of, reason, pdf, xlsx,
                                        pdf_sha256, xlsx_sha256, generated_by, run_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            month.atDay(1),
                            region.code(),
                            version,
                            src.snapshot(),
                            src.live(),
                            src.asOf(),
                            version == 1 ? null : reason,
                            pdf.toByteArray(),
                            xlsx.toByteArray(),
                            sha256(pdf.toByteArray()),
                            sha256(xlsx.toByteArray()),
                            who,
                            run)
                    .update();
        });
        return true;
    }

    /** A generation, if it is the caller's to see (its region within the caller's scope). */
    public ReportRun run(UUID id) {
        ReportRun r = jdbc.sql("select * from report_run where id = ?")
                .param(id)
                .query((rs, i) -> new ReportRun(
                        rs.getObject("id", UUID.class),
                        YearMonth.from(rs.getObject("month", LocalDate.class)),
                        rs.getString("region_code"),
                        rs.getString("reason"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getString("started_by"),
                        rs.getInt("total"),
                        rs.getInt("done"),
                        rs.getInt("made"),
                        rs.getInt("failed"),
                        Optional.ofNullable(rs.getTimestamp("finished_at"))
                                .map(Timestamp::toInstant)
                                .orElse(null),
                        rs.getString("error")))
                .optional()
                .orElseThrow(() -> ApiException.notFound("report.run.not-found", id));
        if (!visible(r)) {
            throw ApiException.notFound("report.run.not-found", id);
        }
        return r;
    }

    /** A run is the system's and its region's users' (and theirs above it) to see. */
    private boolean visible(ReportRun r) {
        DataScope.Scope scope = dataScope.current();
        return scope instanceof DataScope.Scope.System
                || (scope instanceof DataScope.Scope.Subtree && r.regionCode() != null && scope.covers(r.regionCode()));
    }

    /** The latest generations the caller may see. */
    public List<ReportRun> runs(int limit) {
        DataScope.Scope scope = dataScope.current();
        if (!(scope instanceof DataScope.Scope.System) && !(scope instanceof DataScope.Scope.Subtree)) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        String where = scope instanceof DataScope.Scope.System
                ? "true"
                : "region_code is not null and " + scope.condition("region_code", params);
        params.put("limit", Math.max(1, Math.min(limit, 50)));
        List<UUID> ids = jdbc.sql("select id from report_run where " + where + " order by started_at desc limit :limit")
                .params(params)
                .query(UUID.class)
                .list();
        return ids.stream().map(this::run).toList();
    }

    /** The reports of a month over a region (null: one's own) and below, every version, region by region. */
    public List<MonthlyReport> list(String region, YearMonth month) {
        RegionReach.Reached r = reach.reach(region);
        return jdbc.sql("""
                        select id, month, region_code, version, snapshot_id, live, as_of, reason, pdf_sha256,
                               xlsx_sha256, generated_at, generated_by
                        from report where month = ? and region_code between ? and ?
                        order by region_code, version desc""")
                .params(month.atDay(1), r.range().low(), r.range().high())
                .query((rs, i) -> {
                    String code = rs.getString("region_code");
                    Optional<Region> reg = regions.find(code);
                    return new MonthlyReport(
                            rs.getLong("id"),
                            YearMonth.from(rs.getObject("month", LocalDate.class)),
                            code,
                            reg.map(Region::name).orElse(code),
                            reg.map(Region::level).orElse(null),
                            rs.getInt("version"),
                            (Long) rs.getObject("snapshot_id"),
                            rs.getBoolean("live"),
                            rs.getObject("as_of", LocalDate.class),
                            rs.getString("reason"),
                            rs.getString("pdf_sha256"),
                            rs.getString("xlsx_sha256"),
                            rs.getTimestamp("generated_at").toInstant(),
                            rs.getString("generated_by"));
                })
                .list();
    }

    /** A report's PDF or XLSX, for users of its region and above; 404 otherwise. */
    public ReportFile file(long id, boolean pdf) {
        Map<String, Object> row = jdbc
                .sql("select region_code, month, version, " + (pdf ? "pdf" : "xlsx")
                        + " as bytes from report where id = ?")
                .param(id)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("report.not-found", id));
        String code = (String) row.get("region_code");
        if (!dataScope.current().covers(code)) {
            throw ApiException.notFound("report.not-found", id);
        }
        String name = regions.find(code).map(Region::name).orElse(code) + "-"
                + YearMonth.from(((java.sql.Date) row.get("month")).toLocalDate()) + "-"
                + messages.get("report.file") + "-v" + row.get("version") + (pdf ? ".pdf" : ".xlsx");
        return new ReportFile(
                name,
                pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                (byte[]) row.get("bytes"));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
