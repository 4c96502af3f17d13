package org.fangpin.reporting.internal;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.reporting.Ledger;
import org.fangpin.reporting.LedgerColumn;
import org.fangpin.reporting.LedgerExports;
import org.fangpin.reporting.Ledgers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 台账 pages: the list of standard ledgers, and one ledger over a region with its filters, a page of rows, the totals
 * of all rows, and its XLSX and CSV exports.
 */
@Controller
class LedgerPageController {

    private static final int PAGE_SIZE = 50;

    private final Ledgers ledgers;
    private final LedgerExports exports;
    private final RegionDirectory regions;
    private final Messages messages;
    private final Clock clock;

    LedgerPageController(
            Ledgers ledgers, LedgerExports exports, RegionDirectory regions, Messages messages, Clock clock) {
        this.ledgers = ledgers;
        this.exports = exports;
        this.regions = regions;
        this.messages = messages;
        this.clock = clock;
    }

    /** One row as shown: the household's id (for the link) and each cell's text. */
    record ShownRow(long householdId, List<String> cells) {}

    /** 后台导出 from the ledger page: started, then followed on the reports page. */
    @PostMapping("/ledgers/{code}/export-jobs")
    String exportInBackground(
            @PathVariable String code,
            @RequestParam(defaultValue = "xlsx") String format,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam Map<String, String> params,
            RedirectAttributes redirect) {
        Ledger ledger = ledgers.find(code);
        try {
            LedgerExports.Job job = exports.start(
                    code,
                    LedgerController.request(ledger, region, from, to, params),
                    LedgerController.format(format, messages));
            return "redirect:/reports?export=" + job.id();
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                throw e; // the error page, with its status
            }
            // a bad filter, too many running: said on the ledger's page
            redirect.addFlashAttribute("error", messages.reasonOf(e));
            return "redirect:"
                    + UriComponentsBuilder.fromPath("/ledgers/" + code)
                            .queryParamIfPresent("region", Optional.ofNullable(region))
                            .build()
                            .toUriString();
        }
    }

    @GetMapping("/ledgers")
    String index(Model model) {
        model.addAttribute("ledgers", ledgers.list());
        return "ledgers";
    }

    @GetMapping("/ledgers/{code}")
    String ledger(
            @PathVariable String code,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam Map<String, String> params,
            Model model,
            Locale locale) {
        Ledger ledger = ledgers.find(code);
        Ledgers.Request request = LedgerController.request(ledger, region, from, to, params);
        Ledgers.Page p = ledgers.page(code, request, page, PAGE_SIZE);
        List<LedgerColumn> columns = ledger.columns();
        List<ShownRow> rows = new ArrayList<>();
        for (Ledgers.Row r : p.rows()) {
            List<String> cells = new ArrayList<>(columns.size());
            for (Object v : r.values()) {
                cells.add(text(v, locale));
            }
            rows.add(new ShownRow(r.householdId(), cells));
        }
        List<String> totals = new ArrayList<>();
        for (LedgerColumn c : columns) {
            BigDecimal t = p.totals().get(c.key());
            totals.add(t == null ? "" : c.kind() == LedgerColumn.Kind.MONEY ? money(t, locale) : integer(t, locale));
        }
        Region r = p.region();
        UriComponentsBuilder base =
                UriComponentsBuilder.fromPath("/ledgers/" + code).queryParam("region", r.code());
        if (p.from() != null) {
            base.queryParam("from", p.from());
        }
        if (p.to() != null) {
            base.queryParam("to", p.to());
        }
        p.filters().forEach(base::queryParam);
        String query = base.build().getQuery();
        model.addAttribute("ledgers", ledgers.list());
        model.addAttribute("ledger", ledger);
        model.addAttribute("page", p);
        model.addAttribute("rows", rows);
        model.addAttribute("totals", totals);
        model.addAttribute("region", r);
        model.addAttribute("path", regions.ancestors(r.code()));
        model.addAttribute(
                "children",
                r.level() == RegionLevel.VILLAGE ? List.of() : regions.children(r.code(), LocalDate.now(clock)));
        model.addAttribute("pageUrl", "/ledgers/" + code + "?" + query + "&page=");
        model.addAttribute("xlsxUrl", "/api/v1/ledgers/" + code + "/export?format=xlsx&" + query);
        model.addAttribute("csvUrl", "/api/v1/ledgers/" + code + "/export?format=csv&" + query);
        model.addAttribute("regionUrl", "/ledgers/" + code + "?region=");
        return "ledger";
    }

    private static String text(Object v, Locale locale) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return money(d, locale);
        }
        return v.toString();
    }

    private static String money(BigDecimal d, Locale locale) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(locale)).format(d);
    }

    private static String integer(BigDecimal d, Locale locale) {
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(locale)).format(d);
    }
}
