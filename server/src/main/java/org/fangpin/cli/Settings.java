package org.fangpin.cli;

import java.util.List;
import java.util.Set;

/**
 * The platform's own settings ({@code fangpin.*}), so that a mistyped one on the command line is an error rather than
 * silently ignored (Spring ignores names nothing reads). {@code CommandLineTest} keeps the list true to the sources
 * and to the README.
 */
final class Settings {

    /** Every {@code fangpin.*} setting read with {@code @Value}. */
    static final Set<String> KEYS = Set.of(
            "fangpin.api.rate-limit.per-minute",
            "fangpin.attachments.max-bytes",
            "fangpin.audit.anchor-file",
            "fangpin.audit.anchor-interval",
            "fangpin.demo.on-empty-start",
            "fangpin.demo.persons",
            "fangpin.demo.seed",
            "fangpin.feeds.drop-dir",
            "fangpin.feeds.drop-interval",
            "fangpin.feeds.drop-settle",
            "fangpin.import.work-dir",
            "fangpin.lake.dir",
            "fangpin.lake.memory-limit",
            "fangpin.lake.threads",
            "fangpin.monitoring.engine",
            "fangpin.monitoring.keep-results",
            "fangpin.monitoring.schedule",
            "fangpin.quality.schedule",
            "fangpin.reporting.daily-snapshot-schedule",
            "fangpin.reporting.export-dir",
            "fangpin.reporting.export-progress-rows",
            "fangpin.reporting.export-prune-schedule",
            "fangpin.reporting.snapshot-schedule",
            "fangpin.security.admin-password",
            "fangpin.security.lock-duration",
            "fangpin.security.max-failures");

    /** The groups bound with {@code @ConfigurationProperties}: any name under them. */
    static final List<String> GROUPS = List.of("fangpin.embedded-db.", "fangpin.crypto.", "fangpin.monitoring.spark.");

    private Settings() {}

    /**
     * Checks {@code --name=value} arguments: each must have that form, and a {@code fangpin.*} name must be one of
     * the platform's; else an {@link IllegalArgumentException} whose message is the one line the user sees.
     */
    static void check(List<String> args) {
        for (String a : args) {
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("not a --name=value setting: " + a);
            }
            // a bare --name is Spring's switch (e.g. --debug)
            String name = a.contains("=") ? a.substring(2, a.indexOf('=')) : a.substring(2);
            if (name.startsWith("fangpin.")
                    && !KEYS.contains(name)
                    && GROUPS.stream().noneMatch(name::startsWith)) {
                throw new IllegalArgumentException(
                        "unknown setting --" + name + " (the fangpin.* settings are listed" + " in the README)");
            }
        }
    }
}
