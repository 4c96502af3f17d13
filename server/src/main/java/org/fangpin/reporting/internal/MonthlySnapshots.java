package org.fangpin.reporting.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import org.fangpin.reporting.Reports;
import org.fangpin.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Freezes the figures of each month's last day early on the first of the next (default 00:20 China Standard Time,
 * {@code fangpin.reporting.snapshot-schedule}, a cron expression; "-" turns it off), so that month-end figures are
 * ready before anyone asks and reflect the data as they stood when the month closed; then starts the monthly
 * reports of every county and township for that month ({@link Reports}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class MonthlySnapshots {

    private static final Logger log = LoggerFactory.getLogger(MonthlySnapshots.class);

    private final Snapshots snapshots;
    private final Reports reports;
    private final Clock clock;

    MonthlySnapshots(Snapshots snapshots, Reports reports, Clock clock) {
        this.snapshots = snapshots;
        this.reports = reports;
        this.clock = clock;
    }

    /**
     * Each night (default 01:30 China Standard Time, {@code fangpin.reporting.daily-snapshot-schedule}; "-" off) the
     * close of yesterday, which a province's and a city's figures for "today" read (T+1); a week's are kept.
     */
    @Scheduled(cron = "${fangpin.reporting.daily-snapshot-schedule:0 30 1 * * *}", zone = "Asia/Shanghai")
    void closeYesterday() {
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        try {
            Snapshots.Snapshot s = SystemActor.call(
                    "daily-statistics",
                    () -> snapshots.freezes(yesterday) ? snapshots.of(yesterday) : snapshots.daily(yesterday));
            int pruned = SystemActor.call("daily-statistics", () -> snapshots.prune(7));
            log.info(
                    "Statistics of {} closed: snapshot {} ({} cells); {} old daily removed",
                    yesterday,
                    s.id(),
                    s.cells(),
                    pruned);
        } catch (RuntimeException e) {
            log.error("Statistics of {} not closed (provinces and cities are counted live today)", yesterday, e);
        }
    }

    @Scheduled(cron = "${fangpin.reporting.snapshot-schedule:0 20 0 1 * *}", zone = "Asia/Shanghai")
    void freezeLastMonth() {
        LocalDate monthEnd = LocalDate.now(clock).withDayOfMonth(1).minusDays(1);
        try {
            Snapshots.Snapshot s = SystemActor.call("monthly-statistics", () -> snapshots.of(monthEnd));
            log.info("Month-end statistics of {} frozen: snapshot {} ({} cells)", monthEnd, s.id(), s.cells());
        } catch (RuntimeException e) {
            log.error("Month-end statistics of {} not frozen (computed on first request instead)", monthEnd, e);
        }
        // then every county's and township's monthly report of that month, in the background
        try {
            Reports.ReportRun run =
                    SystemActor.call("monthly-reports", () -> reports.start(null, YearMonth.from(monthEnd), null));
            log.info("Monthly reports of {}: run {} for {} regions", YearMonth.from(monthEnd), run.id(), run.total());
        } catch (RuntimeException e) {
            log.error("Monthly reports of {} not started", YearMonth.from(monthEnd), e);
        }
    }
}
