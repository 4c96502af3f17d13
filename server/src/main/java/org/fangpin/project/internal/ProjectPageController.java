package org.fangpin.project.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.common.Department;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.PageActions;
import org.fangpin.project.Assets;
import org.fangpin.project.BenefitLink;
import org.fangpin.project.FundSource;
import org.fangpin.project.Funds;
import org.fangpin.project.PayeeKind;
import org.fangpin.project.ProjectBeneficiaries;
import org.fangpin.project.ProjectFeedFacts;
import org.fangpin.project.ProjectPartnerDeliveries;
import org.fangpin.project.ProjectStage;
import org.fangpin.project.ProjectType;
import org.fangpin.project.Projects;
import org.fangpin.region.DataScope;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * 项目资金 pages: the county's money of a year (a chart with its table: received, assigned, paid, 支出进度 against
 * 序时进度) and allocations, the project library of the caller's reach; the application form; a project with its
 * timeline, money and the step the caller takes next.
 */
@Controller
class ProjectPageController {

    private static final String LABELS = "project.field.";

    /** How many target rows the application form offers. */
    static final int TARGET_ROWS = 4;

    private final Projects projects;
    private final Funds funds;
    private final Assets assets;
    private final ProjectBeneficiaries beneficiaries;
    private final AssistancePlans plans;
    private final ProjectFeedFacts feedFacts;
    private final ObjectProvider<ProjectPartnerDeliveries> partnerDeliveries;
    private final BeneficiaryUpload upload;
    private final java.nio.file.Path workDir;
    private final RegionOptions options;
    private final DataScope dataScope;
    private final Permissions permissions;
    private final Actor.Current actor;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    ProjectPageController(
            Projects projects,
            Funds funds,
            Assets assets,
            ProjectBeneficiaries beneficiaries,
            AssistancePlans plans,
            ProjectFeedFacts feedFacts,
            ObjectProvider<ProjectPartnerDeliveries> partnerDeliveries,
            BeneficiaryUpload upload,
            @org.springframework.beans.factory.annotation.Value("${fangpin.import.work-dir:./data/imports}")
                    java.nio.file.Path workDir,
            RegionOptions options,
            DataScope dataScope,
            Permissions permissions,
            Actor.Current actor,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.projects = projects;
        this.funds = funds;
        this.assets = assets;
        this.beneficiaries = beneficiaries;
        this.plans = plans;
        this.feedFacts = feedFacts;
        this.partnerDeliveries = partnerDeliveries;
        this.upload = upload;
        this.workDir = workDir;
        this.options = options;
        this.dataScope = dataScope;
        this.permissions = permissions;
        this.actor = actor;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/projects")
    String list(
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) ProjectStage stage,
            @RequestParam(defaultValue = "0") int offset,
            Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        Projects.ProjectPage page = projects.list(null, stage, y, offset, 50);
        model.addAttribute("year", y);
        model.addAttribute("stage", stage);
        model.addAttribute("stages", ProjectStage.values());
        model.addAttribute("page", page);
        model.addAttribute("offset", Math.max(0, offset));
        List<Funds.CountyYear> summary = permissions.has(Permission.FUNDS_EDIT) || dataScope.seesHouseholds()
                ? funds.summary(null, y, null)
                : List.of();
        model.addAttribute("summary", summary);
        if (!summary.isEmpty()) {
            Map<String, List<Long>> series = new LinkedHashMap<>();
            series.put(messages.get("project.funds.received"), tenThousands(summary, Funds.CountyYear::received));
            series.put(messages.get("project.funds.assigned"), tenThousands(summary, Funds.CountyYear::assigned));
            series.put(messages.get("project.funds.disbursed"), tenThousands(summary, Funds.CountyYear::disbursed));
            model.addAttribute(
                    "chart",
                    json.writeValueAsString(ChartOptions.groupedBars(
                            summary.stream().map(Funds.CountyYear::countyName).toList(),
                            series,
                            List.of("#1565c0", "#ef6c00", "#2e7d32"))));
        }
        model.addAttribute("allocations", dataScope.seesHouseholds() ? funds.allocations(null, y) : List.of());
        model.addAttribute("canApply", permissions.has(Permission.PROJECT_APPLY));
        model.addAttribute("canFund", permissions.has(Permission.FUNDS_EDIT));
        model.addAttribute("counties", options.of(RegionLevel.COUNTY, RegionLevel.COUNTY));
        model.addAttribute("sources", FundSource.values());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("stageLabels", labels(locale));
        return "projects";
    }

    @PostMapping("/projects/funds")
    String allocate(
            @RequestParam(required = false) String county,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) FundSource source,
            @RequestParam(required = false) String documentNo,
            @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) LocalDate issuedOn,
            @RequestParam(required = false) String note,
            RedirectAttributes flash) {
        Optional<Funds.Allocation> a = PageActions.run(
                () -> funds.allocate(new Funds.NewAllocation(county, year, source, documentNo, amount, issuedOn, note)),
                flash,
                messages,
                LABELS);
        a.ifPresent(x -> flash.addFlashAttribute("done", messages.get("project.funds.allocated", x.documentNo())));
        return "redirect:/projects?year=" + (year == null ? LocalDate.now(clock).getYear() : year);
    }

    @GetMapping("/projects/new")
    String newProject(Model model) {
        form(model, null);
        return "project-new";
    }

    @GetMapping("/projects/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        form(model, projects.get(id));
        return "project-new";
    }

    @PostMapping("/projects")
    String apply(@RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        return PageActions.run(() -> projects.apply(application(form)), flash, messages, LABELS)
                .map(p -> "redirect:/projects/" + p.id())
                .orElse("redirect:/projects/new");
    }

    @PostMapping("/projects/{id}/amend")
    String amend(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash) {
        return PageActions.run(() -> projects.amend(id, version, application(form)), flash, messages, LABELS)
                .map(p -> "redirect:/projects/" + p.id())
                .orElse("redirect:/projects/" + id + "/edit");
    }

    @GetMapping("/projects/{id}")
    String project(@PathVariable long id, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        Projects.Detail d = projects.detail(id);
        Projects.Project p = d.project();
        Role role = actor.get().map(Actor::role).orElse(null);
        boolean apply = permissions.has(Permission.PROJECT_APPLY);
        boolean decide = permissions.has(Permission.PROJECT_DECIDE);
        boolean fund = permissions.has(Permission.FUNDS_EDIT);
        ProjectStage s = p.stage();
        model.addAttribute("d", d);
        model.addAttribute("p", p);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("canEdit", apply && (s == ProjectStage.APPLIED || s == ProjectStage.RETURNED));
        model.addAttribute("canTownshipReview", apply && role == Role.TOWNSHIP && s == ProjectStage.APPLIED);
        model.addAttribute(
                "canDepartmentReview",
                s == ProjectStage.TOWNSHIP_REVIEWED
                        && ((permissions.has(Permission.PROJECT_REVIEW) && role == Role.DEPARTMENT)
                                || (decide && role == Role.COUNTY)));
        model.addAttribute("canDecide", decide && s == ProjectStage.DEPARTMENT_REVIEWED);
        boolean publicised = s == ProjectStage.PUBLICITY || s == ProjectStage.RESULT_PUBLICITY;
        model.addAttribute("canObject", (apply || decide) && publicised);
        model.addAttribute(
                "canEndPublicity",
                decide && s == ProjectStage.PUBLICITY && LocalDate.now(clock).isAfter(p.publicityTo()));
        model.addAttribute("canApprove", decide && s == ProjectStage.LISTED);
        boolean works = apply || decide;
        model.addAttribute("canReport", works && s == ProjectStage.IN_PROGRESS);
        model.addAttribute("canResume", works && s == ProjectStage.SUSPENDED);
        model.addAttribute("canAccept", decide && s == ProjectStage.COMPLETED);
        model.addAttribute(
                "canClose",
                decide
                        && s == ProjectStage.RESULT_PUBLICITY
                        && LocalDate.now(clock).isAfter(p.resultPublicityTo()));
        model.addAttribute(
                "canAssign",
                fund
                        && (s == ProjectStage.LISTED
                                || s == ProjectStage.IN_PROGRESS
                                || s == ProjectStage.SUSPENDED
                                || s == ProjectStage.COMPLETED));
        model.addAttribute(
                "canPay", fund && !d.funds().lines().isEmpty() && s != ProjectStage.LISTED && p.approvedOn() != null);
        model.addAttribute(
                "openAllocations",
                fund
                        ? funds.allocations(p.county(), null).stream()
                                .filter(a -> a.amount().compareTo(a.assigned()) > 0)
                                .toList()
                        : List.of());
        model.addAttribute("payees", PayeeKind.values());
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("canAttach", apply || decide);
        model.addAttribute("beneficiaries", beneficiaries.of(id));
        model.addAttribute("measureTotals", plans.ofProject(id));
        model.addAttribute("feedTotals", feedFacts.industrySupport(id).orElse(null));
        model.addAttribute(
                "partnerDeliveries",
                partnerDeliveries
                        .orderedStream()
                        .flatMap(source -> source.ofProject(id).stream())
                        .toList());
        model.addAttribute(
                "listedWays",
                p.benefitLinks().stream()
                        .filter(l -> l != BenefitLink.VILLAGE_WIDE && l != BenefitLink.COLLECTIVE_INCOME)
                        .toList());
        model.addAttribute("beneficiaryRows", BENEFICIARY_ROWS);
        model.addAttribute("formed", permissions.has(Permission.ASSETS) ? assets.ofProject(id) : List.of());
        model.addAttribute("canRegisterAsset", permissions.has(Permission.ASSET_EDIT) && s == ProjectStage.CLOSED);
        List<Publicities.Objection> objections =
                s == ProjectStage.RESULT_PUBLICITY ? d.resultObjections() : d.objections();
        model.addAttribute("current", objections);
        model.addAttribute("stageLabels", labels(locale));
        return "project";
    }

    @PostMapping("/projects/{id}/township-review")
    String townshipReview(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Projects.Review r,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.townshipReview(id, version, r));
    }

    @PostMapping("/projects/{id}/department-review")
    String departmentReview(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Projects.Review r,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.departmentReview(id, version, r));
    }

    @PostMapping("/projects/{id}/decision")
    String decide(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Projects.Decision d,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.decide(id, version, d));
    }

    @PostMapping("/projects/{id}/objections")
    String object(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Publicities.NewObjection o,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.object(id, version, o));
    }

    @PostMapping("/projects/{id}/objections/{objection}/resolution")
    String resolve(
            @PathVariable long id,
            @PathVariable long objection,
            @RequestParam int version,
            @ModelAttribute Publicities.Resolution r,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.resolve(id, version, objection, r));
    }

    @PostMapping("/projects/{id}/publicity-end")
    String endPublicity(@PathVariable long id, @RequestParam int version, RedirectAttributes flash) {
        return step(id, flash, () -> projects.endPublicity(id, version));
    }

    @PostMapping("/projects/{id}/approval")
    String approve(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Projects.Approval a,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.approve(id, version, a));
    }

    @PostMapping("/projects/{id}/progress")
    String progress(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Projects.Progress r,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.progress(id, version, r));
    }

    @PostMapping("/projects/{id}/suspension")
    String suspend(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Projects.Stoppage s,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.suspend(id, version, s));
    }

    @PostMapping("/projects/{id}/resumption")
    String resume(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Projects.Stoppage s,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.resume(id, version, s));
    }

    @PostMapping("/projects/{id}/completion")
    String complete(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Projects.Completion c,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.complete(id, version, c));
    }

    @PostMapping("/projects/{id}/acceptance")
    String accept(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Projects.Acceptance a,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.accept(id, version, a));
    }

    @PostMapping("/projects/{id}/result-publicity-end")
    String close(@PathVariable long id, @RequestParam int version, RedirectAttributes flash) {
        return step(id, flash, () -> projects.endResultPublicity(id, version));
    }

    @PostMapping("/projects/{id}/lines")
    String assign(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Funds.NewLine l,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.assign(id, version, l));
    }

    @PostMapping("/projects/{id}/payments")
    String pay(@PathVariable long id, @ModelAttribute Funds.NewPayment p, RedirectAttributes flash) {
        return step(id, flash, () -> projects.pay(id, p));
    }

    @PostMapping("/projects/{id}/payments/{payment}/reversal")
    String reverse(
            @PathVariable long id,
            @PathVariable long payment,
            @ModelAttribute Funds.Reversal r,
            RedirectAttributes flash) {
        return step(id, flash, () -> projects.reverse(id, payment, r));
    }

    /** Adds households to the project's list (the rows filled in), keeping those listed. */
    @PostMapping("/projects/{id}/beneficiaries")
    String addBeneficiaries(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam MultiValueMap<String, String> f,
            RedirectAttributes flash) {
        return step(id, flash, () -> {
            // the rows typed first, so that a refused one is named by its row on the form; then those listed
            List<ProjectBeneficiaries.NewBeneficiary> list = new ArrayList<>();
            for (int i = 0; i < BENEFICIARY_ROWS; i++) {
                String household = f.getFirst("b_household_" + i);
                if (household != null && !household.isBlank()) {
                    list.add(new ProjectBeneficiaries.NewBeneficiary(
                            FormValues.id(household),
                            FormValues.parse(BenefitLink.class, f.getFirst("b_way_" + i)),
                            FormValues.number(f.getFirst("b_planned_" + i)),
                            FormValues.number(f.getFirst("b_actual_" + i)),
                            null));
                }
            }
            for (ProjectBeneficiaries.Beneficiary b : beneficiaries.of(id).items()) {
                list.add(new ProjectBeneficiaries.NewBeneficiary(
                        b.householdId(), b.way(), b.planned(), b.actual(), b.note()));
            }
            return beneficiaries.replace(id, version, list);
        });
    }

    /** A sheet replacing the project's list: its rows' reasons on the page when any is refused. */
    @PostMapping("/projects/{id}/beneficiaries/import")
    String uploadBeneficiaries(
            @PathVariable long id,
            @RequestParam("file") org.springframework.web.multipart.MultipartFile file,
            jakarta.servlet.http.HttpServletRequest request,
            RedirectAttributes flash)
            throws java.io.IOException {
        java.nio.file.Path saved = org.fangpin.common.web.RequestSupport.save(file, workDir);
        try {
            org.fangpin.common.importing.ImportReport r = upload.upload(
                    id,
                    saved,
                    org.fangpin.common.web.RequestSupport.originalName(file),
                    org.fangpin.common.web.RequestSupport.user(request),
                    LocaleContextHolder.getLocale());
            if (r.applied()) {
                flash.addFlashAttribute("done", messages.get("project.uploaded", Messages.count(r.inserted())));
            } else {
                flash.addFlashAttribute(
                        "error",
                        r.errors().stream()
                                .limit(20)
                                .map(e -> messages.get(
                                        "project.uploadError",
                                        Long.toString(e.row()),
                                        e.column(),
                                        e.value(),
                                        e.reason()))
                                .collect(java.util.stream.Collectors.joining("；")));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(saved);
        }
        return "redirect:/projects/" + id;
    }

    /** How many new beneficiary rows the project page offers at once. */
    static final int BENEFICIARY_ROWS = 4;

    @PostMapping("/projects/{id}/files")
    String file(
            @PathVariable long id,
            @RequestParam("file") org.springframework.web.multipart.MultipartFile file,
            RedirectAttributes flash) {
        return step(id, flash, () -> {
            try (var in = file.getInputStream()) {
                return projects.addFile(id, file.getOriginalFilename(), in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @GetMapping("/projects/{id}/files/{file}")
    org.springframework.http.ResponseEntity<org.springframework.core.io.Resource> download(
            @PathVariable long id, @PathVariable java.util.UUID file) {
        org.fangpin.project.ProjectFiles.Content c = projects.openFile(id, file);
        return org.fangpin.common.web.Downloads.attachment(
                        c.file().fileName(),
                        org.springframework.http.MediaType.parseMediaType(
                                c.file().contentType()))
                .contentLength(c.file().sizeBytes())
                .header("X-Content-Type-Options", "nosniff")
                .body(new org.springframework.core.io.FileSystemResource(c.path()));
    }

    private String step(long id, RedirectAttributes flash, Supplier<?> action) {
        PageActions.run(action, flash, messages, LABELS)
                .ifPresent(x -> flash.addFlashAttribute("done", messages.get("project.saved")));
        return "redirect:/projects/" + id;
    }

    /** The application form: empty, or a project's application to change. */
    private void form(Model model, Projects.Project p) {
        model.addAttribute("p", p);
        model.addAttribute("regionOptions", options.of(RegionLevel.VILLAGE, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE));
        model.addAttribute("types", ProjectType.values());
        model.addAttribute("departments", Department.values());
        model.addAttribute("links", BenefitLink.values());
        model.addAttribute("sources", FundSource.values());
        model.addAttribute("year", LocalDate.now(clock).getYear());
        model.addAttribute("today", LocalDate.now(clock));
        Map<String, BigDecimal> budget = new LinkedHashMap<>();
        if (p != null) {
            p.budget().forEach(b -> budget.put(b.source().name(), b.amount()));
        }
        model.addAttribute("budget", budget);
        List<Projects.Target> targets = new ArrayList<>(p == null ? List.of() : p.targets());
        while (targets.size() < TARGET_ROWS) {
            targets.add(new Projects.Target("", ""));
        }
        model.addAttribute("targets", targets);
    }

    /** The application as sent by the form: budget per source ({@code budget_SOURCE}), targets by row. */
    private static Projects.Application application(MultiValueMap<String, String> f) {
        List<Projects.Budget> budget = new ArrayList<>();
        for (FundSource s : FundSource.values()) {
            String v = f.getFirst("budget_" + s.name());
            if (v != null && !v.isBlank()) {
                budget.add(new Projects.Budget(s, FormValues.number(v)));
            }
        }
        List<Projects.Target> targets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String indicator = f.getFirst("target_indicator_" + i);
            String value = f.getFirst("target_value_" + i);
            if ((indicator != null && !indicator.isBlank()) || (value != null && !value.isBlank())) {
                targets.add(new Projects.Target(indicator, value));
            }
        }
        List<BenefitLink> links = new ArrayList<>();
        for (String l : f.getOrDefault("benefitLinks", List.of())) {
            try {
                links.add(BenefitLink.valueOf(l));
            } catch (IllegalArgumentException e) {
                links.add(null);
            }
        }
        return new Projects.Application(
                f.getFirst("region"),
                FormValues.integer(f.getFirst("year")),
                f.getFirst("name"),
                FormValues.parse(ProjectType.class, f.getFirst("type")),
                f.getFirst("subtype"),
                FormValues.parse(Department.class, f.getFirst("department")),
                f.getFirst("place"),
                f.getFirst("content"),
                f.getFirst("implementer"),
                f.getFirst("responsible"),
                "true".equals(f.getFirst("householdLevel")),
                links,
                FormValues.integer(f.getFirst("plannedHouseholds")),
                FormValues.integer(f.getFirst("plannedPersons")),
                FormValues.integer(f.getFirst("plannedPoorHouseholds")),
                FormValues.number(f.getFirst("plannedLabourPay")),
                budget,
                targets,
                FormValues.date(f.getFirst("appliedOn")));
    }

    private static List<Long> tenThousands(
            List<Funds.CountyYear> rows, java.util.function.Function<Funds.CountyYear, BigDecimal> f) {
        return rows.stream()
                .map(r -> f.apply(r)
                        .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
                        .longValue())
                .toList();
    }

    private static Map<String, String> labels(Locale locale) {
        return org.fangpin.common.Labelled.labels(
                locale,
                ProjectStage.class,
                FundSource.class,
                ProjectType.class,
                BenefitLink.class,
                PayeeKind.class,
                Department.class);
    }
}
