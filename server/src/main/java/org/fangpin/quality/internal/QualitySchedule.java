package org.fangpin.quality.internal;

import org.fangpin.quality.QualityRuns;
import org.fangpin.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The scheduled data-quality run of the server (default daily at 04:00, after the monitoring run;
 * {@code fangpin.quality.schedule}, a cron expression, "-" turns it off): what the villages fixed is confirmed and
 * closed by the next morning, what a new feed shows is on their worklist.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class QualitySchedule {

    private static final Logger log = LoggerFactory.getLogger(QualitySchedule.class);

    private final QualityRuns runs;

    QualitySchedule(QualityRuns runs) {
        this.runs = runs;
    }

    @Scheduled(cron = "${fangpin.quality.schedule:0 0 4 * * *}")
    void run() {
        try {
            QualityRuns.QualityRun r = SystemActor.call("daily-quality", () -> runs.run(null));
            log.info(
                    "Scheduled data-quality run {}: {} found, {} opened, {} reopened, {} closed",
                    r.id(),
                    r.flagged(),
                    r.opened(),
                    r.reopened(),
                    r.closed());
        } catch (RuntimeException e) {
            log.error("Scheduled data-quality run failed; the issues are as they were", e);
        }
    }
}
