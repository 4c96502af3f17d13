package org.fangpin.reporting.internal;

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
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.registry.RegistryFigures.MonitoringChange;
import org.fangpin.registry.RiskCause;
import org.fangpin.reporting.Period;
import org.fangpin.reporting.Statistics;
import org.fangpin.security.Actor;
import org.springframework.stereotype.Component;

/**
 * A region's monthly summary (统计月报) as a printable PDF: the figures at the month's end (a frozen snapshot for a
 * month that has ended; today's live figures for the current month), per child region with the month's changes,
 * and the monitored by category and by risk — the same numbers as the statistics pages and API.
 */
@Component
public class MonthlySummaries {

    private final Statistics statistics;
    private final RegionDirectory regions;
    private final Messages messages;
    private final Actor.Current actor;
    private final Clock clock;

    MonthlySummaries(
            Statistics statistics, RegionDirectory regions, Messages messages, Actor.Current actor, Clock clock) {
        this.statistics = statistics;
        this.regions = regions;
        this.messages = messages;
        this.actor = actor;
        this.clock = clock;
    }

    /** A summary's figures, read (and checked) in the caller's request. */
    public record Summary(
            Statistics.Stock byCategory, Statistics.Stock byCause, Statistics.Changes changes, YearMonth month) {

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
        return new Summary(byCategory, statistics.stock(code, asOf, Dimension.CAUSE), statistics.changes(code, p), m);
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
            List<List<Object>> causes) {}

    Tables tables(Summary s) {
        Locale locale = messages.locale();
        Statistics.Stock stock = s.byCategory();
        Region region = stock.region();
        String who = actor.get().map(Actor::username).orElse("system");
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
        return new Tables(
                messages.get(
                        locale,
                        "pdf.summary.title",
                        place,
                        s.month().getYear(),
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
                cs);
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
            d.note(messages.get(locale, "statistics.multi"));
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
                    ws.inlineString(r[0], c, header.get(c));
                    ws.style(r[0], c).bold().fillColor("E8EEF4").wrapText(true).set();
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
