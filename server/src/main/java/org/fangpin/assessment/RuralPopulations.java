package org.fangpin.assessment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 农村人口 per county and year, as the statistics office gives it: the denominator of the 返贫致贫发生率. Entered (or
 * corrected) by those who organise assessments for counties in their scope; read by anyone whose scope covers the
 * county.
 */
@Service
public class RuralPopulations {

    /** A county's rural population in a year, with where the figure comes from. */
    public record RuralPopulation(
            String county,
            String countyName,
            int year,
            int persons,
            String sourceNote,
            String recordedBy,
            Instant recordedAt) {}

    /** The figure as entered. */
    public record RuralPopulationEntry(Integer persons, String sourceNote) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;

    RuralPopulations(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
    }

    /** Records a county's figure for a year, replacing the one before (both kept in the audit chain). */
    @Transactional
    public RuralPopulation set(String county, int year, RuralPopulationEntry e) {
        Region region = regions.find(county).orElse(null);
        if (region == null
                || region.level() != RegionLevel.COUNTY
                || !dataScope.current().covers(county)) {
            throw ApiException.notFound("assessment.plan.county-not-found", county, "-");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (year < 2013 || year > 2100) {
            problems.add(FieldProblem.of("year", messages.get("assessment.plan.year")));
        }
        if (e.persons() == null || e.persons() < 1) {
            problems.add(FieldProblem.of("persons", messages.get("assessment.rural.persons")));
        }
        Required.text(messages, problems, "sourceNote", e.sourceNote(), 500);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Integer before = jdbc.sql("select persons from rural_population where county_code = ? and year = ? for update")
                .params(county, year)
                .query(Integer.class)
                .optional()
                .orElse(null);
        jdbc.sql("""
                        insert into rural_population (county_code, year, persons, source_note, recorded_by)
                        values (?, ?, ?, ?, ?)
                        on conflict (county_code, year) do update set persons = excluded.persons,
                            source_note = excluded.source_note, recorded_by = excluded.recorded_by,
                            recorded_at = now()""")
                .params(county, year, e.persons(), e.sourceNote().strip(), actor.username())
                .update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("year", year);
        after.put("persons", e.persons());
        after.put("sourceNote", e.sourceNote().strip());
        events.publishEvent(new AuditableChange(
                "rural_population",
                county + "/" + year,
                "RURAL_POPULATION_RECORDED",
                before == null ? null : Map.of("persons", before),
                after,
                county));
        return list(year).stream()
                .filter(r -> r.county().equals(county))
                .findFirst()
                .orElseThrow();
    }

    /** The figures of a year for the counties in the caller's scope. */
    @Transactional(readOnly = true)
    public List<RuralPopulation> list(int year) {
        Map<String, Object> p = new HashMap<>();
        p.put("year", year);
        List<RuralPopulation> rows = jdbc.sql("select * from rural_population where year = :year and "
                        + dataScope.current().condition("county_code", p) + " order by county_code")
                .params(p)
                .query((rs, i) -> new RuralPopulation(
                        rs.getString("county_code"),
                        null,
                        rs.getInt("year"),
                        rs.getInt("persons"),
                        rs.getString("source_note"),
                        rs.getString("recorded_by"),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
        Map<String, String> names =
                regions.names(rows.stream().map(RuralPopulation::county).toList());
        return rows.stream()
                .map(r -> new RuralPopulation(
                        r.county(),
                        names.getOrDefault(r.county(), r.county()),
                        r.year(),
                        r.persons(),
                        r.sourceNote(),
                        r.recordedBy(),
                        r.recordedAt()))
                .toList();
    }
}
