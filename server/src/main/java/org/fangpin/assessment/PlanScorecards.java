package org.fangpin.assessment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fangpin.assessment.AssessmentPlans.AssessmentPlan;
import org.fangpin.assessment.AssessmentPlans.PlanCounty;
import org.fangpin.assessment.AssessmentPlans.ScorecardResult;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.Registry;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scorecards of {@link AssessmentPlans}: each county's kept figures once a plan is scored (never changed), the
 * organiser's 定性分析 beside them, the households counting against an indicator, and a county's self-assessment —
 * computed live as of a day, never official and never kept.
 */
@Service
public class PlanScorecards {

    /**
     * A county's indicators: kept with a plan ({@code official}) or computed live as a self-assessment; with the
     * organiser's narrative (定性分析) once written.
     */
    public record CountyScorecard(
            Long planId,
            String county,
            String countyName,
            boolean official,
            LocalDate periodFrom,
            LocalDate asOf,
            ScorecardResult result,
            List<Scorecards.IndicatorResult> indicators,
            String narrative) {}

    /** The organiser's narrative of a county's results (定性分析, 004:595). */
    public record Narrative(String text) {}

    /** A household counting against an indicator, with its number and village. */
    public record AgainstHousehold(
            long householdId, String householdNo, String villageCode, String villageName, String group) {}

    private final AssessmentPlans plans;
    private final JdbcClient jdbc;
    private final Scorecards scorecards;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Registry registry;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;

    PlanScorecards(
            AssessmentPlans plans,
            JdbcClient jdbc,
            Scorecards scorecards,
            DataScope dataScope,
            RegionDirectory regions,
            Registry registry,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages) {
        this.plans = plans;
        this.jdbc = jdbc;
        this.scorecards = scorecards;
        this.dataScope = dataScope;
        this.regions = regions;
        this.registry = registry;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
    }

    /** The scorecards of a plan's counties the caller may read (empty before scoring). */
    @Transactional(readOnly = true)
    public List<CountyScorecard> scorecards(long id) {
        AssessmentPlan p = plans.get(id);
        if (p.scoredAt() == null) {
            return List.of();
        }
        return p.counties().stream().map(c -> kept(p, c)).toList();
    }

    /** One county's scorecard of a plan (404 when the county is not one the caller may read). */
    @Transactional(readOnly = true)
    public CountyScorecard scorecard(long id, String county) {
        AssessmentPlan p = plans.get(id);
        PlanCounty c = p.counties().stream()
                .filter(x -> x.code().equals(county))
                .findFirst()
                .filter(x -> p.scoredAt() != null)
                .orElseThrow(() -> ApiException.notFound("assessment.plan.county-not-found", county, id));
        return kept(p, c);
    }

    private CountyScorecard kept(AssessmentPlan p, PlanCounty c) {
        List<Scorecards.IndicatorResult> rs = scorecards.frozen(p.id(), c.code());
        return new CountyScorecard(
                p.id(),
                c.code(),
                c.name(),
                true,
                p.periodFrom(),
                p.asOf(),
                ScorecardResult.of(rs),
                rs,
                narrative(p.id(), c.code()));
    }

    /**
     * The organiser writes (or rewrites) the narrative beside a scored county's figures; the figures stay as kept.
     * 403 below the organising level, 409 before scoring, 422 without text.
     */
    @Transactional
    public CountyScorecard narrate(long id, String county, Narrative n) {
        AssessmentPlan p = plans.lock(id);
        if (!dataScope.current().covers(p.organiserRegion())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "assessment.plan.not-organiser", List.of(), id);
        }
        if (p.counties().stream().noneMatch(c -> c.code().equals(county))) {
            throw ApiException.notFound("assessment.plan.county-not-found", county, id);
        }
        if (p.scoredAt() == null) {
            throw ApiException.conflict("assessment.plan.unscored.conflict", id);
        }
        List<FieldProblem> problems = new ArrayList<>();
        Required.text(messages, problems, "text", n.text(), 4000);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String before = narrative(id, county);
        jdbc.sql("""
                        update assessment_plan_county set narrative = ?, narrative_by = ?, narrative_at = now()
                        where plan_id = ? and county_code = ?""").params(n.text().strip(), actor.username(), id, county).update();
        events.publishEvent(new AuditableChange(
                "assessment_plan",
                id + "/" + county,
                "ASSESSMENT_NARRATIVE_WRITTEN",
                before == null ? null : Map.of("note", before),
                Map.of("note", n.text().strip()),
                county));
        return scorecard(id, county);
    }

    private String narrative(long id, String county) {
        return jdbc.sql("select narrative from assessment_plan_county where plan_id = ? and county_code = ?")
                .params(id, county)
                .query((rs, i) -> rs.getString(1))
                .optional()
                .orElse(null);
    }

    /** The households that count against one indicator of a scored county, by village (at most {@code limit}). */
    @Transactional(readOnly = true)
    public List<AgainstHousehold> against(long id, String county, String indicator, int limit) {
        CountyScorecard s = scorecard(id, county);
        if (s.indicators().stream().noneMatch(r -> r.code().equals(indicator))) {
            throw ApiException.notFound("assessment.indicator.not-found", indicator);
        }
        List<Scorecards.Against> rows = scorecards.against(id, county, indicator, Math.max(1, Math.min(limit, 5000)));
        Map<Long, Registry.Standing> standings = registry.standings(
                rows.stream().map(Scorecards.Against::householdId).toList());
        Map<String, String> names = regions.names(
                rows.stream().map(Scorecards.Against::villageCode).distinct().toList());
        return rows.stream()
                .map(a -> new AgainstHousehold(
                        a.householdId(),
                        standings.containsKey(a.householdId())
                                ? standings.get(a.householdId()).householdNo()
                                : null,
                        a.villageCode(),
                        names.getOrDefault(a.villageCode(), a.villageCode()),
                        a.group()))
                .toList();
    }

    /**
     * A county's indicators computed now as of a day (default today) over the period from {@code from} (default 1
     * January of that year): a self-assessment, never official and never kept. 404 outside the caller's scope.
     */
    @Transactional(readOnly = true)
    public CountyScorecard selfAssessment(String county, LocalDate from, LocalDate asOf) {
        Region region = county == null ? null : regions.find(county).orElse(null);
        if (region == null
                || region.level() != RegionLevel.COUNTY
                || !dataScope.current().covers(county)) {
            throw ApiException.notFound("assessment.plan.county-not-found", county, "-");
        }
        LocalDate day = asOf == null ? scorecards.today() : asOf;
        LocalDate start = from == null ? LocalDate.of(day.getYear(), 1, 1) : from;
        if (day.isAfter(scorecards.today()) || start.isAfter(day)) {
            throw ApiException.invalid("asOf", messages.get("assessment.plan.period"));
        }
        List<Scorecards.IndicatorResult> rs = scorecards.compute(county, start, day);
        return new CountyScorecard(null, county, region.name(), false, start, day, ScorecardResult.of(rs), rs, null);
    }
}
