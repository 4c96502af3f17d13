package org.fangpin.common.importing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An initial load into an empty table: building its secondary indexes once after the load is about twice as fast
 * as maintaining them row by row, and checking its foreign keys with one join afterwards is about twice as fast as
 * a trigger call per inserted row. So the indexes and foreign keys are dropped before the load and re-created after
 * it, inside the caller's transaction (DDL is transactional in PostgreSQL): a failed or rolled-back import leaves
 * them as they were, and a unique index or foreign key that the loaded rows violate fails the import. On a
 * non-empty table nothing is touched: dropping an index or constraint locks the table against readers until commit.
 */
public final class InitialLoad {

    private static final InitialLoad NONE = new InitialLoad(null, List.of());

    private final JdbcClient jdbc;
    private final List<String> recreate;

    private InitialLoad(JdbcClient jdbc, List<String> recreate) {
        this.jdbc = jdbc;
        this.recreate = recreate;
    }

    /** {@code table} is one of our own table names, never user input. */
    public static InitialLoad prepare(JdbcClient jdbc, String table) {
        return prepare(jdbc, table, true);
    }

    /**
     * Like {@link #prepare(JdbcClient, String)} but keeping the table's foreign keys: dropping one locks the table
     * it references against readers until commit as well, which a load must not do to a table that pages read
     * while it runs (a run's progress, say).
     */
    public static InitialLoad indexesOnly(JdbcClient jdbc, String table) {
        return prepare(jdbc, table, false);
    }

    private static InitialLoad prepare(JdbcClient jdbc, String table, boolean foreignKeys) {
        boolean empty = !jdbc.sql("select exists (select 1 from " + table + ")")
                .query(Boolean.class)
                .single();
        if (!empty) {
            return NONE;
        }
        List<String> recreate = new ArrayList<>();
        List<String[]> indexes = jdbc.sql("""
                select i.indexname, i.indexdef from pg_indexes i
                where i.schemaname = current_schema() and i.tablename = ?
                  and not exists (select 1 from pg_constraint c
                                  where c.conrelid = ?::regclass and c.conname = i.indexname)
                order by i.indexname""")
                .params(table, table)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        for (String[] index : indexes) {
            jdbc.sql("drop index " + index[0]).update();
            recreate.add(index[1]);
        }
        if (!foreignKeys) {
            return new InitialLoad(jdbc, recreate);
        }
        List<String[]> keys = jdbc.sql("""
                select conname, pg_get_constraintdef(oid) from pg_constraint
                where conrelid = ?::regclass and contype = 'f' order by conname""")
                .params(table)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        for (String[] fk : keys) {
            jdbc.sql("alter table " + table + " drop constraint " + fk[0]).update();
            recreate.add("alter table " + table + " add constraint " + fk[0] + " " + fk[1]);
        }
        return new InitialLoad(jdbc, recreate);
    }

    /** True when the table was empty and its indexes and foreign keys were dropped. */
    public boolean initial() {
        return jdbc != null;
    }

    /** Re-creates what {@link #prepare} dropped; the foreign keys check every loaded row as they are added. */
    public void finish() {
        for (String statement : recreate) {
            jdbc.sql(statement).update();
        }
    }
}
