package org.fangpin.common.importing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/** Parsing of cell values as Chinese offices write them; each method returns empty for an unparseable value. */
public final class Cells {

    private static final DateTimeFormatter[] DATES = {
        DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT),
        DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT),
        DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT),
        DateTimeFormatter.ofPattern("uuuu年M月d日").withResolverStyle(ResolverStyle.STRICT),
        DateTimeFormatter.ofPattern("uuuu.M.d").withResolverStyle(ResolverStyle.STRICT)
    };

    private Cells() {}

    public static Optional<LocalDate> date(String s) {
        for (DateTimeFormatter f : DATES) {
            try {
                return Optional.of(LocalDate.parse(s, f));
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    /** 是/否, Y/N, true/false, 1/0; empty for anything else. */
    public static Optional<Boolean> bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "是", "有", "y", "yes", "true", "1", "参加", "已参加" -> Optional.of(true);
            case "否", "无", "n", "no", "false", "0", "未参加" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** Yuan with at most 2 decimals, not negative; thousands separators tolerated. */
    public static Optional<BigDecimal> money(String s) {
        try {
            BigDecimal v = new BigDecimal(s.replace(",", "").replace("，", ""));
            if (v.signum() < 0 || v.scale() > 2 || v.precision() - v.scale() > 12) {
                return Optional.empty();
            }
            return Optional.of(v.setScale(2, RoundingMode.UNNECESSARY));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    public static Optional<Integer> integer(String s) {
        try {
            return Optional.of(Integer.parseInt(s.endsWith(".0") ? s.substring(0, s.length() - 2) : s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
