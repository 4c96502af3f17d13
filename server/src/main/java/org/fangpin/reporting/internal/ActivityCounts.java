package org.fangpin.reporting.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fangpin.casework.CaseKind;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.monitoring.MonitoringLedgers;
import org.fangpin.region.RegionCode;
import org.fangpin.reporting.Activity.AlertFigure;
import org.fangpin.reporting.Activity.CaseFigure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The work done on alerts and cases in a span of days, per child region, from the relations monitoring and case work
 * publish (their rows of the past do not change, so a past span's counts stay as they were). Counted live: a span of
 * a county's or a province's alerts and cases is small beside its registry.
 */
@Component
public class ActivityCounts {

    private final JdbcClient jdbc;
    private final Clock clock;

    ActivityCounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Alerts per child region (codes padded to 12 digits) and figure, from {@code from} to {@code to}. */
    public Map<String, Map<AlertFigure, Long>> alerts(
            RegionCode.CodeRange range, int digits, LocalDate from, LocalDate to) {
        Map<String, Map<AlertFigure, Long>> out = new TreeMap<>();
        // the span as instants of the platform's zone: the relation's indexed times are filtered, not its days; an
        // alert has at most one row per event (it only moves forward), so rows are counted, and 已核实 is the
        // confirmed and the dismissed together (an alert is one or the other)
        jdbc.sql("""
                        select substr(village_code, 1, :digits), event, count(*)
                        from (%s) x
                        where village_code between :lo and :hi and at >= :start and at < :end
                        group by 1, 2""".formatted(MonitoringLedgers.alertEvents(clock.getZone())))
                .param("lo", range.low())
                .param("hi", range.high())
                .param("start", start(from))
                .param("end", start(to.plusDays(1)))
                .param("digits", digits)
                .query(rs -> {
                    Map<AlertFigure, Long> n = out.computeIfAbsent(
                            RegionCode.padded(rs.getString(1)), k -> new EnumMap<>(AlertFigure.class));
                    AlertFigure f = AlertFigure.valueOf(rs.getString(2));
                    n.put(f, rs.getLong(3));
                    if (f == AlertFigure.CONFIRMED || f == AlertFigure.DISMISSED) {
                        n.merge(AlertFigure.VERIFIED, rs.getLong(3), Long::sum);
                    }
                });
        return out;
    }

    /** Cases per child region, kind and figure, from {@code from} to {@code to}. */
    public Map<String, Map<CaseKind, Map<CaseFigure, Long>>> cases(
            RegionCode.CodeRange range, int digits, LocalDate from, LocalDate to) {
        Map<String, Map<CaseKind, Map<CaseFigure, Long>>> out = new TreeMap<>();
        jdbc.sql("""
                        select substr(village_code, 1, :digits), kind, %s
                        from (%s) c
                        where %s
                        group by 1, 2""".formatted(
                                String.join(
                                        ", ",
                                        CASE_FIGURES.values().stream()
                                                .map(f -> "count(*) filter (where " + f + ")")
                                                .toList()),
                                CaseworkLedgers.cases(clock.getZone()),
                                CASES_IN_SPAN))
                .param("lo", range.low())
                .param("hi", range.high())
                .param("from", from)
                .param("to", to)
                .param("start", start(from))
                .param("end", start(to.plusDays(1)))
                .param("digits", digits)
                .query(rs -> {
                    Map<CaseFigure, Long> n = new EnumMap<>(CaseFigure.class);
                    for (CaseFigure f : CaseFigure.values()) {
                        n.put(f, rs.getLong(3 + f.ordinal()));
                    }
                    out.computeIfAbsent(RegionCode.padded(rs.getString(1)), k -> new EnumMap<>(CaseKind.class))
                            .put(CaseKind.valueOf(rs.getString(2)), n);
                });
        return out;
    }

    /** One alert or case behind a figure: its id, household, village and the day it counts for. */
    public record Entry(long id, long householdId, String villageCode, LocalDate on) {}

    /** A page of the entries behind a figure and how many there are in all. */
    public record Entries(long total, List<Entry> items) {}

    /** What each case figure counts, over a case in {@link #CASES_IN_SPAN}. */
    private static final Map<CaseFigure, String> CASE_FIGURES = new EnumMap<>(Map.of(
            CaseFigure.OPENED, "opened_at >= :start",
            CaseFigure.DECIDED, "closed_on between :from and :to",
            CaseFigure.DECIDED_IN_TIME, "closed_on between :from and :to and closed_on <= deadline",
            CaseFigure.DECIDED_LATE, "closed_on between :from and :to and closed_on > deadline",
            CaseFigure.OVERDUE, "(closed_on is null or closed_on > :to) and deadline < :to"));

    static {
        // the counts are read back by the figures' ordinals: every figure needs its predicate
        if (!CASE_FIGURES.keySet().equals(EnumSet.allOf(CaseFigure.class))) {
            throw new IllegalStateException("a case figure without its predicate");
        }
    }

    /** The cases that can count in a span: opened before its end and not closed before its start. */
    private static final String CASES_IN_SPAN =
            "village_code between :lo and :hi and opened_at < :end" + " and (closed_on is null or closed_on >= :from)";

    /**
     * The alerts behind one figure of {@link #alerts} under the range, in the span (a page, the newest first; 已核实:
     * the confirmed and the dismissed).
     */
    public Entries alertEntries(
            RegionCode.CodeRange range, LocalDate from, LocalDate to, AlertFigure figure, int offset, int limit) {
        List<String> events =
                figure == AlertFigure.VERIFIED ? List.of("CONFIRMED", "DISMISSED") : List.of(figure.name());
        String where = "village_code between :lo and :hi and at >= :start and at < :end and event in (:events)";
        String rows = "from (%s) x where %s".formatted(MonitoringLedgers.alertEvents(clock.getZone()), where);
        long total = jdbc.sql("select count(*) " + rows)
                .param("lo", range.low())
                .param("hi", range.high())
                .param("start", start(from))
                .param("end", start(to.plusDays(1)))
                .param("events", events)
                .query(Long.class)
                .single();
        List<Entry> items = jdbc.sql("select alert_id, household_id, village_code, on_date " + rows
                        + " order by at desc, alert_id desc offset :offset limit :limit")
                .param("lo", range.low())
                .param("hi", range.high())
                .param("start", start(from))
                .param("end", start(to.plusDays(1)))
                .param("events", events)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, i) ->
                        new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class)))
                .list();
        return new Entries(total, items);
    }

    /**
     * The cases of a kind (null: both) behind one figure of {@link #cases} under the range, in the span (a page; the day shown is
     * the one the figure counts: opened, or decided; for 超期未办结 the deadline).
     */
    public Entries caseEntries(
            RegionCode.CodeRange range,
            LocalDate from,
            LocalDate to,
            CaseKind kind,
            CaseFigure figure,
            int offset,
            int limit) {
        String day = switch (figure) {
            case OPENED -> "opened_on";
            case OVERDUE -> "deadline";
            default -> "closed_on";
        };
        String rows = "from (%s) c where %s and %s and %s"
                .formatted(
                        CaseworkLedgers.cases(clock.getZone()),
                        CASES_IN_SPAN,
                        kind == null ? "true" : "kind = :kind",
                        CASE_FIGURES.get(figure));
        Map<String, Object> params = new HashMap<>(Map.of(
                "lo", range.low(),
                "hi", range.high(),
                "from", from,
                "to", to,
                "start", start(from),
                "end", start(to.plusDays(1))));
        if (kind != null) {
            params.put("kind", kind.name());
        }
        long total = jdbc.sql("select count(*) " + rows)
                .params(params)
                .query(Long.class)
                .single();
        List<Entry> items = jdbc.sql("select case_id, household_id, village_code, " + day + " " + rows + " order by "
                        + day + " desc, case_id desc offset :offset limit :limit")
                .params(params)
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, i) ->
                        new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class)))
                .list();
        return new Entries(total, items);
    }

    /** Alerts in all, per figure: the child regions' sums (an alert lies in one village). */
    public static Map<AlertFigure, Long> alertTotals(Map<String, Map<AlertFigure, Long>> alerts) {
        Map<AlertFigure, Long> out = new EnumMap<>(AlertFigure.class);
        for (AlertFigure f : AlertFigure.values()) {
            out.put(
                    f,
                    alerts.values().stream()
                            .mapToLong(n -> n.getOrDefault(f, 0L))
                            .sum());
        }
        return out;
    }

    /** Cases in all, per kind and figure: the child regions' sums (a case lies in one village). */
    public static Map<CaseKind, Map<CaseFigure, Long>> caseTotals(
            Map<String, Map<CaseKind, Map<CaseFigure, Long>>> cases) {
        Map<CaseKind, Map<CaseFigure, Long>> out = new EnumMap<>(CaseKind.class);
        for (CaseKind k : CaseKind.values()) {
            Map<CaseFigure, Long> n = new EnumMap<>(CaseFigure.class);
            for (CaseFigure f : CaseFigure.values()) {
                n.put(
                        f,
                        cases.values().stream()
                                .mapToLong(byKind ->
                                        byKind.getOrDefault(k, Map.of()).getOrDefault(f, 0L))
                                .sum());
            }
            out.put(k, n);
        }
        return out;
    }

    /** The first instant of a day in the platform's zone. */
    private Timestamp start(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(clock.getZone()).toInstant());
    }
}
