package org.fangpin.common.importing;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a file's header cells to known columns by their Chinese header or any English alias (case-, space- and
 * underscore-insensitive).
 */
public final class ColumnMap<C extends Enum<C> & ColumnMap.Column> {

    /** A column of an import template. */
    public interface Column {
        String header(); // Chinese header as in the template

        List<String> aliases(); // English aliases

        boolean required();
    }

    private final Map<C, Integer> index;
    private final String[] header;

    private ColumnMap(String[] header, Class<C> columns) {
        this.header = header;
        this.index = new EnumMap<>(columns);
    }

    public static <C extends Enum<C> & Column> ColumnMap<C> of(String[] header, Class<C> columns) {
        ColumnMap<C> map = new ColumnMap<>(header, columns);
        Map<String, C> lookup = new HashMap<>();
        for (C c : columns.getEnumConstants()) {
            lookup.put(normalise(c.header()), c);
            lookup.put(normalise(c.name()), c);
            for (String a : c.aliases()) {
                lookup.put(normalise(a), c);
            }
        }
        for (int i = 0; i < header.length; i++) {
            C c = lookup.get(normalise(header[i]));
            if (c != null && !map.index.containsKey(c)) {
                map.index.put(c, i);
            }
        }
        return map;
    }

    private static String normalise(String s) {
        return s.strip()
                .replace(" ", "")
                .replace("_", "")
                .replace("（", "(")
                .replace("）", ")")
                .toLowerCase(Locale.ROOT);
    }

    public boolean has(C column) {
        return index.containsKey(column);
    }

    public int indexOf(C column) {
        return index.getOrDefault(column, -1);
    }

    public String get(TabularRow row, C column) {
        return row.cell(indexOf(column));
    }

    /** Whether a spreadsheet stored the column's cell as a number (an XLSX cell not formatted as text). */
    public boolean number(TabularRow row, C column) {
        return row.number(indexOf(column));
    }

    /** The header as the file spelled it, for error reports; the template header if the column is absent. */
    public String label(C column) {
        int i = indexOf(column);
        return i >= 0 ? header[i] : column.header();
    }
}
