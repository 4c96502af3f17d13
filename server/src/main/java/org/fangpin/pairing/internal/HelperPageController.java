package org.fangpin.pairing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.PageActions;
import org.fangpin.pairing.HelperCoverage;
import org.fangpin.pairing.HelperStatus;
import org.fangpin.pairing.Helpers;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.fangpin.security.UserAccounts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** 帮扶责任人 pages: coverage and the helpers of the user's county, one helper's households, the unpaired list. */
@Controller
class HelperPageController {

    private static final String LABELS = "helper.field.";
    private static final int PAGE = 50;

    private final Helpers helpers;
    private final HelperCoverage coverage;
    private final RegionDirectory regions;
    private final DataScope dataScope;
    private final Permissions permissions;
    private final UserAccounts users;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    HelperPageController(
            Helpers helpers,
            HelperCoverage coverage,
            RegionDirectory regions,
            DataScope dataScope,
            Permissions permissions,
            UserAccounts users,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.helpers = helpers;
        this.coverage = coverage;
        this.regions = regions;
        this.dataScope = dataScope;
        this.permissions = permissions;
        this.users = users;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/helpers")
    String list(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) HelperStatus status,
            @RequestParam(required = false) Long before,
            Model model,
            Locale locale) {
        HelperCoverage.Coverage c = coverage.coverage(region);
        model.addAttribute("c", c);
        model.addAttribute("path", regions.ancestors(c.total().region()));
        model.addAttribute(
                "drillable",
                regions.find(c.total().region())
                        .map(r -> r.level() != RegionLevel.VILLAGE)
                        .orElse(false));
        if (c.below().size() > 1) {
            List<HelperCoverage.Row> shown = c.below().stream().limit(40).toList();
            Map<String, List<Long>> series = new LinkedHashMap<>();
            series.put(
                    messages.get(locale, "helper.paired"),
                    shown.stream().map(HelperCoverage.Row::paired).toList());
            series.put(
                    messages.get(locale, "helper.unpaired"),
                    shown.stream().map(HelperCoverage.Row::unpaired).toList());
            model.addAttribute(
                    "chart",
                    json.writeValueAsString(ChartOptions.stackedBars(
                            shown.stream().map(HelperCoverage.Row::name).toList(),
                            series,
                            List.of("#2e7d32", "#c62828"))));
        }
        List<Helpers.Helper> page = helpers.list(new Helpers.Query(name, status, before, PAGE));
        model.addAttribute("helpers", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).id() : null);
        model.addAttribute("name", name);
        model.addAttribute("status", status);
        model.addAttribute("statuses", HelperStatus.values());
        boolean assign = permissions.has(Permission.HELPER_ASSIGN);
        model.addAttribute("canAssign", assign);
        if (assign) {
            addPeople(model);
        }
        return "helpers";
    }

    @GetMapping("/helpers/unpaired")
    String unpaired(
            @RequestParam(required = false) String region, @RequestParam(required = false) Long before, Model model) {
        HelperCoverage.Coverage c = coverage.coverage(region);
        List<HelperCoverage.Unpaired> page = coverage.unpaired(region, before, PAGE);
        model.addAttribute("c", c);
        model.addAttribute("rows", page);
        model.addAttribute(
                "next", page.size() == PAGE ? page.get(page.size() - 1).householdId() : null);
        model.addAttribute("region", region);
        boolean assign = permissions.has(Permission.HELPER_ASSIGN);
        model.addAttribute("canAssign", assign);
        if (assign && !page.isEmpty()) {
            model.addAttribute("candidates", helpers.candidates(page.get(0).villageCode(), 2000));
        }
        return "helpers-unpaired";
    }

    @GetMapping("/helpers/{id}")
    String helper(@PathVariable long id, Model model) {
        Helpers.Detail d = helpers.get(id);
        model.addAttribute("d", d);
        model.addAttribute("h", d.helper());
        boolean assign = permissions.has(Permission.HELPER_ASSIGN) && d.helper().status() == HelperStatus.ACTIVE;
        model.addAttribute("canAssign", assign);
        model.addAttribute("today", LocalDate.now(clock));
        if (assign) {
            addPeople(model);
        }
        return "helper";
    }

    @PostMapping("/helpers")
    String add(@ModelAttribute Helpers.NewHelper n, RedirectAttributes flash) {
        return PageActions.run(() -> helpers.create(n), flash, messages, LABELS)
                .map(h -> {
                    flash.addFlashAttribute("done", messages.get("helper.added", h.name()));
                    return "redirect:/helpers/" + h.id();
                })
                .orElse("redirect:/helpers");
    }

    @PostMapping("/helpers/{id}")
    String amend(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Helpers.Change c,
            RedirectAttributes flash) {
        return step(id, flash, () -> helpers.amend(id, version, c));
    }

    @PostMapping("/helpers/{id}/departure")
    String depart(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Helpers.Departure d,
            RedirectAttributes flash) {
        return step(id, flash, () -> helpers.depart(id, version, d));
    }

    /** From the unpaired list: the household paired with the helper chosen, back to the list. */
    @PostMapping("/helpers/unpaired")
    String pairFromList(@RequestParam long helperId, @RequestParam long householdId, RedirectAttributes flash) {
        PageActions.run(
                        () -> helpers.pair(helperId, new Helpers.NewPairing(householdId, null)),
                        flash,
                        messages,
                        LABELS)
                .ifPresent(d -> flash.addFlashAttribute(
                        "done", messages.get("helper.pairedWith", d.helper().name())));
        return "redirect:/helpers/unpaired";
    }

    @PostMapping("/helpers/{id}/households/{household}/end")
    String unpair(
            @PathVariable long id,
            @PathVariable long household,
            @ModelAttribute Helpers.PairingEnd e,
            RedirectAttributes flash) {
        return step(id, flash, () -> helpers.unpair(id, household, e));
    }

    /** The accounts a helper may have: the county's people (township and village offices, the county's own). */
    private void addPeople(Model model) {
        dataScope.current().home().ifPresent(home -> {
            String county = home.code().substring(0, RegionLevel.COUNTY.digits());
            if (home.level().digits() >= RegionLevel.COUNTY.digits()) {
                Region c = regions.find(RegionCode.padded(county)).orElse(home);
                model.addAttribute("county", c);
                model.addAttribute(
                        "people",
                        users.people(c.subtree(), List.of(), List.of(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY), 500));
            }
        });
    }

    private String step(long id, RedirectAttributes flash, Supplier<?> action) {
        PageActions.run(action, flash, messages, LABELS)
                .ifPresent(x -> flash.addFlashAttribute("done", messages.get("team.saved")));
        return "redirect:/helpers/" + id;
    }
}
