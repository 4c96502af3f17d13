package org.fangpin.reporting;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A standard ledger (台账): rows of one kind (households, persons, measures, visits, alerts) over a region, with the
 * columns offices expect, generated from the data (never typed again). {@code sql} is a complete {@code select}
 * with a {@code village_code} and a {@code household_id} column; {@link Ledgers} selects from it by region, date
 * span ({@code dateColumn}, inclusive; none when null) and filters, in {@code orderBy} order (over its columns).
 */
public record Ledger(
        String code,
        String zh,
        String en,
        String noteZh,
        String noteEn,
        Unit unit,
        String dateColumn,
        List<LedgerColumn> columns,
        List<Filter> filters,
        String sql,
        String orderBy) {

    /** What one row is: counted in the totals row ("合计 12 户"). */
    public enum Unit {
        HOUSEHOLDS("户", "households"),
        PERSONS("人", "persons"),
        ENTRIES("条", "entries");

        private final String zh;
        private final String en;

        Unit(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        public String label(Locale locale) {
            return LedgerColumn.english(locale) ? en : zh;
        }
    }

    /**
     * A choice that narrows the rows: {@code condition} over the ledger's columns (alias {@code t}) with {@code
     * :value} for the chosen option's code, unless the option has a condition of its own.
     */
    public record Filter(String key, String zh, String en, String condition, List<Option> options) {

        public String label(Locale locale) {
            return LedgerColumn.english(locale) ? en : zh;
        }

        public Optional<Option> option(String code) {
            return options.stream().filter(o -> o.code().equals(code)).findFirst();
        }
    }

    /** One option of a filter: its code (in the query string), its label, and its own condition (or null). */
    public record Option(String code, String zh, String en, String condition) {

        public Option(String code, String zh, String en) {
            this(code, zh, en, null);
        }

        public String label(Locale locale) {
            return LedgerColumn.english(locale) ? en : zh;
        }
    }

    public String label(Locale locale) {
        return LedgerColumn.english(locale) ? en : zh;
    }

    public String note(Locale locale) {
        return LedgerColumn.english(locale) ? noteEn : noteZh;
    }

    /** The column the date span applies to. */
    public Optional<LedgerColumn> dated() {
        return columns.stream().filter(c -> c.key().equals(dateColumn)).findFirst();
    }
}
