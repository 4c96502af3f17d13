package org.fangpin.assessment.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.fangpin.assessment.FindingCategory;
import org.fangpin.assessment.FindingLists;
import org.fangpin.assessment.FindingSeverity;
import org.fangpin.assessment.FindingSource;
import org.fangpin.assessment.FindingState;
import org.fangpin.assessment.Findings;
import org.fangpin.assessment.Interviews;
import org.fangpin.assessment.SampleDraws;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.PageActions;
import org.fangpin.region.DataScope;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.Registry;
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
 * 问题整改 pages: the findings of the caller's reach with counts per state (a chart with its numbers) and the overdue
 * first; the form to issue one; a finding with its timeline and the step the caller's side takes next.
 */
@Controller
class FindingPageController {

    static final int PAGE = 30;

    /** 待整改, 整改中, 申请销号, 已销号. */
    private static final List<String> STATE_COLORS = List.of("#c62828", "#ef6c00", "#1565c0", "#2e7d32");

    private final Findings findings;
    private final FindingLists lists;
    private final SampleDraws draws;
    private final Interviews interviews;
    private final RegionDirectory regions;
    private final Registry registry;
    private final RegionChoices choices;
    private final DataScope dataScope;
    private final Permissions permissions;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    FindingPageController(
            Findings findings,
            FindingLists lists,
            SampleDraws draws,
            Interviews interviews,
            RegionDirectory regions,
            Registry registry,
            RegionChoices choices,
            DataScope dataScope,
            Permissions permissions,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.findings = findings;
        this.lists = lists;
        this.draws = draws;
        this.interviews = interviews;
        this.regions = regions;
        this.registry = registry;
        this.choices = choices;
        this.dataScope = dataScope;
        this.permissions = permissions;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/findings")
    String list(
            @RequestParam(required = false) FindingState state,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "false") boolean open,
            @RequestParam(defaultValue = "1") int page,
            Model model,
            Locale locale) {
        int p = Math.max(1, page);
        FindingLists.FindingPage list =
                lists.list(new FindingLists.FindingQuery(null, state, overdue, open, (p - 1) * PAGE, PAGE));
        model.addAttribute("list", list);
        model.addAttribute("state", state);
        model.addAttribute("overdue", overdue);
        model.addAttribute("open", open);
        model.addAttribute("states", FindingState.values());
        model.addAttribute("page", p);
        model.addAttribute("pages", Math.max(1, (list.total() + PAGE - 1) / PAGE));
        model.addAttribute("canIssue", permissions.has(Permission.FINDING_ISSUE));
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("today", today);
        model.addAttribute("yearStart", today.withDayOfYear(1));
        model.addAttribute("sources", FindingSource.values());
        // where the work lies: each sub-region's findings by state, the numbers in the table beside the chart
        List<FindingLists.RegionTally> regionsTally = lists.bySubRegion();
        Map<String, List<Long>> series = new LinkedHashMap<>();
        for (FindingState s : FindingState.values()) {
            series.put(
                    s.label(locale),
                    regionsTally.stream().map(t -> t.byState()[s.ordinal()]).toList());
        }
        model.addAttribute("regionsTally", regionsTally);
        model.addAttribute(
                "chart",
                json.writeValueAsString(ChartOptions.stackedBars(
                        regionsTally.stream()
                                .map(FindingLists.RegionTally::name)
                                .toList(),
                        series,
                        STATE_COLORS)));
        return "findings";
    }

    @GetMapping("/findings/new")
    String form(
            @RequestParam(required = false) Long sampleDraw,
            @RequestParam(required = false) String households,
            Model model) {
        model.addAttribute("regionOptions", choices.twoLevelsBelow());
        model.addAttribute("sources", FindingSource.values());
        model.addAttribute("categories", FindingCategory.values());
        model.addAttribute("severities", FindingSeverity.values());
        model.addAttribute("sampleDraw", sampleDraw);
        model.addAttribute("households", households == null ? "" : households);
        model.addAttribute("tomorrow", LocalDate.now(clock).plusDays(1));
        return "finding-new";
    }

    @PostMapping("/findings")
    String issue(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String responsibleUnit,
            @RequestParam(required = false) FindingSource source,
            @RequestParam(required = false) FindingCategory category,
            @RequestParam(required = false) FindingSeverity severity,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) LocalDate deadline,
            @RequestParam(required = false) String households,
            @RequestParam(required = false) Long sampleDraw,
            RedirectAttributes flash) {
        Supplier<Findings.FindingDetail> issue = () -> findings.issue(new Findings.FindingIssue(
                region,
                responsibleUnit,
                source,
                category,
                severity,
                title,
                description,
                deadline,
                householdIds(households),
                sampleDraw));
        return PageActions.run(issue, flash, messages, "finding.field.")
                .map(d -> "redirect:/findings/" + d.finding().id())
                .orElse("redirect:/findings/new" + (sampleDraw == null ? "" : "?sampleDraw=" + sampleDraw));
    }

    @GetMapping("/findings/{id}")
    String show(@PathVariable long id, Model model) {
        Findings.FindingDetail d = findings.detail(id);
        Findings.Finding f = d.finding();
        boolean issuerSide = findings.issuedByCaller(f);
        boolean aboveIssuer = dataScope.current().covers(f.issuerRegion());
        boolean open = f.state() == FindingState.TO_RECTIFY || f.state() == FindingState.RECTIFYING;
        model.addAttribute("d", d);
        model.addAttribute("f", f);
        model.addAttribute("canStep", !aboveIssuer && open && permissions.has(Permission.RECTIFY));
        model.addAttribute(
                "canRequestClose",
                !aboveIssuer && f.state() == FindingState.RECTIFYING && permissions.has(Permission.RECTIFY));
        // the draw it came from, for those who may read draws
        model.addAttribute("drawVisible", f.sampleDraw() != null && drawVisible(f.sampleDraw()));
        model.addAttribute(
                "canSignOff",
                issuerSide && f.state() == FindingState.CLOSE_REQUESTED && permissions.has(Permission.FINDING_ISSUE));
        model.addAttribute(
                "canReopen",
                issuerSide && f.state() == FindingState.SIGNED_OFF && permissions.has(Permission.FINDING_ISSUE));
        Map<Long, String> nos = new HashMap<>();
        registry.standings(d.households().stream()
                        .map(Findings.LinkedHousehold::householdId)
                        .toList())
                .forEach((hid, st) -> nos.put(hid, st.householdNo()));
        model.addAttribute("nos", nos);
        model.addAttribute(
                "villages",
                regions.names(d.households().stream()
                        .map(Findings.LinkedHousehold::villageCode)
                        .toList()));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("interviews", interviews.list(id, 50));
        model.addAttribute("canInterview", aboveIssuer && permissions.has(Permission.FINDING_ISSUE));
        return "finding";
    }

    @PostMapping("/findings/{id}/steps")
    String step(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Findings.RectificationStep s,
            RedirectAttributes flash) {
        PageActions.run(() -> findings.step(id, version, s), flash, messages, "finding.field.");
        return "redirect:/findings/" + id;
    }

    @PostMapping("/findings/{id}/close-request")
    String requestClose(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Findings.FindingNote r,
            RedirectAttributes flash) {
        PageActions.run(() -> findings.requestClose(id, version, r), flash, messages, "finding.field.");
        return "redirect:/findings/" + id;
    }

    @PostMapping("/findings/{id}/sign-off")
    String signOff(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Findings.FindingSignOff r,
            RedirectAttributes flash) {
        PageActions.run(() -> findings.signOff(id, version, r), flash, messages, "finding.field.");
        return "redirect:/findings/" + id;
    }

    @PostMapping("/findings/{id}/reopen")
    String reopen(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Findings.FindingNote r,
            RedirectAttributes flash) {
        PageActions.run(() -> findings.reopen(id, version, r), flash, messages, "finding.field.");
        return "redirect:/findings/" + id;
    }

    private boolean drawVisible(long id) {
        try {
            draws.header(id);
            return permissions.has(Permission.ASSESSMENT_MANAGE) || permissions.has(Permission.FIELD_CHECK);
        } catch (ApiException e) {
            return false;
        }
    }

    /** The households named by their numbers (户编号), within the caller's reach; 422 naming those not found. */
    private List<Long> householdIds(String numbers) {
        List<Long> ids = new ArrayList<>();
        List<FieldProblem> unknown = new ArrayList<>();
        if (numbers != null) {
            for (String no : numbers.split("[,，;；\\s]+")) {
                if (no.isBlank()) {
                    continue;
                }
                registry
                        .search(new HouseholdQuery(null, no.strip(), null, null, null, null, null, null, 5))
                        .items()
                        .stream()
                        .filter(h -> h.householdNo().equals(no.strip()))
                        .findFirst()
                        .ifPresentOrElse(
                                h -> ids.add(h.id()),
                                () -> unknown.add(FieldProblem.of(
                                        "households", messages.get("assessment.finding.household", no.strip()))));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid(unknown);
        }
        return ids;
    }
}
