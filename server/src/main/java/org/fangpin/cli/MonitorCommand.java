package org.fangpin.cli;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.monitoring.PolicyParameters;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "monitor",
        description = "Monitoring: run (creates alerts) or what-if (a draft rule set and/or parameters; no alerts)")
class MonitorCommand extends SpringOptions {

    @Parameters(index = "0", description = "run | what-if")
    String what;

    @Option(names = "--as-of", description = "the run's date (default today)")
    LocalDate asOf;

    @Option(names = "--draft", description = "what-if: a draft rule set id")
    UUID draft;

    @Option(names = "--set", description = "what-if: a parameter value, e.g. --set monitoring_line=7000")
    Map<String, BigDecimal> set = new LinkedHashMap<>();

    @Override
    Integer work() {
        try (ConfigurableApplicationContext ctx = AppContext.start(springProperties())) {
            MonitoringRuns runs = ctx.getBean(MonitoringRuns.class);
            MonitoringRuns.Run r = switch (what) {
                case "run" -> runs.run(asOf);
                case "what-if" -> runs.whatIf(new MonitoringRuns.WhatIf(asOf, draft, set));
                default -> throw new IllegalArgumentException("unknown monitor command " + what + " (run, what-if)");
            };
            System.out.printf(
                    "%s %s as of %s: %s households, %s flagged, %s alerts created, %s already covered, %d ms%n",
                    r.kind(),
                    r.id(),
                    r.asOf(),
                    r.households(),
                    r.flagged(),
                    r.alerts(),
                    r.suppressed(),
                    r.durationMs());
            System.out.println("rule sets: " + r.ruleSets());
            System.out.println("result digest: " + r.resultDigest());
            if (r.kind() == MonitoringRuns.Kind.WHAT_IF) {
                System.out.println("difference: " + r.summary());
            }
            Messages messages = ctx.getBean(Messages.class);
            for (PolicyParameters.StaleValue stale :
                    ctx.getBean(PolicyParameters.class).staleMonitoringLines(r.asOf())) {
                System.out.println("warning: " + messages.get(stale.messageKey(), stale.args()));
            }
            return 0;
        }
    }
}
