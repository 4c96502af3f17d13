package org.fangpin.monitoring.internal;

import java.util.List;
import java.util.Map;
import org.fangpin.monitoring.Alerts;
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
    private final org.fangpin.security.Actor.Current actor;
    private final org.fangpin.common.i18n.Messages messages;

    private final org.fangpin.monitoring.PolicyPeriods periods;

    AlertPageController(
            Alerts alerts,
            RegionDirectory regions,
            org.fangpin.monitoring.PolicyPeriods periods,
            java.time.Clock clock,
            org.fangpin.security.Actor.Current actor,
            org.fangpin.common.i18n.Messages messages) {
        this.alerts = alerts;
        this.regions = regions;
        this.periods = periods;
        this.clock = clock;
        this.actor = actor;
        this.messages = messages;
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
            @RequestParam(required = false) Alerts.Status status,
            @RequestParam(required = false) Long before,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        List<Alerts.Alert> page =
                alerts.list(Alerts.Query.all(PAGE).withStatus(status).before(before));
        model.addAttribute("alerts", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("status", status);
        model.addAttribute("statuses", Alerts.Status.values());
        model.addAttribute(
                "villages",
                regions.names(page.stream().map(Alerts.Alert::villageCode).toList()));
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
        model.addAttribute(
                "period",
                periods.at(
                                org.fangpin.region.RegionCode.province(a.villageCode()),
                                a.createdAt().atZone(clock.getZone()).toLocalDate())
                        .orElse(null));
        // which steps the user may take now (the service checks again)
        org.fangpin.security.Role role =
                actor.get().map(org.fangpin.security.Actor::role).orElse(null);
        String me = actor.get().map(org.fangpin.security.Actor::username).orElse("");
        boolean office = role == org.fangpin.security.Role.TOWNSHIP || role == org.fangpin.security.Role.COUNTY;
        boolean open = a.status() == Alerts.Status.NEW || a.status() == Alerts.Status.ASSIGNED;
        model.addAttribute("canAssign", office && open);
        model.addAttribute(
                "canVerify",
                (office && open)
                        || (role == org.fangpin.security.Role.VILLAGE
                                && a.status() == Alerts.Status.ASSIGNED
                                && me.equals(a.assignedTo())));
        model.addAttribute("canHand", office && a.status() == Alerts.Status.CONFIRMED);
        return "alert";
    }

    @org.springframework.web.bind.annotation.PostMapping("/alerts/{id}/assign")
    String assign(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam String assignee,
            org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
        return step(id, flash, () -> alerts.assign(id, version, assignee.strip()));
    }

    @org.springframework.web.bind.annotation.PostMapping("/alerts/{id}/verify")
    String verify(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam boolean confirmed,
            @RequestParam(defaultValue = "") String note,
            org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
        return step(id, flash, () -> alerts.verify(id, version, confirmed, note));
    }

    @org.springframework.web.bind.annotation.PostMapping("/alerts/{id}/hand-over")
    String hand(
            @PathVariable long id,
            @RequestParam int version,
            org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
        return step(id, flash, () -> alerts.hand(id, version));
    }

    /** Takes a step; a refusal (stale, wrong status, missing note) comes back as a message on the page. */
    private String step(
            long id, org.springframework.web.servlet.mvc.support.RedirectAttributes flash, Runnable action) {
        try {
            action.run();
        } catch (org.fangpin.common.problem.ApiException e) {
            if (e.status() == org.springframework.http.HttpStatus.NOT_FOUND
                    || e.status() == org.springframework.http.HttpStatus.FORBIDDEN) {
                throw e; // the error page, with its status
            }
            flash.addFlashAttribute("error", messages.reasonOf(e));
        }
        return "redirect:/alerts/" + id;
    }
}
