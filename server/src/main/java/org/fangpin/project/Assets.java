package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 扶贫项目资产 (003:35; 国办函〔2021〕51号): an asset formed by accepted projects (its value's sources name them, never
 * more of a project than its final cost) or back-registered in an inventory (资产清查); its class (经营性 needs a title
 * holder, an operator and a plan for its income; 公益性 a 管护主体 and a responsible person; 到户类 a household of the
 * registry, which manages it itself); its title (确权) at a level a user of that level or above may change (a village
 * does not edit the county's assets); 折股量化 shares (Σ ≤ 100 %); 管护 records; its status — 在用, 闲置, 损毁, and
 * 已处置 only through an approved disposal. Never deleted; every change is on the asset's timeline and audited, and
 * takes the asset's version (412 when stale).
 */
@Service
public class Assets {

    /** Part of an asset's value: a source's money, of a project when a project formed it. */
    @Schema(name = "AssetSource")
    public record Source(Long projectId, String projectNo, FundSource source, BigDecimal amount) {}

    /** What an asset is registered with. */
    @Schema(name = "NewAsset")
    public record NewAsset(
            String region,
            String name,
            AssetClass assetClass,
            String subtype,
            String place,
            String scale,
            BigDecimal value,
            LocalDate formedOn,
            List<Source> sources,
            TitleLevel titleLevel,
            String holder,
            Long holderHouseholdId,
            String operator,
            String operatingMode,
            String distributionPlan,
            String custodian,
            String custodianPerson,
            String custodyRule,
            String note) {}

    /** What may change of a registered asset: its title, operation, upkeep arrangements and description. */
    @Schema(name = "AssetChange")
    public record Change(
            String name,
            String subtype,
            String place,
            String scale,
            TitleLevel titleLevel,
            String holder,
            Long holderHouseholdId,
            String operator,
            String operatingMode,
            String distributionPlan,
            String custodian,
            String custodianPerson,
            String custodyRule,
            String note,
            String reason) {}

    /** An asset as the ledger keeps it. */
    @Schema(name = "Asset")
    public record Asset(
            long id,
            String assetNo,
            String region,
            String regionName,
            String county,
            String name,
            AssetClass assetClass,
            String subtype,
            AssetOrigin origin,
            String place,
            String scale,
            BigDecimal value,
            LocalDate formedOn,
            List<Source> sources,
            TitleLevel titleLevel,
            String holder,
            Long holderHouseholdId,
            String operator,
            String operatingMode,
            String distributionPlan,
            String custodian,
            String custodianPerson,
            String custodyRule,
            AssetStatus status,
            LocalDate statusOn,
            String statusNote,
            String note,
            BigDecimal income,
            int version) {}

    /** A 折股量化 share. */
    @Schema(name = "AssetShare")
    public record Share(ShareHolder holderKind, Long householdId, String holderName, BigDecimal percent) {}

    /** A new set of shares from a day, replacing the one before. */
    @Schema(name = "AssetShares")
    public record Shares(LocalDate from, List<Share> shares) {}

    /** A 管护 record. */
    @Schema(name = "AssetUpkeep")
    public record Upkeep(
            Long id,
            LocalDate doneOn,
            UpkeepKind kind,
            String doneBy,
            String finding,
            String action,
            BigDecimal cost) {}

    /** 在用 / 闲置 / 损毁 from a day, with the reason. */
    @Schema(name = "AssetStatusChange")
    public record StatusChange(AssetStatus status, LocalDate on, String reason) {}

    /** A step of an asset's timeline. */
    @Schema(name = "AssetStep")
    public record Step(
            AssetAction action,
            LocalDate on,
            String note,
            Map<String, Object> details,
            String actor,
            Role actorRole,
            Instant at) {}

    /** Count and original value. */
    @Schema(name = "AssetTotals")
    public record Totals(long count, BigDecimal value) {}

    /** A page of assets with the totals of the whole selection by class and by status. */
    @Schema(name = "AssetPage")
    public record AssetPage(
            List<Asset> items,
            long total,
            BigDecimal value,
            Map<AssetClass, Totals> byClass,
            Map<AssetStatus, Totals> byStatus) {}

    /** The earliest day an asset may be formed on: 扶贫项目资产 are those of the years of 精准扶贫 and after. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    /**
     * The stages of a project whose assets may be registered: closed (验收合格 and its results publicised without an
     * objection upheld), so that its final cost no longer changes.
     */
    static final Set<ProjectStage> ACCEPTED = Set.of(ProjectStage.CLOSED);

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final AssetRows rows;
    private final AssetChecks checks;
    private final Funds funds;
    private final Messages messages;

    Assets(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            AssetRows rows,
            AssetChecks checks,
            Funds funds,
            Messages messages) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.rows = rows;
        this.checks = checks;
        this.funds = funds;
        this.messages = messages;
    }

    // ---- reads ----

    /** Assets of a region in the caller's reach (none: all of it), of a class and status if given, newest first. */
    @Transactional(readOnly = true)
    public AssetPage list(String region, AssetClass assetClass, AssetStatus status, int offset, int limit) {
        Map<String, Object> p = new HashMap<>();
        String where = scope(region, p);
        if (assetClass != null) {
            where += " and a.class = :class";
            p.put("class", assetClass.name());
        }
        if (status != null) {
            where += " and a.status = :status";
            p.put("status", status.name());
        }
        Map<AssetClass, Totals> byClass = new EnumMap<>(AssetClass.class);
        Map<AssetStatus, Totals> byStatus = new EnumMap<>(AssetStatus.class);
        jdbc.sql("select a.class, a.status, count(*), sum(a.value) from asset a where " + where + " group by 1, 2")
                .params(p)
                .query((ResultSet rs) -> {
                    Totals t = new Totals(rs.getLong(3), rs.getBigDecimal(4));
                    byClass.merge(AssetClass.valueOf(rs.getString(1)), t, Assets::plus);
                    byStatus.merge(AssetStatus.valueOf(rs.getString(2)), t, Assets::plus);
                });
        Totals all = byClass.values().stream().reduce(new Totals(0, BigDecimal.ZERO), Assets::plus);
        p.put("offset", Math.max(0, offset));
        p.put("limit", Math.max(1, Math.min(limit, 500)));
        List<Asset> items = jdbc.sql(
                        AssetRows.SELECT + " where " + where + " order by a.id desc offset :offset limit :limit")
                .params(p)
                .query(rows::row)
                .list();
        return new AssetPage(rows.complete(items), all.count(), all.value(), byClass, byStatus);
    }

    /** The condition on {@code asset a} for the caller's reach narrowed to a region (404 outside it). */
    String scope(String region, Map<String, Object> p) {
        String where = dataScope.current().condition("a.region_code", p);
        if (region != null && !region.isBlank()) {
            Region r = regions.find(region).orElse(null);
            RegionCode.CodeRange range =
                    r == null ? null : dataScope.current().within(r).orElse(null);
            if (range == null) {
                throw ApiException.notFound("project.region", region);
            }
            where += " and a.region_code between :low and :high";
            p.put("low", range.low());
            p.put("high", range.high());
        }
        return where;
    }

    private static Totals plus(Totals a, Totals b) {
        return new Totals(a.count() + b.count(), a.value().add(b.value()));
    }

    /** One asset of the caller's reach (404 otherwise). */
    @Transactional(readOnly = true)
    public Asset get(long id) {
        return rows.get(id);
    }

    /** The 总账's totals beside the detail ledger's, each summed on its own. */
    @Schema(name = "AssetLedgerCheck")
    public record LedgerCheck(long totalCount, BigDecimal totalValue, long detailCount, BigDecimal detailValue) {

        public boolean agrees() {
            return totalCount == detailCount && totalValue.compareTo(detailValue) == 0;
        }
    }

    /**
     * 总账 = Σ 明细账 over the caller's reach: the general ledger's totals (summed per township and class from the
     * assets) beside the detail ledger's (summed over its rows); empty for a village, whose reach holds no township's
     * general ledger.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<LedgerCheck> ledgerCheck() {
        DataScope.Scope scope = dataScope.current();
        if (scope.home().map(r -> r.level() == RegionLevel.VILLAGE).orElse(false)) {
            return java.util.Optional.empty();
        }
        Map<String, Object> p = new HashMap<>();
        p.put("today", rows.today());
        String where = scope.condition("t.village_code", p);
        Map<String, Object> total = jdbc.sql("select coalesce(sum(t.assets), 0) as n, coalesce(sum(t.value), 0) as v"
                        + " from (" + ProjectLedgers.ASSET_TOTALS + ") t where " + where)
                .params(p)
                .query()
                .singleRow();
        Map<String, Object> detail = jdbc.sql("select count(*) as n, coalesce(sum(t.value), 0) as v from ("
                        + ProjectLedgers.ASSETS + ") t where " + where)
                .params(p)
                .query()
                .singleRow();
        return java.util.Optional.of(new LedgerCheck(
                ((Number) total.get("n")).longValue(),
                (BigDecimal) total.get("v"),
                ((Number) detail.get("n")).longValue(),
                (BigDecimal) detail.get("v")));
    }

    /** An asset formed by a project and how much of the project's money it took. */
    @Schema(name = "ProjectAsset")
    public record Formed(long id, String assetNo, String name, AssetClass assetClass, BigDecimal amount) {}

    /** The assets of the caller's reach a project formed, in the order they were registered. */
    @Transactional(readOnly = true)
    public List<Formed> ofProject(long projectId) {
        Map<String, Object> p = new HashMap<>();
        p.put("project", projectId);
        return jdbc.sql("select a.id, a.asset_no, a.name, a.class, sum(s.amount) as amount from asset a"
                        + " join asset_source s on s.asset_id = a.id where s.project_id = :project and "
                        + dataScope.current().condition("a.region_code", p)
                        + " group by a.id order by a.id")
                .params(p)
                .query((rs, n) -> new Formed(
                        rs.getLong("id"),
                        rs.getString("asset_no"),
                        rs.getString("name"),
                        AssetClass.valueOf(rs.getString("class")),
                        rs.getBigDecimal("amount")))
                .list();
    }

    // ---- registration and changes ----

    /**
     * Registers an asset: from accepted projects (its sources name them) or from an inventory (no project named). 422
     * with every field's reason; 409 when a project has less of its final cost left than its sources claim.
     */
    @Transactional
    public Asset register(NewAsset a) {
        Actor me = rows.editor();
        List<FieldProblem> problems = new ArrayList<>();
        Region region = checks.region(a.region(), problems);
        funds.text(problems, "name", a.name(), 200);
        if (a.assetClass() == null) {
            problems.add(FieldProblem.of("assetClass", messages.get("project.required")));
        }
        funds.optionalText(problems, "subtype", a.subtype(), 100);
        funds.text(problems, "place", a.place(), 200);
        funds.optionalText(problems, "scale", a.scale(), 200);
        funds.money(problems, "value", a.value());
        LocalDate today = rows.today();
        if (a.formedOn() == null || a.formedOn().isAfter(today) || a.formedOn().isBefore(EARLIEST)) {
            problems.add(FieldProblem.of("formedOn", messages.get("asset.formed-between", EARLIEST)));
        }
        funds.optionalText(problems, "note", a.note(), 2000);
        AssetChecks.Title title = checks.title(
                a.assetClass(),
                region,
                new Change(
                        a.name(),
                        a.subtype(),
                        a.place(),
                        a.scale(),
                        a.titleLevel(),
                        a.holder(),
                        a.holderHouseholdId(),
                        a.operator(),
                        a.operatingMode(),
                        a.distributionPlan(),
                        a.custodian(),
                        a.custodianPerson(),
                        a.custodyRule(),
                        a.note(),
                        null),
                me,
                problems);
        List<Source> sources = a.sources() == null ? List.of() : a.sources();
        String county = region == null ? null : checks.county(region);
        Map<Long, AssetChecks.ProjectRef> projects = checks.sources(sources, county, a.formedOn(), problems);
        if (a.value() != null && problems.isEmpty()) {
            BigDecimal sum = sources.stream().map(Source::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(a.value()) > 0) {
                problems.add(FieldProblem.of("sources", messages.get("asset.sources-over-value", sum, a.value())));
            }
        }
        AssetRows.raise(problems);
        // the projects locked in id order: two assets of one project wait for each other
        for (AssetChecks.ProjectRef p : projects.values()) {
            BigDecimal claimed = sources.stream()
                    .filter(s -> Long.valueOf(p.id()).equals(s.projectId()))
                    .map(Source::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal used = jdbc.sql("select coalesce(sum(amount), 0) from asset_source where project_id = ?")
                    .param(p.id())
                    .query(BigDecimal.class)
                    .single();
            BigDecimal left = p.cost().subtract(used);
            if (claimed.compareTo(left) > 0) {
                throw ApiException.conflict("asset.project-short", p.projectNo(), Funds.yuan(left));
            }
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext('asset_no:' || ?))")
                .param(county)
                .query()
                .listOfRows();
        String prefix = county.substring(0, 6) + "-ZC-";
        long seq = jdbc.sql("select coalesce(max(substr(asset_no, ?)::int), 0) + 1 from asset where asset_no like ?")
                .params(prefix.length() + 1, prefix + "%")
                .query(Long.class)
                .single();
        String no = prefix + String.format("%05d", seq);
        long id = jdbc.sql("""
                        insert into asset (asset_no, region_code, county_code, name, class, subtype, origin, place, scale,
                            value, formed_on, title_level, holder, holder_household_id, operator, operating_mode,
                            distribution_plan, custodian, custodian_person, custody_rule, status, status_on, note,
                            recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IN_USE', ?, ?, ?)
                        returning id""")
                .params(
                        no,
                        region.code(),
                        county,
                        a.name().strip(),
                        a.assetClass().name(),
                        AssetRows.strip(a.subtype()),
                        (projects.isEmpty() ? AssetOrigin.INVENTORY : AssetOrigin.PROJECT).name(),
                        a.place().strip(),
                        AssetRows.strip(a.scale()),
                        a.value(),
                        a.formedOn(),
                        title.level().name(),
                        title.holder(),
                        title.household(),
                        title.operator(),
                        title.mode(),
                        title.plan(),
                        title.custodian(),
                        title.person(),
                        title.rule(),
                        a.formedOn(),
                        AssetRows.strip(a.note()),
                        me.username())
                .query(Long.class)
                .single();
        for (Source s : sources) {
            jdbc.sql("insert into asset_source (asset_id, project_id, source, amount) values (?, ?, ?, ?)")
                    .params(id, s.projectId(), s.source().name(), s.amount())
                    .update();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("assetNo", no);
        d.put("assetClass", a.assetClass().name());
        d.put("value", a.value().toPlainString());
        d.put("titleLevel", title.level().name());
        if (!projects.isEmpty()) {
            d.put(
                    "projects",
                    projects.values().stream()
                            .map(AssetChecks.ProjectRef::projectNo)
                            .toList());
        }
        rows.step(id, region.code(), AssetAction.REGISTERED, a.formedOn(), null, Map.of(), d, me);
        return get(id);
    }

    /** Changes the title, operation, upkeep arrangements or description, with the reason (the class stays). */
    @Transactional
    public Asset amend(long id, int version, Change c) {
        Actor me = rows.editor();
        Asset a = rows.editable(id, version, me);
        List<FieldProblem> problems = new ArrayList<>();
        funds.text(problems, "name", c.name(), 200);
        funds.optionalText(problems, "subtype", c.subtype(), 100);
        funds.text(problems, "place", c.place(), 200);
        funds.optionalText(problems, "scale", c.scale(), 200);
        funds.optionalText(problems, "note", c.note(), 2000);
        funds.text(problems, "reason", c.reason(), 500);
        Region region = regions.find(a.region()).orElseThrow();
        AssetChecks.Title t = checks.title(a.assetClass(), region, c, me, problems);
        AssetRows.raise(problems);
        Map<String, Object> before = summary(a);
        jdbc.sql("""
                        update asset set name = ?, subtype = ?, place = ?, scale = ?, title_level = ?, holder = ?,
                            holder_household_id = ?, operator = ?, operating_mode = ?, distribution_plan = ?,
                            custodian = ?, custodian_person = ?, custody_rule = ?, note = ?, version = version + 1
                        where id = ?""")
                .params(
                        c.name().strip(),
                        AssetRows.strip(c.subtype()),
                        c.place().strip(),
                        AssetRows.strip(c.scale()),
                        t.level().name(),
                        t.holder(),
                        t.household(),
                        t.operator(),
                        t.mode(),
                        t.plan(),
                        t.custodian(),
                        t.person(),
                        t.rule(),
                        AssetRows.strip(c.note()),
                        id)
                .update();
        Asset after = get(id);
        rows.step(id, a.region(), AssetAction.AMENDED, rows.today(), c.reason(), before, summary(after), me);
        return after;
    }

    private static Map<String, Object> summary(Asset a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("place", a.place());
        m.put("titleLevel", a.titleLevel().name());
        m.put("holder", a.holder());
        m.put("operator", a.operator());
        m.put("custodian", a.custodian());
        m.put("custodianPerson", a.custodianPerson());
        return m;
    }
}
