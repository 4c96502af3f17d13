package org.fangpin.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.jdbc.Rows;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.Alerts;
import org.fangpin.monitoring.Alerts.Filter;
import org.fangpin.monitoring.Alerts.Item;
import org.fangpin.monitoring.Alerts.Query;
import org.fangpin.monitoring.Alerts.RuleName;
import org.fangpin.monitoring.Alerts.Status;
import org.fangpin.region.DataScope;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.ScopedQuery;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The alert list's SQL for {@link Alerts}: a filter in the caller's reach as conditions, a page in an order, the
 * count and counts by status of the same rows, and the names of the rules in force. Lists never read explanations.
 */
@Component
public class AlertListing {

    /** What a list reads of an alert: everything but its explanation. */
    private static final String LISTED = "select id, run_id, household_id, household_no, village_code, status,"
            + " severity, suggested_category, causes, rules, created_at, assigned_to, assigned_at, decided_by,"
            + " decided_at, handed_at, version from alert";

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Messages messages;
    private final Clock clock;

    AlertListing(JdbcClient jdbc, DataScope dataScope, RegionDirectory regions, Messages messages, Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.messages = messages;
        this.clock = clock;
    }

    /** One page of items, each with its rules' names (the latest wording of each code in force). */
    public List<Item> items(Query q) {
        Map<String, RuleName> names = new HashMap<>();
        for (RuleName r : rules()) {
            names.put(r.code(), r);
        }
        return page(q, LISTED, (rs, i) -> item(rs, names));
    }

    /** One page of {@code select} (over {@code alert}) in the query's order. */
    public <T> List<T> page(Query q, String select, RowMapper<T> rows) {
        ScopedQuery sql = where(q.filter());
        String order = switch (q.sort()) {
            case NEWEST -> "id desc";
            case OLDEST -> "id";
            case SEVERITY -> "case severity when 'HIGH' then 0 when 'MEDIUM' then 1 else 2 end, id desc";
            case VILLAGE -> "village_code, id desc";
        };
        if (q.before() != null) {
            sql.when(q.before(), "id < :before", "before");
            order = "id desc";
        }
        return sql.list(jdbc, select, order, q.offset(), Math.max(1, Math.min(q.limit(), ScopedQuery.MAX_PAGE)), rows);
    }

    public long count(Filter f) {
        return where(f).count(jdbc, "select count(*) from alert");
    }

    public List<Long> ids(Filter f, int cap) {
        return where(f).list(jdbc, "select id from alert", "id desc", 0, cap, (rs, i) -> rs.getLong("id"));
    }

    /** Counts by status among the alerts the filter matches, whatever its status. */
    public Map<Status, Long> counts(Filter f) {
        Map<Status, Long> out = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            out.put(s, 0L);
        }
        where(f.withStatus(null))
                .grouped(
                        jdbc,
                        "select status, count(*) from alert",
                        "status",
                        rs -> out.put(Status.valueOf(rs.getString(1)), rs.getLong(2)));
        return out;
    }

    /** The rules of the sets in force nationally or in the caller's province, the province's wording first. */
    public List<RuleName> rules() {
        String province = dataScope
                .current()
                .home()
                .map(r -> RegionCode.province(r.code()))
                .orElse(null);
        return jdbc.sql("select distinct on (d.code) d.code, d.name_zh, d.name_en, d.severity from rule_definition d"
                        + " join rule_set s on s.id = d.rule_set_id where s.status = 'ACTIVE' and (s.province_code is"
                        + " null or s.province_code = :province or cast(:province as text) is null) order by d.code,"
                        + " s.province_code is null, s.activated_at desc, s.version desc")
                .param("province", province)
                .query((rs, i) -> new RuleName(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private ScopedQuery where(Filter f) {
        ScopedQuery q = ScopedQuery.select("select id from alert", "village_code", dataScope.current())
                .inRegion(
                        f.region(),
                        regions,
                        () -> ApiException.invalid("region", messages.get("monitoring.alert.region")))
                .when(f.status(), "status = :status", "status")
                .when(f.assignedTo(), "assigned_to = :assignee", "assignee")
                .when(f.run(), "run_id = :run", "run")
                .when(f.household(), "household_id = :household", "household")
                .when(f.rule(), ":rule = any(rules)", "rule")
                .when(f.category(), "suggested_category = :category", "category")
                .when(f.severity(), "severity = :severity", "severity");
        ZoneId zone = clock.getZone();
        q.when(f.from() == null ? null : f.from().atStartOfDay(zone).toOffsetDateTime(), "created_at >= :from", "from");
        q.when(
                f.to() == null ? null : f.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime(),
                "created_at < :to",
                "to");
        return q;
    }

    private static Item item(ResultSet rs, Map<String, RuleName> names) throws SQLException {
        List<String> rules = Rows.strings(rs, "rules");
        return new Item(
                rs.getLong("id"),
                rs.getObject("run_id", UUID.class),
                rs.getLong("household_id"),
                rs.getString("household_no"),
                rs.getString("village_code"),
                Status.valueOf(rs.getString("status")),
                rs.getString("severity"),
                rs.getString("suggested_category"),
                Rows.strings(rs, "causes"),
                rules,
                rules.stream()
                        .map(code -> names.getOrDefault(code, new RuleName(code, code, code, null)))
                        .toList(),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("assigned_to"),
                Rows.instant(rs, "assigned_at"),
                rs.getString("decided_by"),
                Rows.instant(rs, "decided_at"),
                Rows.instant(rs, "handed_at"),
                rs.getInt("version"));
    }
}
