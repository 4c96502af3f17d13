package org.fangpin.assessment.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.assessment.InterviewKind;
import org.fangpin.assessment.Interviews;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.common.web.PageActions;
import org.fangpin.region.DataScope;
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

/** 约谈 pages: the interviews of the caller's reach with the form to record one; an interview and its follow-up. */
@Controller
class InterviewPageController {

    private final Interviews interviews;
    private final RegionChoices choices;
    private final DataScope dataScope;
    private final Permissions permissions;
    private final Messages messages;
    private final Clock clock;

    InterviewPageController(
            Interviews interviews,
            RegionChoices choices,
            DataScope dataScope,
            Permissions permissions,
            Messages messages,
            Clock clock) {
        this.interviews = interviews;
        this.choices = choices;
        this.dataScope = dataScope;
        this.permissions = permissions;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/interviews")
    String list(
            @RequestParam(required = false) Long finding, @RequestParam(required = false) String region, Model model) {
        model.addAttribute("interviews", interviews.list(null, 200));
        model.addAttribute("canRecord", permissions.has(Permission.FINDING_ISSUE));
        model.addAttribute("kinds", InterviewKind.values());
        model.addAttribute("regionOptions", choices.twoLevelsBelow());
        model.addAttribute("finding", finding);
        model.addAttribute("region", region);
        model.addAttribute("today", LocalDate.now(clock));
        return "interviews";
    }

    @PostMapping("/interviews")
    String record(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) InterviewKind kind,
            @RequestParam(required = false) String interviewee,
            @RequestParam(required = false) String post,
            @RequestParam(required = false) String interviewer,
            @RequestParam(required = false) LocalDate heldOn,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String findings,
            @RequestParam(required = false) String undertaking,
            @RequestParam(required = false) LocalDate followUpDue,
            RedirectAttributes flash) {
        return PageActions.run(
                        () -> interviews.record(new Interviews.InterviewRecord(
                                region,
                                kind,
                                interviewee,
                                post,
                                interviewer,
                                heldOn,
                                reason,
                                findingIds(findings),
                                undertaking,
                                followUpDue)),
                        flash,
                        messages,
                        "interview.field.")
                .map(i -> "redirect:/interviews/" + i.id())
                .orElse("redirect:/interviews");
    }

    @GetMapping("/interviews/{id}")
    String show(@PathVariable long id, Model model) {
        Interviews.Interview i = interviews.get(id);
        model.addAttribute("i", i);
        model.addAttribute(
                "canFollowUp",
                i.followedUpOn() == null
                        && permissions.has(Permission.FINDING_ISSUE)
                        && dataScope.current().covers(i.interviewerRegion()));
        return "interview";
    }

    @PostMapping("/interviews/{id}/follow-up")
    String followUp(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Interviews.InterviewFollowUp f,
            RedirectAttributes flash) {
        PageActions.run(() -> interviews.followUp(id, version, f), flash, messages, "interview.field.");
        return "redirect:/interviews/" + id;
    }

    private List<Long> findingIds(String text) {
        List<Long> ids = new ArrayList<>();
        if (text == null) {
            return ids;
        }
        for (String part : text.split("[,，;；\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(part.strip().replace("#", "")));
            } catch (NumberFormatException e) {
                throw ApiException.invalid(
                        List.of(FieldProblem.of("findings", messages.get("assessment.interview.finding", part))));
            }
        }
        return ids;
    }
}
