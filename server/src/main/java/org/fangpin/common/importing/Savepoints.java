package org.fangpin.common.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Supplier;

/**
 * A row of an import sent under its own savepoint: a row a rule (or a unique index) refuses is rolled back alone, so the
 * rows after it are still checked and every rejected row is reported; the import as a whole stays all or nothing.
 */
public final class Savepoints {

    private Savepoints() {}

    /** The work's result, its changes kept until the import's end; a failure undoes the work's changes only. */
    public static <T> T attempt(Connection conn, Supplier<T> work) {
        Savepoint sp;
        try {
            sp = conn.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            try {
                conn.rollback(sp);
            } catch (SQLException s) {
                e.addSuppressed(s);
            }
            throw e;
        }
        try {
            conn.releaseSavepoint(sp);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }
}
