package org.fangpin.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdExporter;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Export a region's households and members in the import template")
class ExportCommand extends SpringOptions {

    @Parameters(index = "0", description = "households")
    String kind;

    @Option(names = "--region", required = true, description = "12-digit region code")
    String region;

    @Option(names = "--out", required = true, description = "output file (.csv or .xlsx)")
    Path out;

    @Override
    Integer work() throws Exception {
        if (!"households".equals(kind)) {
            throw new IllegalArgumentException("unknown kind: " + kind + " (households)");
        }
        HouseholdExporter.Format format = out.toString().toLowerCase().endsWith(".xlsx")
                ? HouseholdExporter.Format.XLSX
                : HouseholdExporter.Format.CSV;
        try (ConfigurableApplicationContext ctx = AppContext.start(springProperties())) {
            Region r = ctx.getBean(RegionDirectory.class)
                    .find(region)
                    .orElseThrow(() -> new IllegalArgumentException("unknown region " + region));
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
                long n = ctx.getBean(HouseholdExporter.class).export(r.subtree(), format, os);
                System.out.printf("exported %d persons of %s %s to %s%n", n, r.code(), r.name(), out);
            }
        }
        return 0;
    }
}
