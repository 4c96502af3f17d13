package org.fangpin.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.registry.Registry;
import org.fangpin.security.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 折股量化, 管护 records and an asset's status (在用, 闲置, 损毁): the care of a registered asset. */
@Service
public class AssetCare {

    private final JdbcClient jdbc;
    private final AssetRows rows;
    private final Registry registry;
    private final Funds funds;
    private final Messages messages;

    AssetCare(JdbcClient jdbc, AssetRows rows, Registry registry, Funds funds, Messages messages) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.registry = registry;
        this.funds = funds;
        this.messages = messages;
    }

    /**
     * 折股量化 of an operating asset from a day (not before the last set's): households of the registry in scope and
     * the village collective, each above 0 and Σ at most 100 %; the set before ends that day.
     */
    @Transactional
    public Assets.Asset share(long id, int version, Assets.Shares s) {
        Actor me = rows.editor();
        Assets.Asset a = rows.editable(id, version, me);
        if (a.assetClass() != AssetClass.OPERATING) {
            throw ApiException.conflict("asset.shares-operating", a.assetClass().label(AssetRows.locale()));
        }
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate from = s.from() == null ? rows.today() : s.from();
        LocalDate last = jdbc.sql("select max(valid_from) from asset_share where asset_id = ?")
                .param(id)
                .query(LocalDate.class)
                .optional()
                .orElse(a.formedOn());
        if (from.isAfter(rows.today()) || from.isBefore(last)) {
            problems.add(FieldProblem.of("from", messages.get("asset.day-between", last)));
        }
        List<Assets.Share> shares = s.shares() == null ? List.of() : s.shares();
        BigDecimal sum = BigDecimal.ZERO;
        Set<Long> households = new HashSet<>();
        for (Assets.Share sh : shares) {
            if (sh != null && sh.householdId() != null) {
                households.add(sh.householdId());
            }
        }
        Map<Long, Registry.Standing> found = registry.standings(households);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < shares.size(); i++) {
            Assets.Share sh = shares.get(i);
            String f = "shares[" + i + "]";
            if (sh == null) {
                problems.add(FieldProblem.of(f, messages.get("project.required")));
                continue;
            }
            if (sh.holderKind() == null) {
                problems.add(FieldProblem.of(f + ".holderKind", messages.get("project.required")));
            } else if (sh.holderKind() == ShareHolder.HOUSEHOLD) {
                Registry.Standing st = sh.householdId() == null ? null : found.get(sh.householdId());
                if (st == null || !rows.within(a, st.villageCode())) {
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
        AssetRows.raise(problems);
        jdbc.sql("update asset_share set valid_to = ? where asset_id = ? and valid_to is null")
                .params(from, id)
                .update();
        for (Assets.Share sh : shares) {
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
        rows.bump(id);
        rows.step(
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
        return rows.get(id);
    }

    /** A 管护 record: an inspection, upkeep or repair, on a day between the asset's forming and today. */
    @Transactional
    public Assets.Asset upkeep(long id, int version, Assets.Upkeep u) {
        Actor me = rows.editor();
        Assets.Asset a = rows.editable(id, version, me);
        List<FieldProblem> problems = new ArrayList<>();
        if (u.doneOn() == null || u.doneOn().isAfter(rows.today()) || u.doneOn().isBefore(a.formedOn())) {
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
        AssetRows.raise(problems);
        jdbc.sql("""
                        insert into asset_upkeep (asset_id, done_on, kind, done_by, finding, action, cost, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        u.doneOn(),
                        u.kind().name(),
                        u.doneBy().strip(),
                        u.finding().strip(),
                        AssetRows.strip(u.action()),
                        u.cost(),
                        me.username())
                .update();
        rows.bump(id);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", u.kind().name());
        d.put("doneBy", u.doneBy().strip());
        if (u.cost() != null) {
            d.put("cost", u.cost().toPlainString());
        }
        rows.step(id, a.region(), AssetAction.UPKEEP, u.doneOn(), u.finding(), Map.of(), d, me);
        return rows.get(id);
    }

    /** 在用, 闲置 or 损毁 from a day (not before the last change), with the reason; 已处置 only by a disposal. */
    @Transactional
    public Assets.Asset status(long id, int version, Assets.StatusChange s) {
        Actor me = rows.editor();
        Assets.Asset a = rows.editable(id, version, me);
        List<FieldProblem> problems = new ArrayList<>();
        if (s.status() == null || s.status() == AssetStatus.DISPOSED) {
            problems.add(FieldProblem.of("status", messages.get("asset.status")));
        } else if (s.status() == a.status()) {
            problems.add(FieldProblem.of("status", messages.get("asset.status-same")));
        }
        LocalDate on = s.on() == null ? rows.today() : s.on();
        if (on.isAfter(rows.today()) || on.isBefore(a.statusOn())) {
            problems.add(FieldProblem.of("on", messages.get("asset.day-between", a.statusOn())));
        }
        funds.text(problems, "reason", s.reason(), 500);
        AssetRows.raise(problems);
        jdbc.sql("update asset set status = ?, status_on = ?, status_note = ?, version = version + 1 where id = ?")
                .params(s.status().name(), on, s.reason().strip(), id)
                .update();
        rows.step(
                id,
                a.region(),
                AssetAction.STATUS,
                on,
                s.reason(),
                Map.of("status", a.status().name()),
                Map.of("status", s.status().name()),
                me);
        return rows.get(id);
    }
}
