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
import org.fangpin.ip.Universities;
import org.fangpin.pairing.MemberStatus;
import org.fangpin.pairing.TeamAttendance;
import org.fangpin.pairing.TeamPost;
import org.fangpin.pairing.TeamTraining;
import org.fangpin.pairing.UnitKind;
import org.fangpin.pairing.WorkTeams;
import org.fangpin.region.DataScope;
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

/** 驻村工作队 pages: the teams of the user's reach with what needs attention, one team's roster and its changes. */
@Controller
class TeamPageController {

    private static final String LABELS = "team.field.";

    private final WorkTeams teams;
    private final TeamAttendance attendance;
    private final TeamTraining training;
    private final RegionDirectory regions;
    private final DataScope dataScope;
    private final Permissions permissions;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;
    private final Universities universities;

    TeamPageController(
            WorkTeams teams,
            TeamAttendance attendance,
            TeamTraining training,
            RegionDirectory regions,
            DataScope dataScope,
            Permissions permissions,
            Messages messages,
            JsonMapper json,
            Clock clock,
            Universities universities) {
        this.universities = universities;
        this.teams = teams;
        this.attendance = attendance;
        this.training = training;
        this.regions = regions;
        this.dataScope = dataScope;
        this.permissions = permissions;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/teams")
    String list(@RequestParam(defaultValue = "false") boolean ended, Model model, Locale locale) {
        WorkTeams.Overview o = teams.overview(ended);
        model.addAttribute("o", o);
        model.addAttribute("ended", ended);
        boolean manage = permissions.has(Permission.TEAM_MANAGE);
        model.addAttribute("canManage", manage);
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("training", training.overview());
        if (manage) {
            DataScope.Scope scope = dataScope.current();
            model.addAttribute(
                    "villages",
                    regions.atLevel(RegionLevel.VILLAGE).stream()
                            .filter(r -> r.validTo() == null && scope.covers(r.code()))
                            .sorted(java.util.Comparator.comparing(Region::code))
                            .limit(2000)
                            .toList());
            model.addAttribute("units", teams.units());
            model.addAttribute("universities", universities.directory());
            model.addAttribute("kinds", UnitKind.values());
        }
        if (o.villages() > 0) {
            Map<String, Long> coverage = new LinkedHashMap<>();
            coverage.put(messages.get(locale, "team.withTeam"), o.withTeam());
            coverage.put(messages.get(locale, "team.withoutTeam"), Math.max(0, o.villages() - o.withTeam()));
            model.addAttribute(
                    "chart", json.writeValueAsString(ChartOptions.pie(coverage, List.of("#2e7d32", "#bdbdbd"))));
        }
        return "teams";
    }

    @PostMapping("/units")
    String addUnit(
            @ModelAttribute WorkTeams.NewUnit u,
            @RequestParam(required = false) String back,
            RedirectAttributes flash) {
        PageActions.run(() -> teams.addUnit(u), flash, messages, LABELS)
                .ifPresent(x -> flash.addFlashAttribute("done", messages.get("team.unit-added", x.name())));
        // back to the page the form was on: 驻村 or 协作帮扶
        return "/partnerships".equals(back) ? "redirect:/partnerships#add" : "redirect:/teams";
    }

    /** From a partnership's page: the university its helping unit is. */
    @PostMapping("/units/{id}/university")
    String unitUniversity(
            @PathVariable long id,
            @RequestParam(required = false) Long universityId,
            @RequestParam long partnership,
            RedirectAttributes flash) {
        PageActions.run(
                        () -> teams.linkUniversity(id, new WorkTeams.UnitUniversity(universityId)),
                        flash,
                        messages,
                        LABELS)
                .ifPresent(x -> flash.addFlashAttribute("done", messages.get("team.unit-university-set", x.name())));
        return "redirect:/partnerships/" + partnership;
    }

    @PostMapping("/teams/trainings")
    String recordTraining(
            @RequestParam(required = false) String course,
            @RequestParam(required = false) LocalDate heldOn,
            @RequestParam(required = false) java.math.BigDecimal days,
            @RequestParam(required = false) String organiser,
            @RequestParam(required = false) List<Long> memberIds,
            RedirectAttributes flash) {
        PageActions.run(
                        () -> training.record(new TeamTraining.NewTraining(course, heldOn, days, organiser, memberIds)),
                        flash,
                        messages,
                        LABELS)
                .ifPresent(t -> flash.addFlashAttribute("done", messages.get("team.training.recorded", t.course())));
        return "redirect:/teams#training";
    }

    @PostMapping("/teams")
    String start(
            @RequestParam(required = false) String village,
            @RequestParam(required = false) LocalDate startedOn,
            @RequestParam(required = false) List<Long> unitIds,
            RedirectAttributes flash) {
        return PageActions.run(
                        () -> teams.start(new WorkTeams.NewTeam(village, startedOn, unitIds)), flash, messages, LABELS)
                .map(t -> {
                    flash.addFlashAttribute("done", messages.get("team.started", t.villageName()));
                    return "redirect:/teams/" + t.id();
                })
                .orElse("redirect:/teams");
    }

    @GetMapping("/teams/{id}")
    String team(@PathVariable long id, @RequestParam(required = false) String month, Model model) {
        WorkTeams.Team t = teams.get(id);
        java.time.YearMonth shown =
                month == null || month.isBlank() ? java.time.YearMonth.now(clock) : attendance.parseMonth(month);
        model.addAttribute("month", shown);
        model.addAttribute("attendance", attendance.month(shown, id));
        model.addAttribute("leaves", attendance.leaves(id));
        model.addAttribute("canLog", permissions.has(Permission.ATTENDANCE_LOG) && t.endedOn() == null);
        model.addAttribute("canApprove", permissions.has(Permission.TEAM_LEAVE_APPROVE));
        model.addAttribute("t", t);
        model.addAttribute("canManage", permissions.has(Permission.TEAM_MANAGE) && t.endedOn() == null);
        model.addAttribute("units", teams.units());
        model.addAttribute("posts", TeamPost.values());
        model.addAttribute("leaving", List.of(MemberStatus.RECALLED, MemberStatus.ROTATED, MemberStatus.EXPIRED));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("path", regions.ancestors(t.village()));
        return "team";
    }

    @PostMapping("/teams/{id}/members")
    String addMember(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute WorkTeams.NewMember m,
            RedirectAttributes flash) {
        return step(id, flash, () -> teams.addMember(id, version, m));
    }

    @PostMapping("/teams/{id}/members/{member}/leave")
    String leave(
            @PathVariable long id,
            @PathVariable long member,
            @RequestParam int version,
            @ModelAttribute WorkTeams.Leave l,
            RedirectAttributes flash) {
        return step(id, flash, () -> teams.leave(id, version, member, l));
    }

    @PostMapping("/teams/{id}/end")
    String end(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute WorkTeams.End e,
            RedirectAttributes flash) {
        return step(id, flash, () -> teams.end(id, version, e));
    }

    @PostMapping("/teams/{id}/members/{member}/attendance")
    String log(
            @PathVariable long id,
            @PathVariable long member,
            @RequestParam String month,
            @ModelAttribute TeamAttendance.Log l,
            RedirectAttributes flash) {
        step(id, flash, () -> attendance.log(id, member, attendance.parseMonth(month), l));
        return "redirect:/teams/" + id + "?month=" + month;
    }

    @PostMapping("/teams/{id}/leaves")
    String requestLeave(
            @PathVariable long id,
            @RequestParam long member,
            @ModelAttribute TeamAttendance.NewLeave n,
            RedirectAttributes flash) {
        return step(id, flash, () -> attendance.requestLeave(id, member, n));
    }

    @PostMapping("/teams/{id}/leaves/{leave}/decision")
    String decideLeave(
            @PathVariable long id,
            @PathVariable long leave,
            @ModelAttribute TeamAttendance.Decision d,
            RedirectAttributes flash) {
        return step(id, flash, () -> attendance.decideLeave(id, leave, d));
    }

    private String step(long id, RedirectAttributes flash, Supplier<?> action) {
        PageActions.run(action, flash, messages, LABELS)
                .ifPresent(x -> flash.addFlashAttribute("done", messages.get("team.saved")));
        return "redirect:/teams/" + id;
    }
}
