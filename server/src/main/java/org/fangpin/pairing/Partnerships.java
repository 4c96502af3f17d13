package org.fangpin.pairing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 定点帮扶, 东西部协作, 万企帮万村 and 对口支援 (003:67, 004:173, 004:175, 004:355): a partnership of a helping unit
 * with a region, and per year what the partner committed and delivered item by item ({@link PartnershipDeliveries}
 * books them). A partnership is seen by whoever reaches its region and by the offices inside it (a township sees its
 * county's 定点帮扶); it is kept by the county for a county or a region below it, by the province for a province or
 * a city (PARTNERSHIP_EDIT).
 */
@Service
public class Partnerships {

    @Schema(name = "NewPartnership")
    public record NewPartnership(PartnershipKind kind, Long unitId, String region, LocalDate startedOn, String note) {}

    @Schema(name = "PartnershipEnd")
    public record End(LocalDate on, String reason) {}

    /** A partnership with the year's totals per item (the year asked for; this year by default). */
    @Schema(name = "Partnership")
    public record Partnership(
            long id,
            PartnershipKind kind,
            long unitId,
            String unitName,
            UnitKind unitKind,
            String region,
            String regionName,
            RegionLevel level,
            LocalDate startedOn,
            LocalDate endedOn,
            String endReason,
            String note,
            int version) {}

    /** One item of a year: committed and delivered (deliveries withdrawn left out), in the item's measure. */
    @Schema(name = "PartnershipItemYear")
    public record ItemYear(PartnershipItem item, BigDecimal committed, BigDecimal delivered) {

        /** Delivered as a percentage of committed (null when nothing was committed). */
        public BigDecimal rate() {
            return committed.signum() == 0
                    ? null
                    : delivered.multiply(BigDecimal.valueOf(100)).divide(committed, 1, RoundingMode.HALF_UP);
        }
    }

    /** A year of a partnership: each item, and the reconciliation when the region confirmed it. */
    @Schema(name = "PartnershipYear")
    public record Year(int year, List<ItemYear> items, PartnershipDeliveries.Reconciliation reconciliation) {}

    @Schema(name = "PartnershipDetail")
    public record Detail(
            Partnership partnership,
            List<Year> years,
            List<PartnershipDeliveries.Delivery> deliveries,
            boolean editable) {}

    /** What the partnerships the caller sees add up to in a year, per item. */
    @Schema(name = "PartnershipSummary")
    public record Summary(int year, long partnerships, List<ItemYear> items) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Permissions permissions;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;

    Partnerships(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Permissions permissions,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.permissions = permissions;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    // ---- reads ----

    /** The partnerships the caller sees (open ones unless {@code ended}), by region then kind. */
    @Transactional(readOnly = true)
    public List<Partnership> list(PartnershipKind kind, boolean ended) {
        Map<String, Object> p = new HashMap<>();
        StringBuilder where = new StringBuilder(visible("x.region_code", p));
        if (kind != null) {
            where.append(" and x.kind = :kind");
            p.put("kind", kind.name());
        }
        if (!ended) {
            where.append(" and x.ended_on is null");
        }
        return jdbc.sql(SELECT + " where " + where + " order by x.region_code, x.kind, u.name, x.id limit 2000")
                .params(p)
                .query(this::partnership)
                .list();
    }

    /** The year's committed and delivered per item over the open partnerships the caller sees. */
    @Transactional(readOnly = true)
    public Summary summary(int year) {
        PairingFields.year(messages, year);
        Map<String, Object> p = new HashMap<>();
        p.put("year", year);
        p.put("jan1", LocalDate.of(year, 1, 1));
        p.put("dec31", LocalDate.of(year, 12, 31));
        // the partnerships at work some time in the year: one ended since keeps its year's figures
        String where = visible("x.region_code", p)
                + " and x.started_on <= :dec31 and (x.ended_on is null or x.ended_on >= :jan1)";
        long count = jdbc.sql("select count(*) from partnership x where " + where)
                .params(p)
                .query(Long.class)
                .single();
        return new Summary(year, count, items(where, p));
    }

    /** The years of a partnership with a commitment or a delivery, and this year, newest first. */
    List<Integer> years(long id) {
        return jdbc.sql("""
                        select year from partnership_commitment where partnership_id = :id
                        union select year from partnership_delivery where partnership_id = :id
                        union select cast(:year as int) order by 1 desc""")
                .param("id", id)
                .param("year", today().getYear())
                .query(Integer.class)
                .list();
    }

    /**
     * Per item, committed and delivered in {@code :year} over the partnerships {@code x} the condition selects —
     * every item, zero where nothing was.
     */
    List<ItemYear> items(String where, Map<String, Object> p) {
        Map<PartnershipItem, BigDecimal[]> sums = new EnumMap<>(PartnershipItem.class);
        for (PartnershipItem i : PartnershipItem.values()) {
            sums.put(i, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        }
        jdbc.sql("""
                        select item, sum(committed) as committed, sum(delivered) as delivered from (
                            select c.item, c.quantity as committed, 0 as delivered
                            from partnership_commitment c join partnership x on x.id = c.partnership_id
                            where c.year = :year and %1$s
                            union all
                            select d.item, 0, d.quantity
                            from partnership_delivery d join partnership x on x.id = d.partnership_id
                            where d.year = :year and d.withdrawn_at is null and %1$s) s
                        group by item""".formatted(where)).params(p).query(rs -> {
            BigDecimal[] s = sums.get(PartnershipItem.valueOf(rs.getString("item")));
            s[0] = rs.getBigDecimal("committed");
            s[1] = rs.getBigDecimal("delivered");
        });
        return sums.entrySet().stream()
                .map(e -> new ItemYear(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    // ---- changes ----

    /** Records a partnership of a unit with a region the caller keeps (409 when the two have one of that kind). */
    @Transactional
    public Partnership create(NewPartnership n) {
        Actor me = editor();
        List<FieldProblem> problems = new ArrayList<>();
        if (n.kind() == null) {
            problems.add(FieldProblem.of("kind", messages.get("team.required")));
        }
        UnitKind unit = n.unitId() == null
                ? null
                : jdbc.sql("select kind from assist_unit where id = ?")
                        .param(n.unitId())
                        .query(String.class)
                        .optional()
                        .map(UnitKind::valueOf)
                        .orElse(null);
        if (unit == null) {
            problems.add(FieldProblem.of("unitId", messages.get("partnership.unit")));
        } else if (n.kind() != null && !n.kind().takes(unit)) {
            problems.add(FieldProblem.of(
                    "unitId", messages.get("partnership.unit-kind", n.kind().label(LocaleContextHolder.getLocale()))));
        }
        Region region = PairingFields.strip(n.region()) == null
                ? null
                : regions.find(n.region().strip()).orElse(null);
        if (region == null || region.validTo() != null || !keeps(me, region)) {
            problems.add(FieldProblem.of("region", messages.get("partnership.region")));
        } else if (n.kind() != null && !n.kind().helps(region.level())) {
            problems.add(FieldProblem.of(
                    "region",
                    messages.get("partnership.region-level", n.kind().label(LocaleContextHolder.getLocale()))));
        }
        if (n.startedOn() == null || n.startedOn().isAfter(today())) {
            problems.add(FieldProblem.of("startedOn", messages.get("team.not-future")));
        }
        PairingFields.text(messages, problems, "note", n.note(), 1000, false);
        PairingFields.raise(problems);
        long id;
        try {
            id = jdbc.sql("""
                            insert into partnership (kind, unit_id, region_code, started_on, note, created_by)
                            values (?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            n.kind().name(),
                            n.unitId(),
                            region.code(),
                            n.startedOn(),
                            PairingFields.strip(n.note()),
                            me.username())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("partnership.taken", region.name());
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", n.kind().name());
        after.put("unitId", n.unitId());
        after.put("startedOn", n.startedOn().toString());
        audit(id, region.code(), "PARTNERSHIP_ADDED", null, after);
        return find(id, false);
    }

    /** Ends a partnership on a day with the reason (If-Match: the version read). */
    @Transactional
    public Partnership end(long id, int version, End e) {
        Partnership x = editable(id, version);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = e.on() == null ? today() : e.on();
        LocalDate last = jdbc.sql("select max(delivered_on) from partnership_delivery where partnership_id = ?"
                        + " and withdrawn_at is null")
                .param(id)
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        LocalDate earliest = last != null && last.isAfter(x.startedOn()) ? last : x.startedOn();
        if (on.isAfter(today()) || on.isBefore(earliest)) {
            problems.add(FieldProblem.of("on", messages.get("partnership.end-day", earliest.toString())));
        }
        PairingFields.text(messages, problems, "reason", e.reason(), 500, true);
        PairingFields.raise(problems);
        jdbc.sql("update partnership set ended_on = ?, end_reason = ?, version = version + 1 where id = ?")
                .params(on, e.reason().strip(), id)
                .update();
        audit(
                id,
                x.region(),
                "PARTNERSHIP_ENDED",
                null,
                Map.of("on", on.toString(), "reason", e.reason().strip()));
        return find(id, false);
    }

    // ---- access, shared with the deliveries ----

    /** A partnership the caller sees (404 otherwise), locked when asked. */
    Partnership find(long id, boolean lock) {
        Map<String, Object> p = new HashMap<>();
        p.put("pid", id);
        if (lock) {
            jdbc.sql("select id from partnership where id = :pid for update")
                    .params(p)
                    .query(Long.class)
                    .optional();
        }
        return jdbc.sql(SELECT + " where x.id = :pid and " + visible("x.region_code", p))
                .params(p)
                .query(this::partnership)
                .optional()
                .orElseThrow(() -> ApiException.notFound("partnership.not-found", id));
    }

    /** A partnership whoever its caller, locked: for what the platform books on a partnership's behalf. */
    Partnership unscoped(long id) {
        return jdbc.sql(SELECT + " where x.id = ? for update of x")
                .param(id)
                .query(this::partnership)
                .single();
    }

    /**
     * A partnership the caller keeps, locked, at the version read (412 otherwise; 403 when seen but kept by another
     * level; 409 once ended).
     */
    Partnership editable(long id, int version) {
        return editable(id, version, true);
    }

    /**
     * A partnership the caller keeps, locked; at the version read unless none is given (a new delivery); 409 once
     * ended when {@code open} is asked (an ended partnership's years may still be withdrawn from and reconciled).
     */
    Partnership editable(long id, Integer version, boolean open) {
        editor();
        Partnership x = find(id, true);
        if (!mayEdit(x)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN, "forbidden", "partnership.not-yours", List.of(), x.regionName());
        }
        if (version != null && x.version() != version) {
            throw ApiException.preconditionFailed("partnership.stale", id);
        }
        if (open && x.endedOn() != null) {
            throw ApiException.conflict("partnership.ended", x.regionName());
        }
        return x;
    }

    /** The partnership's version raised: every change of its years is a change of the partnership (its ETag). */
    void bump(long id) {
        jdbc.sql("update partnership set version = version + 1 where id = ?")
                .param(id)
                .update();
    }

    boolean mayEdit(Partnership x) {
        return permissions.has(Permission.PARTNERSHIP_EDIT)
                && actor.get()
                        .map(me -> regions.find(x.region())
                                .filter(r -> keeps(me, r))
                                .isPresent())
                        .orElse(false);
    }

    void audit(long id, String region, String action, Map<String, ?> before, Map<String, ?> after) {
        events.publishEvent(new AuditableChange("partnership", Long.toString(id), action, before, after, region));
    }

    /** Who is recorded as acting (for the deliveries and the 对账 too). */
    String user() {
        return actor.username();
    }

    /**
     * Whether the caller keeps a region's partnerships: a county office those of its county and the regions in it, a
     * province office those of its province and its cities.
     */
    private boolean keeps(Actor me, Region region) {
        if (!dataScope.current().covers(region.code())) {
            return false;
        }
        boolean high = region.level() == RegionLevel.PROVINCE || region.level() == RegionLevel.CITY;
        return high ? me.role() == Role.PROVINCE : me.role() == Role.COUNTY;
    }

    private Actor editor() {
        Actor me = actor.get()
                .orElseThrow(
                        () -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "partnership.forbidden", List.of()));
        if (!permissions.has(Permission.PARTNERSHIP_EDIT)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "partnership.forbidden", List.of());
        }
        return me;
    }

    /**
     * The caller sees a partnership of a region in their reach, and one of a region their own lies in: a township
     * sees its county's 定点帮扶 and its province's 东西部协作.
     */
    String visible(String column, Map<String, Object> p) {
        DataScope.Scope s = dataScope.current();
        String own = s.condition(column, p);
        if (s instanceof DataScope.Scope.Subtree sub) {
            List<String> above = new ArrayList<>();
            for (RegionLevel l : RegionLevel.values()) {
                if (l.digits() < sub.region().level().digits()) {
                    above.add(RegionCode.padded(sub.region().code().substring(0, l.digits())));
                }
            }
            p.put("above", above.toArray(String[]::new));
            return "(" + own + " or " + column + " = any(:above))";
        }
        return own;
    }

    private static final String SELECT = """
            select x.*, u.name as unit_name, u.kind as unit_kind
            from partnership x join assist_unit u on u.id = x.unit_id""";

    private Partnership partnership(ResultSet rs, int i) throws SQLException {
        String region = rs.getString("region_code");
        Region r = regions.find(region).orElse(null);
        return new Partnership(
                rs.getLong("id"),
                PartnershipKind.valueOf(rs.getString("kind")),
                rs.getLong("unit_id"),
                rs.getString("unit_name"),
                UnitKind.valueOf(rs.getString("unit_kind")),
                region,
                r == null ? region : r.name(),
                r == null ? null : r.level(),
                rs.getObject("started_on", LocalDate.class),
                rs.getObject("ended_on", LocalDate.class),
                rs.getString("end_reason"),
                rs.getString("note"),
                rs.getInt("version"));
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
