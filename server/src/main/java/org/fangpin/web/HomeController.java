package org.fangpin.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fangpin.assessment.FindingLists;
import org.fangpin.casework.Inbox;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.quality.QualityIssues;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegionStatistics;
import org.fangpin.registry.Registry;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard: a region's households by who they are (户属性) and their monitoring state, by child region, with
 * drill-down along the tree.
 */
@Controller
class HomeController {

    /** Not monitored, monitored, eliminated. */
    static final List<String> STATE_COLORS = List.of("#9aa5b1", "#e4572e", "#29a36a");

    static final List<String> CATEGORY_COLORS = List.of("#e4572e", "#f3a712", "#a4243b");

    private final RegionDirectory regions;
    private final Registry registry;
    private final JsonMapper json;
    private final Clock clock;

    private final DataScope dataScope;

    private final Inbox inbox;
    private final FindingLists findings;
    private final QualityIssues qualityIssues;
    private final Permissions permissions;

    HomeController(
            RegionDirectory regions,
            Registry registry,
            JsonMapper json,
            Clock clock,
            DataScope dataScope,
            Inbox inbox,
            FindingLists findings,
            QualityIssues qualityIssues,
            Permissions permissions) {
        this.inbox = inbox;
        this.findings = findings;
        this.qualityIssues = qualityIssues;
        this.permissions = permissions;
        this.dataScope = dataScope;
        this.regions = regions;
        this.registry = registry;
        this.json = json;
        this.clock = clock;
    }

    /** A child region's row in the drill-down table. */
    record ChildRow(
            Region region,
            long households,
            long persons,
            long exited,
            long ordinary,
            long monitored,
            long eliminated) {}

    /** One row of the identity × state table: counts per state, then the row's total. */
    record CrossRow(HouseholdIdentity identity, List<Long> counts, long total) {}

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@RequestParam(required = false) String region, Model model, Locale locale) {
        LocalDate today = LocalDate.now(clock);
        if (region == null && permissions.has(Permission.IP_MANAGE) && !dataScope.seesHouseholds()) {
            return "redirect:/ip"; // a university's office: its own portfolio is its home
        }
        Optional<Region> current = Optional.ofNullable(region)
                .map(code -> regions.find(code).orElseThrow(() -> ApiException.notFound("region.not-found", code)))
                .or(() -> dataScope.current().home())
                .or(() -> regions.roots(today).stream().findFirst());
        model.addAttribute("region", current.orElse(null));
        if (current.isEmpty()) {
            model.addAttribute("stats", RegionStatistics.empty());
            return "home";
        }
        Region r = current.get();
        if (region == null && dataScope.current().within(r).isEmpty()) {
            // e.g. the administrator: no household data to show, and no error either
            model.addAttribute("region", null);
            model.addAttribute("noScope", true);
            model.addAttribute("stats", RegionStatistics.empty());
            return "home";
        }
        // what waits for the user heads their own region's page (a village cadre's home has no sub-regions to chart)
        if (region == null && permissions.has(Permission.CASE_WORK)) {
            model.addAttribute("work", inbox.tasks(null, 0, 5));
        }
        // findings to rectify, and requests to close those the user's level issued
        if (region == null && (permissions.has(Permission.RECTIFY) || permissions.has(Permission.FINDING_ISSUE))) {
            FindingLists.Waiting w = findings.waiting();
            if (w.any()) {
                model.addAttribute("findingWork", w);
            }
        }
        // data-quality issues the user's region is to answer
        if (region == null && permissions.has(Permission.QUALITY_REVIEW)) {
            long open = qualityIssues.open();
            if (open > 0) {
                model.addAttribute("qualityOpen", open);
            }
        }
        RegionStatistics stats = registry.statistics(r);
        List<Region> children = regions.children(r.code(), today);
        List<ChildRow> rows = new ArrayList<>();
        for (Region c : children) {
            String code = c.code();
            rows.add(new ChildRow(
                    c,
                    stats.households(code),
                    stats.personsByChild().getOrDefault(code, 0L),
                    stats.count(code, HouseholdIdentity.EXITED, null),
                    stats.count(code, HouseholdIdentity.ORDINARY, null),
                    stats.count(code, null, MonitoringState.MONITORED),
                    stats.count(code, null, MonitoringState.ELIMINATED)));
        }
        model.addAttribute("path", regions.ancestors(r.code()));
        model.addAttribute("stats", stats);
        model.addAttribute("children", rows);
        model.addAttribute("monitored", stats.households(MonitoringState.MONITORED));
        model.addAttribute("eliminated", stats.households(MonitoringState.ELIMINATED));
        model.addAttribute("exited", stats.households(HouseholdIdentity.EXITED));
        model.addAttribute("states", MonitoringState.values());
        List<CrossRow> cross = new ArrayList<>();
        for (HouseholdIdentity i : HouseholdIdentity.values()) {
            List<Long> counts = Arrays.stream(MonitoringState.values())
                    .map(st -> stats.households(i, st))
                    .toList();
            cross.add(new CrossRow(i, counts, stats.households(i)));
        }
        model.addAttribute("cross", cross);
        model.addAttribute(
                "stateTotals",
                Arrays.stream(MonitoringState.values()).map(stats::households).toList());

        Map<String, List<Long>> series = new LinkedHashMap<>();
        for (MonitoringState st : MonitoringState.values()) {
            series.put(
                    st.label(locale),
                    rows.stream()
                            .map(row -> stats.count(row.region().code(), null, st))
                            .toList());
        }
        List<String> names = rows.stream().map(row -> row.region().name()).toList();
        model.addAttribute(
                "statusChart", json.writeValueAsString(ChartOptions.stackedBars(names, series, STATE_COLORS)));
        model.addAttribute(
                "chartLinks",
                json.writeValueAsString(rows.stream()
                        .map(row -> "/?region=" + row.region().code())
                        .toList()));
        Map<String, Long> categories = new LinkedHashMap<>();
        for (MonitoringCategory c : MonitoringCategory.values()) {
            categories.put(c.label(locale), stats.categories().getOrDefault(c, 0L));
        }
        model.addAttribute("categoryChart", json.writeValueAsString(ChartOptions.pie(categories, CATEGORY_COLORS)));
        return "home";
    }
}
