package org.fangpin.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The asset rows and what every change of an asset shares: finding it in the caller's reach, locking it at a version,
 * who may change it, its timeline steps (audited) and its version.
 */
@Component
class AssetRows {

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    AssetRows(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Actor.Current actor,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.actor = actor;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** One asset of the caller's reach (404 otherwise). */
    Assets.Asset get(long id) {
        return complete(List.of(find(id, false))).get(0);
    }

    /** An asset's 管护 records, newest first. */
    List<Assets.Upkeep> upkeep(long id) {
        return jdbc.sql("select * from asset_upkeep where asset_id = ? order by done_on desc, id desc")
                .param(id)
                .query((rs, n) -> new Assets.Upkeep(
                        rs.getLong("id"),
                        rs.getObject("done_on", LocalDate.class),
                        UpkeepKind.valueOf(rs.getString("kind")),
                        rs.getString("done_by"),
                        rs.getString("finding"),
                        rs.getString("action"),
                        rs.getBigDecimal("cost")))
                .list();
    }

    /** The shares held now. */
    List<Assets.Share> shares(long id) {
        return jdbc.sql("select * from asset_share where asset_id = ? and valid_to is null order by percent desc, id")
                .param(id)
                .query((rs, n) -> new Assets.Share(
                        ShareHolder.valueOf(rs.getString("holder_kind")),
                        rs.getObject("household_id", Long.class),
                        rs.getString("holder_name"),
                        rs.getBigDecimal("percent").stripTrailingZeros()))
                .list();
    }

    /** The asset of the caller's reach at a version (412 otherwise), locked, not disposed of (409). */
    Assets.Asset editable(long id, int version, Actor me) {
        Assets.Asset a = complete(List.of(find(id, true))).get(0);
        if (a.version() != version) {
            throw ApiException.preconditionFailed("asset.stale", id);
        }
        if (a.status() == AssetStatus.DISPOSED) {
            throw ApiException.conflict("asset.disposed", a.assetNo());
        }
        if (!mayEdit(me, a.titleLevel())) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "forbidden",
                    "asset.level",
                    List.of(),
                    a.titleLevel().label(locale()));
        }
        return a;
    }

    /**
     * Whether a user of a level may change an asset titled at a level: the county's assets only the county, a
     * township's the township and the county, the rest (village, household, operator) any level that reaches them.
     */
    static boolean mayEdit(Actor me, TitleLevel title) {
        return switch (title) {
            case COUNTY -> me.role() == Role.COUNTY;
            case TOWNSHIP -> me.role() == Role.COUNTY || me.role() == Role.TOWNSHIP;
            default -> true;
        };
    }

    /** Whether a village lies in the asset's region (a household taking part in it lives where the asset is). */
    boolean within(Assets.Asset a, String villageCode) {
        return regions.find(a.region())
                .map(r -> r.subtree().contains(villageCode))
                .orElse(false);
    }

    /** The caller, who must be a village, township or county user. */
    Actor editor() {
        Actor me = actor.get()
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "project.forbidden", List.of()));
        if (me.role() != Role.VILLAGE && me.role() != Role.TOWNSHIP && me.role() != Role.COUNTY) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "project.role", List.of());
        }
        return me;
    }

    void bump(long id) {
        jdbc.sql("update asset set version = version + 1 where id = ?")
                .param(id)
                .update();
    }

    /** A step on the asset's timeline, audited. */
    void step(
            long id,
            String region,
            AssetAction action,
            LocalDate on,
            String note,
            Map<String, Object> before,
            Map<String, Object> after,
            Actor me) {
        jdbc.sql("""
                        insert into asset_step (asset_id, action, done_on, note, details, actor, actor_role)
                        values (?, ?, ?, ?, ?::jsonb, ?, ?)""")
                .params(
                        id,
                        action.name(),
                        on,
                        note == null || note.isBlank() ? null : note.strip(),
                        json.writeValueAsString(after),
                        me.username(),
                        me.role().name())
                .update();
        Map<String, Object> a = new LinkedHashMap<>(after);
        a.put("on", on.toString());
        if (note != null && !note.isBlank()) {
            a.put("note", note.strip());
        }
        events.publishEvent(
                new AuditableChange("asset", Long.toString(id), "ASSET_" + action.name(), before, a, region));
    }

    List<Assets.Step> steps(long id) {
        return jdbc.sql("select * from asset_step where asset_id = ? order by id")
                .param(id)
                .query((rs, n) -> new Assets.Step(
                        AssetAction.valueOf(rs.getString("action")),
                        rs.getObject("done_on", LocalDate.class),
                        rs.getString("note"),
                        json.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() {}),
                        rs.getString("actor"),
                        Role.valueOf(rs.getString("actor_role")),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---- rows ----

    static final String SELECT = "select a.*, (select coalesce(sum(i.amount), 0) from asset_income i"
            + " where i.asset_id = a.id) as income from asset a";

    Assets.Asset find(long id, boolean lock) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return jdbc.sql(SELECT + " where a.id = :id and " + dataScope.current().condition("a.region_code", params)
                        + (lock ? " for update of a" : ""))
                .params(params)
                .query(this::row)
                .optional()
                .orElseThrow(() -> ApiException.notFound("asset.not-found", id));
    }

    Assets.Asset row(ResultSet rs, int n) throws SQLException {
        return new Assets.Asset(
                rs.getLong("id"),
                rs.getString("asset_no"),
                rs.getString("region_code"),
                null,
                rs.getString("county_code"),
                rs.getString("name"),
                AssetClass.valueOf(rs.getString("class")),
                rs.getString("subtype"),
                AssetOrigin.valueOf(rs.getString("origin")),
                rs.getString("place"),
                rs.getString("scale"),
                rs.getBigDecimal("value"),
                rs.getObject("formed_on", LocalDate.class),
                List.of(),
                TitleLevel.valueOf(rs.getString("title_level")),
                rs.getString("holder"),
                rs.getObject("holder_household_id", Long.class),
                rs.getString("operator"),
                rs.getString("operating_mode"),
                rs.getString("distribution_plan"),
                rs.getString("custodian"),
                rs.getString("custodian_person"),
                rs.getString("custody_rule"),
                AssetStatus.valueOf(rs.getString("status")),
                rs.getObject("status_on", LocalDate.class),
                rs.getString("status_note"),
                rs.getString("note"),
                rs.getBigDecimal("income"),
                rs.getInt("version"));
    }

    /** Region names and sources, in two queries for a page. */
    List<Assets.Asset> complete(List<Assets.Asset> items) {
        if (items.isEmpty()) {
            return items;
        }
        Long[] ids = items.stream().map(Assets.Asset::id).toArray(Long[]::new);
        Map<Long, List<Assets.Source>> sources = new HashMap<>();
        jdbc.sql("select s.asset_id, s.project_id, p.project_no, s.source, s.amount from asset_source s"
                        + " left join project p on p.id = s.project_id where s.asset_id = any(?) order by s.id")
                .param(ids)
                .query((ResultSet rs) -> {
                    sources.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Assets.Source(
                                    rs.getObject(2, Long.class),
                                    rs.getString(3),
                                    FundSource.valueOf(rs.getString(4)),
                                    rs.getBigDecimal(5)));
                });
        Map<String, String> names = new HashMap<>();
        List<Assets.Asset> out = new ArrayList<>(items.size());
        for (Assets.Asset a : items) {
            String name = names.computeIfAbsent(
                    a.region(), c -> regions.find(c).map(Region::name).orElse(c));
            out.add(new Assets.Asset(
                    a.id(),
                    a.assetNo(),
                    a.region(),
                    name,
                    a.county(),
                    a.name(),
                    a.assetClass(),
                    a.subtype(),
                    a.origin(),
                    a.place(),
                    a.scale(),
                    a.value(),
                    a.formedOn(),
                    sources.getOrDefault(a.id(), List.of()),
                    a.titleLevel(),
                    a.holder(),
                    a.holderHouseholdId(),
                    a.operator(),
                    a.operatingMode(),
                    a.distributionPlan(),
                    a.custodian(),
                    a.custodianPerson(),
                    a.custodyRule(),
                    a.status(),
                    a.statusOn(),
                    a.statusNote(),
                    a.note(),
                    a.income(),
                    a.version()));
        }
        return out;
    }

    static void raise(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static java.util.Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
