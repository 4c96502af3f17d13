package org.fangpin.registry.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdStatus;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.Page;
import org.fangpin.registry.Registry;
import org.fangpin.registry.TimelineEntry;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages: the household search (keyset "more" via htmx) and a household with members and timeline. */
@Controller
class HouseholdPageController {

    private static final int PAGE = 30;

    private final Registry registry;
    private final RegionDirectory regions;

    HouseholdPageController(Registry registry, RegionDirectory regions) {
        this.registry = registry;
        this.regions = regions;
    }

    @GetMapping("/households")
    String search(
            @RequestParam Optional<String> region,
            @RequestParam Optional<String> q,
            @RequestParam Optional<HouseholdStatus> status,
            @RequestParam Optional<MonitoringCategory> category,
            @RequestParam Optional<String> cursor,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        Optional<String> name = q.filter(s -> !s.isBlank()).map(String::strip);
        boolean idNumber = name.filter(s -> s.length() == 18).isPresent();
        Page<HouseholdView> page = registry.search(new HouseholdQuery(
                region.filter(s -> !s.isBlank()),
                idNumber ? Optional.empty() : name,
                idNumber ? name : Optional.empty(),
                status,
                category,
                cursor.filter(s -> !s.isBlank()),
                PAGE));
        model.addAttribute("page", page);
        model.addAttribute(
                "villages",
                regions.names(
                        page.items().stream().map(HouseholdView::villageCode).toList()));
        model.addAttribute("region", region.flatMap(regions::find).orElse(null));
        model.addAttribute("q", q.orElse(""));
        model.addAttribute("status", status.orElse(null));
        model.addAttribute("category", category.orElse(null));
        model.addAttribute("statuses", HouseholdStatus.values());
        model.addAttribute("categories", MonitoringCategory.values());
        return htmx != null && cursor.isPresent() ? "households :: rows" : "households";
    }

    @GetMapping("/households/{id}")
    String household(
            @PathVariable long id,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) Optional<LocalDate> asOf,
            Model model) {
        HouseholdView h = registry.household(id, asOf)
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", id));
        model.addAttribute("h", h);
        model.addAttribute("asOf", asOf.orElse(null));
        model.addAttribute("path", regions.ancestors(h.villageCode()));
        List<TimelineEntry> timeline = new ArrayList<>(registry.timeline(id));
        Collections.reverse(timeline); // newest first
        model.addAttribute("timeline", timeline);
        return "household";
    }
}
