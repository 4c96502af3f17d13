package org.fangpin.common.importing;

/**
 * One rejected row of an import: the spreadsheet row number (header = row 1), the column (as headed in the
 * file), the offending value (masked where sensitive) and the reason in the importer's language.
 */
public record RowError(long row, String column, String value, String reason) {}
