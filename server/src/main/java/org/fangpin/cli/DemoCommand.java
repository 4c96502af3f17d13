package org.fangpin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fangpin.demo.DemoLoader;
import org.fangpin.demo.DemoPopulation;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        description = "Generate a synthetic population; with --out write files, else load into the database")
class DemoCommand extends SpringOptions {

    @Option(names = "--persons", defaultValue = "100000")
    long persons;

    @Option(names = "--seed", defaultValue = "20210101")
    long seed;

    @Option(names = "--out", description = "directory for regions.csv, households.csv (and .parquet with --parquet)")
    Path out;

    @Option(names = "--parquet", description = "also write households.parquet (via DuckDB)")
    boolean parquet;

    @Override
    Integer work() throws Exception {
        if (out != null) {
            long t0 = System.nanoTime();
            DemoPopulation.Result r = DemoPopulation.write(DemoPopulation.Spec.of(persons, seed), out);
            System.out.printf(
                    "wrote %d regions, %d households, %d persons to %s in %d ms%n",
                    r.regions(), r.households(), r.persons(), out, (System.nanoTime() - t0) / 1_000_000);
            if (parquet) {
                Path pq = out.resolve("households.parquet");
                Files.deleteIfExists(pq);
                DemoPopulation.toParquet(r.householdsCsv(), pq);
                System.out.printf("wrote %s%n", pq);
            }
            return 0;
        }
        try (ConfigurableApplicationContext ctx = AppContext.start(springProperties())) {
            ctx.getBean(DemoLoader.class).load(persons, seed);
        }
        return 0;
    }
}
