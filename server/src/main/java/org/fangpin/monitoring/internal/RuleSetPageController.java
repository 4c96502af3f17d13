package org.fangpin.monitoring.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 政策参数 and 监测规则 pages: every parameter with its value in force, its source and history, and the rule sets
 * with their rules. A province user sets its own province's values from a date, drafts a rule set (a copy of the
 * one in force), edits its rules with the reasons of any refusal next to each field, and puts it in force from a
 * date; the national defaults come with releases.
 */
@Controller
@ConditionalOnWebApplication
class RuleSetPageController {

    private final RuleSets ruleSets;
    private final PolicyParameters parameters;
    private final Actor.Current actor;
    private final Permissions permissions;
    private final Messages messages;
    private final Clock clock;

    RuleSetPageController(
            RuleSets ruleSets,
            PolicyParameters parameters,
            Actor.Current actor,
            Permissions permissions,
            Messages messages,
            Clock clock) {
        this.ruleSets = ruleSets;
        this.parameters = parameters;
        this.actor = actor;
        this.permissions = permissions;
        this.messages = messages;
        this.clock = clock;
    }

    /** The caller's province when they may configure it (a province user holding the permission), else empty. */
    private Optional<String> editableProvince() {
        return actor.get()
                .filter(a -> a.role() == Role.PROVINCE && a.regionCode() != null)
                .filter(a -> permissions.has(Permission.MONITORING_CONFIGURE))
                .map(Actor::regionCode);
    }

    private String viewerProvince() {
        return MonitoringPageController.provinceOf(actor);
    }

    @GetMapping("/monitoring/parameters")
    String parameters(Model model) {
        LocalDate today = LocalDate.now(clock);
        String province = viewerProvince();
        model.addAttribute("today", today);
        model.addAttribute("definitions", parameters.definitions());
        model.addAttribute("values", parameters.resolve(province, today));
        Map<String, List<PolicyParameters.Value>> history = new LinkedHashMap<>();
        for (PolicyParameters.Definition d : parameters.definitions()) {
            history.put(
                    d.key(),
                    parameters.history(d.key()).stream()
                            .filter(v ->
                                    v.provinceCode() == null || v.provinceCode().equals(province))
                            .toList());
        }
        model.addAttribute("history", history);
        model.addAttribute("canEdit", editableProvince().isPresent());
        return "monitoring-parameters";
    }

    @PostMapping("/monitoring/parameters/{key}")
    String setParameter(
            @PathVariable String key,
            @RequestParam String value,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validFrom,
            @RequestParam String sourceNote,
            RedirectAttributes flash) {
        try {
            BigDecimal v;
            try {
                v = new BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                throw ApiException.invalid(
                        "value", messages.get("monitoring.page.number", parameters.name(key, messages.locale())));
            }
            parameters.set(key, editableProvince().orElse(null), validFrom, v, sourceNote);
            flash.addFlashAttribute("saved", key);
        } catch (ApiException e) {
            flash.addFlashAttribute("error", messages.reasonOf(e));
            flash.addFlashAttribute("failed", key); // its form stays open
        }
        return "redirect:/monitoring/parameters#" + key;
    }

    @GetMapping("/monitoring/rule-sets")
    String ruleSets(Model model) {
        String province = viewerProvince();
        model.addAttribute(
                "sets",
                ruleSets.list().stream()
                        .filter(s ->
                                s.provinceCode() == null || s.provinceCode().equals(province))
                        .toList());
        model.addAttribute(
                "inForce", ruleSets.inForce(province, LocalDate.now(clock)).orElse(null));
        model.addAttribute("canEdit", editableProvince().isPresent());
        return "rule-sets";
    }

    /** A new draft for the caller's province: a copy of the rules in force, to edit. */
    @PostMapping("/monitoring/rule-sets")
    String newDraft(RedirectAttributes flash) {
        String province = editableProvince().orElse(null);
        Optional<RuleSets.RuleSet> base = ruleSets.inForce(province, LocalDate.now(clock));
        try {
            RuleSets.RuleSet draft = ruleSets.createDraft(new RuleSets.Draft(
                    province,
                    messages.get("rules.draftName", LocalDate.now(clock)),
                    base.map(b -> messages.get("rules.copyOf", b.name(), b.version()))
                            .orElse(null),
                    base.map(RuleSets.RuleSet::rules).orElse(List.of())));
            return "redirect:/monitoring/rule-sets/" + draft.id();
        } catch (ApiException e) {
            flash.addFlashAttribute("error", messages.reasonOf(e));
            return "redirect:/monitoring/rule-sets";
        }
    }

    @GetMapping("/monitoring/rule-sets/{id}")
    String ruleSet(@PathVariable UUID id, Model model) {
        RuleSets.RuleSet s = ruleSets.get(id);
        if (!model.containsAttribute("rules")) {
            model.addAttribute("rules", s.rules());
        }
        model.addAttribute("s", s);
        model.addAttribute("ruleWords", ruleSets.words(s.rules(), messages.locale()));
        boolean editable = s.status() == RuleSets.Status.DRAFT
                && editableProvince().map(p -> p.equals(s.provinceCode())).orElse(false);
        model.addAttribute("editable", editable);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("severities", RuleSets.Severity.values());
        model.addAttribute("categories", categories());
        model.addAttribute("causes", RiskCause.values());
        model.addAttribute("indicators", Indicator.values());
        model.addAttribute("parameterDefinitions", parameters.definitions());
        return "rule-set";
    }

    /** The categories a rule may suggest: one of 监测类别, or by the household's status. */
    private Map<String, String> categories() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(RuleSets.BY_STATUS, messages.get("rules.byStatus"));
        for (MonitoringCategory c : MonitoringCategory.values()) {
            m.put(c.name(), c.label(LocaleContextHolder.getLocale()));
        }
        return m;
    }

    /** Saves the whole draft: its name and note, and the rules (rows ticked for removal left out). */
    @PostMapping("/monitoring/rule-sets/{id}")
    String saveDraft(
            @PathVariable UUID id,
            @RequestParam String name,
            @RequestParam(required = false) String note,
            @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash,
            Model model,
            HttpServletResponse response) {
        List<RuleSets.Rule> rules = rules(form);
        try {
            ruleSets.updateDraft(id, new RuleSets.Draft(ruleSets.get(id).provinceCode(), name, note, rules));
            flash.addFlashAttribute("saved", true);
            return "redirect:/monitoring/rule-sets/" + id;
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("rules", rules);
            model.addAttribute("error", e.fieldProblems().isEmpty() ? messages.reasonOf(e) : messages.get("rules.fix"));
            model.addAttribute(
                    "fieldErrors",
                    e.fieldProblems().stream()
                            .collect(Collectors.toMap(
                                    FieldProblem::field, FieldProblem::reason, (a, b) -> a, LinkedHashMap::new)));
            return ruleSet(id, model);
        }
    }

    /** The rule rows of the form: {@code rules[i].field}, in row order; a row ticked {@code remove} is left out. */
    static List<RuleSets.Rule> rules(MultiValueMap<String, String> form) {
        TreeSet<Integer> rows = new TreeSet<>();
        for (String k : form.keySet()) {
            if (k.startsWith("rules[") && k.indexOf(']') > 6) {
                try {
                    rows.add(Integer.parseInt(k.substring(6, k.indexOf(']'))));
                } catch (NumberFormatException ignored) {
                    // not a row field
                }
            }
        }
        List<RuleSets.Rule> rules = new ArrayList<>();
        for (int i : rows) {
            String at = "rules[" + i + "].";
            if (form.containsKey(at + "remove")) {
                continue;
            }
            String code = trim(form.getFirst(at + "code"));
            String expression = trim(form.getFirst(at + "expression"));
            if (code.isEmpty()
                    && expression.isEmpty()
                    && trim(form.getFirst(at + "nameZh")).isEmpty()) {
                continue; // the empty row for a new rule, left empty
            }
            rules.add(new RuleSets.Rule(
                    code.toUpperCase(Locale.ROOT),
                    trim(form.getFirst(at + "nameZh")),
                    trim(form.getFirst(at + "nameEn")),
                    expression,
                    parse(RuleSets.Severity.class, form.getFirst(at + "severity")),
                    trim(form.getFirst(at + "category")),
                    Labelled.parse(RiskCause.class, form.getFirst(at + "cause")).orElse(null),
                    form.containsKey(at + "appliesToMonitored")));
        }
        return rules;
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text) {
        try {
            return text == null ? null : Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @PostMapping("/monitoring/rule-sets/{id}/activate")
    String activate(
            @PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom,
            RedirectAttributes flash) {
        try {
            ruleSets.activate(id, effectiveFrom);
            flash.addFlashAttribute("activated", true);
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            flash.addFlashAttribute("error", messages.reasonOf(e));
        }
        return "redirect:/monitoring/rule-sets/" + id;
    }

    @PostMapping("/monitoring/rule-sets/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes flash) {
        try {
            ruleSets.deleteDraft(id);
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            flash.addFlashAttribute("error", messages.reasonOf(e));
            return "redirect:/monitoring/rule-sets/" + id;
        }
        return "redirect:/monitoring/rule-sets";
    }
}
