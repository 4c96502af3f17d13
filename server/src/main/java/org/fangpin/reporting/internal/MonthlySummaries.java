package org.fangpin.reporting.internal;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.casework.CaseKind;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.pdf.PdfDocs;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.Sheets;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.registry.RegistryFigures.MonitoringChange;
import org.fangpin.registry.RiskCause;
import org.fangpin.reporting.Activity;
import org.fangpin.reporting.Period;
import org.fangpin.reporting.Statistics;
import org.fangpin.security.Actor;
import org.springframework.stereotype.Component;

/**
 * A region's monthly summary (统计月报) as a printable PDF: the figures at the month's end (a frozen snapshot for a
 * month that has ended; today's live figures for the current month), a chart and a table per child region with the
 * month's changes, the monitored by category, by risk and by measure, and the month's alerts and cases — the same
 * numbers as the statistics pages and API.
 */
@Component
public class MonthlySummaries {

    /** Child regions a summary's chart shows at most (the table beside it has them all). */
    static final int CHART_ROWS = 30;

    private final Statistics statistics;
    private final AssistancePlans plans;
    private final RegionDirectory regions;
    private final Messages messages;
    private final Actor.Current actor;
    private final Clock clock;

    MonthlySummaries(
            Statistics statistics,
            AssistancePlans plans,
            RegionDirectory regions,
            Messages messages,
            Actor.Current actor,
            Clock clock) {
        this.statistics = statistics;
        this.plans = plans;
        this.regions = regions;
        this.messages = messages;
        this.actor = actor;
        this.clock = clock;
    }

    /** A summary's figures, read (and checked) in the caller's request. */
    public record Summary(
            Statistics.Stock byCategory,
            Statistics.Stock byCause,
            Statistics.Stock byMeasure,
            Statistics.Changes changes,
            Activity activity,
            YearMonth month) {

        public String fileName(Locale locale) {
            return byCategory.region().name() + "-" + month
                    + ("en".equals(locale.getLanguage()) ? "-summary.pdf" : "-统计月报.pdf");
        }
    }

    /** The month ({@code 2026-11}; none: this month) of a region (none: one's own); 422 for a month not begun. */
    public Summary read(String region, String month) {
        LocalDate today = LocalDate.now(clock);
        Period p = Period.of(month, today);
        if (p.kind() != Period.Kind.MONTH) {
            throw ApiException.invalid("month", messages.get("pdf.summary.month"));
        }
        YearMonth m = YearMonth.of(p.year(), p.number());
        LocalDate asOf = m.atEndOfMonth().isAfter(today) ? today : m.atEndOfMonth();
        if (m.atDay(1).isAfter(today)) {
            throw ApiException.invalid("month", messages.get("statistics.period-future", p));
        }
        Statistics.Stock byCategory = statistics.stock(region, asOf, Dimension.CATEGORY);
        String code = byCategory.region().code();
        return new Summary(
                byCategory,
                statistics.stock(code, asOf, Dimension.CAUSE),
                statistics.stock(code, asOf, Dimension.MEASURE),
                statistics.changes(code, p),
                statistics.activity(code, p),
                m);
    }

    /** A summary's content, computed once for both formats: numbers as {@code Long}, the rest as text. */
    record Tables(
            String title,
            String source,
            String footer,
            String who,
            List<Object[]> overview,
            String childrenHeading,
            List<String> childHeader,
            List<List<Object>> childRows,
            List<String> categoryHeader,
            List<List<Object>> categories,
            List<String> causeHeader,
            List<List<Object>> causes,
            List<String> measureHeader,
            List<List<Object>> measures,
            List<String> activityHeader,
            List<List<Object>> activity,
            List<String> chartLabels,
            List<long[]> chartValues) {}

    Tables tables(Summary s) {
        Locale locale = messages.locale();
        Statistics.Stock stock = s.byCategory();
        Region region = stock.region();
        String who = actor.username();
        String at = LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String place = String.join(
                "", regions.ancestors(region.code()).stream().map(Region::name).toList());
        Statistics.Source src = stock.source();
        String source = src.live()
                ? messages.get(locale, "pdf.summary.live", stock.asOf())
                : messages.get(
                        locale,
                        "pdf.summary.snapshot",
                        stock.asOf(),
                        src.snapshot(),
                        src.computedAt()
                                .atZone(clock.getZone())
                                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        // per child region: households, persons, 脱贫户, per state; totals
        Map<String, long[]> rows = new TreeMap<>();
        // every child region, those without households too
        stock.names().keySet().forEach(code -> rows.put(code, new long[6]));
        long[] total = new long[6];
        Map<MonitoringCategory, long[]> categories = new EnumMap<>(MonitoringCategory.class);
        for (Statistics.Row r : stock.rows()) {
            add(rows.computeIfAbsent(r.region(), k -> new long[6]), r);
            add(total, r);
            if (r.state() == MonitoringState.MONITORED && !r.key().isEmpty()) {
                long[] k = categories.computeIfAbsent(MonitoringCategory.valueOf(r.key()), x -> new long[2]);
                k[0] += r.households();
                k[1] += r.persons();
            }
        }
        Map<RiskCause, long[]> causes = new EnumMap<>(RiskCause.class);
        for (Statistics.Row r : s.byCause().rows()) {
            if (r.state() == MonitoringState.MONITORED) {
                long[] k = causes.computeIfAbsent(RiskCause.valueOf(r.key()), x -> new long[2]);
                k[0] += r.households();
                k[1] += r.persons();
            }
        }
        List<MonitoringChange> kinds = List.of(MonitoringChange.values());
        List<String> header = new ArrayList<>(List.of(
                messages.get(locale, "statistics.region"),
                messages.get(locale, "home.households"),
                messages.get(locale, "home.persons"),
                messages.get(locale, "home.exited"),
                MonitoringState.MONITORED.label(locale),
                MonitoringState.ELIMINATED.label(locale)));
        kinds.forEach(k -> header.add(messages.get(locale, "statistics.change." + k)));
        List<List<Object>> table = new ArrayList<>();
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            long[] c = e.getValue();
            List<Object> row = new ArrayList<>(
                    List.of(stock.names().getOrDefault(e.getKey(), e.getKey()), c[0], c[1], c[2], c[4], c[5]));
            Map<MonitoringChange, Long> ch = s.changes().byRegion().getOrDefault(e.getKey(), Map.of());
            kinds.forEach(k -> row.add(ch.getOrDefault(k, 0L)));
            table.add(row);
        }
        List<Object> sum = new ArrayList<>(
                List.of(messages.get(locale, "home.total"), total[0], total[1], total[2], total[4], total[5]));
        kinds.forEach(k -> sum.add(s.changes().totals().getOrDefault(k, 0L)));
        table.add(sum);
        List<List<Object>> cat = new ArrayList<>();
        categories.forEach((k, v) -> cat.add(List.of(k.label(locale), v[0], v[1])));
        List<List<Object>> cs = new ArrayList<>();
        causes.forEach((k, v) -> cs.add(List.of(k.label(locale), v[0], v[1])));
        String households = messages.get(locale, "home.households");
        String persons = messages.get(locale, "home.persons");
        // the monitored by measure type (a household with two types counts under each), and those without one
        Map<String, long[]> byType = new TreeMap<>();
        for (Statistics.Row r : s.byMeasure().rows()) {
            if (r.state() == MonitoringState.MONITORED) {
                long[] k = byType.computeIfAbsent(r.key(), x -> new long[2]);
                k[0] += r.households();
                k[1] += r.persons();
            }
        }
        List<List<Object>> ms = new ArrayList<>();
        for (AssistancePlans.MeasureType type : plans.measureTypes(null)) {
            long[] k = byType.get(type.code());
            if (k != null) {
                ms.add(List.of("en".equals(locale.getLanguage()) ? type.nameEn() : type.nameZh(), k[0], k[1]));
            }
        }
        long[] none = byType.getOrDefault("NONE", new long[2]);
        ms.add(List.of(messages.get(locale, "statistics.key.no-measure"), none[0], none[1]));
        if (s.byMeasure().rows().isEmpty() && total[4] > 0) {
            // a snapshot frozen before measures were counted: said so, not shown as zeros
            ms = List.of(List.of(messages.get(locale, "statistics.notInSnapshot"), "—", "—"));
        }
        // the month's alerts and cases per child region
        List<String> activityHeader = new ArrayList<>(List.of(messages.get(locale, "statistics.region")));
        List<Activity.AlertFigure> alertFigures =
                List.of(Activity.AlertFigure.RAISED, Activity.AlertFigure.VERIFIED, Activity.AlertFigure.HANDED);
        List<Activity.CaseFigure> caseFigures = List.of(
                Activity.CaseFigure.OPENED,
                Activity.CaseFigure.DECIDED_IN_TIME,
                Activity.CaseFigure.DECIDED_LATE,
                Activity.CaseFigure.OVERDUE);
        alertFigures.forEach(f -> activityHeader.add(messages.get(locale, "pdf.summary.alerts", f.label(locale))));
        caseFigures.forEach(f -> activityHeader.add(messages.get(locale, "pdf.summary.cases", f.label(locale))));
        List<List<Object>> act = new ArrayList<>();
        Activity a = s.activity();
        for (Map.Entry<String, String> e : a.names().entrySet()) {
            act.add(activityRow(
                    e.getValue(),
                    a.alerts().getOrDefault(e.getKey(), Map.of()),
                    a.cases().getOrDefault(e.getKey(), Map.of()),
                    alertFigures,
                    caseFigures));
        }
        act.add(activityRow(
                messages.get(locale, "home.total"), a.alertTotals(), a.caseTotals(), alertFigures, caseFigures));
        // the chart fits one page: the child regions with the most monitored and eliminated, in their order
        List<String> charted = rows.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue()[4] + y.getValue()[5], x.getValue()[4] + x.getValue()[5]))
                .limit(CHART_ROWS)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        List<String> chartLabels = new ArrayList<>();
        List<long[]> chartValues = new ArrayList<>();
        for (String code : charted) {
            long[] c = rows.get(code);
            chartLabels.add(stock.names().getOrDefault(code, code));
            chartValues.add(new long[] {c[4], c[5]});
        }
        return new Tables(
                messages.get(
                        locale,
                        "pdf.summary.title",
                        place,
                        String.valueOf(s.month().getYear()),
                        s.month().getMonthValue()),
                source,
                messages.get(locale, "pdf.summary.footer", place, s.month(), at, who),
                who,
                List.of(
                        new Object[] {households, total[0]},
                        new Object[] {persons, total[1]},
                        new Object[] {messages.get(locale, "home.exited"), total[2]},
                        new Object[] {MonitoringState.MONITORED.label(locale), total[4]},
                        new Object[] {MonitoringState.ELIMINATED.label(locale), total[5]},
                        new Object[] {MonitoringState.NONE.label(locale), total[3]}),
                messages.get(locale, "pdf.summary.children", s.month().getMonthValue()),
                header,
                table,
                List.of(messages.get(locale, "field.monitoringCategory"), households, persons),
                cat,
                List.of(messages.get(locale, "field.riskCauses"), households, persons),
                cs,
                List.of(messages.get(locale, "statistics.by.MEASURE"), households, persons),
                ms,
                activityHeader,
                act,
                chartLabels,
                chartValues);
    }

    private static List<Object> activityRow(
            String name,
            Map<Activity.AlertFigure, Long> alerts,
            Map<CaseKind, Map<Activity.CaseFigure, Long>> cases,
            List<Activity.AlertFigure> alertFigures,
            List<Activity.CaseFigure> caseFigures) {
        List<Object> row = new ArrayList<>(List.of(name));
        alertFigures.forEach(f -> row.add(alerts.getOrDefault(f, 0L)));
        caseFigures.forEach(f -> row.add(
                cases.values().stream().mapToLong(n -> n.getOrDefault(f, 0L)).sum()));
        return row;
    }

    /** The summary as an A4 (landscape) PDF. */
    public void write(Summary s, OutputStream out) {
        Tables t = tables(s);
        Locale locale = messages.locale();
        PdfDocs.write(out, true, t.footer(), t.who(), d -> {
            d.title(t.title(), t.source());
            d.heading(messages.get(locale, "pdf.summary.overview"));
            d.fields(
                    t.overview().stream()
                            .map(p -> new String[] {(String) p[0], text(p[1])})
                            .toList(),
                    3);
            d.heading(messages.get(locale, "pdf.summary.chart"));
            if (t.chartLabels().size() < t.childRows().size() - 1) {
                d.note(messages.get(
                        locale, "pdf.summary.chartTop", t.chartLabels().size()));
            }
            d.bars(
                    t.chartLabels(),
                    List.of(MonitoringState.MONITORED.label(locale), MonitoringState.ELIMINATED.label(locale)),
                    t.chartValues(),
                    List.of(new Color(0xE4, 0x57, 0x2E), new Color(0x29, 0xA3, 0x6A)));
            d.heading(t.childrenHeading());
            boolean[] numeric = new boolean[t.childHeader().size()];
            Arrays.fill(numeric, true);
            numeric[0] = false;
            d.table(t.childHeader(), texts(t.childRows()), null, numeric);
            d.note(messages.get(locale, "statistics.changesNote"));
            d.heading(messages.get(locale, "pdf.summary.categories"));
            d.table(t.categoryHeader(), texts(t.categories()), new float[] {3f, 1f, 1f}, new boolean[] {
                false, true, true
            });
            d.heading(messages.get(locale, "pdf.summary.causes"));
            d.table(t.causeHeader(), texts(t.causes()), new float[] {3f, 1f, 1f}, new boolean[] {false, true, true});
            d.heading(messages.get(locale, "pdf.summary.measures"));
            d.table(t.measureHeader(), texts(t.measures()), new float[] {3f, 1f, 1f}, new boolean[] {false, true, true
            });
            d.note(messages.get(locale, "statistics.multi"));
            d.heading(messages.get(locale, "pdf.summary.activity", s.month().getMonthValue()));
            boolean[] counts = new boolean[t.activityHeader().size()];
            Arrays.fill(counts, true);
            counts[0] = false;
            d.table(t.activityHeader(), texts(t.activity()), null, counts);
            d.note(messages.get(locale, "statistics.activityNote"));
        });
    }

    /** The summary as an XLSX sheet: the same tables, numbers as numbers. */
    public void writeXlsx(Summary s, OutputStream out) {
        Tables t = tables(s);
        Locale locale = messages.locale();
        try {
            Workbook wb = new Workbook(out, "Fangpin", "1.0");
            Worksheet ws = wb.newWorksheet(s.month().toString());
            int[] r = {0};
            ws.inlineString(r[0], 0, t.title());
            ws.style(r[0], 0).bold().fontSize(14).set();
            r[0]++;
            ws.inlineString(r[0]++, 0, t.source());
            r[0]++;
            BiConsumer<List<String>, List<List<Object>>> table = (header, rows) -> {
                for (int c = 0; c < header.size(); c++) {
                    Sheets.header(ws, r[0], c, header.get(c));
                }
                r[0]++;
                for (List<Object> row : rows) {
                    for (int c = 0; c < row.size(); c++) {
                        if (row.get(c) instanceof Long n) {
                            ws.value(r[0], c, n);
                        } else {
                            ws.inlineString(r[0], c, String.valueOf(row.get(c)));
                        }
                    }
                    r[0]++;
                }
                r[0]++;
            };
            ws.inlineString(r[0]++, 0, messages.get(locale, "pdf.summary.overview"));
            table.accept(
                    t.overview().stream().map(p -> (String) p[0]).toList(),
                    List.of(t.overview().stream().map(p -> p[1]).toList()));
            ws.inlineString(r[0]++, 0, t.childrenHeading());
            table.accept(t.childHeader(), t.childRows());
            ws.inlineString(r[0]++, 0, messages.get(locale, "pdf.summary.categories"));
            table.accept(t.categoryHeader(), t.categories());
            ws.inlineString(r[0]++, 0, messages.get(locale, "pdf.summary.causes"));
            table.accept(t.causeHeader(), t.causes());
            ws.inlineString(r[0]++, 0, messages.get(locale, "pdf.summary.measures"));
            table.accept(t.measureHeader(), t.measures());
            ws.inlineString(
                    r[0]++,
                    0,
                    messages.get(locale, "pdf.summary.activity", s.month().getMonthValue()));
            table.accept(t.activityHeader(), t.activity());
            ws.width(0, 22);
            for (int c = 1; c < t.childHeader().size(); c++) {
                ws.width(c, 11);
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<String>> texts(List<List<Object>> rows) {
        return rows.stream()
                .map(r -> r.stream().map(MonthlySummaries::text).toList())
                .toList();
    }

    private static String text(Object o) {
        return o instanceof Long n ? String.format("%,d", n) : String.valueOf(o);
    }

    /** Adds a row: households, persons, 脱贫户 households, then households per state (NONE, MONITORED, ELIMINATED). */
    private static void add(long[] c, Statistics.Row r) {
        c[0] += r.households();
        c[1] += r.persons();
        if (r.identity() == HouseholdIdentity.EXITED) {
            c[2] += r.households();
        }
        c[3 + r.state().ordinal()] += r.households();
    }
}
