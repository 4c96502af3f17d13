package org.fangpin.assessment.internal;

import java.awt.Color;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fangpin.assessment.FindingLists;
import org.fangpin.assessment.FindingSeverity;
import org.fangpin.assessment.FindingSource;
import org.fangpin.assessment.FindingState;
import org.fangpin.assessment.Findings;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.pdf.PdfDocs;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Actor;
import org.springframework.stereotype.Component;

/**
 * 督查通报: the findings issued in a period — from one source (督查, 暗访, 抽查 …) or all — of the caller's reach or
 * of one region in it, as a printable A4 PDF: the whole in a paragraph (how many, how grave, how far rectified, how
 * many overdue), each region's rectification as a chart with its numbers in a table, the list of problems (each
 * overdue one marked) and what is required of those responsible (整改到位、按期销号; overdue work leads to 约谈,
 * 004:603; signed-off work is looked at again, 回头看, 004:626). Every figure is counted from the list it prints.
 */
@Component
class FindingBulletin {

    /** 待整改, 整改中, 申请销号, 已销号 — as on the findings page. */
    private static final List<Color> STATE_COLORS = List.of(
            new Color(0xc6, 0x28, 0x28),
            new Color(0xef, 0x6c, 0x00),
            new Color(0x15, 0x65, 0xc0),
            new Color(0x2e, 0x7d, 0x32));

    /** What a bulletin covers: a region (none: the caller's reach), a source (none: all) and the days issued. */
    record Scope(String region, FindingSource source, LocalDate from, LocalDate to) {}

    private final FindingLists findings;
    private final RegionDirectory regions;
    private final DataScope dataScope;
    private final Actor.Current actor;
    private final Messages messages;
    private final Clock clock;

    FindingBulletin(
            FindingLists findings,
            RegionDirectory regions,
            DataScope dataScope,
            Actor.Current actor,
            Messages messages,
            Clock clock) {
        this.findings = findings;
        this.regions = regions;
        this.dataScope = dataScope;
        this.actor = actor;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * The scope asked for, completed: from the first of this year to today unless given; 422 for a period that ends
     * before it starts or after today.
     */
    Scope scope(String region, FindingSource source, LocalDate from, LocalDate to) {
        LocalDate today = LocalDate.now(clock);
        LocalDate end = to == null ? today : to;
        LocalDate start = from == null ? end.withDayOfYear(1) : from;
        List<FieldProblem> problems = new ArrayList<>();
        if (end.isAfter(today)) {
            problems.add(FieldProblem.of("to", messages.get("assessment.bulletin.future")));
        }
        if (start.isAfter(end)) {
            problems.add(FieldProblem.of("from", messages.get("assessment.bulletin.period")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String r = region == null || region.isBlank() ? null : region;
        if (r != null && !dataScope.current().covers(r)) {
            throw ApiException.notFound("assessment.sample.region", r);
        }
        return new Scope(r, source, start, end);
    }

    String fileName(Scope s, Locale locale) {
        return messages.get(locale, "assessment.bulletin.file", s.from().toString(), s.to().toString());
    }

    /** Writes the bulletin (404 for a region that does not exist or lies outside the caller's reach). */
    void write(Scope s, OutputStream out, Locale locale) {
        List<Findings.Finding> list = findings.issued(s.region(), s.source(), s.from(), s.to());
        LocalDate today = LocalDate.now(clock);
        String who = actor.username();
        String issuer = (s.region() != null
                        ? regions.find(s.region())
                        : dataScope.current().home())
                .map(Region::name)
                .orElse(messages.get(locale, "assessment.bulletin.national"));
        String source = s.source() == null
                ? messages.get(locale, "assessment.bulletin.all-sources")
                : s.source().label(locale);
        // the counts, from the list printed below them
        int[] byState = new int[FindingState.values().length];
        int[] bySeverity = new int[FindingSeverity.values().length];
        int overdue = 0;
        Map<String, int[]> byRegion = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        for (Findings.Finding f : list) {
            byState[f.state().ordinal()]++;
            bySeverity[f.severity().ordinal()]++;
            overdue += f.overdue() ? 1 : 0;
            int[] r = byRegion.computeIfAbsent(f.region(), k -> new int[FindingState.values().length + 1]);
            r[f.state().ordinal()]++;
            r[FindingState.values().length] += f.overdue() ? 1 : 0;
            names.put(f.region(), f.regionName());
        }
        int total = list.size();
        int overdueAll = overdue;
        String footer = messages.get(locale, "assessment.bulletin.footer", issuer, today.toString(), who);
        PdfDocs.write(out, false, footer, who, d -> {
            d.title(
                    messages.get(locale, "assessment.bulletin.title", issuer, source),
                    messages.get(
                            locale,
                            "assessment.bulletin.subtitle",
                            s.from().toString(),
                            s.to().toString(),
                            today.toString()));
            d.heading(messages.get(locale, "assessment.bulletin.overview"));
            d.paragraph(messages.get(
                    locale,
                    "assessment.bulletin.summary",
                    s.from().toString(),
                    s.to().toString(),
                    Integer.toString(total),
                    Integer.toString(bySeverity[FindingSeverity.GRAVE.ordinal()]),
                    Integer.toString(bySeverity[FindingSeverity.SERIOUS.ordinal()]),
                    Integer.toString(bySeverity[FindingSeverity.MINOR.ordinal()]),
                    Integer.toString(byRegion.size()),
                    today.toString(),
                    Integer.toString(byState[FindingState.SIGNED_OFF.ordinal()]),
                    Integer.toString(byState[FindingState.CLOSE_REQUESTED.ordinal()]),
                    Integer.toString(byState[FindingState.RECTIFYING.ordinal()]),
                    Integer.toString(byState[FindingState.TO_RECTIFY.ordinal()]),
                    Integer.toString(overdueAll)));
            if (total == 0) {
                return;
            }
            d.heading(messages.get(locale, "assessment.bulletin.by-region"));
            List<String> labels = new ArrayList<>();
            List<long[]> values = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            byRegion.forEach((code, v) -> {
                labels.add(names.get(code));
                long[] bar = new long[FindingState.values().length];
                int n = 0;
                for (int i = 0; i < bar.length; i++) {
                    bar[i] = v[i];
                    n += v[i];
                }
                values.add(bar);
                List<String> row = new ArrayList<>();
                row.add(names.get(code));
                row.add(Integer.toString(n));
                for (int i = 0; i < bar.length; i++) {
                    row.add(Integer.toString(v[i]));
                }
                row.add(Integer.toString(v[bar.length]));
                row.add(Math.round(100.0 * v[FindingState.SIGNED_OFF.ordinal()] / n) + "%");
                rows.add(row);
            });
            List<String> series = new ArrayList<>();
            for (FindingState st : FindingState.values()) {
                series.add(st.label(locale));
            }
            d.bars(labels, series, values, STATE_COLORS);
            List<String> header = new ArrayList<>();
            header.add(messages.get(locale, "assessment.bulletin.col.region"));
            header.add(messages.get(locale, "assessment.bulletin.col.total"));
            header.addAll(series);
            header.add(messages.get(locale, "assessment.bulletin.col.overdue"));
            header.add(messages.get(locale, "assessment.bulletin.col.signed-off-share"));
            boolean[] numeric = new boolean[header.size()];
            Arrays.fill(numeric, 1, numeric.length, true);
            d.table(header, rows, null, numeric);

            d.heading(messages.get(locale, "assessment.bulletin.list"));
            List<List<String>> items = new ArrayList<>();
            int i = 1;
            String overdueMark = messages.get(locale, "assessment.bulletin.overdue-mark");
            for (Findings.Finding f : list) {
                items.add(List.of(
                        Integer.toString(i++),
                        f.regionName(),
                        f.responsibleUnit(),
                        f.category().label(locale) + " · " + f.severity().label(locale),
                        f.title(),
                        f.source().label(locale),
                        f.deadline().toString(),
                        f.state().label(locale) + (f.overdue() ? overdueMark : "")));
            }
            d.table(
                    List.of(
                            messages.get(locale, "assessment.bulletin.col.no"),
                            messages.get(locale, "assessment.bulletin.col.region"),
                            messages.get(locale, "assessment.bulletin.col.unit"),
                            messages.get(locale, "assessment.bulletin.col.kind"),
                            messages.get(locale, "assessment.bulletin.col.title"),
                            messages.get(locale, "assessment.bulletin.col.source"),
                            messages.get(locale, "assessment.bulletin.col.deadline"),
                            messages.get(locale, "assessment.bulletin.col.state")),
                    items,
                    new float[] {0.5f, 1.4f, 1.6f, 1.5f, 3f, 1f, 1.2f, 1.2f},
                    new boolean[] {true, false, false, false, false, false, false, false});
            d.heading(messages.get(locale, "assessment.bulletin.requirements"));
            d.paragraph(messages.get(locale, "assessment.bulletin.requirements.text"));
        });
    }
}
