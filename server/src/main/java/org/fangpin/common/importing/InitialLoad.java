package org.fangpin.common.importing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An initial load into an empty table: building its secondary indexes once after the load is about twice as fast
 * as maintaining them row by row. So they are dropped before the load and re-created after it, inside the caller's
 * transaction (DDL is transactional in PostgreSQL): a failed or rolled-back load leaves them as they were. Dropping
 * an index locks its table against readers until commit, which an empty table's readers can bear; on a non-empty
 * table nothing is touched. Foreign keys stay and check each row as it comes: dropping one would lock the table it
 * references as well — the region tree every page reads, the runs whose progress a page polls — for the whole load.
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
        return new InitialLoad(jdbc, recreate);
    }

    /** True when the table was empty and its secondary indexes were dropped. */
    public boolean initial() {
        return jdbc != null;
    }

    /** Re-creates the indexes {@link #prepare} dropped. */
    public void finish() {
        for (String statement : recreate) {
            jdbc.sql(statement).update();
        }
    }
}
