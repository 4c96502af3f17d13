package org.fangpin.pairing.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.PageActions;
import org.fangpin.pairing.LeaderVisits;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
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

/** 书记遍访 pages: each secretary's coverage in a year; one secretary's visits, the targets left and the forms. */
@Controller
class LeaderVisitPageController {

    private static final String LABELS = "leader.field.";

    private final LeaderVisits visits;
    private final RegionDirectory regions;
    private final Permissions permissions;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    LeaderVisitPageController(
            LeaderVisits visits,
            RegionDirectory regions,
            Permissions permissions,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.visits = visits;
        this.regions = regions;
        this.permissions = permissions;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/leader-visits")
    String list(@RequestParam(required = false) Integer year, Model model, Locale locale) {
        int y = year == null ? today().getYear() : year;
        List<LeaderVisits.Leader> leaders = visits.list(y);
        model.addAttribute("leaders", leaders);
        model.addAttribute("year", y);
        model.addAttribute("years", PageYears.around(today(), 0));
        List<LeaderVisits.Leader> charted =
                leaders.stream().filter(l -> l.coverage() != null).limit(40).toList();
        if (!charted.isEmpty()) {
            model.addAttribute(
                    "chart",
                    json.writeValueAsString(ChartOptions.shares(
                            charted.stream()
                                    .map(l -> l.regionName() + " " + l.name())
                                    .toList(),
                            charted.stream()
                                    .map(l -> l.coverage().doubleValue())
                                    .toList(),
                            charted.stream().map(l -> 100.0).toList(),
                            charted.stream()
                                    .map(l -> l.coverage().doubleValue() >= 100.0)
                                    .toList(),
                            List.of(messages.get(locale, "leader.coverage"), messages.get(locale, "leader.all")))));
        }
        model.addAttribute("canRecord", permissions.has(Permission.LEADER_VISIT));
        return "leader-visits";
    }

    @GetMapping("/leader-visits/leaders/{id}")
    String leader(@PathVariable long id, @RequestParam(required = false) Integer year, Model model) {
        LeaderVisits.Detail d = visits.get(id, year == null ? today().getYear() : year);
        model.addAttribute("d", d);
        model.addAttribute("l", d.leader());
        model.addAttribute("today", today());
        if (d.editable()) {
            // the villages of the leader's region, for a visit to a village
            List<Region> villages = new ArrayList<>();
            if (d.leader().level() == RegionLevel.VILLAGE) {
                regions.find(d.leader().region()).ifPresent(villages::add);
            } else {
                collect(d.leader().region(), villages);
            }
            model.addAttribute("villages", villages);
            model.addAttribute("canFind", permissions.has(Permission.FINDING_ISSUE));
        }
        return "leader";
    }

    @PostMapping("/leader-visits/leaders")
    String add(@ModelAttribute LeaderVisits.NewLeader n, RedirectAttributes flash) {
        return PageActions.run(() -> visits.create(n), flash, messages, LABELS)
                .map(l -> {
                    flash.addFlashAttribute("done", messages.get("leader.added", l.name()));
                    return "redirect:/leader-visits/leaders/" + l.id();
                })
                .orElse("redirect:/leader-visits");
    }

    @PostMapping("/leader-visits/leaders/{id}/end")
    String end(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute LeaderVisits.End e,
            RedirectAttributes flash) {
        return step(id, flash, () -> visits.end(id, version, e));
    }

    @PostMapping("/leader-visits/leaders/{id}/visits")
    String visit(@PathVariable long id, @ModelAttribute LeaderVisits.NewVisit v, RedirectAttributes flash) {
        return step(id, flash, () -> visits.visit(id, v));
    }

    private void collect(String code, List<Region> out) {
        for (Region r : regions.children(code, today())) {
            if (r.level() == RegionLevel.VILLAGE) {
                out.add(r);
            } else if (out.size() < 2000) {
                collect(r.code(), out);
            }
        }
    }

    private String step(long id, RedirectAttributes flash, Supplier<?> action) {
        PageActions.run(action, flash, messages, LABELS)
                .ifPresent(x -> flash.addFlashAttribute("done", messages.get("team.saved")));
        return "redirect:/leader-visits/leaders/" + id;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
