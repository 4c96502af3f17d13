package org.fangpin.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Loads a generated demo county through the real importers; on first start when the database is empty. */
@Component
public class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private final RegionImporter regions;
    private final HouseholdImporter households;
    private final Registry registry;
    private final boolean onEmptyStart;
    private final long persons;
    private final long seed;

    DemoLoader(
            RegionImporter regions,
            HouseholdImporter households,
            Registry registry,
            @Value("${fangpin.demo.on-empty-start:false}") boolean onEmptyStart,
            @Value("${fangpin.demo.persons:100000}") long persons,
            @Value("${fangpin.demo.seed:20210101}") long seed) {
        this.regions = regions;
        this.households = households;
        this.registry = registry;
        this.onEmptyStart = onEmptyStart;
        this.persons = persons;
        this.seed = seed;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (onEmptyStart && registry.householdCount() == 0) {
            log.info("Empty database: generating a demo county of {} persons (seed {})", persons, seed);
            load(persons, seed);
        }
    }

    public void load(long persons, long seed) {
        Path dir;
        try {
            dir = Files.createTempDirectory("fangpin-demo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DemoPopulation.Result files = DemoPopulation.write(DemoPopulation.Spec.of(persons, seed), dir);
            ImportReport r = regions.importFile(files.regionsCsv(), "demo-regions.csv", "demo", Locale.CHINA);
            if (!r.applied()) {
                throw new IllegalStateException("demo regions rejected: " + r.errors());
            }
            ImportReport h = households.importFile(
                    files.householdsCsv(),
                    "demo-households.csv",
                    "demo",
                    Locale.CHINA,
                    new HouseholdImporter.Options(null, "演示数据 demo data"));
            if (!h.applied()) {
                throw new IllegalStateException("demo households rejected: " + h.errors());
            }
            log.info(
                    "Demo data loaded: {} regions, {} households, {} persons",
                    files.regions(),
                    files.households(),
                    files.persons());
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                log.warn("could not remove {}", dir);
            }
        }
    }
}
