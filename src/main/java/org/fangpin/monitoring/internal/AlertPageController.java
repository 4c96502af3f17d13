package org.fangpin.monitoring.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fangpin.monitoring.Alerts;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages: the alerts of the caller's region by status (keyset "more" via htmx), and one alert explained. */
@Controller
class AlertPageController {

    private static final int PAGE = 30;

    private final Alerts alerts;
    private final RegionDirectory regions;
    private final java.time.Clock clock;

    AlertPageController(Alerts alerts, RegionDirectory regions, java.time.Clock clock) {
        this.alerts = alerts;
        this.regions = regions;
        this.clock = clock;
    }

    /** Labels of categories and causes (the codes alerts carry), and the zone times are shown in. */
    @org.springframework.web.bind.annotation.ModelAttribute
    void common(Model model, java.util.Locale locale) {
        Map<String, String> labels = new java.util.HashMap<>();
        for (var c : org.fangpin.registry.MonitoringCategory.values()) {
            labels.put(c.name(), c.label(locale));
        }
        for (var c : org.fangpin.registry.RiskCause.values()) {
            labels.put(c.name(), c.label(locale));
        }
        model.addAttribute("labels", labels);
        model.addAttribute("zone", clock.getZone());
    }

    @GetMapping("/alerts")
    String list(
            @RequestParam Optional<Alerts.Status> status,
            @RequestParam Optional<Long> before,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        List<Alerts.Alert> page = alerts.list(new Alerts.Query(
                Optional.empty(), status, Optional.empty(), Optional.empty(), Optional.empty(), before, PAGE));
        model.addAttribute("alerts", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("status", status.orElse(null));
        model.addAttribute("statuses", Alerts.Status.values());
        model.addAttribute("villages", villageNames(page));
        if (htmx != null) {
            return "alerts :: rows";
        }
        model.addAttribute("counts", alerts.counts());
        return "alerts";
    }

    @GetMapping("/alerts/{id}")
    String alert(@PathVariable long id, Model model) {
        Alerts.Alert a = alerts.get(id);
        model.addAttribute("a", a);
        model.addAttribute("path", regions.ancestors(a.villageCode()));
        model.addAttribute("events", alerts.events(id));
        return "alert";
    }

    private Map<String, String> villageNames(List<Alerts.Alert> page) {
        return page.stream()
                .map(Alerts.Alert::villageCode)
                .distinct()
                .map(regions::find)
                .flatMap(Optional::stream)
                .collect(Collectors.toMap(Region::code, Region::name, (x, y) -> x));
    }
}
