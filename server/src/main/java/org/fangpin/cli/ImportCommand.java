package org.fangpin.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.RowError;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Import a file (all-or-nothing): regions FILE | households FILE")
class ImportCommand extends SpringOptions {

    @Parameters(index = "0", description = "regions | households")
    String kind;

    @Parameters(index = "1", description = "CSV or XLSX file")
    Path file;

    @Option(names = "--effective-date", description = "date the data is effective from (default today)")
    LocalDate effectiveDate;

    @Option(names = "--reason", description = "why this import is made (kept in history)")
    String reason;

    @Option(names = "--user", defaultValue = "cli", description = "author recorded in history")
    String user;

    @Option(names = "--lang", defaultValue = "zh", description = "language of the error report: zh | en")
    String lang;

    @Override
    Integer work() {
        Locale locale = Locale.forLanguageTag(lang);
        try (ConfigurableApplicationContext ctx = AppContext.start(springProperties())) {
            ImportReport r = switch (kind) {
                case "regions" ->
                    ctx.getBean(RegionImporter.class)
                            .importFile(file, file.getFileName().toString(), user, locale);
                case "households" ->
                    ctx.getBean(HouseholdImporter.class)
                            .importFile(
                                    file,
                                    file.getFileName().toString(),
                                    user,
                                    locale,
                                    new HouseholdImporter.Options(effectiveDate, reason));
                default -> throw new IllegalArgumentException("unknown kind: " + kind + " (regions | households)");
            };
            print(r);
            return r.applied() ? 0 : 2;
        }
    }

    static void print(ImportReport r) {
        System.out.printf(
                "%s %s: applied=%s rows=%d inserted=%d updated=%d unchanged=%d errors=%d in %d ms (%d rows/s)%n",
                r.kind(),
                r.fileName(),
                r.applied(),
                r.rows(),
                r.inserted(),
                r.updated(),
                r.unchanged(),
                r.errorCount(),
                r.duration().toMillis(),
                r.rowsPerSecond());
        for (RowError e : r.errors().subList(0, Math.min(20, r.errors().size()))) {
            System.out.printf("  row %d, %s [%s]: %s%n", e.row(), e.column(), e.value(), e.reason());
        }
        if (r.errorCount() > 20) {
            System.out.printf(
                    "  ... %d more; full report in the import's error file (id %s)%n", r.errorCount() - 20, r.id());
        }
    }
}
