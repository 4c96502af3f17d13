package org.fangpin.quality.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.PageActions;
import org.fangpin.quality.QualityChecks;
import org.fangpin.quality.QualityIssueState;
import org.fangpin.quality.QualityIssues;
import org.fangpin.quality.QualityRuns;
import org.fangpin.quality.Reconciliations;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 数据质量 page: open issues per check (a chart and its table), the villages by score, the worklist of a region
 * with each issue's facts in words and the village's answer, the latest runs and (for those who configure
 * monitoring) a run.
 */
@Controller
class QualityPageController {

    private static final int PAGE = 200;

    private final QualityChecks checks;
    private final QualityRuns runs;
    private final QualityIssues issues;
    private final Reconciliations reconciliations;
    private final Permissions permissions;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    QualityPageController(
            QualityChecks checks,
            QualityRuns runs,
            QualityIssues issues,
            Reconciliations reconciliations,
            Permissions permissions,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.checks = checks;
        this.runs = runs;
        this.issues = issues;
        this.reconciliations = reconciliations;
        this.permissions = permissions;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/quality")
    String page(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String check,
            @RequestParam(required = false) QualityIssueState state,
            @RequestParam(defaultValue = "0") int offset,
            Model model,
            Locale locale) {
        boolean zh = !"en".equals(locale.getLanguage());
        QualityIssues.IssuePage page = issues.list(region, check, state, Math.max(0, offset), PAGE);
        List<QualityChecks.QualityCheck> all = checks.list();
        Map<String, String> checkNames = new LinkedHashMap<>();
        all.forEach(c -> checkNames.put(c.code(), c.name(zh)));
        List<Map<String, Object>> byCheck = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<Long> open = new ArrayList<>();
        for (QualityChecks.QualityCheck c : all) {
            long n = page.openByCheck().getOrDefault(c.code(), 0L);
            if (!c.active() && n == 0) {
                continue;
            }
            byCheck.add(Map.of(
                    "code", c.code(),
                    "name", c.name(zh),
                    "description", zh ? c.descriptionZh() : c.descriptionEn(),
                    "source", c.source().label(locale),
                    "weight", c.weight().stripTrailingZeros().toPlainString(),
                    "open", n,
                    "active", c.active(),
                    "reviewOnly", c.reviewOnly()));
            categories.add(c.name(zh));
            open.add(n);
        }
        model.addAttribute("byCheck", byCheck);
        model.addAttribute(
                "chart",
                json.writeValueAsString(ChartOptions.stackedBars(
                        categories, Map.of(messages.get("quality.open"), open), List.of("#c62828"))));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QualityIssues.QualityIssue i : page.items()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", i.id());
            r.put("village", i.villageName());
            r.put("householdId", i.householdId());
            r.put("householdNo", i.householdNo());
            r.put("check", i.checkName(zh));
            r.put("reviewOnly", i.reviewOnly());
            r.put("state", i.state().label(locale));
            r.put("open", i.state() == QualityIssueState.OPEN);
            r.put("facts", QualityFacts.describe(i.facts(), messages, locale));
            r.put("reopened", i.reopened());
            r.put("note", i.note());
            r.put("version", i.version());
            rows.add(r);
        }
        model.addAttribute("rows", rows);
        model.addAttribute("total", page.total());
        model.addAttribute("offset", Math.max(0, offset));
        model.addAttribute("pageSize", PAGE);
        model.addAttribute(
                "villages", issues.villages(region).stream().limit(50).toList());
        model.addAttribute("checkNames", checkNames);
        model.addAttribute("states", QualityIssueState.values());
        model.addAttribute(
                "answers",
                List.of(QualityIssueState.FIXED, QualityIssueState.EXPLAINED, QualityIssueState.FALSE_POSITIVE));
        model.addAttribute("region", region);
        model.addAttribute("check", check);
        model.addAttribute("state", state);
        model.addAttribute("runs", runs.list(5));
        model.addAttribute("canRun", permissions.has(Permission.MONITORING_CONFIGURE));
        model.addAttribute("canReview", permissions.has(Permission.QUALITY_REVIEW));
        model.addAttribute("today", LocalDate.now(clock));
        return "quality";
    }

    /** 县级对账: each county's records against each other and against the facts. */
    @GetMapping("/quality/reconciliation")
    String reconciliation(@RequestParam(required = false) String region, Model model) {
        model.addAttribute("reconciliations", reconciliations.counties(region));
        return "quality-reconciliation";
    }

    @PostMapping("/quality/runs")
    String run(@RequestParam(required = false) LocalDate asOf, RedirectAttributes flash) {
        PageActions.run(() -> runs.run(asOf), flash, messages, "quality.field.")
                .ifPresent(r -> flash.addFlashAttribute("ran", r));
        return "redirect:/quality";
    }

    @PostMapping("/quality/issues/{id}")
    String review(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam(required = false) QualityIssueState state,
            @RequestParam(required = false) String note,
            RedirectAttributes flash) {
        PageActions.run(
                        () -> issues.review(id, version, new QualityIssues.IssueAnswer(state, note)),
                        flash,
                        messages,
                        "quality.field.")
                .ifPresent(i -> flash.addFlashAttribute("answered", id));
        return "redirect:/quality#q" + id;
    }
}
