package org.fangpin.cli;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.fangpin.database.DatabaseBackup;
import org.fangpin.database.DatabaseOnly;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "backup",
        description = "A consistent copy of every table, the schema version, the ids of the keys that sealed the data"
                + " (never the keys) and the lake's files, in one zip; the server may keep running")
class BackupCommand extends SpringOptions {

    @Option(names = "--out", required = true, description = "the backup file to write, e.g. fangpin-2026-12-04.zip")
    Path out;

    @Override
    Integer work() throws Exception {
        try (ConfigurableApplicationContext ctx = DatabaseOnly.start(springProperties())) {
            DatabaseBackup.Manifest m =
                    DatabaseBackup.write(ctx.getBean(DataSource.class), RestoreCommand.lake(ctx), out);
            long rows =
                    m.tables().stream().mapToLong(DatabaseBackup.Table::rows).sum();
            System.out.println("backup " + out.toAbsolutePath() + ": schema version " + m.schemaVersion() + ", "
                    + m.tables().size() + " tables, " + rows + " rows, " + m.lakeFiles() + " lake files");
            System.out.println("sealed with key ids " + m.sealedWith()
                    + ": keep these keys (not in the backup) to read the restored ID and phone numbers");
            return 0;
        }
    }
}
