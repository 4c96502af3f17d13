package org.fangpin.monitoring.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.feed.FeedType;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.monitoring.PolicyPeriods;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages for the monitoring mechanism itself: the rules and policy values in force, the runs with what each read and
 * found, a run now, and a what-if (changed values or a draft rule set) shown as the difference from the rules in
 * force, by rule and region, in charts.
 */
@Controller
class MonitoringPageController {

    private static final List<String> COLORS = List.of("#9aa5b1", "#b3261e", "#29a36a", "#e4572e");

    private final MonitoringRuns runs;
    private final RuleSets ruleSets;
    private final PolicyParameters parameters;
    private final PolicyPeriods periods;
    private final RegionDirectory regions;
    private final Actor.Current actor;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    private final Permissions permissions;

    MonitoringPageController(
            MonitoringRuns runs,
            RuleSets ruleSets,
            PolicyParameters parameters,
            PolicyPeriods periods,
            RegionDirectory regions,
            Actor.Current actor,
            Messages messages,
            JsonMapper json,
            Clock clock,
            Permissions permissions) {
        this.runs = runs;
        this.ruleSets = ruleSets;
        this.parameters = parameters;
        this.periods = periods;
        this.regions = regions;
        this.actor = actor;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
        this.permissions = permissions;
    }

    @GetMapping("/monitoring")
    String overview(Model model) {
        LocalDate today = LocalDate.now(clock);
        String province = province();
        model.addAttribute("today", today);
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("runs", runs.list(30));
        RuleSets.RuleSet inForce = ruleSets.inForce(province, today).orElse(null);
        model.addAttribute("ruleSet", inForce);
        model.addAttribute(
                "ruleWords", inForce == null ? Map.of() : ruleSets.words(inForce.rules(), messages.locale()));
        model.addAttribute(
                "drafts",
                ruleSets.list().stream()
                        .filter(r -> r.status() == RuleSets.Status.DRAFT)
                        .toList());
        model.addAttribute("definitions", parameters.definitions());
        model.addAttribute("values", parameters.resolve(province, today));
        model.addAttribute("province", province);
        model.addAttribute("canRun", permissions.has(Permission.MONITORING_CONFIGURE));
        // a province's user sees its own province's warning; a national one every province's
        model.addAttribute(
                "staleLines",
                parameters.staleMonitoringLines(today).stream()
                        .filter(x -> province == null || province.equals(x.provinceCode()))
                        .toList());
        model.addAttribute("period", periods.at(province, today).orElse(null));
        return "monitoring";
    }

    @PostMapping("/monitoring/runs")
    String run(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            RedirectAttributes flash) {
        MonitoringRuns.Run r = runs.run(asOf);
        return "redirect:/monitoring/runs/" + r.id();
    }

    /** A what-if with the values changed on the form (only those that differ from the ones in force). */
    @PostMapping("/monitoring/what-if")
    String whatIf(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) UUID draft,
            @RequestParam Map<String, String> form,
            RedirectAttributes flash) {
        LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
        Map<String, PolicyParameters.Value> inForce = parameters.resolve(province(), date);
        Map<String, BigDecimal> changed = new LinkedHashMap<>();
        for (var e : form.entrySet()) {
            if (!e.getKey().startsWith("p.") || e.getValue().isBlank()) {
                continue;
            }
            String key = e.getKey().substring(2);
            BigDecimal v;
            try {
                v = new BigDecimal(e.getValue().strip());
            } catch (NumberFormatException ex) {
                flash.addFlashAttribute(
                        "error", messages.get("monitoring.page.number", parameters.name(key, messages.locale())));
                return "redirect:/monitoring";
            }
            PolicyParameters.Value current = inForce.get(key);
            if (current == null || current.value().compareTo(v) != 0) {
                changed.put(key, v);
            }
        }
        try {
            return "redirect:/monitoring/runs/"
                    + runs.whatIf(new MonitoringRuns.WhatIf(date, draft, changed))
                            .id();
        } catch (ApiException e) {
            flash.addFlashAttribute("error", messages.reasonOf(e));
            return "redirect:/monitoring";
        }
    }

    @GetMapping("/monitoring/runs/{id}")
    String show(@PathVariable UUID id, Model model, Locale locale) {
        MonitoringRuns.Run r = runs.get(id);
        model.addAttribute("r", r);
        model.addAttribute("staleLines", parameters.staleMonitoringLines(r.asOf()));
        List<String> provinces = new ArrayList<>();
        json.valueToTree(r.inputs()).path("policyPeriods").forEach(p -> {
            if (p.hasNonNull("province")) {
                provinces.add(p.path("province").asString());
            }
        });
        model.addAttribute("regionNames", regions.names(provinces));
        model.addAttribute("zone", clock.getZone());
        JsonNode summary = json.valueToTree(r.summary());
        model.addAttribute("summary", summary);
        model.addAttribute("inputs", json.valueToTree(r.inputs()));
        Map<String, String> ruleNames = new LinkedHashMap<>();
        for (RuleSets.RuleSet s : ruleSets.list()) {
            for (RuleSets.Rule rule : s.rules()) {
                ruleNames.putIfAbsent(rule.code(), "en".equals(locale.getLanguage()) ? rule.nameEn() : rule.nameZh());
            }
        }
        model.addAttribute("ruleNames", ruleNames);
        model.addAttribute("feedNames", Labelled.labels(locale, FeedType.class));
        if (r.kind() == MonitoringRuns.Kind.RUN && summary.has("rules")) {
            List<String> names = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            summary.get("rules").properties().forEach(e -> {
                names.add(ruleNames.getOrDefault(e.getKey(), e.getKey()));
                counts.add(e.getValue().asLong());
            });
            model.addAttribute(
                    "ruleChart",
                    json.writeValueAsString(ChartOptions.stackedBars(
                            names, Map.of(messages.get("monitoring.page.newAlerts"), counts), List.of("#b3261e"))));
        }
        if (r.kind() == MonitoringRuns.Kind.WHAT_IF && summary.has("byRule")) {
            model.addAttribute("ruleChart", json.writeValueAsString(compareChart(summary.get("byRule"), ruleNames)));
            List<String> codes = new ArrayList<>();
            for (String part : List.of("byCounty", "byTownship")) {
                if (summary.has(part)) {
                    summary.get(part).forEach(n -> codes.add(n.get("key").asString()));
                }
            }
            Map<String, String> names = regions.names(codes);
            model.addAttribute("regionNames", names);
            if (summary.has("byTownship")) {
                model.addAttribute(
                        "townshipChart", json.writeValueAsString(compareChart(summary.get("byTownship"), names)));
            }
        }
        return "monitoring-run";
    }

    private Map<String, Object> compareChart(JsonNode rows, Map<String, String> names) {
        List<String> categories = new ArrayList<>();
        List<Long> current = new ArrayList<>();
        List<Long> whatIf = new ArrayList<>();
        List<Long> added = new ArrayList<>();
        List<Long> removed = new ArrayList<>();
        for (JsonNode n : rows) {
            String key = n.get("key").asString();
            categories.add(names.getOrDefault(key, key));
            current.add(n.get("current").asLong());
            whatIf.add(n.get("whatIf").asLong());
            added.add(n.get("added").asLong());
            removed.add(n.get("removed").asLong());
        }
        Map<String, List<Long>> series = new LinkedHashMap<>();
        series.put(messages.get("monitoring.page.current"), current);
        series.put(messages.get("monitoring.page.whatIf"), whatIf);
        series.put(messages.get("monitoring.page.added"), added);
        series.put(messages.get("monitoring.page.removed"), removed);
        return ChartOptions.groupedBars(categories, series, COLORS);
    }

    /** The caller's province (12 digits), or null for the national values. */
    private String province() {
        return provinceOf(actor);
    }

    /** A user's province (12 digits), or null (no region: the national values). */
    static String provinceOf(Actor.Current actor) {
        return actor.get()
                .map(Actor::regionCode)
                .filter(c -> c != null && c.length() == 12)
                .map(RegionCode::province)
                .orElse(null);
    }
}
