package org.fangpin.registry.internal;

import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages: the caller's department lists, and one list as of a date with its download. */
@Controller
class DutyListPageController {

    private final DutyLists lists;

    DutyListPageController(DutyLists lists) {
        this.lists = lists;
    }

    @GetMapping("/duty-lists")
    String pageIndex(Model model) {
        List<DutyList> mine = lists.mine();
        if (mine.size() == 1) {
            return "redirect:/duty-lists/" + mine.get(0).name();
        }
        model.addAttribute("lists", mine);
        return "duty-lists";
    }

    @GetMapping("/duty-lists/{list}")
    String pageList(
            @PathVariable String list,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String cursor,
            Model model) {
        DutyList l = DutyListController.parse(list);
        DutyLists.Page p = lists.page(
                l, asOf, region == null || region.isBlank() ? null : region, DutyListController.cursor(cursor), 100);
        model.addAttribute("lists", lists.mine());
        model.addAttribute("list", l);
        model.addAttribute("page", p);
        return "duty-lists";
    }
}
