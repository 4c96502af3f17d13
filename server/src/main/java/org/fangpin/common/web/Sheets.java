package org.fangpin.common.web;

import java.time.LocalDate;
import org.dhatim.fastexcel.Worksheet;

/** Cells of the platform's XLSX exports (fastexcel) written alike: header cells, dates. */
public final class Sheets {

    /** The fill of a header cell. */
    public static final String HEADER_FILL = "E8EEF4";

    private Sheets() {}

    /** A header cell: bold, filled, wrapped, framed. */
    public static void header(Worksheet ws, int row, int col, String text) {
        header(ws, row, col, text, HEADER_FILL);
    }

    /** A header cell with a fill of its own (e.g. the columns a sheet asks to fill in). */
    public static void header(Worksheet ws, int row, int col, String text, String fill) {
        ws.inlineString(row, col, text);
        ws.style(row, col)
                .bold()
                .fillColor(fill)
                .wrapText(true)
                .verticalAlignment("center")
                .borderStyle("thin")
                .set();
    }

    /** A day as a date cell ({@code yyyy-mm-dd}); nothing for none. */
    public static void date(Worksheet ws, int row, int col, LocalDate d) {
        if (d != null) {
            ws.value(row, col, d);
            ws.style(row, col).format("yyyy-mm-dd").set();
        }
    }
}
