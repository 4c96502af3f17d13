package org.fangpin.reporting.internal;

import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fangpin.common.Labelled;
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

    public void write(Summary s, OutputStream out) {
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
            long[] c = rows.computeIfAbsent(r.region(), k -> new long[6]);
            add(c, r);
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
        PdfDocs.write(out, true, messages.get(locale, "pdf.summary.footer", place, s.month(), at, who), who, d -> {
            d.title(
                    messages.get(
                            locale,
                            "pdf.summary.title",
                            place,
                            s.month().getYear(),
                            s.month().getMonthValue()),
                    source);
            d.heading(messages.get(locale, "pdf.summary.overview"));
            d.fields(
                    List.of(
                            pair(locale, "home.households", total[0]),
                            pair(locale, "home.persons", total[1]),
                            pair(locale, "home.exited", total[2]),
                            new String[] {MonitoringState.MONITORED.label(locale), String.format("%,d", total[4])},
                            new String[] {MonitoringState.ELIMINATED.label(locale), String.format("%,d", total[5])},
                            new String[] {MonitoringState.NONE.label(locale), String.format("%,d", total[3])}),
                    3);
            List<MonitoringChange> kinds = List.of(MonitoringChange.values());
            List<String> header = new ArrayList<>(List.of(
                    messages.get(locale, "statistics.region"),
                    messages.get(locale, "home.households"),
                    messages.get(locale, "home.persons"),
                    messages.get(locale, "home.exited"),
                    MonitoringState.MONITORED.label(locale),
                    MonitoringState.ELIMINATED.label(locale)));
            kinds.forEach(k -> header.add(messages.get(locale, "statistics.change." + k)));
            List<List<String>> table = new ArrayList<>();
            boolean[] numeric = new boolean[header.size()];
            java.util.Arrays.fill(numeric, true);
            numeric[0] = false;
            for (Map.Entry<String, long[]> e : rows.entrySet()) {
                long[] c = e.getValue();
                List<String> row = new ArrayList<>(List.of(
                        stock.names().getOrDefault(e.getKey(), e.getKey()),
                        n(c[0]),
                        n(c[1]),
                        n(c[2]),
                        n(c[4]),
                        n(c[5])));
                Map<MonitoringChange, Long> ch = s.changes().byRegion().getOrDefault(e.getKey(), Map.of());
                kinds.forEach(k -> row.add(n(ch.getOrDefault(k, 0L))));
                table.add(row);
            }
            List<String> sum = new ArrayList<>(List.of(
                    messages.get(locale, "home.total"),
                    n(total[0]),
                    n(total[1]),
                    n(total[2]),
                    n(total[4]),
                    n(total[5])));
            kinds.forEach(k -> sum.add(n(s.changes().totals().getOrDefault(k, 0L))));
            table.add(sum);
            d.heading(messages.get(locale, "pdf.summary.children", s.month().getMonthValue()));
            d.table(header, table, null, numeric);
            d.note(messages.get(locale, "statistics.changesNote"));
            d.heading(messages.get(locale, "pdf.summary.categories"));
            List<List<String>> cat = new ArrayList<>();
            categories.forEach((k, v) -> cat.add(List.of(k.label(locale), n(v[0]), n(v[1]))));
            d.table(
                    List.of(
                            messages.get(locale, "field.monitoringCategory"),
                            messages.get(locale, "home.households"),
                            messages.get(locale, "home.persons")),
                    cat,
                    new float[] {3f, 1f, 1f},
                    new boolean[] {false, true, true});
            d.heading(messages.get(locale, "pdf.summary.causes"));
            List<List<String>> cs = new ArrayList<>();
            causes.forEach((k, v) -> cs.add(List.of(k.label(locale), n(v[0]), n(v[1]))));
            d.table(
                    List.of(
                            messages.get(locale, "field.riskCauses"),
                            messages.get(locale, "home.households"),
                            messages.get(locale, "home.persons")),
                    cs,
                    new float[] {3f, 1f, 1f},
                    new boolean[] {false, true, true});
            d.note(messages.get(locale, "statistics.multi"));
        });
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

    private String[] pair(Locale locale, String key, long v) {
        return new String[] {messages.get(locale, key), String.format("%,d", v)};
    }

    private static String n(long v) {
        return String.format("%,d", v);
    }

    static <E extends Enum<E> & Labelled> String label(E e, Locale locale) {
        return e == null ? "" : e.label(locale);
    }
}
