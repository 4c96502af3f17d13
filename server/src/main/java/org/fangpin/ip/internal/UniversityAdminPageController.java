package org.fangpin.ip.internal;

import java.util.Comparator;
import java.util.stream.Stream;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.PageActions;
import org.fangpin.ip.Universities;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 高校 for user administrators (ADR 0032): the universities they manage with their office accounts, a university to
 * record, an account to create (its one-time password shown once) and each account's 涉密知悉 clearance.
 */
@Controller
class UniversityAdminPageController {

    private static final String LABELS = "ip.field.";

    private final Universities universities;
    private final RegionDirectory regions;
    private final Actor.Current actor;
    private final Messages messages;

    UniversityAdminPageController(
            Universities universities, RegionDirectory regions, Actor.Current actor, Messages messages) {
        this.universities = universities;
        this.regions = regions;
        this.actor = actor;
        this.messages = messages;
    }

    @GetMapping("/admin/universities")
    String list(Model model) {
        model.addAttribute("universities", universities.list());
        model.addAttribute("members", universities.members());
        // where a university may be placed: the provinces and cities of the administrator's reach (and its counties
        // for an administrator of a city or a county)
        String home = actor.get().map(Actor::regionCode).orElse(null);
        RegionCode.CodeRange reach = home == null
                ? RegionCode.CodeRange.ALL
                : regions.find(home).map(Region::subtree).orElse(RegionCode.CodeRange.NOTHING);
        Stream<RegionLevel> levels = home == null
                ? Stream.of(RegionLevel.PROVINCE, RegionLevel.CITY)
                : Stream.of(RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY);
        model.addAttribute(
                "places",
                levels.flatMap(l -> regions.atLevel(l).stream())
                        .filter(r -> r.validTo() == null && reach.contains(r.code()))
                        .sorted(Comparator.comparing(Region::code))
                        .limit(2000)
                        .toList());
        return "admin-universities";
    }

    @PostMapping("/admin/universities")
    String create(@ModelAttribute Universities.NewUniversity n, RedirectAttributes flash) {
        PageActions.run(() -> universities.create(n), flash, messages, LABELS)
                .ifPresent(u -> flash.addFlashAttribute("done", messages.get("ip.university-added", u.name())));
        return "redirect:/admin/universities";
    }

    @PostMapping("/admin/universities/{id}/users")
    String addUser(@PathVariable long id, @ModelAttribute Universities.NewUser n, RedirectAttributes flash) {
        PageActions.run(() -> universities.addUser(id, n), flash, messages, LABELS)
                .ifPresent(c -> {
                    flash.addFlashAttribute("createdUser", c.username());
                    flash.addFlashAttribute("password", c.password());
                });
        return "redirect:/admin/universities#u" + id;
    }

    @PostMapping("/admin/universities/{id}/users/{username}/clearance")
    String clearance(
            @PathVariable long id,
            @PathVariable String username,
            @RequestParam boolean cleared,
            RedirectAttributes flash) {
        PageActions.run(
                        () -> universities.clear(id, username, new Universities.Clearance(cleared)),
                        flash,
                        messages,
                        LABELS)
                .ifPresent(m -> flash.addFlashAttribute("done", messages.get("ip.saved")));
        return "redirect:/admin/universities#u" + id;
    }
}
