package org.fangpin.quality.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.quality.QualityChecks;
import org.fangpin.quality.QualityIssueState;
import org.fangpin.quality.QualityIssues;
import org.fangpin.quality.QualityRuns;
import org.fangpin.quality.Reconciliations;
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

/** 数据质量 over HTTP: the checks, runs, the issues of a region and the villages' scores, an issue's answer. */
@RestController
@RequestMapping("/api/v1/quality")
@Tag(name = "quality", description = "数据质量 · Data-quality checks, their issues and the villages' scores")
class QualityController {

    private final QualityChecks checks;
    private final QualityRuns runs;
    private final QualityIssues issues;
    private final QualityWorklist worklist;

    private final Reconciliations reconciliations;

    QualityController(
            QualityChecks checks,
            QualityRuns runs,
            QualityIssues issues,
            QualityWorklist worklist,
            Reconciliations reconciliations) {
        this.reconciliations = reconciliations;
        this.checks = checks;
        this.runs = runs;
        this.issues = issues;
        this.worklist = worklist;
    }

    @GetMapping("/checks")
    @Operation(operationId = "listQualityChecks", summary = "数据质量核查规则 · Every check: its source, condition and weight")
    List<QualityChecks.QualityCheck> checks() {
        return checks.list();
    }

    @PutMapping("/checks/{code}")
    @Operation(
            operationId = "saveQualityCheck",
            summary = "定义或修改核查规则 · Define a check or change one (If-Match its version); applies from the next run")
    ResponseEntity<QualityChecks.QualityCheck> save(
            @PathVariable String code,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody QualityChecks.QualityCheck body) {
        QualityChecks.QualityCheck c =
                checks.save(code, ifMatch == null ? null : RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(c.version())).body(c);
    }

    @PostMapping("/runs")
    @Operation(
            operationId = "runQualityChecks",
            summary = "运行数据质量核查 · Run every active check as of a day (default today): new findings open issues,"
                    + " those no longer found are closed")
    ResponseEntity<QualityRuns.QualityRun> run(@RequestParam(required = false) LocalDate asOf) {
        return ResponseEntity.status(HttpStatus.CREATED).body(runs.run(asOf));
    }

    @GetMapping("/runs")
    @Operation(operationId = "listQualityRuns", summary = "核查记录 · The runs, newest first")
    List<QualityRuns.QualityRun> runs(@RequestParam(defaultValue = "20") int limit) {
        return runs.list(limit);
    }

    @GetMapping("/issues")
    @Operation(
            operationId = "listQualityIssues",
            summary = "数据质量问题清单 · Issues of a region in the caller's scope (live ones unless a state is asked),"
                    + " with the open ones per check")
    QualityIssues.IssuePage list(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String check,
            @RequestParam(required = false) QualityIssueState state,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return issues.list(region, check, state, offset, limit);
    }

    @GetMapping("/issues/export")
    @Operation(
            operationId = "exportQualityWorklist",
            summary = "数据质量问题整改清单 · The live issues of a region as an XLSX worklist, by village")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String region) {
        Locale locale = LocaleContextHolder.getLocale();
        return Downloads.attachment(worklist.fileName(locale), MediaType.parseMediaType(QualityWorklist.XLSX))
                .body(worklist.write(region, locale));
    }

    @GetMapping("/issues/{id}")
    @Operation(operationId = "getQualityIssue", summary = "数据质量问题 · One issue with its facts; ETag = its version")
    ResponseEntity<QualityIssues.QualityIssue> get(@PathVariable long id) {
        QualityIssues.QualityIssue i = issues.get(id);
        return ResponseEntity.ok().eTag(RequestSupport.etag(i.version())).body(i);
    }

    @PostMapping("/issues/{id}/review")
    @Operation(
            operationId = "reviewQualityIssue",
            summary = "答复数据质量问题 · The village answers an open issue: fixed (the next run confirms it), explained"
                    + " or a false positive, with its reason")
    @Refusals({409})
    ResponseEntity<QualityIssues.QualityIssue> review(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody QualityIssues.IssueAnswer body) {
        QualityIssues.QualityIssue i = issues.review(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(i.version())).body(i);
    }

    @GetMapping("/villages")
    @Operation(
            operationId = "listQualityVillages",
            summary = "村级数据质量得分 · Each village of a region: households, unresolved issues per check and its"
                    + " score (100 − Σ weight × issues per 100 households), the lowest first")
    List<QualityIssues.VillageScore> villages(@RequestParam(required = false) String region) {
        return issues.villages(region);
    }

    @GetMapping("/reconciliation")
    @Operation(
            operationId = "listReconciliations",
            summary = "县级对账 · Per county of a region: 账账相符 (监测对象 with no plan; eliminations decided by a case that"
                    + " the registry does not show; inclusions and eliminations with their cases) and 账实相符 (households"
                    + " the checks against the departments' data still find; households checked in the field and found"
                    + " wrong, over the draws the caller may read)")
    List<Reconciliations.CountyReconciliation> reconciliation(@RequestParam(required = false) String region) {
        return reconciliations.counties(region);
    }
}
