package org.fangpin.reporting.internal;

import java.time.Clock;
import java.time.LocalDate;
import org.fangpin.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Freezes the figures of each month's last day early on the first of the next (default 00:20 China Standard Time,
 * {@code fangpin.reporting.snapshot-schedule}, a cron expression; "-" turns it off), so that month-end figures are
 * ready before anyone asks and reflect the data as they stood when the month closed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class MonthlySnapshots {

    private static final Logger log = LoggerFactory.getLogger(MonthlySnapshots.class);

    private final Snapshots snapshots;
    private final Clock clock;

    MonthlySnapshots(Snapshots snapshots, Clock clock) {
        this.snapshots = snapshots;
        this.clock = clock;
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
    }
}
