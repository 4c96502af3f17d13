package org.fangpin.registry.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.ErrorCollector;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.TabularReader;
import org.fangpin.region.DataScope;
import org.fangpin.registry.HouseholdColumn;
import org.fangpin.registry.HouseholdImporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One household import under way, as its steps ({@link HouseholdFileChecks}, {@link HouseholdStaging}, {@link
 * HouseholdMerge}) share it: the file and its column map, the connection, the error report, the importer's language
 * and data scope, the dates, author and reason; and what they report with — messages in the importer's language,
 * row errors, errors found by SQL over the staging tables, and how long each phase took.
 */
public final class HouseholdLoad {

    /** Phases log under the importer's name. */
    private static final Logger log = LoggerFactory.getLogger(HouseholdImporter.class);

    private final JdbcClient jdbc;
    private final Messages messages;
    final UUID importId;
    final DataScope.Scope scope;
    final TabularReader reader;
    final Connection conn;
    final ErrorCollector errors;
    final Locale locale;
    final LocalDate today;
    final LocalDate effective;
    final String user;
    final String reason;
    final ColumnMap<HouseholdColumn> cols;
    private long phaseStart = System.nanoTime();

    /** Reads the file's header into its column map. */
    public HouseholdLoad(
            JdbcClient jdbc,
            Messages messages,
            UUID importId,
            TabularReader reader,
            Connection conn,
            ErrorCollector errors,
            Locale locale,
            LocalDate today,
            LocalDate effective,
            String user,
            String reason,
            DataScope.Scope scope) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.scope = scope;
        this.importId = importId;
        this.reader = reader;
        this.conn = conn;
        this.errors = errors;
        this.locale = locale;
        this.today = today;
        this.effective = effective;
        this.user = user;
        this.reason = reason;
        this.cols = ColumnMap.of(reader.header(), HouseholdColumn.class);
    }

    /** Whether any row or check was rejected so far. */
    public boolean rejected() {
        return errors.count() > 0;
    }

    /** Logs how long the phase that just ended took (debug), to find where an import spends its time. */
    public void phase(String name) {
        long now = System.nanoTime();
        log.debug("import {} phase {}: {} ms", importId, name, (now - phaseStart) / 1_000_000);
        phaseStart = now;
    }

    String msg(String key, Object... args) {
        return messages.get(locale, key, args);
    }

    void error(long row, HouseholdColumn col, String value, String reason) {
        errors.add(new RowError(row, cols.label(col), value, reason));
    }

    /**
     * Reports each row of {@code sql} (its line first) as an error in {@code col}, with the value and reason that
     * {@code render} makes of the row's columns; {@code :d} is the effective date.
     */
    void sqlErrors(String sql, HouseholdColumn col, Function<Function<Integer, String>, String[]> render) {
        sqlErrors(sql, col, render, Map.of());
    }

    void sqlErrors(
            String sql,
            HouseholdColumn col,
            Function<Function<Integer, String>, String[]> render,
            Map<String, ?> params) {
        var query = jdbc.sql(sql).params(params);
        if (sql.contains(":d")) {
            query = query.param("d", effective);
        }
        query.query((rs, i) -> {
                    String[] vr = render.apply(idx -> {
                        try {
                            return rs.getString(idx);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    return new RowError(rs.getLong(1), cols.label(col), vr[0], vr[1]);
                })
                .list()
                .forEach(errors::add);
    }
}
