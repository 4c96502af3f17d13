package org.fangpin.region;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A list query over rows that carry a village code — alerts, cases, plans, grievances: the caller's data scope, an
 * optional region of the tree, optional conditions; keyset paging by a descending id or pages in any order, the
 * count and grouped counts of the same rows. The one place that writes this SQL; each condition is a fragment with
 * named parameters, values are always bound.
 */
public final class ScopedQuery {

    /** The most rows one page returns. */
    public static final int MAX_PAGE = 500;

    private final String select;
    private final StringBuilder where;
    private final String villageColumn;
    private final Map<String, Object> params = new HashMap<>();
    private boolean nothing;

    private ScopedQuery(String select, String villageColumn, DataScope.Scope scope) {
        this.villageColumn = villageColumn;
        this.select = select;
        this.where = new StringBuilder(" where ").append(scope.condition(villageColumn, params));
    }

    /** {@code select} (without a where clause) over rows whose village is in {@code villageColumn}, in scope. */
    public static ScopedQuery select(String select, String villageColumn, DataScope.Scope scope) {
        return new ScopedQuery(select, villageColumn, scope);
    }

    /** Binds a parameter that the select or a condition uses. */
    public ScopedQuery bind(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** Adds a condition. */
    public ScopedQuery and(String condition) {
        where.append(" and ").append(condition);
        return this;
    }

    /** Adds {@code condition} binding {@code :param} to the value, unless it is null (an enum binds its name). */
    public ScopedQuery when(Object value, String condition, String param) {
        if (value != null) {
            and(condition);
            params.put(param, value instanceof Enum<?> e ? e.name() : value);
        }
        return this;
    }

    /** Adds {@code whenTrue} or {@code whenFalse}, unless the flag is null. */
    public ScopedQuery either(Boolean flag, String whenTrue, String whenFalse) {
        if (flag != null) {
            and(flag ? whenTrue : whenFalse);
        }
        return this;
    }

    /**
     * Narrows to a region's subtree, unless the code is null: a code that is not twelve digits is refused with
     * {@code malformed}; a code no region has matches nothing.
     */
    public ScopedQuery inRegion(String code, RegionDirectory regions, Supplier<? extends RuntimeException> malformed) {
        if (code == null) {
            return this;
        }
        if (!RegionCode.isWellFormed(code)) {
            throw malformed.get();
        }
        Optional<Region> region = regions.find(code);
        if (region.isEmpty()) {
            nothing = true;
            return this;
        }
        RegionCode.CodeRange range = region.get().subtree();
        where.append(" and ").append(villageColumn).append(" between :rlo and :rhi");
        params.put("rlo", range.low());
        params.put("rhi", range.high());
        return this;
    }

    /**
     * One page, newest first: rows whose {@code idColumn} is below {@code before} (the last id of the previous page;
     * null for the first page), at most {@code limit} (1 to {@value #MAX_PAGE}).
     */
    public <T> List<T> page(JdbcClient jdbc, String idColumn, Long before, int limit, RowMapper<T> rows) {
        if (nothing) {
            return List.of();
        }
        when(before, idColumn + " < :before", "before");
        return list(jdbc, select, idColumn + " desc", 0, Math.max(1, Math.min(limit, MAX_PAGE)), rows);
    }

    /**
     * One page of {@code otherSelect} (any select over the same table, e.g. its ids only) in {@code orderBy} (which
     * ends with a unique column), {@code offset} rows skipped; the caller bounds the limit.
     */
    public <T> List<T> list(
            JdbcClient jdbc, String otherSelect, String orderBy, int offset, int limit, RowMapper<T> rows) {
        if (nothing) {
            return List.of();
        }
        Map<String, Object> p = new HashMap<>(params);
        p.put("offset", Math.max(0, offset));
        p.put("limit", Math.max(1, limit));
        return jdbc.sql(otherSelect + where + " order by " + orderBy + " limit :limit offset :offset")
                .params(p)
                .query(rows)
                .list();
    }

    /** How many rows match; {@code countSelect} is e.g. {@code select count(*) from alert}. */
    public long count(JdbcClient jdbc, String countSelect) {
        if (nothing) {
            return 0;
        }
        return jdbc.sql(countSelect + where).params(params).query(Long.class).single();
    }

    /** Rows of {@code groupSelect} (an aggregate) grouped by {@code groupBy} (null: one row), each to {@code rows}. */
    public void grouped(JdbcClient jdbc, String groupSelect, String groupBy, RowCallbackHandler rows) {
        if (nothing) {
            return;
        }
        jdbc.sql(groupSelect + where + (groupBy == null ? "" : " group by " + groupBy))
                .params(params)
                .query(rows);
    }
}
