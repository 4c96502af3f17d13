package org.fangpin.monitoring.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.monitoring.Alerts;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.monitoring.PolicyPeriods;
import org.fangpin.security.UserAccounts;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "monitoring",
        description = "动态监测：政策参数、规则集、监测运行和风险预警 · Monitoring: policy parameters, rule sets, runs and risk alerts")
class MonitoringController {

    private final PolicyParameters parameters;
    private final PolicyPeriods periods;
    private final RuleSets ruleSets;
    private final MonitoringRuns runs;
    private final Alerts alerts;

    private final Clock clock;

    private final Messages messages;

    MonitoringController(
            PolicyParameters parameters,
            PolicyPeriods periods,
            RuleSets ruleSets,
            MonitoringRuns runs,
            Alerts alerts,
            Messages messages,
            Clock clock) {
        this.messages = messages;
        this.clock = clock;
        this.parameters = parameters;
        this.periods = periods;
        this.ruleSets = ruleSets;
        this.runs = runs;
        this.alerts = alerts;
    }

    record IndicatorDoc(String id, String zh, String en, String type, String unit, List<String> feeds) {}

    @GetMapping("/monitoring/indicators")
    @Operation(
            operationId = "listIndicators",
            summary = "监测指标 · The indicators rule expressions may use, with their sources")
    List<IndicatorDoc> indicators() {
        return Arrays.stream(Indicator.values())
                .map(i -> new IndicatorDoc(
                        i.id(),
                        i.zh(),
                        i.en(),
                        i.type().name(),
                        i.unit(),
                        i.feeds().stream().map(Enum::name).toList()))
                .toList();
    }

    @GetMapping("/monitoring/parameters")
    @Operation(
            operationId = "listParameters",
            summary = "政策参数 · Policy parameters and the values in force for a province on a date")
    Map<String, Object> parameters(
            @RequestParam(required = false) String province,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return Map.of(
                "definitions", parameters.definitions(),
                // a business date: China Standard Time, not the server's zone
                "inForce", parameters.resolve(province, date == null ? LocalDate.now(clock) : date));
    }

    @GetMapping("/monitoring/parameters/{key}")
    @Operation(
            operationId = "getParameterHistory",
            summary = "政策参数历史 · Every value a parameter has had, national and provincial")
    List<PolicyParameters.Value> parameterHistory(@PathVariable String key) {
        parameters.definition(key).orElseThrow(() -> ApiException.notFound("monitoring.parameter.not-found", key));
        return parameters.history(key);
    }

    record ParameterValue(String provinceCode, LocalDate validFrom, BigDecimal value, String sourceNote) {}

    @PostMapping("/monitoring/parameters/{key}")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "setParameter",
            summary = "设置省级参数值 · Set a province's value of a parameter from a date (province users, own province)")
    @Refusals(409)
    PolicyParameters.Value setParameter(@PathVariable String key, @RequestBody ParameterValue v) {
        return parameters.set(key, v.provinceCode(), v.validFrom(), v.value(), v.sourceNote());
    }

    @GetMapping("/monitoring/policy-periods")
    @Operation(
            operationId = "listPolicyPeriods",
            summary = "政策时期 · Policy periods (national and provincial), with their dates and sources")
    List<PolicyPeriods.Period> policyPeriods() {
        return periods.list();
    }

    @PostMapping("/monitoring/policy-periods")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "addPolicyPeriod",
            summary = "新增本省政策时期 · Start a province's next policy period from a date (province users, own province)")
    @Refusals(409)
    PolicyPeriods.Period addPolicyPeriod(@RequestBody PolicyPeriods.NewPeriod period) {
        return periods.add(period);
    }

    @GetMapping("/monitoring/rule-sets")
    @Operation(
            operationId = "listRuleSets",
            summary = "规则集列表 · All rule sets: national and provincial, drafts and active")
    List<RuleSets.RuleSet> ruleSets() {
        return ruleSets.list();
    }

    @GetMapping("/monitoring/rule-sets/{id}")
    @Operation(operationId = "getRuleSet", summary = "规则集详情 · A rule set with its rules")
    RuleSets.RuleSet ruleSet(@PathVariable UUID id) {
        return ruleSets.get(id);
    }

    @PostMapping("/monitoring/rule-sets")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createRuleSet",
            summary = "新建规则集草稿 · Create a draft rule set (province users, own province)")
    RuleSets.RuleSet createDraft(@RequestBody RuleSets.Draft draft) {
        return ruleSets.createDraft(draft);
    }

    @PutMapping("/monitoring/rule-sets/{id}")
    @Operation(operationId = "updateRuleSet", summary = "修改规则集草稿 · Change a draft rule set")
    @Refusals(409)
    RuleSets.RuleSet updateDraft(@PathVariable UUID id, @RequestBody RuleSets.Draft draft) {
        return ruleSets.updateDraft(id, draft);
    }

    @DeleteMapping("/monitoring/rule-sets/{id}")
    @Operation(
            operationId = "deleteRuleSet",
            summary = "删除规则集草稿 · Delete a draft rule set (never one that was in force)")
    @Refusals(409)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteDraft(@PathVariable UUID id) {
        ruleSets.deleteDraft(id);
    }

    record Activation(LocalDate effectiveFrom) {}

    @PostMapping("/monitoring/rule-sets/{id}/activate")
    @Operation(operationId = "activateRuleSet", summary = "启用规则集 · Freeze a draft and put it in force from a date")
    @Refusals(409)
    RuleSets.RuleSet activate(@PathVariable UUID id, @RequestBody Activation a) {
        return ruleSets.activate(id, a.effectiveFrom());
    }

    @GetMapping("/monitoring/runs")
    @Operation(operationId = "listRuns", summary = "监测运行记录 · Monitoring runs, newest first")
    List<MonitoringRuns.Run> runs(@RequestParam(defaultValue = "50") int limit) {
        return runs.list(limit);
    }

    @GetMapping("/monitoring/runs/{id}")
    @Operation(operationId = "getRun", summary = "监测运行详情 · A run: its steps, counts and timing")
    MonitoringRuns.Run run(@PathVariable UUID id) {
        return runs.get(id);
    }

    record RunRequest(LocalDate asOf) {}

    @PostMapping("/monitoring/runs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "startRun",
            summary = "发起监测 · Run monitoring now (as of a date, default today): creates alerts")
    MonitoringRuns.Run start(@RequestBody(required = false) RunRequest r) {
        return runs.run(r == null ? null : r.asOf());
    }

    @PostMapping("/monitoring/what-if")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "whatIf",
            summary =
                    "模拟测算 · What-if: a draft rule set and/or changed parameters against the rules in force; no alerts")
    MonitoringRuns.Run whatIf(@RequestBody MonitoringRuns.WhatIf request) {
        return runs.whatIf(request);
    }

    @GetMapping("/alerts")
    @Operation(
            operationId = "listAlerts",
            summary = "预警列表 · Alerts in the caller's region with their explanations, filtered and sorted; newest"
                    + " first by default (keyset: before=<last id>; other orders: offset)")
    List<Alerts.Alert> alerts(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) Alerts.Status status,
            @RequestParam(required = false) String assignedTo,
            @RequestParam(required = false) UUID run,
            @RequestParam(required = false) Long household,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "NEWEST") Alerts.Sort sort,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        Alerts.Filter f =
                new Alerts.Filter(region, status, assignedTo, run, household, rule, category, severity, from, to);
        return alerts.listExplained(new Alerts.Query(f, sort, before, offset, limit));
    }

    @GetMapping("/alerts/counts")
    @Operation(
            operationId = "countAlerts",
            summary = "预警统计 · Alerts by status in the caller's region, under the list's filters (status aside)")
    Map<Alerts.Status, Long> counts(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String assignedTo,
            @RequestParam(required = false) UUID run,
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return alerts.counts(
                new Alerts.Filter(region, null, assignedTo, run, null, rule, category, severity, from, to));
    }

    @GetMapping("/alerts/assignees")
    @Operation(
            operationId = "listAlertAssignees",
            summary = "可指派人员 · Village and township users the caller may give alerts of a region to (default:"
                    + " the caller's whole region)")
    List<UserAccounts.Person> assignees(@RequestParam(required = false) String region) {
        return alerts.assignees(region);
    }

    /** Many alerts to one user, or each to its village's cadre. */
    record BulkAssignment(List<Long> ids, String assignee, boolean eachToVillageCadre) {}

    @PostMapping("/alerts/assignments")
    @Operation(
            operationId = "assignAlerts",
            summary = "批量分派 · Assign many alerts (township, county) to one user, or each to its village's cadre;"
                    + " returns how many were assigned and each one left, with the reason")
    Alerts.Bulk assignAll(@RequestBody BulkAssignment body) {
        if ((body.assignee() == null || body.assignee().isBlank()) != body.eachToVillageCadre()) {
            throw ApiException.invalid("assignee", messages.get("monitoring.alert.bulk-target"));
        }
        return alerts.assignAll(
                body.ids() == null ? List.of() : body.ids(),
                body.eachToVillageCadre() ? null : body.assignee().strip());
    }

    @GetMapping("/alerts/{id}")
    @Operation(
            operationId = "getAlert",
            summary = "预警详情 · An alert with its explanation and sources; ETag = its version")
    ResponseEntity<Alerts.Alert> alert(@PathVariable long id) {
        Alerts.Alert a = alerts.get(id);
        return ResponseEntity.ok().eTag(RequestSupport.etag(a.version())).body(a);
    }

    @GetMapping("/alerts/{id}/events")
    @Operation(
            operationId = "listAlertEvents",
            summary = "预警处理记录 · Every step of an alert: raised, assigned, verified, handed over")
    List<Alerts.Event> events(@PathVariable long id) {
        return alerts.events(id);
    }

    record Assignment(String assignee) {}

    @PostMapping("/alerts/{id}/assign")
    @Operation(operationId = "assignAlert", summary = "分派预警 · Assign to a cadre (township, county); requires If-Match")
    @Refusals(409)
    ResponseEntity<Alerts.Alert> assign(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Assignment body) {
        return tagged(alerts.assign(id, RequestSupport.ifMatchVersion(ifMatch), body.assignee()));
    }

    record Verification(boolean confirmed, String note) {}

    @PostMapping("/alerts/{id}/verify")
    @Operation(
            operationId = "verifyAlert",
            summary = "预警核实 · Record the on-the-spot check: confirmed or dismissed, with a note; requires If-Match")
    @Refusals(409)
    ResponseEntity<Alerts.Alert> verify(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Verification body) {
        return tagged(alerts.verify(id, RequestSupport.ifMatchVersion(ifMatch), body.confirmed(), body.note()));
    }

    @PostMapping("/alerts/{id}/hand-over")
    @Operation(
            operationId = "handOverAlert",
            summary = "转入识别认定 · Hand a confirmed alert to case work; requires If-Match")
    @Refusals(409)
    ResponseEntity<Alerts.Alert> hand(
            @PathVariable long id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return tagged(alerts.hand(id, RequestSupport.ifMatchVersion(ifMatch)));
    }

    private static ResponseEntity<Alerts.Alert> tagged(Alerts.Alert a) {
        return ResponseEntity.ok().eTag(RequestSupport.etag(a.version())).body(a);
    }
}
