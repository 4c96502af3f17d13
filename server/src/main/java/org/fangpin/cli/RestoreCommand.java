package org.fangpin.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.fangpin.database.DatabaseBackup;
import org.fangpin.database.DatabaseOnly;
import org.fangpin.security.AuditLog;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "restore",
        description = "Load a backup into an empty data directory or database (and an empty lake), migrate it to this"
                + " release, then verify the audit chain; the keys the backup names must be configured")
class RestoreCommand extends SpringOptions {

    @Parameters(index = "0", description = "a file written by `backup`")
    Path file;

    @Override
    Integer work() throws Exception {
        DatabaseBackup.Manifest m = DatabaseBackup.read(file);
        try (ConfigurableApplicationContext ctx = DatabaseOnly.start(springProperties())) {
            DatabaseBackup.requireEmpty(ctx.getBean(DataSource.class), lake(ctx));
        }
        // the application's own migrations (Java ones included) build the schema the backup was taken at
        Map<String, Object> atBackup = new LinkedHashMap<>(springProperties());
        atBackup.put("spring.flyway.target", m.schemaVersion());
        atBackup.put("fangpin.monitoring.schedule", "-");
        try (ConfigurableApplicationContext ctx = AppContext.start(atBackup)) {
            DatabaseBackup.load(ctx.getBean(DataSource.class), lake(ctx), file);
            Flyway flyway = ctx.getBean(Flyway.class);
            Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .target(MigrationVersion.LATEST)
                    .load()
                    .migrate();
        }
        long rows = m.tables().stream().mapToLong(DatabaseBackup.Table::rows).sum();
        System.out.println("restored " + m.tables().size() + " tables, " + rows + " rows, " + m.lakeFiles()
                + " lake files (taken " + m.takenAt() + ", schema version " + m.schemaVersion() + ")");
        // the application starts on the restored data: its key check refuses keys other than those that sealed it
        try (ConfigurableApplicationContext app = AppContext.start(springProperties())) {
            Optional<Long> broken = app.getBean(AuditLog.class).verify();
            if (broken.isPresent()) {
                System.out.println("audit log BROKEN at entry " + broken.get());
                return 3;
            }
            System.out.println("audit log intact");
            return 0;
        }
    }

    static Path lake(ConfigurableApplicationContext ctx) {
        return Path.of(ctx.getEnvironment().getProperty("fangpin.lake.dir", "./data/lake"));
    }
}
