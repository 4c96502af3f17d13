package org.fangpin.monitoring.internal;

import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The scheduled monitoring run of the server (default daily at 02:30, {@code fangpin.monitoring.schedule}, a cron
 * expression; "-" turns it off). Daily is cheap: alerts already open are not repeated, so a new feed batch turns into
 * alerts by the next morning.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class MonitoringSchedule {

    private static final Logger log = LoggerFactory.getLogger(MonitoringSchedule.class);

    private final MonitoringRuns runs;

    MonitoringSchedule(MonitoringRuns runs) {
        this.runs = runs;
    }

    @Scheduled(cron = "${fangpin.monitoring.schedule:0 30 2 * * *}")
    void run() {
        try {
            MonitoringRuns.Run r = SystemActor.call("daily-monitoring", () -> runs.run(null));
            log.info("Scheduled monitoring run {}: {} flagged, {} alerts", r.id(), r.flagged(), r.alerts());
        } catch (RuntimeException e) {
            log.error("Scheduled monitoring run failed (recorded as FAILED)", e);
        }
    }
}
