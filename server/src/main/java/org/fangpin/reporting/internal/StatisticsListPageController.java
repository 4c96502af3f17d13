package org.fangpin.reporting.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.fangpin.casework.CaseKind;
import org.fangpin.common.i18n.Messages;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.registry.RegistryFigures.MonitoringChange;
import org.fangpin.reporting.Activity.AlertFigure;
import org.fangpin.reporting.Activity.CaseFigure;
import org.fangpin.reporting.Period;
import org.fangpin.reporting.StatisticsLists;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 统计明细 pages: the households, alerts or cases behind a figure of the statistics page, each figure described in
 * words above its list (region, day or period, and what was counted), paged.
 */
@Controller
class StatisticsListPageController {

    private static final int PAGE = 50;

    private final StatisticsLists lists;
    private final StatisticsKeys keys;
    private final RegionDirectory regions;
    private final Messages messages;
    private final Clock clock;

    StatisticsListPageController(
            StatisticsLists lists, StatisticsKeys keys, RegionDirectory regions, Messages messages, Clock clock) {
        this.lists = lists;
        this.keys = keys;
        this.regions = regions;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/statistics/households")
    String stock(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Dimension by,
            @RequestParam(required = false) String key,
            @RequestParam(required = false) HouseholdIdentity identity,
            @RequestParam(required = false) MonitoringState state,
            @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request,
            Model model,
            Locale locale) {
        StatisticsLists.FigureHouseholds h = lists.stock(region, asOf, by, key, identity, state, offset(page), PAGE);
        List<String> what = new ArrayList<>();
        what.add(messages.get("statistics.list.asOf", h.asOf()));
        if (identity != null) {
            what.add(identity.label(locale));
        }
        if (state != null) {
            what.add(state.label(locale));
        }
        if (by != null && key != null) {
            what.add(messages.get("statistics.by." + by.name()) + "："
                    + keys.labels(by, locale).getOrDefault(key, messages.get("statistics.list.unknownKey")));
        }
        model.addAttribute(
                "back",
                "/statistics?region=" + h.region().code() + "&asOf=" + h.asOf()
                        + (by == null ? "" : "&by=" + by.name()));
        model.addAttribute("memberNote", by != null && key != null && StatisticsKeys.MEMBERS.contains(by));
        return households(model, h, what, page, request);
    }

    @GetMapping("/statistics/changes")
    String changes(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String period,
            @RequestParam MonitoringChange change,
            @RequestParam(required = false) String row,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request,
            Model model) {
        Period p = Period.of(period, LocalDate.now(clock));
        StatisticsLists.FigureHouseholds h = lists.changes(region, p, change, row, after, offset(page), PAGE);
        List<String> what = new ArrayList<>();
        what.add(messages.get("statistics.list.period", p, h.asOf()));
        if (row != null && !row.isBlank()) {
            what.add(regions.names(List.of(row.strip())).getOrDefault(row.strip(), row.strip()));
        }
        what.add(messages.get("statistics.change." + change.name()));
        if (after != null && !after.isBlank()) {
            what.add(messages.get("statistics.monitoredFor") + "：" + messages.get("statistics.key.risk-age." + after));
        }
        model.addAttribute("back", "/statistics?region=" + h.region().code() + "&period=" + p);
        model.addAttribute("memberNote", false);
        model.addAttribute("stateNow", true);
        return households(model, h, what, page, request);
    }

    @GetMapping("/statistics/alerts")
    String alerts(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String period,
            @RequestParam AlertFigure figure,
            @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request,
            Model model,
            Locale locale) {
        Period p = Period.of(period, LocalDate.now(clock));
        StatisticsLists.FigureEntries e = lists.alerts(region, p, figure, offset(page), PAGE);
        return entries(
                model,
                e,
                List.of(messages.get("statistics.list.period", p, e.to()), figure.label(locale)),
                "alert",
                p,
                page,
                request);
    }

    @GetMapping("/statistics/cases")
    String cases(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) CaseKind kind,
            @RequestParam CaseFigure figure,
            @RequestParam(defaultValue = "1") int page,
            HttpServletRequest request,
            Model model,
            Locale locale) {
        Period p = Period.of(period, LocalDate.now(clock));
        StatisticsLists.FigureEntries e = lists.cases(region, p, kind, figure, offset(page), PAGE);
        List<String> what = new ArrayList<>();
        what.add(messages.get("statistics.list.period", p, e.to()));
        if (kind != null) {
            what.add(kind.label(locale));
        }
        what.add(figure.label(locale));
        return entries(model, e, what, "case", p, page, request);
    }

    private String households(
            Model model, StatisticsLists.FigureHouseholds h, List<String> what, int page, HttpServletRequest request) {
        model.addAttribute("region", h.region());
        model.addAttribute("what", what);
        model.addAttribute("total", h.total());
        model.addAttribute("persons", h.persons());
        model.addAttribute("kept", h.kept());
        model.addAttribute("amended", h.amended());
        model.addAttribute("households", h.items());
        pager(model, h.total(), page, request);
        return "statistics-list";
    }

    private String entries(
            Model model,
            StatisticsLists.FigureEntries e,
            List<String> what,
            String kind,
            Period p,
            int page,
            HttpServletRequest request) {
        model.addAttribute("region", e.region());
        model.addAttribute("what", what);
        model.addAttribute("total", e.total());
        model.addAttribute("entries", e.items());
        model.addAttribute("entryKind", kind);
        model.addAttribute("back", "/statistics?region=" + e.region().code() + "&period=" + p);
        pager(model, e.total(), page, request);
        return "statistics-list";
    }

    private static void pager(Model model, long total, int page, HttpServletRequest request) {
        long pages = Math.max(1, (total + PAGE - 1) / PAGE);
        model.addAttribute("page", Math.max(1, page));
        model.addAttribute("pages", pages);
        // this list's address within the application (the template's link adds the context path) and its other
        // parameters as they came; the template adds the page's placeholder
        String query = request.getQueryString() == null
                ? ""
                : Arrays.stream(request.getQueryString().split("&"))
                        .filter(x -> !x.isEmpty() && !x.startsWith("page="))
                        .map(x -> x + "&")
                        .collect(Collectors.joining());
        model.addAttribute(
                "href",
                request.getRequestURI().substring(request.getContextPath().length()) + "?" + query);
    }

    private static int offset(int page) {
        return (Math.max(1, page) - 1) * PAGE;
    }
}
