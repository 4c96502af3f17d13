package org.fangpin.assessment.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.assessment.AssessmentPlans;
import org.fangpin.assessment.IndicatorDirection;
import org.fangpin.assessment.PlanApproval;
import org.fangpin.assessment.PlanKind;
import org.fangpin.assessment.PlanScorecards;
import org.fangpin.assessment.RuralPopulations;
import org.fangpin.assessment.Scorecards;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.PageActions;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * 考核评估 pages: the plans of the caller's reach with the forms to open one and to enter a county's rural
 * population (for those who organise assessments) and a county's live self-assessment; a plan with its approval,
 * scoring, each county's result and one county's scorecard (a chart of the shares against their thresholds, the same
 * figures in a table, each linked to the households behind it); the households behind one figure.
 */
@Controller
class AssessmentPlanPageController {

    private final AssessmentPlans plans;
    private final PlanScorecards scorecards;
    private final RuralPopulations rural;
    private final PolicyParameters parameters;
    private final RegionChoices choices;
    private final Permissions permissions;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    AssessmentPlanPageController(
            AssessmentPlans plans,
            PlanScorecards scorecards,
            RuralPopulations rural,
            PolicyParameters parameters,
            RegionChoices choices,
            Permissions permissions,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.plans = plans;
        this.scorecards = scorecards;
        this.rural = rural;
        this.parameters = parameters;
        this.choices = choices;
        this.permissions = permissions;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/assessment/plans")
    String list(Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("plans", plans.list(null, 200));
        model.addAttribute("canManage", permissions.has(Permission.ASSESSMENT_MANAGE));
        model.addAttribute(
                "canDraw", permissions.has(Permission.ASSESSMENT_MANAGE) || permissions.has(Permission.FIELD_CHECK));
        model.addAttribute("counties", choices.counties());
        model.addAttribute("kinds", PlanKind.values());
        model.addAttribute("today", today);
        model.addAttribute("year", today.getYear());
        model.addAttribute("rural", rural.list(today.getYear()));
        return "assessment-plans";
    }

    @PostMapping("/assessment/plans")
    String open(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) PlanKind kind,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) LocalDate periodFrom,
            @RequestParam(required = false) LocalDate asOf,
            @RequestParam(required = false) String assessor,
            @RequestParam(required = false) List<String> counties,
            RedirectAttributes flash) {
        AssessmentPlans.PlanRequest r =
                new AssessmentPlans.PlanRequest(name, kind, year, periodFrom, asOf, assessor, counties);
        return PageActions.run(() -> plans.open(r), flash, messages, "assessment.plan.field.")
                .map(p -> "redirect:/assessment/plans/" + p.id())
                .orElse("redirect:/assessment/plans");
    }

    @PostMapping("/assessment/plans/rural-population")
    String rural(
            @RequestParam String county,
            @RequestParam int year,
            @ModelAttribute RuralPopulations.RuralPopulationEntry e,
            RedirectAttributes flash) {
        PageActions.run(() -> rural.set(county, year, e), flash, messages, "assessment.plan.field.")
                .ifPresent(x -> flash.addFlashAttribute("ruralSaved", x.countyName()));
        return "redirect:/assessment/plans#rural";
    }

    @GetMapping("/assessment/plans/{id}")
    String plan(@PathVariable long id, @RequestParam(required = false) String county, Model model, Locale locale) {
        AssessmentPlans.AssessmentPlan p = plans.get(id);
        model.addAttribute("p", p);
        model.addAttribute("canManage", permissions.has(Permission.ASSESSMENT_MANAGE));
        model.addAttribute("pending", p.approval() == PlanApproval.PENDING);
        model.addAttribute("canNarrate", permissions.has(Permission.ASSESSMENT_MANAGE));
        // one county's scorecard: the one asked for, else the first
        PlanScorecards.CountyScorecard shown = null;
        if (p.scoredAt() != null && !p.counties().isEmpty()) {
            String code = p.counties().stream()
                    .map(AssessmentPlans.PlanCounty::code)
                    .filter(c -> c.equals(county))
                    .findFirst()
                    .orElse(p.counties().get(0).code());
            shown = scorecards.scorecard(id, code);
        }
        scorecard(model, shown, locale);
        return "assessment-plan";
    }

    @PostMapping("/assessment/plans/{id}/approval")
    String decide(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam(required = false) Boolean approve,
            @RequestParam(required = false) String note,
            RedirectAttributes flash) {
        PageActions.run(
                () -> plans.decide(id, version, new AssessmentPlans.ApprovalDecision(approve, note)),
                flash,
                messages,
                "assessment.plan.field.");
        return "redirect:/assessment/plans/" + id;
    }

    @PostMapping("/assessment/plans/{id}/score")
    String score(@PathVariable long id, @RequestParam int version, RedirectAttributes flash) {
        PageActions.run(() -> plans.score(id, version), flash, messages, "assessment.plan.field.");
        return "redirect:/assessment/plans/" + id;
    }

    @PostMapping("/assessment/plans/{id}/counties/{county}/narrative")
    String narrate(
            @PathVariable long id,
            @PathVariable String county,
            @RequestParam(required = false) String text,
            RedirectAttributes flash) {
        PageActions.run(
                () -> scorecards.narrate(id, county, new PlanScorecards.Narrative(text)),
                flash,
                messages,
                "assessment.plan.field.");
        return "redirect:/assessment/plans/" + id + "?county=" + county + "#scorecard";
    }

    @GetMapping("/assessment/plans/{id}/counties/{county}/indicators/{code}")
    String against(@PathVariable long id, @PathVariable String county, @PathVariable String code, Model model) {
        AssessmentPlans.AssessmentPlan p = plans.get(id);
        PlanScorecards.CountyScorecard card = scorecards.scorecard(id, county);
        Scorecards.IndicatorResult r = card.indicators().stream()
                .filter(x -> x.code().equals(code))
                .findFirst()
                .orElseThrow(
                        () -> org.fangpin.common.problem.ApiException.notFound("assessment.indicator.not-found", code));
        model.addAttribute("p", p);
        model.addAttribute("card", card);
        model.addAttribute("r", r);
        model.addAttribute("households", scorecards.against(id, county, code, 2000));
        model.addAttribute(
                "groups", GroupLabels.of(messages, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        return "assessment-against";
    }

    @GetMapping("/assessment/self")
    String self(
            @RequestParam(required = false) String county,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate asOf,
            Model model,
            Locale locale) {
        var counties = choices.counties();
        String chosen = county != null
                ? county
                : counties.isEmpty() ? null : counties.get(0).code();
        model.addAttribute("counties", counties);
        model.addAttribute("chosen", chosen);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("asOf", asOf);
        model.addAttribute("from", from);
        scorecard(model, chosen == null ? null : scorecards.selfAssessment(chosen, from, asOf), locale);
        return "assessment-self";
    }

    /** One county's scorecard for the page: its rows in words and the chart of its shares. */
    private void scorecard(Model model, PlanScorecards.CountyScorecard card, Locale locale) {
        model.addAttribute("card", card);
        if (card == null) {
            return;
        }
        boolean zh = !"en".equals(locale.getLanguage());
        Map<String, String> groupLabels = GroupLabels.of(messages, locale);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> percents = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        List<Boolean> met = new ArrayList<>();
        for (Scorecards.IndicatorResult r : card.indicators()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", r.code());
            row.put("name", r.name(zh));
            row.put("area", r.area().label(locale));
            row.put("hard", r.hard());
            row.put("unit", r.counts().label(locale));
            row.put("numerator", r.numerator());
            row.put("denominator", r.denominator());
            row.put("base", r.base().label(locale));
            row.put("rate", percent(r.rate()));
            row.put("threshold", r.threshold() == null ? null : percent(r.threshold()));
            row.put(
                    "direction",
                    r.direction() == null ? null : r.direction() == IndicatorDirection.AT_MOST ? "≤" : "≥");
            row.put("met", r.met());
            row.put("rows", r.populationSize());
            row.put("hash", r.populationHash());
            Map<String, Object> inputs = new LinkedHashMap<>();
            r.inputs()
                    .forEach((k, v) -> inputs.put(
                            k.equals("rural_population")
                                    ? messages.get("assessment.plan.field.persons")
                                    : parameters.name(k, locale),
                            v));
            row.put("inputs", inputs);
            List<Map<String, Object>> groups = new ArrayList<>();
            for (Scorecards.IndicatorGroup g : r.groups()) {
                groups.add(Map.of(
                        "label", groupLabels.getOrDefault(g.value(), g.value()),
                        "numerator", g.numerator(),
                        "denominator", g.denominator(),
                        "rate", g.rate() == null ? "—" : percent(g.rate()) + "%"));
            }
            row.put("groups", groups);
            rows.add(row);
            names.add(r.name(zh));
            percents.add(r.rate() == null ? null : r.rate().movePointRight(2).doubleValue());
            thresholds.add(
                    r.threshold() == null
                            ? null
                            : r.threshold().movePointRight(2).doubleValue());
            met.add(r.met());
        }
        model.addAttribute("rows", rows);
        model.addAttribute(
                "chart",
                json.writeValueAsString(ChartOptions.shares(
                        names,
                        percents,
                        thresholds,
                        met,
                        List.of(
                                messages.get("assessment.scorecard.col.rate"),
                                messages.get("assessment.scorecard.col.threshold")))));
    }

    private static String percent(BigDecimal share) {
        return share == null
                ? null
                : share.movePointRight(2).stripTrailingZeros().toPlainString();
    }
}
