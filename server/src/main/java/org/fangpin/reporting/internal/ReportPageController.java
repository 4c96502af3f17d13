package org.fangpin.reporting.internal;

import java.time.Clock;
import java.time.YearMonth;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.RegionDirectory;
import org.fangpin.reporting.LedgerExports;
import org.fangpin.reporting.Reports;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 报表 page: a month's reports of one's region and below with their versions and downloads; generating or
 * correcting them, with the progress of the run shown while it works (and found again on the page later); one's
 * background ledger exports, their progress and files.
 */
@Controller
class ReportPageController {

    private final Reports reports;
    private final LedgerExports exports;
    private final RegionDirectory regions;
    private final Permissions permissions;
    private final Messages messages;
    private final Clock clock;

    ReportPageController(
            Reports reports,
            LedgerExports exports,
            RegionDirectory regions,
            Permissions permissions,
            Messages messages,
            Clock clock) {
        this.reports = reports;
        this.exports = exports;
        this.regions = regions;
        this.permissions = permissions;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/reports")
    String page(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String month,
            @RequestParam(required = false) UUID run,
            @RequestParam(required = false) UUID export,
            Model model) {
        YearMonth m = ReportController.month(month, messages, clock);
        model.addAttribute("month", m.toString());
        model.addAttribute("reports", reports.list(region, m));
        model.addAttribute("runs", reports.runs(5));
        model.addAttribute("run", run == null ? null : reports.run(run));
        model.addAttribute("exports", exports.mine());
        model.addAttribute("exportJob", export == null ? null : exports.job(export));
        model.addAttribute("mayGenerate", permissions.has(Permission.REPORT_GENERATE));
        model.addAttribute("region", region);
        model.addAttribute("zone", clock.getZone());
        return "reports";
    }

    /** The progress of a run, for the page to poll (htmx). */
    @GetMapping("/reports/runs/{id}")
    String progress(@PathVariable UUID id, Model model) {
        model.addAttribute("run", reports.run(id));
        return "reports :: runProgress";
    }

    /** The progress of one's background export, for the page to poll (htmx). */
    @GetMapping("/reports/exports/{id}")
    String exportProgress(@PathVariable UUID id, Model model) {
        model.addAttribute("exportJob", exports.job(id));
        return "reports :: exportProgress";
    }

    @PostMapping("/reports/runs")
    String start(
            @RequestParam String month, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            Reports.ReportRun r = reports.start(null, ReportController.month(month, messages, clock), reason);
            return "redirect:/reports?month=" + r.month() + "&run=" + r.id();
        } catch (ApiException e) {
            redirect.addFlashAttribute("error", messages.reasonOf(e));
            return "redirect:/reports?month=" + month;
        }
    }
}
