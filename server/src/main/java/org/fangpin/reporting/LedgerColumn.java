package org.fangpin.reporting;

import java.util.Locale;
import org.fangpin.common.Labelled;

/**
 * One column of a {@link Ledger}: its key in the API (camelCase; the ledger's SQL names it in snake_case), its
 * header in both languages, what kind of value it holds, how a code is labelled, its width in an XLSX sheet (in
 * characters), and whether the totals row sums it.
 */
public record LedgerColumn(String key, String zh, String en, Kind kind, Labeler labeler, int width, boolean total) {

    /** What a column holds, and so how it is read, shown and written. */
    public enum Kind {
        TEXT,
        /** Free text people typed (notes, descriptions): ID and phone numbers in it are masked. */
        NOTE,
        /** Text in a fixed-width face: numbers that are names (户编号, masked ID numbers). */
        CODE,
        INTEGER,
        /** 元, two decimals. */
        MONEY,
        DATE,
        /** A code, shown by its label. */
        LABEL,
        /** A list of codes, shown by their labels joined with 、. */
        LABELS,
        /** A list of texts already in the caller's language ({@code <column>_zh} / {@code <column>_en}). */
        LOCALIZED,
        YES_NO,
        /** The township of the row's {@code village_code}, by name. */
        TOWNSHIP,
        /** The village of the row's {@code village_code}, by name. */
        VILLAGE
    }

    /** Labels a code in a language. */
    @FunctionalInterface
    public interface Labeler {
        String label(String code, Locale locale);

        static <E extends Enum<E> & Labelled> Labeler of(Class<E> type) {
            return (code, locale) -> {
                try {
                    return Enum.valueOf(type, code).label(locale);
                } catch (IllegalArgumentException e) {
                    return code; // a code the platform no longer knows is shown as it was stored
                }
            };
        }
    }

    /** The column of the ledger's SQL that holds the value. */
    public String sqlColumn() {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    public String label(Locale locale) {
        return english(locale) ? en : zh;
    }

    static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    public static LedgerColumn text(String key, String zh, String en, int width) {
        return new LedgerColumn(key, zh, en, Kind.TEXT, null, width, false);
    }

    public static LedgerColumn note(String key, String zh, String en, int width) {
        return new LedgerColumn(key, zh, en, Kind.NOTE, null, width, false);
    }

    public static LedgerColumn code(String key, String zh, String en, int width) {
        return new LedgerColumn(key, zh, en, Kind.CODE, null, width, false);
    }

    public static LedgerColumn integer(String key, String zh, String en, boolean total) {
        return new LedgerColumn(key, zh, en, Kind.INTEGER, null, 8, total);
    }

    public static LedgerColumn money(String key, String zh, String en, boolean total) {
        return new LedgerColumn(key, zh, en, Kind.MONEY, null, 12, total);
    }

    public static LedgerColumn date(String key, String zh, String en) {
        return new LedgerColumn(key, zh, en, Kind.DATE, null, 11, false);
    }

    public static <E extends Enum<E> & Labelled> LedgerColumn label(
            String key, String zh, String en, Class<E> type, int width) {
        return new LedgerColumn(key, zh, en, Kind.LABEL, Labeler.of(type), width, false);
    }

    public static LedgerColumn label(String key, String zh, String en, Labeler labeler, int width) {
        return new LedgerColumn(key, zh, en, Kind.LABEL, labeler, width, false);
    }

    public static <E extends Enum<E> & Labelled> LedgerColumn labels(
            String key, String zh, String en, Class<E> type, int width) {
        return new LedgerColumn(key, zh, en, Kind.LABELS, Labeler.of(type), width, false);
    }

    public static LedgerColumn localized(String key, String zh, String en, int width) {
        return new LedgerColumn(key, zh, en, Kind.LOCALIZED, null, width, false);
    }

    public static LedgerColumn yesNo(String key, String zh, String en) {
        return new LedgerColumn(key, zh, en, Kind.YES_NO, null, 8, false);
    }

    public static LedgerColumn township() {
        return new LedgerColumn("township", "乡（镇）", "Township", Kind.TOWNSHIP, null, 12, false);
    }

    public static LedgerColumn village() {
        return new LedgerColumn("village", "行政村", "Village", Kind.VILLAGE, null, 12, false);
    }
}
