package org.fangpin.casework.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.casework.MeasureProjects;
import org.fangpin.casework.MeasureStatus;
import org.fangpin.casework.PlanHelpers;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.PageActions;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The page of a monitored household's assistance plan: responsible person, measures, visits, with their forms. */
@Controller
class PlanPageController {

    private final AssistancePlans plans;
    private final Attachments attachments;
    private final Registry registry;
    private final RegionDirectory regions;
    private final Actor.Current actor;
    private final Messages messages;
    private final Clock clock;

    private final EliminationProposals proposals;

    static final int PAGE = 30;

    private final ObjectProvider<MeasureProjects> projects;
    private final ObjectProvider<PlanHelpers> helpers;

    PlanPageController(
            AssistancePlans plans,
            Attachments attachments,
            Registry registry,
            RegionDirectory regions,
            Actor.Current actor,
            Messages messages,
            Clock clock,
            EliminationProposals proposals,
            ObjectProvider<MeasureProjects> projects,
            ObjectProvider<PlanHelpers> helpers) {
        this.projects = projects;
        this.helpers = helpers;
        this.plans = plans;
        this.attachments = attachments;
        this.registry = registry;
        this.regions = regions;
        this.actor = actor;
        this.messages = messages;
        this.clock = clock;
        this.proposals = proposals;
    }

    @GetMapping("/plans/{id}")
    String show(@PathVariable long id, Model model, Locale locale) {
        HouseholdView h =
                registry.household(id).orElseThrow(() -> ApiException.notFound("registry.household.not-found", id));
        Optional<AssistancePlans.Detail> d = plans.find(id);
        model.addAttribute("h", h);
        model.addAttribute("path", regions.ancestors(h.villageCode()));
        model.addAttribute("p", d.map(AssistancePlans.Detail::plan).orElse(null));
        model.addAttribute("measures", d.map(AssistancePlans.Detail::measures).orElse(List.of()));
        model.addAttribute("visits", d.map(AssistancePlans.Detail::visits).orElse(List.of()));
        model.addAttribute("attachments", d.isPresent() ? attachments.of(id) : List.of());
        Map<String, String> labels = new HashMap<>();
        for (var t : plans.measureTypes(null)) {
            labels.put(t.code(), "en".equals(locale.getLanguage()) ? t.nameEn() : t.nameZh());
        }
        labels.putAll(Labelled.labels(locale, RiskCause.class, Department.class));
        model.addAttribute("labels", labels);
        model.addAttribute("types", plans.measureTypes(null));
        model.addAttribute("causes", RiskCause.values());
        model.addAttribute("departments", Department.values());
        model.addAttribute("statuses", MeasureStatus.values());
        model.addAttribute("today", LocalDate.now(clock));
        MeasureProjects named = projects.getIfAvailable();
        model.addAttribute(
                "projects", d.isPresent() && named != null ? named.forVillage(h.villageCode(), 200) : List.of());
        model.addAttribute("criteria", h.monitored() && !h.deleted() ? proposals.assess(id) : null);
        Role role = actor.get().map(Actor::role).orElse(null);
        boolean worker = role == Role.VILLAGE || role == Role.TOWNSHIP || role == Role.COUNTY;
        boolean assigns = role == Role.TOWNSHIP || role == Role.COUNTY;
        model.addAttribute("canAssign", assigns);
        if (assigns) {
            // the helpers of the household's county the plan may name
            PlanHelpers paired = helpers.getIfAvailable();
            model.addAttribute("candidates", paired == null ? List.of() : paired.candidates(h.villageCode(), 2000));
        }
        model.addAttribute("helper", d.map(AssistancePlans.Detail::helper).orElse(null));
        model.addAttribute("canWork", worker && d.isPresent());
        return "plan";
    }

    /** 帮扶计划: the plans of the caller's region, those missing a visit or a responsible person on request. */
    @GetMapping("/plans")
    String list(
            @RequestParam(required = false) Boolean visitOverdue,
            @RequestParam(required = false) Boolean withoutResponsible,
            @RequestParam(required = false) Long before,
            Model model) {
        List<AssistancePlans.Plan> page =
                plans.list(new AssistancePlans.Query(null, visitOverdue, withoutResponsible, before, PAGE));
        model.addAttribute("plans", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).householdId() : null);
        model.addAttribute("counts", plans.counts());
        model.addAttribute("visitOverdue", visitOverdue);
        model.addAttribute("withoutResponsible", withoutResponsible);
        model.addAttribute(
                "villages",
                regions.names(
                        page.stream().map(AssistancePlans.Plan::villageCode).toList()));
        return "plans";
    }

    @PostMapping("/plans/{id}/responsible")
    String assign(
            @PathVariable long id,
            @RequestParam(required = false) Integer version,
            @ModelAttribute AssistancePlans.Responsible r,
            RedirectAttributes flash) {
        return step(id, flash, () -> plans.assign(id, version, r));
    }

    @PostMapping("/plans/{id}/measures")
    String add(@PathVariable long id, @ModelAttribute AssistancePlans.NewMeasure m, RedirectAttributes flash) {
        return step(id, flash, () -> plans.addMeasure(id, m));
    }

    @PostMapping("/plans/{id}/measures/{measure}")
    String update(
            @PathVariable long id,
            @PathVariable long measure,
            @RequestParam int version,
            @ModelAttribute AssistancePlans.MeasureUpdate u,
            RedirectAttributes flash) {
        return step(id, flash, () -> plans.updateMeasure(id, measure, version, u));
    }

    @PostMapping("/plans/{id}/visits")
    String visit(@PathVariable long id, @ModelAttribute AssistancePlans.NewVisit v, RedirectAttributes flash) {
        return step(id, flash, () -> plans.visit(id, v));
    }

    @PostMapping("/plans/{id}/{owner:visits|measures}/{ownerId}/attachments")
    String attach(
            @PathVariable long id,
            @PathVariable String owner,
            @PathVariable long ownerId,
            @RequestParam("file") MultipartFile file,
            RedirectAttributes flash) {
        return step(id, flash, () -> {
            try (var in = file.getInputStream()) {
                return attachments.add(
                        id,
                        owner.equals("visits") ? Attachments.Owner.VISIT : Attachments.Owner.MEASURE,
                        ownerId,
                        file.getOriginalFilename(),
                        in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String step(long id, RedirectAttributes flash, Supplier<?> action) {
        PageActions.run(action, flash, messages, "plan.field.");
        return "redirect:/plans/" + id;
    }
}
