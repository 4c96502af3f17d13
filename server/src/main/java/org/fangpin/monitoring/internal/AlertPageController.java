package org.fangpin.monitoring.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.AlertFollowUps;
import org.fangpin.monitoring.Alerts;
import org.fangpin.monitoring.PolicyPeriods;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.fangpin.security.UserAccounts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages: the alerts of the caller's region — filtered by township, village, rule, category, level, days and
 * assignee, counted, sorted, paged, and assigned in bulk — and one alert explained, with its steps.
 */
@Controller
class AlertPageController {

    private static final int PAGE = 30;

    private final Alerts alerts;
    private final RegionDirectory regions;
    private final DataScope dataScope;
    private final Clock clock;
    private final Actor.Current actor;
    private final Messages messages;
    private final PolicyPeriods periods;
    private final Optional<AlertFollowUps> followUps;
    private final UserAccounts users;

    AlertPageController(
            Alerts alerts,
            RegionDirectory regions,
            DataScope dataScope,
            PolicyPeriods periods,
            Clock clock,
            Actor.Current actor,
            Messages messages,
            Optional<AlertFollowUps> followUps,
            UserAccounts users) {
        this.users = users;
        this.alerts = alerts;
        this.regions = regions;
        this.dataScope = dataScope;
        this.periods = periods;
        this.clock = clock;
        this.actor = actor;
        this.messages = messages;
        this.followUps = followUps;
    }

    /** Labels of categories and causes (the codes alerts carry), and the zone times are shown in. */
    @ModelAttribute
    void common(Model model, Locale locale) {
        model.addAttribute("labels", Labelled.labels(locale, MonitoringCategory.class, RiskCause.class));
        model.addAttribute("zone", clock.getZone());
    }

    @GetMapping("/alerts")
    String list(AlertListForm form, Model model) {
        Alerts.Filter filter = form.filter();
        long total = alerts.count(filter);
        int pages = (int) Math.max(1, (total + PAGE - 1) / PAGE);
        int page = Math.min(form.page(), pages);
        List<Alerts.Item> items = alerts.list(new Alerts.Query(filter, form.sort(), null, (page - 1) * PAGE, PAGE));
        model.addAttribute("f", form);
        model.addAttribute("alerts", items);
        model.addAttribute("total", total);
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        Map<Alerts.Status, Long> counts = alerts.counts(filter);
        model.addAttribute("counts", counts);
        model.addAttribute(
                "all", counts.values().stream().mapToLong(Long::longValue).sum());
        model.addAttribute(
                "open",
                filter.status() == null
                                || filter.status() == Alerts.Status.NEW
                                || filter.status() == Alerts.Status.ASSIGNED
                        ? counts.get(reassignable(filter))
                        : 0L);
        model.addAttribute("statuses", Alerts.Status.values());
        model.addAttribute("sorts", Alerts.Sort.values());
        model.addAttribute("rules", alerts.rules());
        model.addAttribute("categories", MonitoringCategory.values());
        model.addAttribute(
                "villages",
                regions.names(items.stream().map(Alerts.Item::villageCode).toList()));
        model.addAttribute(
                "people",
                users.displayNames(items.stream()
                        .map(Alerts.Item::assignedTo)
                        .filter(Objects::nonNull)
                        .toList()));
        regionChoices(form, model);
        Role role = actor.get().map(Actor::role).orElse(null);
        boolean office = role == Role.TOWNSHIP || role == Role.COUNTY;
        model.addAttribute("canAssign", office);
        if (office) {
            model.addAttribute("assignees", grouped(alerts.assignees(filter.region())));
        }
        return "alerts";
    }

    /**
     * Assigns the selected alerts, or every open alert the filter matches, to one user or each to its village's
     * cadre ({@code assignTo=@cadre}); back to the list with what was done and what was left, and why.
     */
    @PostMapping("/alerts/assign")
    String assignAll(
            AlertListForm form,
            @RequestParam(required = false) List<Long> ids,
            @RequestParam(defaultValue = "false") boolean all,
            @RequestParam(defaultValue = "") String assignTo,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        Role role = actor.get().map(Actor::role).orElse(null);
        if (role != Role.TOWNSHIP && role != Role.COUNTY) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "monitoring.alert.role", List.of());
        }
        // a refusal shows the list again as it was, the reason above the form
        if (assignTo.isBlank()) {
            return refused(form, model, response, messages.get("alert.bulk.noAssignee"));
        }
        List<Long> chosen = new ArrayList<>();
        if (all) {
            // every alert the filter matches that waits for assignment (待指派), or — listing those being checked —
            // every one of them, to be given to someone else
            Alerts.Filter f = form.filter();
            if (f.status() == null || f.status() == Alerts.Status.NEW || f.status() == Alerts.Status.ASSIGNED) {
                chosen.addAll(alerts.ids(f.withStatus(reassignable(f)), Alerts.MAX_BULK + 1));
            }
            if (chosen.size() > Alerts.MAX_BULK) {
                return refused(form, model, response, messages.get("monitoring.alert.bulk-size", Alerts.MAX_BULK));
            }
        } else if (ids != null) {
            chosen.addAll(ids);
        }
        if (chosen.isEmpty()) {
            return refused(form, model, response, messages.get("alert.bulk.none"));
        }
        Alerts.Bulk done;
        try {
            done = alerts.assignAll(chosen, "@cadre".equals(assignTo) ? null : assignTo.strip());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            return refused(form, model, response, messages.reasonOf(e));
        }
        flash.addFlashAttribute("success", messages.get("alert.bulk.done", done.assigned()));
        Map<String, Long> why = new LinkedHashMap<>();
        done.skipped().forEach(s -> why.merge(s.reason(), 1L, Long::sum));
        flash.addFlashAttribute("skipped", why);
        return "redirect:" + form.with(Map.of());
    }

    /** What "assign all" takes: the alerts waiting for assignment, unless the list shows those being checked. */
    private static Alerts.Status reassignable(Alerts.Filter f) {
        return f.status() == Alerts.Status.ASSIGNED ? Alerts.Status.ASSIGNED : Alerts.Status.NEW;
    }

    private String refused(AlertListForm form, Model model, HttpServletResponse response, String reason) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("error", reason);
        return list(form, model);
    }

    @GetMapping("/alerts/{id}")
    String alert(@PathVariable long id, Model model) {
        Alerts.Alert a = alerts.get(id);
        model.addAttribute("a", a);
        model.addAttribute("path", regions.ancestors(a.villageCode()));
        List<Alerts.Event> events = alerts.events(id);
        model.addAttribute("events", events);
        List<String> who = new ArrayList<>();
        events.forEach(e -> who.add(e.actor()));
        Stream.of(a.assignedTo(), a.decidedBy()).filter(Objects::nonNull).forEach(who::add);
        model.addAttribute("people", users.displayNames(who));
        model.addAttribute(
                "period",
                periods.at(
                                RegionCode.province(a.villageCode()),
                                a.createdAt().atZone(clock.getZone()).toLocalDate())
                        .orElse(null));
        if (a.status() == Alerts.Status.HANDED || a.status() == Alerts.Status.CLOSED) {
            model.addAttribute(
                    "followUp",
                    followUps.flatMap(f -> f.of(a.id(), a.householdId())).orElse(null));
        }
        // which steps the user may take now (the service checks again)
        Role role = actor.get().map(Actor::role).orElse(null);
        String me = actor.get().map(Actor::username).orElse("");
        boolean office = role == Role.TOWNSHIP || role == Role.COUNTY;
        boolean open = a.status() == Alerts.Status.NEW || a.status() == Alerts.Status.ASSIGNED;
        model.addAttribute("canAssign", office && open);
        if (office && open) {
            model.addAttribute("assignees", grouped(alerts.assignees(a.villageCode())));
        }
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
        return step(id, flash, null, () -> alerts.assign(id, version, assignee.strip()));
    }

    @PostMapping("/alerts/{id}/verify")
    String verify(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam(required = false) Boolean confirmed,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes flash) {
        if (confirmed == null) {
            flash.addFlashAttribute("error", messages.get("alert.chooseOutcome"));
            flash.addFlashAttribute("typedNote", note);
            return "redirect:/alerts/" + id;
        }
        flash.addFlashAttribute("typedNote", note);
        flash.addFlashAttribute("typedConfirmed", confirmed);
        return step(id, flash, null, () -> alerts.verify(id, version, confirmed, note));
    }

    @PostMapping("/alerts/{id}/hand-over")
    String hand(@PathVariable long id, @RequestParam int version, RedirectAttributes flash) {
        return step(id, flash, "alert.handed", () -> alerts.hand(id, version));
    }

    /** Takes a step; a refusal (stale, wrong status, missing note) comes back as a message on the page. */
    private String step(long id, RedirectAttributes flash, String successKey, Runnable action) {
        try {
            action.run();
            if (successKey != null) {
                flash.addFlashAttribute("success", messages.get(successKey));
            }
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                throw e; // the error page, with its status
            }
            flash.addFlashAttribute("error", messages.reasonOf(e));
        }
        return "redirect:/alerts/" + id;
    }

    /** The township and village choices: the townships of the caller's county, the villages of the township. */
    private void regionChoices(AlertListForm form, Model model) {
        LocalDate today = LocalDate.now(clock);
        Region home = dataScope.current().home().orElse(null);
        List<Region> townships = List.of();
        List<Region> villages = List.of();
        if (home != null && home.level() == RegionLevel.COUNTY) {
            townships = regions.children(home.code(), today);
        }
        String township = form.township();
        if (township == null && form.village() != null && RegionCode.isWellFormed(form.village())) {
            township = form.village().substring(0, 9) + "000";
        }
        if (township == null && home != null && home.level() == RegionLevel.TOWNSHIP) {
            township = home.code();
        }
        if (township != null && dataScope.current().covers(township)) {
            villages = regions.children(township, today);
        }
        model.addAttribute("townships", townships);
        model.addAttribute("villageChoices", villages);
    }

    /** People by their region's name, for a picker's option groups. */
    private Map<String, List<UserAccounts.Person>> grouped(List<UserAccounts.Person> people) {
        Map<String, String> names = regions.names(
                people.stream().map(UserAccounts.Person::regionCode).distinct().toList());
        Map<String, List<UserAccounts.Person>> out = new LinkedHashMap<>();
        for (UserAccounts.Person p : people) {
            out.computeIfAbsent(names.getOrDefault(p.regionCode(), p.regionCode()), k -> new ArrayList<>())
                    .add(p);
        }
        return out;
    }
}
