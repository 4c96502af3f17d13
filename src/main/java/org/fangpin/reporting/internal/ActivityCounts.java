package org.fangpin.reporting.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
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
                    Map<AlertFigure, Long> n =
                            out.computeIfAbsent(pad(rs.getString(1)), k -> new EnumMap<>(AlertFigure.class));
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
                        select substr(village_code, 1, :digits), kind,
                               count(*) filter (where opened_at >= :start),
                               count(*) filter (where closed_on between :from and :to),
                               count(*) filter (where closed_on between :from and :to and closed_on <= deadline),
                               count(*) filter (where closed_on between :from and :to and closed_on > deadline),
                               count(*) filter (where (closed_on is null or closed_on > :to) and deadline < :to)
                        from (%s) c
                        where village_code between :lo and :hi and opened_at < :end
                          and (closed_on is null or closed_on >= :from)
                        group by 1, 2""".formatted(CaseworkLedgers.cases(clock.getZone())))
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
                    out.computeIfAbsent(pad(rs.getString(1)), k -> new EnumMap<>(CaseKind.class))
                            .put(CaseKind.valueOf(rs.getString(2)), n);
                });
        return out;
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

    private static String pad(String prefix) {
        return prefix + "0".repeat(RegionCode.LENGTH - prefix.length());
    }
}
