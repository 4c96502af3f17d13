package org.fangpin.reporting.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fangpin.casework.CaseKind;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryFigures;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.registry.RegistryFigures.MonitoringChange;
import org.fangpin.reporting.Activity;
import org.fangpin.reporting.Activity.AlertFigure;
import org.fangpin.reporting.Activity.CaseFigure;
import org.fangpin.reporting.Period;
import org.fangpin.reporting.Statistics;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * 统计 page: a region's households as of a day (by child region, identity × state, one more dimension), the trend of
 * the monitored at month ends, and the changes of a period — each chart with its numbers in a table beside it, bars
 * drilling down the tree, today's figures linking to the households behind them.
 */
@Controller
class StatisticsPageController {

    /** Not monitored, monitored, eliminated (as on the dashboard). */
    private static final List<String> STATE_COLORS = List.of("#9aa5b1", "#e4572e", "#29a36a");

    private static final List<String> CHANGE_COLORS = List.of("#e4572e", "#a4243b", "#29a36a", "#9aa5b1");

    private final Statistics statistics;
    private final StatisticsKeys keys;
    private final RegionDirectory regions;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    StatisticsPageController(
            Statistics statistics,
            StatisticsKeys keys,
            RegionDirectory regions,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.statistics = statistics;
        this.keys = keys;
        this.regions = regions;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    /** One child region's households: in all, and per state; persons in all. */
    record ChildRow(String code, String name, long households, long persons, long exited, List<Long> byState) {}

    /** One value of the dimension: households and persons per state, and in all. */
    record KeyRow(
            String key,
            String label,
            List<Long> households,
            List<Long> persons,
            long totalHouseholds,
            long totalPersons) {}

    /** One row of the identity × state table. */
    record CrossRow(HouseholdIdentity identity, List<Long> households, long total, long persons) {}

    /** One child region's changes in the period, per kind. */
    record ChangeRow(String code, String name, List<Long> counts) {}

    @GetMapping("/statistics")
    String page(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Dimension by,
            @RequestParam(required = false) String period,
            Model model,
            Locale locale) {
        LocalDate today = LocalDate.now(clock);
        Dimension dimension = by == null ? Dimension.CAUSE : by;
        Period p = Period.of(period, today);
        // every cut the page shows, counted at once (live: one pass over the registry)
        Map<Dimension, Statistics.Stock> stocks = statistics.stocks(
                region,
                asOf,
                EnumSet.of(Dimension.CATEGORY, dimension, Dimension.MEASURE, Dimension.RISK_AGE, Dimension.INCOME));
        Statistics.Stock base = stocks.get(Dimension.CATEGORY);
        Region r = base.region();
        boolean live = base.source().live();
        model.addAttribute("region", r);
        model.addAttribute("path", regions.ancestors(r.code()));
        model.addAttribute("asOf", base.asOf());
        model.addAttribute("today", today);
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("live", live);
        // today's figures keep no day in their addresses (the crumbs); every figure links to its list as of its day
        model.addAttribute("current", base.asOf().equals(today));
        model.addAttribute("source", base.source());
        model.addAttribute("by", dimension);
        model.addAttribute("dimensions", Dimension.values());
        model.addAttribute("period", p.toString());
        // the monthly summary of the month the figures are of (this month's: live)
        model.addAttribute("summaryMonth", YearMonth.from(base.asOf()).toString());
        model.addAttribute("states", MonitoringState.values());
        model.addAttribute("changes", MonitoringChange.values());

        // by child region and identity × state, from the category cut (every household once)
        Map<String, long[]> byChild = new TreeMap<>();
        // every child region, those without households too
        base.names().keySet().forEach(code -> byChild.put(code, new long[3 + MonitoringState.values().length]));
        Map<HouseholdIdentity, long[]> cross = new EnumMap<>(HouseholdIdentity.class);
        long households = 0;
        long persons = 0;
        long[] stateTotals = new long[MonitoringState.values().length];
        long[] stateMembers = new long[MonitoringState.values().length];
        for (Statistics.Row row : base.rows()) {
            long[] c = byChild.computeIfAbsent(row.region(), k -> new long[3 + MonitoringState.values().length]);
            c[0] += row.households();
            c[1] += row.persons();
            c[2] += row.identity() == HouseholdIdentity.EXITED ? row.households() : 0;
            c[3 + row.state().ordinal()] += row.households();
            long[] x = cross.computeIfAbsent(row.identity(), k -> new long[MonitoringState.values().length + 1]);
            x[row.state().ordinal()] += row.households();
            x[MonitoringState.values().length] += row.persons();
            households += row.households();
            persons += row.persons();
            stateTotals[row.state().ordinal()] += row.households();
            stateMembers[row.state().ordinal()] += row.persons();
        }
        List<ChildRow> children = new ArrayList<>();
        byChild.forEach((code, c) -> children.add(new ChildRow(
                code, base.names().getOrDefault(code, code), c[0], c[1], c[2], List.of(c[3], c[4], c[5]))));
        model.addAttribute("children", children);
        // a village's row is the village itself: no deeper level to drill into
        model.addAttribute("drill", base.rowLevel() != r.level());
        List<CrossRow> crossRows = new ArrayList<>();
        for (HouseholdIdentity i : HouseholdIdentity.values()) {
            long[] x = cross.getOrDefault(i, new long[MonitoringState.values().length + 1]);
            List<Long> hs = List.of(x[0], x[1], x[2]);
            crossRows.add(new CrossRow(i, hs, x[0] + x[1] + x[2], x[3]));
        }
        model.addAttribute("cross", crossRows);
        model.addAttribute("households", households);
        model.addAttribute("persons", persons);
        model.addAttribute("stateTotals", List.of(stateTotals[0], stateTotals[1], stateTotals[2]));
        model.addAttribute("monitoredPersons", stateMembers[MonitoringState.MONITORED.ordinal()]);
        model.addAttribute(
                "exited",
                crossRows.stream()
                        .filter(c -> c.identity() == HouseholdIdentity.EXITED)
                        .mapToLong(CrossRow::total)
                        .sum());
        Map<String, List<Long>> childSeries = new LinkedHashMap<>();
        for (MonitoringState st : MonitoringState.values()) {
            childSeries.put(
                    st.label(locale),
                    children.stream().map(c -> c.byState().get(st.ordinal())).toList());
        }
        model.addAttribute(
                "childChart",
                json.writeValueAsString(ChartOptions.stackedBars(
                        children.stream().map(ChildRow::name).toList(), childSeries, STATE_COLORS)));
        model.addAttribute(
                "childLinks",
                json.writeValueAsString(children.stream()
                        .map(c -> link(c.code(), asOf, dimension, p))
                        .toList()));

        // the chosen dimension
        Statistics.Stock cut = stocks.get(dimension);
        Map<String, String> keyLabels = keys.labels(dimension, locale);
        Map<String, long[]> byKey = new LinkedHashMap<>();
        keyLabels.keySet().forEach(k -> byKey.put(k, new long[6]));
        for (Statistics.Row row : cut.rows()) {
            long[] k = byKey.computeIfAbsent(row.key(), x -> new long[6]);
            k[row.state().ordinal()] += row.households();
            k[3 + row.state().ordinal()] += row.persons();
        }
        List<KeyRow> keyRows = new ArrayList<>();
        byKey.forEach((key, k) -> keyRows.add(new KeyRow(
                key,
                keyLabels.getOrDefault(key, key),
                List.of(k[0], k[1], k[2]),
                List.of(k[3], k[4], k[5]),
                k[0] + k[1] + k[2],
                k[3] + k[4] + k[5])));
        model.addAttribute("keyRows", keyRows);
        model.addAttribute("personDimension", StatisticsKeys.MEMBERS.contains(dimension));
        Map<String, List<Long>> keySeries = new LinkedHashMap<>();
        boolean members = StatisticsKeys.MEMBERS.contains(dimension);
        for (MonitoringState st : MonitoringState.values()) {
            keySeries.put(
                    st.label(locale),
                    keyRows.stream()
                            .map(k -> (members ? k.persons() : k.households()).get(st.ordinal()))
                            .toList());
        }
        model.addAttribute(
                "keyChart",
                json.writeValueAsString(ChartOptions.stackedBars(
                        keyRows.stream().map(KeyRow::label).toList(), keySeries, STATE_COLORS)));

        // the trend at month ends
        List<Statistics.TrendPoint> trend = statistics.trend(r.code(), 12, stocks);
        model.addAttribute("trend", trend);
        Map<String, List<Long>> trendSeries = new LinkedHashMap<>();
        for (MonitoringState st : List.of(MonitoringState.MONITORED, MonitoringState.ELIMINATED)) {
            trendSeries.put(
                    st.label(locale),
                    trend.stream().map(t -> t.households().get(st)).toList());
        }
        model.addAttribute(
                "trendChart",
                json.writeValueAsString(ChartOptions.lines(
                        trend.stream().map(t -> t.asOf().toString()).toList(),
                        trendSeries,
                        List.of(STATE_COLORS.get(1), STATE_COLORS.get(2)))));

        // the changes of the period
        Statistics.Changes changes = statistics.changes(r.code(), p);
        List<ChangeRow> changeRows = new ArrayList<>();
        changes.byRegion()
                .forEach((code, n) -> changeRows.add(new ChangeRow(
                        code,
                        changes.names().getOrDefault(code, code),
                        List.of(MonitoringChange.values()).stream()
                                .map(c -> n.getOrDefault(c, 0L))
                                .toList())));
        model.addAttribute("changeRows", changeRows);
        model.addAttribute(
                "changeTotals",
                List.of(MonitoringChange.values()).stream()
                        .map(c -> changes.totals().get(c))
                        .toList());
        model.addAttribute("changesTo", changes.to());
        Map<String, List<Long>> changeSeries = new LinkedHashMap<>();
        for (MonitoringChange c : MonitoringChange.values()) {
            changeSeries.put(
                    messages.get("statistics.change." + c.name()),
                    changeRows.stream()
                            .map(row -> row.counts().get(c.ordinal()))
                            .toList());
        }
        model.addAttribute(
                "changeChart",
                json.writeValueAsString(ChartOptions.groupedBars(
                        changeRows.stream().map(ChangeRow::name).toList(), changeSeries, CHANGE_COLORS)));
        incomeTrend(model, trend);
        activity(model, r.code(), p, locale);
        clearance(model, stocks, stateTotals[MonitoringState.MONITORED.ordinal()], changes);
        return "statistics";
    }

    /** One child region's alerts (per figure) and cases (per figure, both kinds together). */
    record ActivityRow(String code, String name, List<Long> alerts, List<Long> cases) {}

    /** One kind of case: its figures in all. */
    record CaseTotal(CaseKind kind, List<Long> counts) {}

    /** One band of a distribution: its label, households and share of all (per cent, one decimal). */
    record Band(String key, String label, long households, String share) {}

    /** Households by income against the monitoring line at each point of the trend. */
    private void incomeTrend(Model model, List<Statistics.TrendPoint> trend) {
        Map<String, List<Long>> series = new LinkedHashMap<>();
        for (String b : RegistryFigures.INCOME_BANDS) {
            series.put(
                    messages.get("statistics.key.income." + b),
                    trend.stream().map(t -> t.income().getOrDefault(b, 0L)).toList());
        }
        model.addAttribute("incomeBands", RegistryFigures.INCOME_BANDS);
        model.addAttribute(
                "incomeChart",
                json.writeValueAsString(ChartOptions.stackedBars(
                        trend.stream().map(t -> t.asOf().toString()).toList(), series, INCOME_COLORS)));
    }

    /** 预警与案件: the period's work on alerts and cases per child region. */
    private void activity(Model model, String region, Period p, Locale locale) {
        Activity a = statistics.activity(region, p);
        List<ActivityRow> rows = new ArrayList<>();
        for (var e : a.names().entrySet()) {
            Map<AlertFigure, Long> alerts = a.alerts().getOrDefault(e.getKey(), Map.of());
            Map<CaseKind, Map<CaseFigure, Long>> cases = a.cases().getOrDefault(e.getKey(), Map.of());
            rows.add(new ActivityRow(
                    e.getKey(),
                    e.getValue(),
                    List.of(AlertFigure.values()).stream()
                            .map(f -> alerts.getOrDefault(f, 0L))
                            .toList(),
                    List.of(CaseFigure.values()).stream()
                            .map(f -> cases.values().stream()
                                    .mapToLong(n -> n.getOrDefault(f, 0L))
                                    .sum())
                            .toList()));
        }
        model.addAttribute("activity", a);
        model.addAttribute("activityRows", rows);
        model.addAttribute("alertFigures", AlertFigure.values());
        model.addAttribute("caseFigures", CaseFigure.values());
        model.addAttribute(
                "alertTotals",
                List.of(AlertFigure.values()).stream()
                        .map(f -> a.alertTotals().get(f))
                        .toList());
        model.addAttribute(
                "caseTotals",
                List.of(CaseKind.values()).stream()
                        .map(k -> new CaseTotal(
                                k,
                                List.of(CaseFigure.values()).stream()
                                        .map(f -> a.caseTotals().get(k).get(f))
                                        .toList()))
                        .toList());
        Map<String, List<Long>> series = new LinkedHashMap<>();
        for (AlertFigure f : List.of(AlertFigure.RAISED, AlertFigure.CONFIRMED, AlertFigure.DISMISSED)) {
            series.put(
                    f.label(locale),
                    rows.stream().map(row -> row.alerts().get(f.ordinal())).toList());
        }
        for (CaseFigure f : List.of(CaseFigure.OPENED, CaseFigure.OVERDUE)) {
            series.put(
                    f.label(locale),
                    rows.stream().map(row -> row.cases().get(f.ordinal())).toList());
        }
        model.addAttribute(
                "activityChart",
                json.writeValueAsString(ChartOptions.groupedBars(
                        rows.stream().map(ActivityRow::name).toList(), series, ACTIVITY_COLORS)));
    }

    /**
     * 动态清零: the monitored households with measures, how long the monitored households' risks have lasted, and how
     * long the risks of the households eliminated in the period had lasted.
     */
    private void clearance(
            Model model, Map<Dimension, Statistics.Stock> stocks, long monitored, Statistics.Changes changes) {
        long without = stocks.get(Dimension.MEASURE).rows().stream()
                .filter(row ->
                        row.state() == MonitoringState.MONITORED && row.key().equals("NONE"))
                .mapToLong(Statistics.Row::households)
                .sum();
        // a snapshot frozen before these figures existed has no such cells: said so, not shown as zeros
        model.addAttribute(
                "measured",
                monitored == 0 || !stocks.get(Dimension.MEASURE).rows().isEmpty());
        model.addAttribute(
                "aged", monitored == 0 || !stocks.get(Dimension.RISK_AGE).rows().isEmpty());
        model.addAttribute("withMeasures", monitored - without);
        model.addAttribute("withoutMeasures", without);
        model.addAttribute("coverage", share(monitored - without, monitored));
        Map<String, Long> ages = new LinkedHashMap<>();
        RegistryFigures.RISK_AGES.forEach(k -> ages.put(k, 0L));
        stocks.get(Dimension.RISK_AGE).rows().stream()
                .filter(row -> row.state() == MonitoringState.MONITORED)
                .forEach(row -> ages.merge(row.key(), row.households(), Long::sum));
        model.addAttribute("riskAges", bands(ages, monitored));
        long eliminated = changes.eliminatedAfter().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        model.addAttribute("eliminatedAfter", bands(changes.eliminatedAfter(), eliminated));
        model.addAttribute("eliminatedInPeriod", eliminated);
        Map<String, Long> chart = new LinkedHashMap<>();
        ages.forEach((k, n) -> chart.put(messages.get("statistics.key.risk-age." + k), n));
        model.addAttribute("riskAgeChart", json.writeValueAsString(ChartOptions.pie(chart, RISK_AGE_COLORS)));
    }

    private List<Band> bands(Map<String, Long> counts, long all) {
        return counts.entrySet().stream()
                .map(e -> new Band(
                        e.getKey(),
                        messages.get("statistics.key.risk-age." + e.getKey()),
                        e.getValue(),
                        share(e.getValue(), all)))
                .toList();
    }

    private static String share(long part, long all) {
        return all == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / all);
    }

    private static final List<String> INCOME_COLORS = List.of("#e4572e", "#f0a202", "#29a36a", "#9aa5b1");

    private static final List<String> ACTIVITY_COLORS = List.of("#f0a202", "#e4572e", "#9aa5b1", "#3d5a80", "#a4243b");

    private static final List<String> RISK_AGE_COLORS = List.of("#29a36a", "#f0a202", "#e4572e", "#a4243b", "#9aa5b1");

    private static String link(String code, LocalDate asOf, Dimension by, Period p) {
        StringBuilder s = new StringBuilder("/statistics?region=").append(code);
        if (asOf != null) {
            s.append("&asOf=").append(asOf);
        }
        return s.append("&by=").append(by).append("&period=").append(p).toString();
    }
}
