package org.fangpin.registry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.ImportRunner;
import org.fangpin.region.DataScope;
import org.fangpin.registry.internal.HouseholdFileChecks;
import org.fangpin.registry.internal.HouseholdLoad;
import org.fangpin.registry.internal.HouseholdMerge;
import org.fangpin.registry.internal.HouseholdStaging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bulk import of households and members (CSV or XLSX, the {@link HouseholdColumn} template). All-or-nothing and
 * idempotent: each row is checked as it streams by COPY into a staging table ({@link HouseholdStaging}); the file is
 * checked as a whole in SQL (duplicate ID numbers, households whose rows disagree, exactly one head, known villages:
 * {@link HouseholdFileChecks}); only then are new records inserted and changed records versioned, while identical
 * ones are left alone ({@link HouseholdMerge}).
 *
 * <p>Members already registered in an imported household but absent from the file are left as they are: removing
 * a person takes an explicit, reasoned delete.
 */
@Service
public class HouseholdImporter {

    public static final String KIND = "households";

    private final ImportRunner runner;
    private final JdbcClient jdbc;
    private final Messages messages;
    private final Clock clock;
    private final DataScope dataScope;
    private final HouseholdFileChecks fileChecks;
    private final HouseholdStaging staging;
    private final HouseholdMerge merge;

    HouseholdImporter(
            ImportRunner runner,
            JdbcClient jdbc,
            Messages messages,
            Clock clock,
            DataScope dataScope,
            HouseholdFileChecks fileChecks,
            HouseholdStaging staging,
            HouseholdMerge merge) {
        this.runner = runner;
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
        this.dataScope = dataScope;
        this.fileChecks = fileChecks;
        this.staging = staging;
        this.merge = merge;
    }

    /** Options of one import: the date the data is effective from (default today) and why it is imported. */
    public record Options(LocalDate effectiveDate, String reason) {}

    public ImportReport importFile(Path file, String fileName, String user, Locale locale, Options options) {
        LocalDate today = LocalDate.now(clock);
        LocalDate effective = options.effectiveDate() == null ? today : options.effectiveDate();
        String reason = options.reason() == null || options.reason().isBlank()
                ? messages.get(locale, "import.reason.default", fileName)
                : options.reason();
        DataScope.Scope scope = dataScope.current();
        return runner.run(new ImportRunner.Request(KIND, file, fileName, user, locale), (id, reader, conn, errors) -> {
            HouseholdLoad load = new HouseholdLoad(
                    jdbc, messages, id, reader, conn, errors, locale, today, effective, user, reason, scope);
            return load(load);
        });
    }

    /** The steps of one import, in the runner's transaction; each only when every step before it passed. */
    private ImportRunner.Counts load(HouseholdLoad load) {
        fileChecks.header(load);
        if (load.rejected()) {
            return new ImportRunner.Counts(0, 0, 0, 0);
        }
        long rows = staging.stage(load);
        fileChecks.asWhole(load, !load.rejected());
        load.phase("file checks");
        if (load.rejected()) {
            return new ImportRunner.Counts(rows, 0, 0, 0);
        }
        return merge.apply(load, rows);
    }
}
