package org.fangpin.reporting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fangpin.common.problem.ApiException;

/**
 * A reporting period: a month ({@code 2026-11}), a quarter ({@code 2026-Q4}) or a year ({@code 2026}), as offices
 * report them (月报、季报、年报).
 */
@Schema(name = "StatisticsPeriod")
public record Period(Kind kind, int year, int number) {

    public enum Kind {
        MONTH,
        QUARTER,
        YEAR
    }

    private static final Pattern TEXT = Pattern.compile("(\\d{4})(?:-(?:(\\d{1,2})|[Qq]([1-4])))?");

    public Period {
        if (year < 2000 || year > 2100) {
            throw new IllegalArgumentException("year " + year);
        }
        int max = switch (kind) {
            case MONTH -> 12;
            case QUARTER -> 4;
            case YEAR -> 1;
        };
        if (number < 1 || number > max) {
            throw new IllegalArgumentException(kind + " " + number);
        }
    }

    public static Period month(YearMonth m) {
        return new Period(Kind.MONTH, m.getYear(), m.getMonthValue());
    }

    /** A request's period: this month when none is given; 400 when the text is not a period. */
    public static Period of(String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            return month(YearMonth.from(today));
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("statistics.period");
        }
    }

    /** Reads {@code 2026-11}, {@code 2026-Q4} or {@code 2026}; {@link IllegalArgumentException} otherwise. */
    public static Period parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return new Period(Kind.MONTH, year, Integer.parseInt(m.group(2)));
        }
        if (m.group(3) != null) {
            return new Period(Kind.QUARTER, year, Integer.parseInt(m.group(3)));
        }
        return new Period(Kind.YEAR, year, 1);
    }

    public LocalDate first() {
        return months().get(0).atDay(1);
    }

    public LocalDate last() {
        List<YearMonth> ms = months();
        return ms.get(ms.size() - 1).atEndOfMonth();
    }

    /** The months of the period, first to last. */
    public List<YearMonth> months() {
        List<YearMonth> out = new ArrayList<>();
        switch (kind) {
            case MONTH -> out.add(YearMonth.of(year, number));
            case QUARTER -> {
                for (int i = 0; i < 3; i++) {
                    out.add(YearMonth.of(year, (number - 1) * 3 + 1 + i));
                }
            }
            case YEAR -> {
                for (int i = 1; i <= 12; i++) {
                    out.add(YearMonth.of(year, i));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MONTH -> String.format(Locale.ROOT, "%d-%02d", year, number);
            case QUARTER -> year + "-Q" + number;
            case YEAR -> Integer.toString(year);
        };
    }
}
