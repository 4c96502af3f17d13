package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.Registry;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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
    private final Registry registry;
    private final Funds funds;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    Assets(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Registry registry,
            Funds funds,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.registry = registry;
        this.funds = funds;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
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
        List<Asset> items = jdbc.sql(SELECT + " where " + where + " order by a.id desc offset :offset limit :limit")
                .params(p)
                .query(this::row)
                .list();
        return new AssetPage(complete(items), all.count(), all.value(), byClass, byStatus);
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
        return complete(List.of(find(id, false))).get(0);
    }

    /** An asset's 管护 records, newest first. */
    List<Upkeep> upkeep(long id) {
        return jdbc.sql("select * from asset_upkeep where asset_id = ? order by done_on desc, id desc")
                .param(id)
                .query((rs, n) -> new Upkeep(
                        rs.getLong("id"),
                        rs.getObject("done_on", LocalDate.class),
                        UpkeepKind.valueOf(rs.getString("kind")),
                        rs.getString("done_by"),
                        rs.getString("finding"),
                        rs.getString("action"),
                        rs.getBigDecimal("cost")))
                .list();
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
        p.put("today", today());
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

    /** The shares held now. */
    List<Share> shares(long id) {
        return jdbc.sql("select * from asset_share where asset_id = ? and valid_to is null order by percent desc, id")
                .param(id)
                .query((rs, n) -> new Share(
                        ShareHolder.valueOf(rs.getString("holder_kind")),
                        rs.getObject("household_id", Long.class),
                        rs.getString("holder_name"),
                        rs.getBigDecimal("percent").stripTrailingZeros()))
                .list();
    }

    // ---- registration and changes ----

    /**
     * Registers an asset: from accepted projects (its sources name them) or from an inventory (no project named). 422
     * with every field's reason; 409 when a project has less of its final cost left than its sources claim.
     */
    @Transactional
    public Asset register(NewAsset a) {
        Actor me = editor();
        List<FieldProblem> problems = new ArrayList<>();
        Region region = region(a.region(), problems);
        funds.text(problems, "name", a.name(), 200);
        if (a.assetClass() == null) {
            problems.add(FieldProblem.of("assetClass", messages.get("project.required")));
        }
        funds.optionalText(problems, "subtype", a.subtype(), 100);
        funds.text(problems, "place", a.place(), 200);
        funds.optionalText(problems, "scale", a.scale(), 200);
        funds.money(problems, "value", a.value());
        LocalDate today = today();
        if (a.formedOn() == null || a.formedOn().isAfter(today) || a.formedOn().isBefore(EARLIEST)) {
            problems.add(FieldProblem.of("formedOn", messages.get("asset.formed-between", EARLIEST)));
        }
        funds.optionalText(problems, "note", a.note(), 2000);
        Title title = title(
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
        String county = region == null ? null : county(region);
        Map<Long, ProjectRef> projects = sources(sources, county, a.formedOn(), problems);
        if (a.value() != null && problems.isEmpty()) {
            BigDecimal sum = sources.stream().map(Source::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(a.value()) > 0) {
                problems.add(FieldProblem.of("sources", messages.get("asset.sources-over-value", sum, a.value())));
            }
        }
        raise(problems);
        // the projects locked in id order: two assets of one project wait for each other
        for (ProjectRef p : projects.values()) {
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
                        strip(a.subtype()),
                        (projects.isEmpty() ? AssetOrigin.INVENTORY : AssetOrigin.PROJECT).name(),
                        a.place().strip(),
                        strip(a.scale()),
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
                        strip(a.note()),
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
                    projects.values().stream().map(ProjectRef::projectNo).toList());
        }
        step(id, region.code(), AssetAction.REGISTERED, a.formedOn(), null, Map.of(), d, me);
        return get(id);
    }

    /** Changes the title, operation, upkeep arrangements or description, with the reason (the class stays). */
    @Transactional
    public Asset amend(long id, int version, Change c) {
        Actor me = editor();
        Asset a = editable(id, version, me);
        List<FieldProblem> problems = new ArrayList<>();
        funds.text(problems, "name", c.name(), 200);
        funds.optionalText(problems, "subtype", c.subtype(), 100);
        funds.text(problems, "place", c.place(), 200);
        funds.optionalText(problems, "scale", c.scale(), 200);
        funds.optionalText(problems, "note", c.note(), 2000);
        funds.text(problems, "reason", c.reason(), 500);
        Region region = regions.find(a.region()).orElseThrow();
        Title t = title(a.assetClass(), region, c, me, problems);
        raise(problems);
        Map<String, Object> before = summary(a);
        jdbc.sql("""
                        update asset set name = ?, subtype = ?, place = ?, scale = ?, title_level = ?, holder = ?,
                            holder_household_id = ?, operator = ?, operating_mode = ?, distribution_plan = ?,
                            custodian = ?, custodian_person = ?, custody_rule = ?, note = ?, version = version + 1
                        where id = ?""")
                .params(
                        c.name().strip(),
                        strip(c.subtype()),
                        c.place().strip(),
                        strip(c.scale()),
                        t.level().name(),
                        t.holder(),
                        t.household(),
                        t.operator(),
                        t.mode(),
                        t.plan(),
                        t.custodian(),
                        t.person(),
                        t.rule(),
                        strip(c.note()),
                        id)
                .update();
        Asset after = get(id);
        step(id, a.region(), AssetAction.AMENDED, today(), c.reason(), before, summary(after), me);
        return after;
    }

    /**
     * 折股量化 of an operating asset from a day (not before the last set's): households of the registry in scope and
     * the village collective, each above 0 and Σ at most 100 %; the set before ends that day.
     */
    @Transactional
    public Asset share(long id, int version, Shares s) {
        Actor me = editor();
        Asset a = editable(id, version, me);
        if (a.assetClass() != AssetClass.OPERATING) {
            throw ApiException.conflict("asset.shares-operating", a.assetClass().label(locale()));
        }
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate from = s.from() == null ? today() : s.from();
        LocalDate last = jdbc.sql("select max(valid_from) from asset_share where asset_id = ?")
                .param(id)
                .query(LocalDate.class)
                .optional()
                .orElse(a.formedOn());
        if (from.isAfter(today()) || from.isBefore(last)) {
            problems.add(FieldProblem.of("from", messages.get("asset.day-between", last)));
        }
        List<Share> shares = s.shares() == null ? List.of() : s.shares();
        BigDecimal sum = BigDecimal.ZERO;
        Set<Long> households = new HashSet<>();
        for (Share sh : shares) {
            if (sh != null && sh.householdId() != null) {
                households.add(sh.householdId());
            }
        }
        Map<Long, Registry.Standing> found = registry.standings(households);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < shares.size(); i++) {
            Share sh = shares.get(i);
            String f = "shares[" + i + "]";
            if (sh == null) {
                problems.add(FieldProblem.of(f, messages.get("project.required")));
                continue;
            }
            if (sh.holderKind() == null) {
                problems.add(FieldProblem.of(f + ".holderKind", messages.get("project.required")));
            } else if (sh.holderKind() == ShareHolder.HOUSEHOLD) {
                Registry.Standing st = sh.householdId() == null ? null : found.get(sh.householdId());
                if (st == null || !within(a, st.villageCode())) {
                    problems.add(FieldProblem.of(f + ".householdId", messages.get("asset.household")));
                } else if (!seen.add(sh.householdId())) {
                    problems.add(FieldProblem.of(f + ".householdId", messages.get("asset.household-twice")));
                }
            } else if (sh.householdId() != null) {
                problems.add(FieldProblem.of(f + ".householdId", messages.get("asset.household-only")));
            }
            funds.text(problems, f + ".holderName", sh.holderName(), 100);
            if (sh.percent() == null
                    || sh.percent().signum() <= 0
                    || sh.percent().compareTo(BigDecimal.valueOf(100)) > 0
                    || sh.percent().stripTrailingZeros().scale() > 4) {
                problems.add(FieldProblem.of(f + ".percent", messages.get("asset.percent")));
            } else {
                sum = sum.add(sh.percent());
            }
        }
        if (sum.compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add(FieldProblem.of("shares", messages.get("asset.shares-over", sum.stripTrailingZeros())));
        }
        raise(problems);
        jdbc.sql("update asset_share set valid_to = ? where asset_id = ? and valid_to is null")
                .params(from, id)
                .update();
        for (Share sh : shares) {
            jdbc.sql("""
                            insert into asset_share (asset_id, holder_kind, household_id, holder_name, percent,
                                valid_from) values (?, ?, ?, ?, ?, ?)""")
                    .params(
                            id,
                            sh.holderKind().name(),
                            sh.householdId(),
                            sh.holderName().strip(),
                            sh.percent(),
                            from)
                    .update();
        }
        bump(id);
        step(
                id,
                a.region(),
                AssetAction.SHARES_SET,
                from,
                null,
                Map.of(),
                Map.of(
                        "holders",
                        shares.size(),
                        "percent",
                        sum.stripTrailingZeros().toPlainString()),
                me);
        return get(id);
    }

    /** A 管护 record: an inspection, upkeep or repair, on a day between the asset's forming and today. */
    @Transactional
    public Asset upkeep(long id, int version, Upkeep u) {
        Actor me = editor();
        Asset a = editable(id, version, me);
        List<FieldProblem> problems = new ArrayList<>();
        if (u.doneOn() == null || u.doneOn().isAfter(today()) || u.doneOn().isBefore(a.formedOn())) {
            problems.add(FieldProblem.of("doneOn", messages.get("asset.day-between", a.formedOn())));
        }
        if (u.kind() == null) {
            problems.add(FieldProblem.of("kind", messages.get("project.required")));
        }
        funds.text(problems, "doneBy", u.doneBy(), 100);
        funds.text(problems, "finding", u.finding(), 2000);
        funds.optionalText(problems, "action", u.action(), 2000);
        if (u.cost() != null && u.cost().signum() != 0) {
            funds.money(problems, "cost", u.cost());
        }
        raise(problems);
        jdbc.sql("""
                        insert into asset_upkeep (asset_id, done_on, kind, done_by, finding, action, cost, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        u.doneOn(),
                        u.kind().name(),
                        u.doneBy().strip(),
                        u.finding().strip(),
                        strip(u.action()),
                        u.cost(),
                        me.username())
                .update();
        bump(id);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", u.kind().name());
        d.put("doneBy", u.doneBy().strip());
        if (u.cost() != null) {
            d.put("cost", u.cost().toPlainString());
        }
        step(id, a.region(), AssetAction.UPKEEP, u.doneOn(), u.finding(), Map.of(), d, me);
        return get(id);
    }

    /** 在用, 闲置 or 损毁 from a day (not before the last change), with the reason; 已处置 only by a disposal. */
    @Transactional
    public Asset status(long id, int version, StatusChange s) {
        Actor me = editor();
        Asset a = editable(id, version, me);
        List<FieldProblem> problems = new ArrayList<>();
        if (s.status() == null || s.status() == AssetStatus.DISPOSED) {
            problems.add(FieldProblem.of("status", messages.get("asset.status")));
        } else if (s.status() == a.status()) {
            problems.add(FieldProblem.of("status", messages.get("asset.status-same")));
        }
        LocalDate on = s.on() == null ? today() : s.on();
        if (on.isAfter(today()) || on.isBefore(a.statusOn())) {
            problems.add(FieldProblem.of("on", messages.get("asset.day-between", a.statusOn())));
        }
        funds.text(problems, "reason", s.reason(), 500);
        raise(problems);
        jdbc.sql("update asset set status = ?, status_on = ?, status_note = ?, version = version + 1 where id = ?")
                .params(s.status().name(), on, s.reason().strip(), id)
                .update();
        step(
                id,
                a.region(),
                AssetAction.STATUS,
                on,
                s.reason(),
                Map.of("status", a.status().name()),
                Map.of("status", s.status().name()),
                me);
        return get(id);
    }

    // ---- shared with income and disposal ----

    /** The asset of the caller's reach at a version (412 otherwise), locked, not disposed of (409). */
    Asset editable(long id, int version, Actor me) {
        Asset a = complete(List.of(find(id, true))).get(0);
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
    boolean within(Asset a, String villageCode) {
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

    List<Step> steps(long id) {
        return jdbc.sql("select * from asset_step where asset_id = ? order by id")
                .param(id)
                .query((rs, n) -> new Step(
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

    // ---- checks ----

    /** The asset's place: a region of the caller's reach at county level or below, current. */
    private Region region(String code, List<FieldProblem> problems) {
        Region r = code == null ? null : regions.find(code).orElse(null);
        if (r == null
                || r.validTo() != null
                || (r.level() != RegionLevel.COUNTY
                        && r.level() != RegionLevel.TOWNSHIP
                        && r.level() != RegionLevel.VILLAGE)
                || !dataScope.current().covers(r.code())) {
            problems.add(FieldProblem.of("region", messages.get("asset.region")));
            return null;
        }
        return r;
    }

    private String county(Region region) {
        if (region.level() == RegionLevel.COUNTY) {
            return region.code();
        }
        return regions.ancestors(region.code()).stream()
                .filter(r -> r.level() == RegionLevel.COUNTY)
                .map(Region::code)
                .findFirst()
                .orElseThrow(() -> ApiException.invalid("region", messages.get("asset.region")));
    }

    /** The title and the arrangements its class needs, checked. */
    private record Title(
            TitleLevel level,
            String holder,
            Long household,
            String operator,
            String mode,
            String plan,
            String custodian,
            String person,
            String rule) {}

    private Title title(AssetClass cls, Region region, Change c, Actor me, List<FieldProblem> problems) {
        TitleLevel level = c.titleLevel();
        if (level == null) {
            problems.add(FieldProblem.of("titleLevel", messages.get("project.required")));
        } else if (cls == AssetClass.HOUSEHOLD && level != TitleLevel.HOUSEHOLD
                || cls != null && cls != AssetClass.HOUSEHOLD && level == TitleLevel.HOUSEHOLD) {
            problems.add(FieldProblem.of("titleLevel", messages.get("asset.household-class")));
        } else if (region != null && !fits(level, region.level())) {
            problems.add(FieldProblem.of("titleLevel", messages.get("asset.title-region")));
        } else if (!mayEdit(me, level)) {
            problems.add(FieldProblem.of("titleLevel", messages.get("asset.level", level.label(locale()))));
        }
        funds.text(problems, "holder", c.holder(), 200);
        Long household = null;
        if (level == TitleLevel.HOUSEHOLD) {
            Registry.Standing st = c.holderHouseholdId() == null
                    ? null
                    : registry.standings(List.of(c.holderHouseholdId())).get(c.holderHouseholdId());
            if (st == null || region == null || !st.villageCode().equals(region.code())) {
                problems.add(FieldProblem.of("holderHouseholdId", messages.get("asset.holder-household")));
            } else {
                household = st.id();
            }
        }
        boolean operating = cls == AssetClass.OPERATING;
        boolean welfare = cls == AssetClass.PUBLIC_WELFARE;
        if (operating) {
            funds.text(problems, "operator", c.operator(), 200);
            funds.text(problems, "distributionPlan", c.distributionPlan(), 2000);
        } else {
            funds.optionalText(problems, "operator", c.operator(), 200);
            funds.optionalText(problems, "distributionPlan", c.distributionPlan(), 2000);
        }
        funds.optionalText(problems, "operatingMode", c.operatingMode(), 200);
        if (welfare) {
            funds.text(problems, "custodian", c.custodian(), 200);
            funds.text(problems, "custodianPerson", c.custodianPerson(), 100);
        } else {
            funds.optionalText(problems, "custodian", c.custodian(), 200);
            funds.optionalText(problems, "custodianPerson", c.custodianPerson(), 100);
        }
        funds.optionalText(problems, "custodyRule", c.custodyRule(), 2000);
        return new Title(
                level,
                strip(c.holder()),
                household,
                strip(c.operator()),
                strip(c.operatingMode()),
                strip(c.distributionPlan()),
                strip(c.custodian()),
                strip(c.custodianPerson()),
                strip(c.custodyRule()));
    }

    /** Whether an asset placed at a region's level may be titled at a level (a village's assets at the village). */
    private static boolean fits(TitleLevel title, RegionLevel place) {
        return switch (title) {
            case VILLAGE, HOUSEHOLD -> place == RegionLevel.VILLAGE;
            case TOWNSHIP -> place == RegionLevel.VILLAGE || place == RegionLevel.TOWNSHIP;
            case COUNTY, OPERATOR -> true;
        };
    }

    /** A project named by a source: accepted, of the asset's county, in the caller's reach. */
    private record ProjectRef(long id, String projectNo, BigDecimal cost) {}

    private Map<Long, ProjectRef> sources(
            List<Source> sources, String county, LocalDate formedOn, List<FieldProblem> problems) {
        Set<String> pairs = new HashSet<>();
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            String f = "sources[" + i + "]";
            if (s == null) {
                problems.add(FieldProblem.of(f, messages.get("project.required")));
                continue;
            }
            if (s.source() == null) {
                problems.add(FieldProblem.of(f + ".source", messages.get("project.required")));
            }
            funds.money(problems, f + ".amount", s.amount());
            if (!pairs.add(s.projectId() + ":" + s.source())) {
                problems.add(FieldProblem.of(f + ".source", messages.get("project.budget-source")));
            }
            if (s.projectId() != null) {
                ids.add(s.projectId());
            }
        }
        // the projects of the caller's reach locked in the order of their ids: two registrations naming the same
        // projects wait for each other instead of deadlocking
        Map<Long, Map<String, Object>> rows = new HashMap<>();
        if (!ids.isEmpty()) {
            Map<String, Object> p = new HashMap<>();
            p.put("ids", ids.toArray(Long[]::new));
            String where = dataScope.current().condition("p.region_code", p);
            jdbc.sql("select p.id, p.project_no, p.stage, p.county_code, p.final_cost, p.accepted_on from project p"
                            + " where p.id = any(:ids) and " + where + " order by p.id for update of p")
                    .params(p)
                    .query()
                    .listOfRows()
                    .forEach(r -> rows.put(((Number) r.get("id")).longValue(), r));
        }
        Map<Long, ProjectRef> projects = new java.util.TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            if (s == null || s.projectId() == null || projects.containsKey(s.projectId())) {
                continue;
            }
            Map<String, Object> row = rows.get(s.projectId());
            if (row == null
                    || !ACCEPTED.contains(ProjectStage.valueOf((String) row.get("stage")))
                    || !row.get("county_code").equals(county)) {
                problems.add(FieldProblem.of("sources[" + i + "].projectId", messages.get("asset.project")));
                continue;
            }
            LocalDate accepted = ((java.sql.Date) row.get("accepted_on")).toLocalDate();
            if (formedOn != null && formedOn.isBefore(accepted)) {
                problems.add(FieldProblem.of("formedOn", messages.get("asset.formed-on", accepted)));
            }
            projects.put(s.projectId(), new ProjectRef(s.projectId(), (String) row.get("project_no"), (BigDecimal)
                    row.get("final_cost")));
        }
        return projects;
    }

    // ---- rows ----

    static final String SELECT = "select a.*, (select coalesce(sum(i.amount), 0) from asset_income i"
            + " where i.asset_id = a.id) as income from asset a";

    private Asset find(long id, boolean lock) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return jdbc.sql(SELECT + " where a.id = :id and " + dataScope.current().condition("a.region_code", params)
                        + (lock ? " for update of a" : ""))
                .params(params)
                .query(this::row)
                .optional()
                .orElseThrow(() -> ApiException.notFound("asset.not-found", id));
    }

    private Asset row(ResultSet rs, int n) throws SQLException {
        return new Asset(
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
    private List<Asset> complete(List<Asset> items) {
        if (items.isEmpty()) {
            return items;
        }
        Long[] ids = items.stream().map(Asset::id).toArray(Long[]::new);
        Map<Long, List<Source>> sources = new HashMap<>();
        jdbc.sql("select s.asset_id, s.project_id, p.project_no, s.source, s.amount from asset_source s"
                        + " left join project p on p.id = s.project_id where s.asset_id = any(?) order by s.id")
                .param(ids)
                .query((ResultSet rs) -> {
                    sources.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Source(
                                    rs.getObject(2, Long.class),
                                    rs.getString(3),
                                    FundSource.valueOf(rs.getString(4)),
                                    rs.getBigDecimal(5)));
                });
        Map<String, String> names = new HashMap<>();
        List<Asset> out = new ArrayList<>(items.size());
        for (Asset a : items) {
            String name = names.computeIfAbsent(
                    a.region(), c -> regions.find(c).map(Region::name).orElse(c));
            out.add(new Asset(
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
