package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 处置 of an asset, never at will (国办函〔2021〕51号): a request with its kind, valuation and reason (a village
 * collective's asset after its 村民代表会议) → the township's review (a request from the township or county skips it)
 * → the county's approval with its document → done on a day with the proceeds and their use (kept for 巩固拓展 by
 * default); the asset is then 已处置, kept in the ledger with its disposal. One disposal open per asset; every step is
 * on the asset's timeline.
 */
@Service
public class AssetDisposals {

    /** A disposal request. */
    @Schema(name = "DisposalRequest")
    public record Request(
            DisposalKind kind, BigDecimal valuation, String reason, LocalDate meetingOn, LocalDate requestedOn) {}

    /** The township's review or the county's decision. */
    @Schema(name = "DisposalDecision")
    public record Decision(Boolean approved, String approvalNo, LocalDate on, String note) {}

    /** The disposal carried out. */
    @Schema(name = "DisposalCompletion")
    public record Completion(LocalDate disposedOn, BigDecimal proceeds, String proceedsUse) {}

    /** A disposal as kept. */
    @Schema(name = "AssetDisposal")
    public record Disposal(
            long id,
            DisposalKind kind,
            DisposalStage stage,
            BigDecimal valuation,
            String reason,
            LocalDate meetingOn,
            LocalDate requestedOn,
            LocalDate reviewedOn,
            String reviewNote,
            String approvalNo,
            LocalDate approvedOn,
            String decisionNote,
            BigDecimal proceeds,
            LocalDate disposedOn,
            String proceedsUse,
            String requestedBy) {}

    private final JdbcClient jdbc;
    private final AssetRows assets;
    private final Funds funds;
    private final Messages messages;

    AssetDisposals(JdbcClient jdbc, AssetRows assets, Funds funds, Messages messages) {
        this.jdbc = jdbc;
        this.assets = assets;
        this.funds = funds;
        this.messages = messages;
    }

    /** An asset's disposals, newest first (the caller has reached the asset). */
    @Transactional(readOnly = true)
    public List<Disposal> of(long assetId) {
        return jdbc.sql("select * from asset_disposal where asset_id = ? order by id desc")
                .param(assetId)
                .query(this::disposal)
                .list();
    }

    /** Requests a disposal; a township's or county's own request goes straight to the county. */
    @Transactional
    public Assets.Asset request(long assetId, int version, Request r) {
        Actor me = assets.editor();
        Assets.Asset a = assets.editable(assetId, version, me);
        boolean open = jdbc.sql("select exists (select 1 from asset_disposal where asset_id = ?"
                        + " and stage in ('REQUESTED', 'TOWNSHIP_APPROVED', 'APPROVED'))")
                .param(assetId)
                .query(Boolean.class)
                .single();
        if (open) {
            throw ApiException.conflict("asset.disposal-open", a.assetNo());
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (r.kind() == null) {
            problems.add(FieldProblem.of("kind", messages.get("project.required")));
        }
        if (r.valuation() == null
                || r.valuation().signum() < 0
                || (r.valuation().signum() > 0 && !Funds.validMoney(r.valuation()))) {
            problems.add(FieldProblem.of("valuation", messages.get("asset.valuation")));
        }
        funds.text(problems, "reason", r.reason(), 2000);
        LocalDate today = assets.today();
        LocalDate on = r.requestedOn() == null ? today : r.requestedOn();
        if (on.isAfter(today) || on.isBefore(a.formedOn())) {
            problems.add(FieldProblem.of("requestedOn", messages.get("asset.day-between", a.formedOn())));
        }
        boolean collective = a.titleLevel() == TitleLevel.VILLAGE;
        if (collective && r.meetingOn() == null) {
            problems.add(FieldProblem.of("meetingOn", messages.get("asset.meeting-required")));
        } else if (r.meetingOn() != null
                && (r.meetingOn().isAfter(on) || r.meetingOn().isBefore(a.formedOn()))) {
            problems.add(FieldProblem.of("meetingOn", messages.get("asset.meeting-before", on)));
        }
        AssetRows.raise(problems);
        // a household's or an operator's own asset is theirs to manage (003:35): recorded, not approved
        boolean own = a.titleLevel() == TitleLevel.HOUSEHOLD || a.titleLevel() == TitleLevel.OPERATOR;
        DisposalStage stage = own
                ? DisposalStage.APPROVED
                : me.role() == Role.VILLAGE ? DisposalStage.REQUESTED : DisposalStage.TOWNSHIP_APPROVED;
        long id = jdbc.sql("""
                        insert into asset_disposal (asset_id, kind, stage, valuation, reason, meeting_on,
                            requested_on, approved_on, decision_note, requested_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        assetId,
                        r.kind().name(),
                        stage.name(),
                        r.valuation(),
                        r.reason().strip(),
                        r.meetingOn(),
                        on,
                        own ? on : null,
                        null,
                        me.username())
                .query(Long.class)
                .single();
        assets.bump(assetId);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("disposal", id);
        d.put("kind", r.kind().name());
        d.put("valuation", r.valuation().toPlainString());
        assets.step(assetId, a.region(), AssetAction.DISPOSAL_REQUESTED, on, r.reason(), Map.of(), d, me);
        return assets.get(assetId);
    }

    /** The township passes a village's request to the county or returns it with the reason. */
    @Transactional
    public Assets.Asset review(long assetId, int version, long disposalId, Decision d) {
        Actor me = role(Role.TOWNSHIP);
        Assets.Asset a = assets.editable(assetId, version, me);
        Disposal x = at(assetId, disposalId, DisposalStage.REQUESTED);
        LocalDate on = day(d, x.requestedOn(), problems -> {
            if (d.approved() == null) {
                problems.add(FieldProblem.of("approved", messages.get("project.required")));
            }
            funds.optionalText(problems, "note", d.note(), 2000);
            if (Boolean.FALSE.equals(d.approved())) {
                funds.text(problems, "note", d.note(), 2000);
            }
        });
        DisposalStage to = d.approved() ? DisposalStage.TOWNSHIP_APPROVED : DisposalStage.RETURNED;
        jdbc.sql("update asset_disposal set stage = ?, reviewed_on = ?, review_note = ? where id = ?")
                .params(to.name(), on, AssetRows.strip(d.note()), disposalId)
                .update();
        assets.bump(assetId);
        assets.step(
                assetId,
                a.region(),
                d.approved() ? AssetAction.DISPOSAL_REVIEWED : AssetAction.DISPOSAL_RETURNED,
                on,
                d.note(),
                Map.of(),
                Map.of("disposal", disposalId),
                me);
        return assets.get(assetId);
    }

    /** The county approves a disposal with its document, or refuses it with the reason. */
    @Transactional
    public Assets.Asset decide(long assetId, int version, long disposalId, Decision d) {
        Actor me = role(Role.COUNTY);
        Assets.Asset a = assets.editable(assetId, version, me);
        Disposal x = at(assetId, disposalId, DisposalStage.TOWNSHIP_APPROVED);
        LocalDate after = x.reviewedOn() == null ? x.requestedOn() : x.reviewedOn();
        LocalDate on = day(d, after, problems -> {
            if (d.approved() == null) {
                problems.add(FieldProblem.of("approved", messages.get("project.required")));
            }
            if (Boolean.TRUE.equals(d.approved())) {
                funds.text(problems, "approvalNo", d.approvalNo(), 100);
                funds.optionalText(problems, "note", d.note(), 2000);
            } else {
                funds.text(problems, "note", d.note(), 2000);
            }
        });
        DisposalStage to = d.approved() ? DisposalStage.APPROVED : DisposalStage.REFUSED;
        jdbc.sql("update asset_disposal set stage = ?, approval_no = ?, approved_on = ?, decision_note = ?"
                        + " where id = ?")
                .params(to.name(), AssetRows.strip(d.approvalNo()), on, AssetRows.strip(d.note()), disposalId)
                .update();
        assets.bump(assetId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("disposal", disposalId);
        if (d.approved()) {
            details.put("approvalNo", d.approvalNo().strip());
        }
        assets.step(
                assetId,
                a.region(),
                d.approved() ? AssetAction.DISPOSAL_APPROVED : AssetAction.DISPOSAL_REFUSED,
                on,
                d.note(),
                Map.of(),
                details,
                me);
        return assets.get(assetId);
    }

    /** Carries out an approved disposal: the proceeds and their use recorded, the asset 已处置. */
    @Transactional
    public Assets.Asset complete(long assetId, int version, long disposalId, Completion c) {
        Actor me = assets.editor();
        Assets.Asset a = assets.editable(assetId, version, me);
        Disposal x = at(assetId, disposalId, DisposalStage.APPROVED);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = c.disposedOn() == null ? assets.today() : c.disposedOn();
        LocalDate after = a.statusOn().isAfter(x.approvedOn()) ? a.statusOn() : x.approvedOn();
        if (on.isAfter(assets.today()) || on.isBefore(after)) {
            problems.add(FieldProblem.of("disposedOn", messages.get("asset.day-between", after)));
        }
        if (c.proceeds() == null
                || c.proceeds().signum() < 0
                || (c.proceeds().signum() > 0 && !Funds.validMoney(c.proceeds()))) {
            problems.add(FieldProblem.of("proceeds", messages.get("asset.valuation")));
        }
        // none given: kept for 巩固拓展 (the page and the ledger say so)
        String use = AssetRows.strip(c.proceedsUse());
        funds.optionalText(problems, "proceedsUse", c.proceedsUse(), 500);
        AssetRows.raise(problems);
        jdbc.sql("update asset_disposal set stage = 'DONE', disposed_on = ?, proceeds = ?, proceeds_use = ?"
                        + " where id = ?")
                .params(on, c.proceeds(), use, disposalId)
                .update();
        jdbc.sql("update asset set status = 'DISPOSED', status_on = ?, status_note = ?, version = version + 1"
                        + " where id = ?")
                .params(on, x.kind().label(AssetRows.locale()), assetId)
                .update();
        assets.step(
                assetId,
                a.region(),
                AssetAction.DISPOSED,
                on,
                use,
                Map.of("status", a.status().name()),
                Map.of(
                        "disposal", disposalId,
                        "status", AssetStatus.DISPOSED.name(),
                        "proceeds", c.proceeds().toPlainString()),
                me);
        return assets.get(assetId);
    }

    private interface Checks {
        void add(List<FieldProblem> problems);
    }

    /** The decision's day (none: today), not before a day nor after today, with the decision's own checks. */
    private LocalDate day(Decision d, LocalDate notBefore, Checks checks) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = d.on() == null ? assets.today() : d.on();
        if (on.isAfter(assets.today()) || on.isBefore(notBefore)) {
            problems.add(FieldProblem.of("on", messages.get("asset.day-between", notBefore)));
        }
        checks.add(problems);
        AssetRows.raise(problems);
        return on;
    }

    private Actor role(Role role) {
        Actor me = assets.editor();
        if (me.role() != role) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "project.role", List.of());
        }
        return me;
    }

    private Disposal at(long assetId, long disposalId, DisposalStage stage) {
        Disposal d = jdbc.sql("select * from asset_disposal where id = ? and asset_id = ? for update")
                .params(disposalId, assetId)
                .query(this::disposal)
                .optional()
                .orElseThrow(() -> ApiException.notFound("asset.disposal-not-found", disposalId));
        if (d.stage() != stage) {
            throw ApiException.conflict("asset.disposal-stage", d.stage().label(AssetRows.locale()));
        }
        return d;
    }

    private Disposal disposal(ResultSet rs, int n) throws SQLException {
        return new Disposal(
                rs.getLong("id"),
                DisposalKind.valueOf(rs.getString("kind")),
                DisposalStage.valueOf(rs.getString("stage")),
                rs.getBigDecimal("valuation"),
                rs.getString("reason"),
                rs.getObject("meeting_on", LocalDate.class),
                rs.getObject("requested_on", LocalDate.class),
                rs.getObject("reviewed_on", LocalDate.class),
                rs.getString("review_note"),
                rs.getString("approval_no"),
                rs.getObject("approved_on", LocalDate.class),
                rs.getString("decision_note"),
                rs.getBigDecimal("proceeds"),
                rs.getObject("disposed_on", LocalDate.class),
                rs.getString("proceeds_use"),
                rs.getString("requested_by"));
    }
}
