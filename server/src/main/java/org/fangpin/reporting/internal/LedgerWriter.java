package org.fangpin.reporting.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.common.importing.CsvCells;
import org.fangpin.common.web.Sheets;
import org.fangpin.reporting.Ledger;
import org.fangpin.reporting.LedgerColumn;

/**
 * Writes a ledger as it streams, in constant memory. XLSX: a title row and a row saying region, day and filters
 * (merged across), the header (bold, shaded, frozen with the rows above it), each column at its width, dates and
 * money as Excel values, text inline (no shared-string table growing with the rows), and the totals row; rows are
 * flushed to the stream every {@value #FLUSH} rows, and past {@value #SHEET_ROWS} rows a sheet continues on the next
 * with the header repeated. CSV: UTF-8 with a byte-order mark (for Excel), the header, the rows — no title or totals,
 * so that a program can read it.
 */
public abstract class LedgerWriter {

    static final int FLUSH = 1000;

    /** Data rows per sheet (Excel holds 1,048,576 rows in all). */
    static final int SHEET_ROWS = 1_000_000;

    protected final Ledger ledger;
    protected final Locale locale;

    LedgerWriter(Ledger ledger, Locale locale) {
        this.ledger = ledger;
        this.locale = locale;
    }

    public static LedgerWriter open(boolean xlsx, OutputStream out, Ledger ledger, Locale locale) {
        return xlsx ? new Xlsx(out, ledger, locale) : new Csv(out, ledger, locale);
    }

    /** The title and the line under it; then the header. */
    public abstract void title(String title, String subtitle);

    public abstract void row(List<Object> values);

    /** The totals row (its first cell {@code label}), and the end of the file. */
    public abstract void finish(String label);

    private static final class Xlsx extends LedgerWriter {
        private final Workbook workbook;
        private final List<LedgerColumn> columns;
        private final Object[] sums;
        private Worksheet sheet;
        private int sheets;
        private int r;
        private int rowsOnSheet;
        /** The first data row whose money and date cells are not formatted yet (formatted a block at a time). */
        private int unstyled;

        private String title;
        private String subtitle;

        Xlsx(OutputStream out, Ledger ledger, Locale locale) {
            super(ledger, locale);
            this.workbook = new Workbook(out, "Fangpin", "1.0");
            this.columns = ledger.columns();
            this.sums = new Object[columns.size()];
        }

        @Override
        public void title(String title, String subtitle) {
            this.title = title;
            this.subtitle = subtitle;
            newSheet();
        }

        private void newSheet() {
            try {
                if (sheet != null) {
                    formatBlock();
                    sheet.finish();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sheets++;
            // Excel: at most 31 characters, none of [ ] : * ? / \
            String name = ledger.label(locale).replaceAll("[\\[\\]:*?/\\\\]", " ");
            String suffix = sheets == 1 ? "" : " (" + sheets + ")";
            name = name.substring(0, Math.min(name.length(), 31 - suffix.length())) + suffix;
            sheet = workbook.newWorksheet(name);
            int last = columns.size() - 1;
            sheet.inlineString(0, 0, title);
            sheet.range(0, 0, 0, last).merge();
            sheet.style(0, 0).bold().fontSize(14).set();
            sheet.inlineString(1, 0, subtitle);
            sheet.range(1, 0, 1, last).merge();
            sheet.style(1, 0).fontColor("555555").set();
            for (int c = 0; c <= last; c++) {
                LedgerColumn col = columns.get(c);
                sheet.width(c, col.width() + 2);
                Sheets.header(sheet, 2, c, col.label(locale));
            }
            sheet.freezePane(0, 3);
            r = 3;
            unstyled = r;
            rowsOnSheet = 0;
        }

        @Override
        public void row(List<Object> values) {
            if (rowsOnSheet == SHEET_ROWS) {
                newSheet();
            }
            for (int c = 0; c < values.size(); c++) {
                Object v = values.get(c);
                if (v != null) {
                    cell(c, v);
                    if (columns.get(c).total()) {
                        sums[c] = add(sums[c], v);
                    }
                }
            }
            r++;
            rowsOnSheet++;
            if (r % FLUSH == 0) {
                formatBlock();
                try {
                    sheet.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        private void cell(int c, Object v) {
            LedgerColumn.Kind kind = columns.get(c).kind();
            if (v instanceof String s) {
                sheet.inlineString(r, c, s);
            } else if (v instanceof BigDecimal d) {
                sheet.value(r, c, d);
                if (kind != LedgerColumn.Kind.MONEY) {
                    sheet.style(r, c).format(MONEY).set();
                }
            } else if (v instanceof Number n) {
                sheet.value(r, c, n);
            } else if (v instanceof LocalDate d) {
                sheet.value(r, c, d);
                if (kind != LedgerColumn.Kind.DATE) {
                    sheet.style(r, c).format(DATE).set();
                }
            } else {
                sheet.inlineString(r, c, v.toString());
            }
        }

        private static final String MONEY = "#,##0.00";
        private static final String DATE = "yyyy-mm-dd";

        /**
         * Formats the money and date columns of the rows written since the last time, one range per column (a style
         * set per cell costs as much as the rest of the row).
         */
        private void formatBlock() {
            if (r > unstyled) {
                for (int c = 0; c < columns.size(); c++) {
                    LedgerColumn.Kind kind = columns.get(c).kind();
                    if (kind == LedgerColumn.Kind.MONEY) {
                        sheet.range(unstyled, c, r - 1, c).style().format(MONEY).set();
                    } else if (kind == LedgerColumn.Kind.DATE) {
                        sheet.range(unstyled, c, r - 1, c).style().format(DATE).set();
                    }
                }
                unstyled = r;
            }
        }

        private static Object add(Object sum, Object v) {
            if (v instanceof BigDecimal d) {
                return sum == null ? d : ((BigDecimal) sum).add(d);
            }
            long n = ((Number) v).longValue();
            return sum == null ? Long.valueOf(n) : Long.valueOf(((Number) sum).longValue() + n);
        }

        @Override
        public void finish(String label) {
            formatBlock();
            sheet.inlineString(r, 0, label);
            sheet.style(r, 0).bold().set();
            for (int c = 1; c < columns.size(); c++) {
                if (columns.get(c).total()) {
                    Object s = sums[c] == null
                            ? (columns.get(c).kind() == LedgerColumn.Kind.MONEY ? BigDecimal.ZERO : Long.valueOf(0))
                            : sums[c];
                    sheet.value(r, c, (Number) s);
                    if (s instanceof BigDecimal) {
                        sheet.style(r, c).bold().format("#,##0.00").set();
                    } else {
                        sheet.style(r, c).bold().set();
                    }
                }
            }
            try {
                workbook.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Csv extends LedgerWriter {
        private final Writer writer;
        private final CsvCells.Printer printer;

        Csv(OutputStream out, Ledger ledger, Locale locale) {
            super(ledger, locale);
            this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            this.printer = CsvCells.printer(writer);
        }

        @Override
        public void title(String title, String subtitle) {
            try {
                writer.write('\uFEFF');
                printer.printRecord(
                        ledger.columns().stream().map(c -> c.label(locale)).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void row(List<Object> values) {
            List<Object> cells = new ArrayList<>(values.size());
            for (Object v : values) {
                cells.add(v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : v.toString());
            }
            try {
                printer.printRecord(cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish(String label) {
            try {
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
