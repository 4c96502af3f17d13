package org.fangpin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.registry.HouseholdColumn;
import org.fangpin.registry.IdNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPopulationTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesTheSameFilesAndAnotherSeedDoesNot() throws Exception {
        DemoPopulation.Result a = DemoPopulation.write(DemoPopulation.Spec.of(5000, 7), dir.resolve("a"));
        DemoPopulation.Result b = DemoPopulation.write(DemoPopulation.Spec.of(5000, 7), dir.resolve("b"));
        DemoPopulation.Result c = DemoPopulation.write(DemoPopulation.Spec.of(5000, 8), dir.resolve("c"));
        assertThat(Files.readAllBytes(a.householdsCsv())).isEqualTo(Files.readAllBytes(b.householdsCsv()));
        assertThat(Files.readAllBytes(a.householdsCsv())).isNotEqualTo(Files.readAllBytes(c.householdsCsv()));
        assertThat(a.persons()).isEqualTo(5000);
    }

    @Test
    void populationLooksLikeARuralCounty() throws Exception {
        DemoPopulation.Result r = DemoPopulation.write(DemoPopulation.Spec.of(30_000, 1), dir);
        List<String> lines = Files.readAllLines(r.householdsCsv());
        int id = HouseholdColumn.ID_NUMBER.ordinal();
        int no = HouseholdColumn.HOUSEHOLD_NO.ordinal();
        int health = HouseholdColumn.HEALTH.ordinal();
        int grade = HouseholdColumn.HOUSING_GRADE.ordinal();
        Set<String> ids = new HashSet<>();
        Map<String, Integer> sizes = new HashMap<>();
        int chronic = 0;
        int unsafeHousing = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            assertThat(IdNumber.problem(c[id], LocalDate.of(2026, 6, 30)))
                    .as(c[id])
                    .isEmpty();
            assertThat(ids.add(c[id])).as("unique " + c[id]).isTrue();
            sizes.merge(c[no], 1, Integer::sum);
            chronic += c[health].equals("长期慢性病") ? 1 : 0;
            unsafeHousing += c[grade].equals("C") || c[grade].equals("D") ? 1 : 0;
        }
        assertThat(ids).hasSize(30_000);
        assertThat(sizes.values()).allMatch(s -> s >= 1 && s <= 8);
        double mean = 30_000.0 / sizes.size();
        assertThat(mean).isBetween(2.8, 3.8);
        assertThat(chronic / 30_000.0).isBetween(0.03, 0.08);
        assertThat(unsafeHousing / 30_000.0).isBetween(0.02, 0.08);
    }

    @Test
    void nationalTreeHasTheRealSize() {
        long n = DemoPopulation.writeNationalRegions(dir.resolve("n.csv"));
        assertThat(n).isBetween(650_000L, 670_000L);
    }
}
