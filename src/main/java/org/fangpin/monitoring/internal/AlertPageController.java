package org.fangpin.monitoring.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.Alerts;
import org.fangpin.monitoring.PolicyPeriods;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages: the alerts of the caller's region by status (keyset "more" via htmx), and one alert explained. */
@Controller
class AlertPageController {

    private static final int PAGE = 30;

    private final Alerts alerts;
    private final RegionDirectory regions;
    private final Clock clock;
    private final Actor.Current actor;
    private final Messages messages;

    private final PolicyPeriods periods;

    AlertPageController(
            Alerts alerts,
            RegionDirectory regions,
            PolicyPeriods periods,
            Clock clock,
            Actor.Current actor,
            Messages messages) {
        this.alerts = alerts;
        this.regions = regions;
        this.periods = periods;
        this.clock = clock;
        this.actor = actor;
        this.messages = messages;
    }

    /** Labels of categories and causes (the codes alerts carry), and the zone times are shown in. */
    @ModelAttribute
    void common(Model model, Locale locale) {
        model.addAttribute("labels", Labelled.labels(locale, MonitoringCategory.class, RiskCause.class));
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
                                RegionCode.province(a.villageCode()),
                                a.createdAt().atZone(clock.getZone()).toLocalDate())
                        .orElse(null));
        // which steps the user may take now (the service checks again)
        Role role = actor.get().map(Actor::role).orElse(null);
        String me = actor.get().map(Actor::username).orElse("");
        boolean office = role == Role.TOWNSHIP || role == Role.COUNTY;
        boolean open = a.status() == Alerts.Status.NEW || a.status() == Alerts.Status.ASSIGNED;
        model.addAttribute("canAssign", office && open);
        model.addAttribute(
                "canVerify",
                (office && open)
                        || (role == Role.VILLAGE && a.status() == Alerts.Status.ASSIGNED && me.equals(a.assignedTo())));
        model.addAttribute("canHand", office && a.status() == Alerts.Status.CONFIRMED);
        return "alert";
    }

    @PostMapping("/alerts/{id}/assign")
    String assign(
            @PathVariable long id, @RequestParam int version, @RequestParam String assignee, RedirectAttributes flash) {
        return step(id, flash, () -> alerts.assign(id, version, assignee.strip()));
    }

    @PostMapping("/alerts/{id}/verify")
    String verify(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam boolean confirmed,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes flash) {
        return step(id, flash, () -> alerts.verify(id, version, confirmed, note));
    }

    @PostMapping("/alerts/{id}/hand-over")
    String hand(@PathVariable long id, @RequestParam int version, RedirectAttributes flash) {
        return step(id, flash, () -> alerts.hand(id, version));
    }

    /** Takes a step; a refusal (stale, wrong status, missing note) comes back as a message on the page. */
    private String step(long id, RedirectAttributes flash, Runnable action) {
        try {
            action.run();
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                throw e; // the error page, with its status
            }
            flash.addFlashAttribute("error", messages.reasonOf(e));
        }
        return "redirect:/alerts/" + id;
    }
}
