package org.fangpin.common.importing;

/** One data row of a CSV or XLSX file; {@code row} numbers as a spreadsheet does (the header is row 1). */
public record TabularRow(long row, String[] cells) {

    public String cell(int index) {
        if (index < 0 || index >= cells.length) {
            return "";
        }
        String v = cells[index];
        return v == null ? "" : v.strip();
    }
}
