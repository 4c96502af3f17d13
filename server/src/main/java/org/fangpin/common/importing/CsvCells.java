package org.fangpin.common.importing;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Cells of every CSV the platform writes (exports, error reports, feedback files, templates, ledgers), safe to open
 * in a spreadsheet: a text cell that begins with {@code = + - @}, a tab or a carriage return is prefixed with an
 * apostrophe, so that Excel and WPS show it as text instead of running it as a formula (CSV injection). Plain numbers
 * ({@code -1200.50}) stay numbers. {@link TabularReader} removes the mark again, so exports import back unchanged.
 */
public final class CsvCells {

    /** The apostrophe spreadsheets read as "this cell is text". */
    static final char TEXT_MARK = '\'';

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private CsvCells() {}

    /** A printer whose every cell goes through {@link #safe}. */
    public static Printer printer(Writer out) {
        return printer(out, CSVFormat.DEFAULT);
    }

    public static Printer printer(Writer out, CSVFormat format) {
        try {
            return new Printer(new CSVPrinter(out, format));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commons CSV's printer (final, hence wrapped) with every cell made {@link #safe}. */
    public static final class Printer implements Closeable, Flushable {
        private final CSVPrinter printer;

        private Printer(CSVPrinter printer) {
            this.printer = printer;
        }

        public void print(Object value) throws IOException {
            printer.print(safe(value));
        }

        public void printRecord(Object... values) throws IOException {
            printRecord(Arrays.asList(values));
        }

        public void printRecord(Iterable<?> values) throws IOException {
            for (Object v : values) {
                printer.print(safe(v));
            }
            printer.println();
        }

        @Override
        public void flush() throws IOException {
            printer.flush();
        }

        @Override
        public void close() throws IOException {
            printer.close();
        }

        public void close(boolean flush) throws IOException {
            printer.close(flush);
        }
    }

    public static Object safe(Object value) {
        if (!(value instanceof CharSequence text) || text.isEmpty()) {
            return value;
        }
        return needsMark(text.toString()) ? TEXT_MARK + text.toString() : value;
    }

    static boolean needsMark(String s) {
        return switch (s.charAt(0)) {
            case '=', '@', '\t', '\r' -> true;
            case '+', '-' -> !NUMBER.matcher(s).matches();
            default -> false;
        };
    }

    /** The value a cell written by {@link #safe} stood for. */
    static String unmark(String cell) {
        return cell.length() > 1 && cell.charAt(0) == TEXT_MARK && needsMark(cell.substring(1))
                ? cell.substring(1)
                : cell;
    }
}
