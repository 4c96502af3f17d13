package org.fangpin.assessment.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.fangpin.assessment.AssessmentPlans;
import org.fangpin.assessment.Indicators;
import org.fangpin.assessment.PlanScorecards;
import org.fangpin.assessment.RuralPopulations;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 考核评估 over HTTP: the indicators (as data), plans over counties, their approval and scoring, the scorecards kept
 * with their inputs and the households behind each figure, a county's live self-assessment, the rural population.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "assessment",
        description = "考核评估与抽查 · Assessment and sample draws (recomputable from the frame and the seed, ADR 0022)")
class AssessmentController {

    private final AssessmentPlans plans;
    private final PlanScorecards scorecards;
    private final Indicators indicators;
    private final RuralPopulations rural;
    private final ScorecardWorkbook workbook;

    AssessmentController(
            AssessmentPlans plans,
            PlanScorecards scorecards,
            Indicators indicators,
            RuralPopulations rural,
            ScorecardWorkbook workbook) {
        this.plans = plans;
        this.scorecards = scorecards;
        this.indicators = indicators;
        this.rural = rural;
        this.workbook = workbook;
    }

    @PostMapping("/assessments")
    @Operation(
            operationId = "openAssessmentPlan",
            summary = "发起考核评估 · Open a plan (年度/平时/交叉/第三方) for counties in the caller's scope; at most"
                    + " county_assessments_per_year_max a county a year (409), a 第三方评估 below the province waits"
                    + " for its approval")
    @Refusals({409})
    ResponseEntity<AssessmentPlans.AssessmentPlan> open(@RequestBody AssessmentPlans.PlanRequest body) {
        AssessmentPlans.AssessmentPlan p = plans.open(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(p.version()))
                .body(p);
    }

    @GetMapping("/assessments")
    @Operation(
            operationId = "listAssessmentPlans",
            summary = "考核评估计划 · Plans organised in the caller's scope or assessing a county of it, newest first")
    List<AssessmentPlans.AssessmentPlan> list(
            @RequestParam(required = false) Integer year, @RequestParam(defaultValue = "100") int limit) {
        return plans.list(year, limit);
    }

    @GetMapping("/assessments/{id}")
    @Operation(
            operationId = "getAssessmentPlan",
            summary = "考核评估计划详情 · A plan with the counties the caller may read; ETag = its version")
    ResponseEntity<AssessmentPlans.AssessmentPlan> get(@PathVariable long id) {
        AssessmentPlans.AssessmentPlan p = plans.get(id);
        return ResponseEntity.ok().eTag(RequestSupport.etag(p.version())).body(p);
    }

    @PostMapping("/assessments/{id}/approval")
    @Operation(
            operationId = "decideAssessmentPlan",
            summary = "省级审批第三方评估 · The province approves or refuses (with its reason) a 第三方评估 opened below" + " it")
    @Refusals({409})
    ResponseEntity<AssessmentPlans.AssessmentPlan> decide(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssessmentPlans.ApprovalDecision body) {
        AssessmentPlans.AssessmentPlan p = plans.decide(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(p.version())).body(p);
    }

    @PostMapping("/assessments/{id}/scorecards")
    @Operation(
            operationId = "scoreAssessmentPlan",
            summary = "计算并封存考核结果 · Compute every active indicator of each county as of the plan's day and keep"
                    + " the figures with their inputs (once)")
    @Refusals({409})
    ResponseEntity<AssessmentPlans.AssessmentPlan> score(
            @PathVariable long id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        AssessmentPlans.AssessmentPlan p = plans.score(id, RequestSupport.ifMatchVersion(ifMatch));
        return ResponseEntity.ok().eTag(RequestSupport.etag(p.version())).body(p);
    }

    @GetMapping("/assessments/{id}/scorecards")
    @Operation(
            operationId = "listScorecards",
            summary = "考核结果 · The kept scorecards of the plan's counties the caller may read (empty before scoring)")
    List<PlanScorecards.CountyScorecard> scorecards(@PathVariable long id) {
        return scorecards.scorecards(id);
    }

    @PutMapping("/assessments/{id}/scorecards/{county}/narrative")
    @Operation(
            operationId = "writeScorecardNarrative",
            summary = "定性分析 · The organiser's narrative beside a scored county's figures (the figures stay as kept)")
    @Refusals({409})
    PlanScorecards.CountyScorecard narrate(
            @PathVariable long id, @PathVariable String county, @RequestBody PlanScorecards.Narrative body) {
        return scorecards.narrate(id, county, body);
    }

    @GetMapping("/assessments/{id}/scorecards/export")
    @Operation(
            operationId = "exportScorecards",
            summary = "考核结果表 · The kept scorecards of the plan as an XLSX workbook (one sheet per county)")
    ResponseEntity<byte[]> export(@PathVariable long id) {
        Locale locale = LocaleContextHolder.getLocale();
        AssessmentPlans.AssessmentPlan p = plans.get(id);
        return Downloads.attachment(workbook.fileName(p, locale), MediaType.parseMediaType(FindingLedger.XLSX))
                .body(workbook.write(p, scorecards.scorecards(id), locale));
    }

    @GetMapping("/assessments/{id}/scorecards/{county}/indicators/{code}/households")
    @Operation(
            operationId = "listScorecardHouseholds",
            summary = "指标明细 · The households that count against one indicator of a scored county (failing what it"
                    + " should meet, or meeting what it should not), by village")
    List<PlanScorecards.AgainstHousehold> against(
            @PathVariable long id,
            @PathVariable String county,
            @PathVariable String code,
            @RequestParam(defaultValue = "1000") int limit) {
        return scorecards.against(id, county, code, limit);
    }

    @GetMapping("/assessments/self-assessment")
    @Operation(
            operationId = "selfAssessment",
            summary = "自评 · A county's indicators computed now as of a day (default today) over the period from"
                    + " (default 1 January): never official, never kept")
    PlanScorecards.CountyScorecard selfAssessment(
            @RequestParam String county,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate asOf) {
        return scorecards.selfAssessment(county, from, asOf);
    }

    @GetMapping("/indicators")
    @Operation(
            operationId = "listIndicators",
            summary = "考核指标 · Every indicator: its population, filter and condition (rule expressions), threshold"
                    + " parameter and whether it is hard")
    List<Indicators.IndicatorDefinition> indicators() {
        return indicators.list();
    }

    @PutMapping("/indicators/{code}")
    @Operation(
            operationId = "saveIndicator",
            summary = "定义或修改考核指标 · Define an indicator or change one (If-Match its version); applies to"
                    + " scorecards computed afterwards")
    ResponseEntity<Indicators.IndicatorDefinition> saveIndicator(
            @PathVariable String code,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Indicators.IndicatorDefinition body) {
        Indicators.IndicatorDefinition d =
                indicators.save(code, ifMatch == null ? null : RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(d.version())).body(d);
    }

    @GetMapping("/rural-population")
    @Operation(
            operationId = "listRuralPopulation",
            summary = "农村人口 · The rural population of the counties in the caller's scope for a year")
    List<RuralPopulations.RuralPopulation> ruralPopulation(@RequestParam int year) {
        return rural.list(year);
    }

    @PutMapping("/rural-population/{county}/{year}")
    @Operation(
            operationId = "setRuralPopulation",
            summary = "录入农村人口 · A county's rural population in a year from the statistics office (the"
                    + " denominator of the incidence)")
    RuralPopulations.RuralPopulation setRuralPopulation(
            @PathVariable String county,
            @PathVariable int year,
            @RequestBody RuralPopulations.RuralPopulationEntry body) {
        return rural.set(county, year, body);
    }
}
