package org.fangpin.common.importing;

/**
 * One data row of a CSV or XLSX file; {@code row} numbers as a spreadsheet does (the header is row 1). {@code
 * numbers} marks the cells a spreadsheet stored as numbers (null for CSV): their text is the number as Excel kept it,
 * which for a long code such as an ID number has already lost digits.
 */
public record TabularRow(long row, String[] cells, boolean[] numbers) {

    public TabularRow(long row, String[] cells) {
        this(row, cells, null);
    }

    public String cell(int index) {
        if (index < 0 || index >= cells.length) {
            return "";
        }
        String v = cells[index];
        return v == null ? "" : v.strip();
    }

    /** Whether the spreadsheet stored this cell as a number (never for CSV). */
    public boolean number(int index) {
        return numbers != null && index >= 0 && index < numbers.length && numbers[index];
    }
}
