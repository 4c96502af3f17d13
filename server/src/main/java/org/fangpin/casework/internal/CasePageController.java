package org.fangpin.casework.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.fangpin.casework.CaseChannel;
import org.fangpin.casework.CaseKind;
import org.fangpin.casework.CaseStage;
import org.fangpin.casework.Cases;
import org.fangpin.casework.Grievances;
import org.fangpin.casework.Inbox;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.common.web.PageActions;
import org.fangpin.monitoring.PolicyPeriods;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdStatus;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages: the cases of the caller's region (by stage, overdue first on request), one case with its steps and the
 * form of the step the caller's role takes now, a new case for a household, and the caller's inbox. Every form
 * posts the version it was rendered from; a refusal comes back as a message on the page.
 */
@Controller
class CasePageController {

    private static final int PAGE = 30;

    private final Cases cases;
    private final Inbox inbox;
    private final EliminationProposals proposals;
    private final Grievances grievances;
    private final Registry registry;
    private final RegionDirectory regions;
    private final PolicyPeriods periods;
    private final Actor.Current actor;
    private final Messages messages;
    private final Clock clock;

    CasePageController(
            Cases cases,
            Inbox inbox,
            EliminationProposals proposals,
            Grievances grievances,
            Registry registry,
            RegionDirectory regions,
            PolicyPeriods periods,
            Actor.Current actor,
            Messages messages,
            Clock clock) {
        this.cases = cases;
        this.inbox = inbox;
        this.proposals = proposals;
        this.grievances = grievances;
        this.registry = registry;
        this.regions = regions;
        this.periods = periods;
        this.actor = actor;
        this.messages = messages;
        this.clock = clock;
    }

    @ModelAttribute
    void common(Model model, Locale locale) {
        // besides categories, causes and channels, the values steps record: a case's kind, a household's monitoring
        // state before 先帮扶后认定 (or, recorded before the two dimensions, its v1 status)
        @SuppressWarnings("deprecation")
        Map<String, String> labels = Labelled.labels(
                locale,
                MonitoringCategory.class,
                RiskCause.class,
                CaseChannel.class,
                CaseKind.class,
                MonitoringState.class,
                EliminationKind.class,
                HouseholdStatus.class);
        model.addAttribute("labels", labels);
        model.addAttribute("roles", Labelled.labels(locale, Role.class));
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("stages", CaseStage.values());
        model.addAttribute("categories", MonitoringCategory.values());
        model.addAttribute("eliminationKinds", EliminationKind.values());
        model.addAttribute("causes", RiskCause.values());
    }

    @GetMapping("/cases")
    String list(
            @RequestParam(required = false) CaseStage stage,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Long before,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        List<Cases.CaseFile> page = cases.list(
                new Cases.Query(null, stage, Boolean.TRUE.equals(overdue) ? true : null, null, before, PAGE));
        model.addAttribute("cases", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("stage", stage);
        model.addAttribute("overdue", Boolean.TRUE.equals(overdue));
        model.addAttribute(
                "villages",
                regions.names(page.stream().map(Cases.CaseFile::villageCode).toList()));
        if (htmx != null) {
            return "cases :: rows";
        }
        model.addAttribute("counts", cases.counts());
        return "cases";
    }

    @GetMapping("/cases/{id}")
    String show(@PathVariable long id, Model model) {
        Cases.Detail d = cases.detail(id);
        model.addAttribute("c", d.file());
        model.addAttribute("steps", d.steps());
        model.addAttribute("objections", d.objections());
        model.addAttribute("path", regions.ancestors(d.file().villageCode()));
        // decided (or to be decided) under the policy period of its closing day, else of today
        LocalDate on = d.file().closedOn() != null ? d.file().closedOn() : LocalDate.now(clock);
        model.addAttribute(
                "period",
                periods.at(RegionCode.province(d.file().villageCode()), on).orElse(null));
        // the form of the step the caller's role takes at this stage (the service checks again)
        Role role = actor.get().map(Actor::role).orElse(null);
        CaseStage s = d.file().stage();
        boolean village = role == Role.VILLAGE;
        boolean township = role == Role.TOWNSHIP;
        model.addAttribute("canVerify", s == CaseStage.VERIFICATION && (village || township));
        model.addAttribute("canCouncil", s == CaseStage.COUNCIL && village);
        model.addAttribute("canObject", s == CaseStage.PUBLICITY && (village || township));
        model.addAttribute(
                "canEndPublicity",
                s == CaseStage.PUBLICITY
                        && village
                        && d.file().openObjections() == 0
                        && LocalDate.now(clock).isAfter(d.file().publicityTo()));
        model.addAttribute("canReview", s == CaseStage.TOWNSHIP_REVIEW && township);
        model.addAttribute("canDecide", s == CaseStage.COUNTY_DECISION && role == Role.COUNTY);
        return "case";
    }

    @GetMapping("/cases/proposals")
    String proposals(@RequestParam(defaultValue = "1") int page, Model model) {
        int size = 50;
        EliminationProposals.Page found = proposals.page((Math.max(1, page) - 1) * size, size);
        int pages = Math.max(1, (found.total() + size - 1) / size);
        if (page > pages) { // past the end (the list moved on): the last page
            found = proposals.page((pages - 1) * size, size);
        }
        List<EliminationProposals.Proposal> list = found.items();
        model.addAttribute("proposals", list);
        model.addAttribute("total", found.total());
        model.addAttribute("page", Math.min(Math.max(1, page), pages));
        model.addAttribute("pages", pages);
        model.addAttribute(
                "villages",
                regions.names(list.stream()
                        .map(EliminationProposals.Proposal::villageCode)
                        .toList()));
        return "proposals";
    }

    @GetMapping("/cases/new")
    String newCase(
            @RequestParam(required = false) Long household,
            @RequestParam(defaultValue = "IDENTIFICATION") CaseKind kind,
            @RequestParam(required = false) String q,
            Model model,
            Locale locale) {
        if (household == null) {
            return pick("/cases/new", kind.label(locale), kind, "cases", q, model);
        }
        model.addAttribute("kind", kind);
        model.addAttribute(
                "h",
                registry.household(household)
                        .orElseThrow(() -> ApiException.notFound("registry.household.not-found", household)));
        model.addAttribute(
                "channels",
                kind == CaseKind.ELIMINATION
                        ? List.of(CaseChannel.PROPOSAL, CaseChannel.CADRE_CHECK, CaseChannel.APPLICATION)
                        : List.of(CaseChannel.APPLICATION, CaseChannel.CADRE_CHECK));
        return "case-new";
    }

    @PostMapping("/cases")
    String open(@ModelAttribute Cases.Opening opening, RedirectAttributes flash) {
        if (opening.householdId() == null) {
            // not something the form sends: no page to go back to
            throw ApiException.badRequest("casework.household-missing");
        }
        return PageActions.run(() -> cases.open(opening), flash, messages, "case.field.")
                .map(c -> "redirect:/cases/" + c.id())
                .orElse("redirect:/cases/new?household=" + opening.householdId() + "&kind="
                        + (opening.kind() == null
                                ? "IDENTIFICATION"
                                : opening.kind().name()));
    }

    @PostMapping("/cases/{id}/verification")
    String verify(
            @PathVariable long id, @RequestParam int version, @ModelAttribute Cases.Findings f, RedirectAttributes a) {
        return step(id, a, () -> cases.verify(id, version, f));
    }

    @PostMapping("/cases/{id}/council")
    String council(
            @PathVariable long id, @RequestParam int version, @ModelAttribute Cases.Council m, RedirectAttributes a) {
        return step(id, a, () -> cases.council(id, version, m));
    }

    @PostMapping("/cases/{id}/objections")
    String object(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Publicities.NewObjection o,
            RedirectAttributes a) {
        return step(id, a, () -> cases.object(id, version, o));
    }

    @PostMapping("/cases/{id}/objections/{objection}/resolution")
    String resolve(
            @PathVariable long id,
            @PathVariable long objection,
            @RequestParam int version,
            @ModelAttribute Publicities.Resolution r,
            RedirectAttributes a) {
        return step(id, a, () -> cases.resolve(id, version, objection, r));
    }

    @PostMapping("/cases/{id}/publicity-end")
    String endPublicity(@PathVariable long id, @RequestParam int version, RedirectAttributes a) {
        return step(id, a, () -> cases.endPublicity(id, version));
    }

    @PostMapping("/cases/{id}/township-review")
    String review(
            @PathVariable long id, @RequestParam int version, @ModelAttribute Cases.Review r, RedirectAttributes a) {
        return step(id, a, () -> cases.townshipReview(id, version, r));
    }

    @PostMapping("/cases/{id}/county-decision")
    String decide(
            @PathVariable long id, @RequestParam int version, @ModelAttribute Cases.Decision d, RedirectAttributes a) {
        return step(id, a, () -> cases.decide(id, version, d));
    }

    @GetMapping("/grievances")
    String grievanceList(Model model) {
        List<Grievances.Grievance> list = grievances.list(new Grievances.Query(null, null, null, 200));
        model.addAttribute("grievances", list);
        model.addAttribute("counts", grievances.counts());
        model.addAttribute(
                "villages",
                regions.names(
                        list.stream().map(Grievances.Grievance::villageCode).toList()));
        return "grievances";
    }

    @GetMapping("/grievances/new")
    String newGrievance(
            @RequestParam(required = false) Long household, @RequestParam(required = false) String q, Model model) {
        if (household == null) {
            return pick("/grievances/new", messages.get("grievance.new"), null, "grievances", q, model);
        }
        model.addAttribute(
                "h",
                registry.household(household)
                        .orElseThrow(() -> ApiException.notFound("registry.household.not-found", household)));
        model.addAttribute("kinds", Grievances.Kind.values());
        model.addAttribute("cases", cases.ofHousehold(household));
        return "grievance-new";
    }

    @PostMapping("/grievances")
    String lodge(@ModelAttribute Grievances.NewGrievance g, RedirectAttributes flash) {
        if (g.householdId() == null) {
            throw ApiException.badRequest("casework.household-missing");
        }
        return PageActions.run(() -> grievances.lodge(g), flash, messages, "grievance.field.")
                .map(x -> "redirect:/grievances/" + x.id())
                .orElse("redirect:/grievances/new?household=" + g.householdId());
    }

    @GetMapping("/grievances/{id}")
    String grievance(@PathVariable long id, Model model) {
        Grievances.Grievance g = grievances.get(id);
        model.addAttribute("g", g);
        model.addAttribute("path", regions.ancestors(g.villageCode()));
        model.addAttribute(
                "canDecide",
                g.status() == Grievances.Status.OPEN
                        && actor.get().map(Actor::role).orElse(null) == Role.COUNTY);
        return "grievance";
    }

    @PostMapping("/grievances/{id}/decision")
    String decideGrievance(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Grievances.Ruling r,
            RedirectAttributes flash) {
        PageActions.run(() -> grievances.decide(id, version, r), flash, messages, "grievance.field.");
        return "redirect:/grievances/" + id;
    }

    static final int INBOX_PAGE = 30;

    @GetMapping("/inbox")
    String inbox(
            @RequestParam(required = false) Inbox.Action action,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        int asked = Math.max(1, page);
        Inbox.Tasks t = inbox.tasks(action, (asked - 1) * INBOX_PAGE, INBOX_PAGE);
        int pages = (int) Math.max(1, (t.total() + INBOX_PAGE - 1) / INBOX_PAGE);
        int p = Math.min(asked, pages);
        if (p != asked) { // past the end: the last page
            t = inbox.tasks(t.shown(), (p - 1) * INBOX_PAGE, INBOX_PAGE);
        }
        model.addAttribute("tasks", t);
        model.addAttribute("page", p);
        model.addAttribute("pages", pages);
        model.addAttribute(
                "villages",
                regions.names(t.tasks().stream()
                        .map(Inbox.Task::villageCode)
                        .filter(Objects::nonNull)
                        .toList()));
        return "inbox";
    }

    /**
     * A step that starts from a household, reached without one: find the household first (by name, household number
     * or ID number, within the caller's reach), then go on to {@code action} with it.
     */
    private String pick(String action, String title, CaseKind kind, String active, String q, Model model) {
        model.addAttribute("action", action);
        model.addAttribute("title", title);
        model.addAttribute("kind", kind);
        model.addAttribute("active", active);
        model.addAttribute("q", q == null ? "" : q);
        if (q != null && !q.isBlank()) {
            String text = q.strip();
            // a name prefix or a household number; 18 characters are an ID number
            boolean id = text.length() == 18;
            List<HouseholdView> found = registry.search(new HouseholdQuery(
                            null, id ? null : text, id ? text : null, null, null, null, null, null, 20))
                    .items();
            model.addAttribute("results", found);
            model.addAttribute(
                    "villages",
                    regions.names(found.stream().map(HouseholdView::villageCode).toList()));
        }
        return "household-pick";
    }

    private String step(long id, RedirectAttributes flash, Supplier<Cases.CaseFile> action) {
        PageActions.run(action, flash, messages, "case.field.");
        return "redirect:/cases/" + id;
    }
}
