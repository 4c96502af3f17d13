package org.fangpin.common.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Column reads that JDBC leaves to every caller: nullable instants and text arrays. */
public final class Rows {

    private Rows() {}

    /** The column's instant, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** The column's text array as a modifiable list; empty for null. */
    public static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) a.getArray()));
    }
}
