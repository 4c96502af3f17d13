package org.fangpin.registry.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fangpin.common.importing.RowError;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdColumn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The checks of a household file as a whole: its columns and effective date before any row is read; once the
 * rows are staged, in SQL over {@code hh_stage}, duplicate ID numbers, households whose rows disagree, exactly one
 * head, known villages inside the importer's scope. Also builds {@code hh_first}, the first row of each household,
 * which the merge takes the household's data from.
 */
@Component
public class HouseholdFileChecks {

    private final JdbcClient jdbc;
    private final RegionDirectory regions;

    HouseholdFileChecks(JdbcClient jdbc, RegionDirectory regions) {
        this.jdbc = jdbc;
        this.regions = regions;
    }

    /** Required columns present, an identity (or v1 status) column, an effective date not in the future. */
    public void header(HouseholdLoad load) {
        for (HouseholdColumn c : EnumSet.allOf(HouseholdColumn.class)) {
            if (c.required() && !load.cols.has(c)) {
                load.errors.add(new RowError(1, c.header(), "", load.msg("import.error.missing-column")));
            }
        }
        if (!load.cols.has(HouseholdColumn.IDENTITY) && !load.cols.has(HouseholdColumn.STATUS)) {
            load.errors.add(
                    new RowError(1, HouseholdColumn.IDENTITY.header(), "", load.msg("import.error.missing-column")));
        }
        if (load.effective.isAfter(load.today)) {
            load.errors.add(
                    new RowError(0, "", load.effective.toString(), load.msg("registry.error.effective-future")));
        }
    }

    /**
     * The staged file as a whole; the head count only when every row was valid (a rejected row may be the head).
     */
    public void asWhole(HouseholdLoad load, boolean rowsValid) {
        load.sqlErrors("""
                with d as (select id_number_hash, min(line) first_line from hh_stage
                           group by id_number_hash having count(*) > 1)
                select s.line, s.id_number_masked, d.first_line from hh_stage s join d using (id_number_hash)
                where s.line <> d.first_line order by s.line""", HouseholdColumn.ID_NUMBER, rs ->
                new String[] {rs.apply(2), load.msg("registry.error.duplicate-id-in-file", rs.apply(3))});
        load.phase("check duplicate ids");
        // one aggregate per household finds those whose rows disagree or that lack exactly one head, and the
        // first row of each, whose household data the merge takes (the rows of a household that passes agree)
        jdbc.sql("""
                create temp table hh_first on commit drop as
                select household_no, min(line) first_line, min(h_hash) <> max(h_hash) differ,
                       count(*) filter (where relation = 'HEAD') heads
                from hh_stage group by household_no""").update();
        load.sqlErrors("""
                with f as (select b.household_no, b.first_line, s.h_hash from hh_first b
                           join hh_stage s on s.line = b.first_line where b.differ)
                select s.line, s.household_no, f.first_line from hh_stage s join f using (household_no)
                where s.h_hash <> f.h_hash order by s.line""", HouseholdColumn.HOUSEHOLD_NO, rs ->
                new String[] {rs.apply(2), load.msg("registry.error.household-rows-differ", rs.apply(3))});
        load.phase("check households");
        if (rowsValid) {
            load.sqlErrors(
                    "select first_line, household_no, heads from hh_first where heads <> 1 order by first_line",
                    HouseholdColumn.RELATION,
                    rs -> new String[] {rs.apply(2), load.msg("registry.error.one-head", rs.apply(3))});
        }
        // villages that exist on the effective date, asked of the region module (a file names a few hundred)
        List<String> villages = jdbc.sql("select distinct village_code from hh_stage")
                .query(String.class)
                .list();
        Set<String> known = regions.findAll(villages).stream()
                .filter(r -> r.level() == RegionLevel.VILLAGE
                        && (r.validTo() == null || r.validTo().isAfter(load.effective)))
                .map(Region::code)
                .collect(Collectors.toSet());
        List<String> unknown = villages.stream().filter(v -> !known.contains(v)).toList();
        if (!unknown.isEmpty()) {
            load.sqlErrors(
                    "select line, village_code from hh_stage where village_code = any(:unknown) order by line",
                    HouseholdColumn.VILLAGE_CODE,
                    rs -> new String[] {rs.apply(2), load.msg("registry.error.village")},
                    Map.of("unknown", unknown.toArray(String[]::new)));
        }
        load.phase("check villages");
        // only villages inside the importer's own region
        List<String> outside =
                villages.stream().filter(v -> !load.scope.covers(v)).toList();
        if (!outside.isEmpty()) {
            load.sqlErrors(
                    "select line, village_code from hh_stage where village_code = any(:outside) order by line",
                    HouseholdColumn.VILLAGE_CODE,
                    rs -> new String[] {rs.apply(2), load.msg("scope.outside", rs.apply(2))},
                    Map.of("outside", outside.toArray(String[]::new)));
        }
    }
}
