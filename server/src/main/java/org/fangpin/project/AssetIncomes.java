package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.RegionCode;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RegistryLedgers;
import org.fangpin.security.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 收益分配 of an operating asset (003:35; 004:143; 004:297): the income of a period is recorded; the village plans its
 * distribution at a 村民代表会议 — rows to registry households of the county in the caller's reach (through the
 * 一卡通 unless a reason is given) or to the village's uses (管护, 公益岗位, 村级公益事业, 巩固拓展, 集体经济), Σ rows
 * exactly the income — and publicises the plan ({@code project_publicity_days} at least, objections through {@link
 * Publicities}; an upheld objection sends the plan back); after the publicity, with no objection open, it is paid.
 * Each distribution shows how much reached monitored households, households with a member who lost the capacity to
 * work (丧失劳动能力, 004:143) and households with a disabled member (004:297). Every step is on the asset's timeline.
 */
@Service
public class AssetIncomes {

    /** The subject of distribution objections. */
    public static final String DISTRIBUTION = "DISTRIBUTION";

    /** An income of a period. */
    @Schema(name = "NewAssetIncome")
    public record NewIncome(
            LocalDate periodFrom, LocalDate periodTo, BigDecimal amount, LocalDate receivedOn, String note) {}

    /** A row of a distribution plan: to a household (its registry id) or to a use of the village. */
    @Schema(name = "NewDistributionRow")
    public record NewRow(DistributionUse use, Long householdId, BigDecimal amount, Boolean oneCard, String note) {}

    /** The distribution plan the village's representatives resolved, and its publicity. */
    @Schema(name = "DistributionPlan")
    public record Plan(
            LocalDate meetingOn,
            String meetingNote,
            LocalDate publicityFrom,
            LocalDate publicityTo,
            String publicityPlace,
            List<NewRow> rows) {}

    /** The day a distribution was paid. */
    @Schema(name = "DistributionPayment")
    public record Payment(LocalDate paidOn) {}

    /** A row as kept, with the household's marks now. */
    @Schema(name = "DistributionRow")
    public record Row(
            long id,
            DistributionUse use,
            Long householdId,
            String householdNo,
            String headName,
            boolean monitored,
            boolean lostLabour,
            boolean disabled,
            BigDecimal amount,
            Boolean oneCard,
            String note) {}

    /** How much of a distribution reached households, and which kinds of them (a household may be of several). */
    @Schema(name = "DistributionReach")
    public record Reach(
            BigDecimal households,
            long householdCount,
            BigDecimal monitored,
            long monitoredCount,
            BigDecimal lostLabour,
            long lostLabourCount,
            BigDecimal disabled,
            long disabledCount) {}

    /** An income and its distribution. */
    @Schema(name = "AssetIncome")
    public record Income(
            long id,
            LocalDate periodFrom,
            LocalDate periodTo,
            BigDecimal amount,
            LocalDate receivedOn,
            IncomeStage stage,
            LocalDate meetingOn,
            String meetingNote,
            LocalDate publicityFrom,
            LocalDate publicityTo,
            String publicityPlace,
            LocalDate paidOn,
            String note,
            List<Row> rows,
            Reach reach,
            List<Publicities.Objection> objections) {

        /** A part of the income as a percentage, one decimal. */
        public BigDecimal percentOf(BigDecimal part) {
            return part.multiply(BigDecimal.valueOf(100)).divide(amount, 1, java.math.RoundingMode.HALF_UP);
        }
    }

    private final JdbcClient jdbc;
    private final AssetRows assets;
    private final Funds funds;
    private final Registry registry;
    private final Publicities publicities;
    private final ProjectMoves moves;
    private final PolicyParameters parameters;
    private final Messages messages;

    AssetIncomes(
            JdbcClient jdbc,
            AssetRows assets,
            Funds funds,
            Registry registry,
            Publicities publicities,
            ProjectMoves moves,
            PolicyParameters parameters,
            Messages messages) {
        this.jdbc = jdbc;
        this.assets = assets;
        this.funds = funds;
        this.registry = registry;
        this.publicities = publicities;
        this.moves = moves;
        this.parameters = parameters;
        this.messages = messages;
    }

    /** An asset's incomes, newest period first, with their distributions (the caller has reached the asset). */
    @Transactional(readOnly = true)
    public List<Income> of(long assetId) {
        List<Income> bare = jdbc.sql("select * from asset_income where asset_id = ? order by period_from desc, id desc")
                .param(assetId)
                .query(this::income)
                .list();
        if (bare.isEmpty()) {
            return bare;
        }
        Long[] ids = bare.stream().map(Income::id).toArray(Long[]::new);
        Map<Long, List<Row>> rows = new HashMap<>();
        jdbc.sql("select r.*, m.household_no, m.head_name from distribution_row r left join ("
                        + RegistryLedgers.MARKS + ") m on m.household_id = r.household_id"
                        + " where r.income_id = any(?) order by r.id")
                .param(ids)
                .query((ResultSet rs) -> {
                    rows.computeIfAbsent(rs.getLong("income_id"), k -> new ArrayList<>())
                            .add(new Row(
                                    rs.getLong("id"),
                                    DistributionUse.valueOf(rs.getString("use")),
                                    rs.getObject("household_id", Long.class),
                                    rs.getString("household_no"),
                                    rs.getString("head_name"),
                                    rs.getBoolean("monitored"),
                                    rs.getBoolean("lost_labour"),
                                    rs.getBoolean("disabled"),
                                    rs.getBigDecimal("amount"),
                                    (Boolean) rs.getObject("one_card"),
                                    rs.getString("note")));
                });
        List<Income> out = new ArrayList<>(bare.size());
        for (Income i : bare) {
            List<Row> rs = rows.getOrDefault(i.id(), List.of());
            out.add(new Income(
                    i.id(),
                    i.periodFrom(),
                    i.periodTo(),
                    i.amount(),
                    i.receivedOn(),
                    i.stage(),
                    i.meetingOn(),
                    i.meetingNote(),
                    i.publicityFrom(),
                    i.publicityTo(),
                    i.publicityPlace(),
                    i.paidOn(),
                    i.note(),
                    rs,
                    reach(rs),
                    publicities.objections(DISTRIBUTION, i.id())));
        }
        return out;
    }

    /** The sums reaching households of each kind. */
    static Reach reach(List<Row> rows) {
        BigDecimal all = BigDecimal.ZERO;
        BigDecimal monitored = BigDecimal.ZERO;
        BigDecimal lost = BigDecimal.ZERO;
        BigDecimal disabled = BigDecimal.ZERO;
        long n = 0;
        long nm = 0;
        long nl = 0;
        long nd = 0;
        for (Row r : rows) {
            if (r.householdId() == null) {
                continue;
            }
            all = all.add(r.amount());
            n++;
            if (r.monitored()) {
                monitored = monitored.add(r.amount());
                nm++;
            }
            if (r.lostLabour()) {
                lost = lost.add(r.amount());
                nl++;
            }
            if (r.disabled()) {
                disabled = disabled.add(r.amount());
                nd++;
            }
        }
        return new Reach(all, n, monitored, nm, lost, nl, disabled, nd);
    }

    /** Records an operating asset's income of a period that overlaps none recorded before. */
    @Transactional
    public Assets.Asset record(long assetId, int version, NewIncome i) {
        Actor me = assets.editor();
        Assets.Asset a = assets.editable(assetId, version, me);
        if (a.assetClass() != AssetClass.OPERATING) {
            throw ApiException.conflict("asset.income-operating", a.assetClass().label(AssetRows.locale()));
        }
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = assets.today();
        if (i.periodFrom() == null || i.periodFrom().isBefore(a.formedOn())) {
            problems.add(FieldProblem.of("periodFrom", messages.get("asset.day-between", a.formedOn())));
        }
        if (i.periodTo() == null || (i.periodFrom() != null && i.periodTo().isBefore(i.periodFrom()))) {
            problems.add(FieldProblem.of("periodTo", messages.get("asset.period")));
        }
        funds.money(problems, "amount", i.amount());
        if (i.receivedOn() == null
                || i.receivedOn().isAfter(today)
                || (i.periodFrom() != null && i.receivedOn().isBefore(i.periodFrom()))) {
            problems.add(FieldProblem.of("receivedOn", messages.get("asset.received-on")));
        }
        funds.optionalText(problems, "note", i.note(), 2000);
        AssetRows.raise(problems);
        boolean overlaps = jdbc.sql("select exists (select 1 from asset_income where asset_id = ?"
                        + " and period_from <= ? and period_to >= ?)")
                .params(assetId, i.periodTo(), i.periodFrom())
                .query(Boolean.class)
                .single();
        if (overlaps) {
            throw ApiException.conflict("asset.income-overlap", i.periodFrom(), i.periodTo());
        }
        long id = jdbc.sql("""
                        insert into asset_income (asset_id, period_from, period_to, amount, received_on, stage, note,
                            recorded_by) values (?, ?, ?, ?, ?, 'RECORDED', ?, ?) returning id""")
                .params(
                        assetId,
                        i.periodFrom(),
                        i.periodTo(),
                        i.amount(),
                        i.receivedOn(),
                        AssetRows.strip(i.note()),
                        me.username())
                .query(Long.class)
                .single();
        assets.bump(assetId);
        assets.step(
                assetId,
                a.region(),
                AssetAction.INCOME,
                i.receivedOn(),
                i.note(),
                Map.of(),
                Map.of(
                        "income",
                        id,
                        "period",
                        i.periodFrom() + "/" + i.periodTo(),
                        "amount",
                        i.amount().toPlainString()),
                me);
        return assets.get(assetId);
    }

    /**
     * The village's plan for an income (recorded, or sent back by an upheld objection): the meeting on a day not
     * before the income was received, rows summing exactly to it, publicised from a day not before the meeting for
     * at least {@code project_publicity_days}.
     */
    @Transactional
    public Assets.Asset plan(long assetId, int version, long incomeId, Plan plan) {
        Actor me = assets.editor();
        Assets.Asset a = assets.editable(assetId, version, me);
        Income i = at(assetId, incomeId, IncomeStage.RECORDED);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate today = assets.today();
        // not before the income came in, nor before an objection sent an earlier plan back
        LocalDate earliest = i.receivedOn();
        LocalDate upheld = jdbc.sql("select max(done_on) from asset_step where asset_id = ? and action = 'UPHELD'"
                        + " and (details ->> 'income')::bigint = ?")
                .params(assetId, incomeId)
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        if (upheld != null && upheld.isAfter(earliest)) {
            earliest = upheld;
        }
        if (plan.meetingOn() == null
                || plan.meetingOn().isAfter(today)
                || plan.meetingOn().isBefore(earliest)) {
            problems.add(FieldProblem.of("meetingOn", messages.get("asset.meeting-on", earliest)));
        }
        funds.text(problems, "meetingNote", plan.meetingNote(), 500);
        LocalDate meeting = plan.meetingOn() == null ? today : plan.meetingOn();
        LocalDate from = plan.publicityFrom() == null ? meeting : plan.publicityFrom();
        if (from.isBefore(meeting)) {
            problems.add(FieldProblem.of("publicityFrom", messages.get("project.publicity-from", meeting)));
            from = meeting;
        }
        funds.text(problems, "publicityPlace", plan.publicityPlace(), 200);
        Publicities.Period period = moves.period(a.county(), from, plan.publicityTo(), problems, "publicityTo");
        List<NewRow> rows = plan.rows() == null ? List.of() : plan.rows();
        if (rows.isEmpty()) {
            problems.add(FieldProblem.of("rows", messages.get("asset.rows")));
        }
        Set<Long> ids = new HashSet<>();
        for (NewRow r : rows) {
            if (r != null && r.householdId() != null) {
                ids.add(r.householdId());
            }
        }
        Map<Long, Registry.Standing> found = registry.standings(ids);
        Set<Long> seen = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < rows.size(); k++) {
            NewRow r = rows.get(k);
            String f = "rows[" + k + "]";
            if (r == null) {
                problems.add(FieldProblem.of(f, messages.get("project.required")));
                continue;
            }
            if (r.use() == null) {
                problems.add(FieldProblem.of(f + ".use", messages.get("project.required")));
            } else if (r.use() == DistributionUse.HOUSEHOLD) {
                Registry.Standing st = r.householdId() == null ? null : found.get(r.householdId());
                if (st == null || !assets.within(a, st.villageCode())) {
                    problems.add(FieldProblem.of(f + ".householdId", messages.get("asset.household")));
                } else if (!seen.add(r.householdId())) {
                    problems.add(FieldProblem.of(f + ".householdId", messages.get("asset.household-twice")));
                }
                if (Boolean.FALSE.equals(r.oneCard()) && Funds.blank(r.note())) {
                    problems.add(FieldProblem.of(f + ".note", messages.get("project.funds.one-card")));
                }
            } else if (r.householdId() != null) {
                problems.add(FieldProblem.of(f + ".householdId", messages.get("asset.household-only")));
            }
            funds.money(problems, f + ".amount", r.amount());
            funds.optionalText(problems, f + ".note", r.note(), 500);
            if (r.amount() != null) {
                sum = sum.add(r.amount());
            }
        }
        if (!rows.isEmpty() && sum.compareTo(i.amount()) != 0) {
            problems.add(
                    FieldProblem.of("rows", messages.get("asset.rows-sum", Funds.yuan(sum), Funds.yuan(i.amount()))));
        }
        AssetRows.raise(problems);
        jdbc.sql("delete from distribution_row where income_id = ?")
                .param(incomeId)
                .update();
        Map<Long, Marks> marks = marks(seen, a.county(), meeting);
        for (NewRow r : rows) {
            boolean household = r.use() == DistributionUse.HOUSEHOLD;
            Marks m = household ? marks.get(r.householdId()) : null;
            jdbc.sql("""
                            insert into distribution_row (income_id, use, household_id, amount, one_card, note,
                                monitored, lost_labour, disabled) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            incomeId,
                            r.use().name(),
                            r.householdId(),
                            r.amount(),
                            household ? !Boolean.FALSE.equals(r.oneCard()) : null,
                            AssetRows.strip(r.note()),
                            m != null && m.monitored(),
                            m != null && m.lostLabour(),
                            m != null && m.disabled())
                    .update();
        }
        jdbc.sql("""
                        update asset_income set stage = 'PUBLICITY', meeting_on = ?, meeting_note = ?,
                            publicity_from = ?, publicity_to = ?, publicity_place = ? where id = ?""")
                .params(
                        plan.meetingOn(),
                        plan.meetingNote().strip(),
                        period.from(),
                        period.to(),
                        plan.publicityPlace().strip(),
                        incomeId)
                .update();
        assets.bump(assetId);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("income", incomeId);
        d.put("rows", rows.size());
        d.put("households", seen.size());
        d.put("publicityFrom", period.from().toString());
        d.put("publicityTo", period.to().toString());
        assets.step(assetId, a.region(), AssetAction.PLANNED, plan.meetingOn(), plan.meetingNote(), Map.of(), d, me);
        return assets.get(assetId);
    }

    /** Records an objection to a distribution plan being publicised. */
    @Transactional
    public Assets.Asset object(long assetId, int version, long incomeId, Publicities.NewObjection o) {
        Actor me = assets.editor();
        Assets.Asset a = assets.editable(assetId, version, me);
        Income i = at(assetId, incomeId, IncomeStage.PUBLICITY);
        long oid = publicities.object(DISTRIBUTION, incomeId, period(i), o, me.username());
        assets.bump(assetId);
        assets.step(
                assetId,
                a.region(),
                AssetAction.OBJECTION,
                o.receivedOn() == null ? assets.today() : o.receivedOn(),
                o.content(),
                Map.of(),
                Map.of("income", incomeId, "objectionId", oid),
                me);
        return assets.get(assetId);
    }

    /** Settles an objection (the township or county): upheld sends the plan back to be made again. */
    @Transactional
    public Assets.Asset resolve(long assetId, int version, long incomeId, long objectionId, Publicities.Resolution r) {
        Actor me = assets.editor();
        if (me.role() == org.fangpin.security.Role.VILLAGE) {
            // the village does not judge objections to its own plan
            throw new ApiException(
                    org.springframework.http.HttpStatus.FORBIDDEN, "forbidden", "project.role", List.of());
        }
        Assets.Asset a = assets.editable(assetId, version, me);
        at(assetId, incomeId, IncomeStage.PUBLICITY);
        publicities.settle(DISTRIBUTION, incomeId, objectionId, r, me.username());
        if (r.upheld()) {
            jdbc.sql("update asset_income set stage = 'RECORDED', publicity_from = null, publicity_to = null"
                            + " where id = ?")
                    .param(incomeId)
                    .update();
        }
        assets.bump(assetId);
        assets.step(
                assetId,
                a.region(),
                r.upheld() ? AssetAction.UPHELD : AssetAction.DISMISSED,
                assets.today(),
                r.note(),
                Map.of(),
                Map.of("income", incomeId, "objectionId", objectionId),
                me);
        return assets.get(assetId);
    }

    /** Ends the plan's publicity after its last day with no objection open. */
    @Transactional
    public Assets.Asset endPublicity(long assetId, int version, long incomeId) {
        Actor me = assets.editor();
        Assets.Asset a = assets.editable(assetId, version, me);
        Income i = at(assetId, incomeId, IncomeStage.PUBLICITY);
        Publicities.Counts c = publicities.requireOver(DISTRIBUTION, incomeId, period(i));
        jdbc.sql("update asset_income set stage = 'READY' where id = ?")
                .param(incomeId)
                .update();
        assets.bump(assetId);
        assets.step(
                assetId,
                a.region(),
                AssetAction.PUBLICITY_ENDED,
                i.publicityTo().plusDays(1),
                null,
                Map.of(),
                Map.of("income", incomeId, "objections", c.all()),
                me);
        return assets.get(assetId);
    }

    /** Pays the distribution, on a day after its publicity and not after today. */
    @Transactional
    public Assets.Asset pay(long assetId, int version, long incomeId, Payment p) {
        Actor me = assets.editor();
        Assets.Asset a = assets.editable(assetId, version, me);
        Income i = at(assetId, incomeId, IncomeStage.READY);
        LocalDate on = p.paidOn() == null ? assets.today() : p.paidOn();
        if (on.isAfter(assets.today()) || !on.isAfter(i.publicityTo())) {
            throw ApiException.invalid("paidOn", messages.get("asset.paid-on", i.publicityTo()));
        }
        jdbc.sql("update asset_income set stage = 'PAID', paid_on = ? where id = ?")
                .params(on, incomeId)
                .update();
        assets.bump(assetId);
        assets.step(
                assetId,
                a.region(),
                AssetAction.PAID,
                on,
                null,
                Map.of(),
                Map.of("income", incomeId, "amount", i.amount().toPlainString()),
                me);
        return assets.get(assetId);
    }

    /** What a household was when the plan was made: monitored, with a member who cannot work, with a disabled one. */
    private record Marks(boolean monitored, boolean lostLabour, boolean disabled) {}

    /**
     * The marks of households as the plan finds them: 丧失劳动能力 is a member recorded as having lost the capacity to
     * work or with a disability of grade {@code severe_disability_grade} or graver (the monitoring's own reading).
     */
    private Map<Long, Marks> marks(Set<Long> households, String county, LocalDate on) {
        Map<Long, Marks> out = new HashMap<>();
        if (households.isEmpty()) {
            return out;
        }
        int severe = parameters
                .resolve(RegionCode.province(county), on)
                .get("severe_disability_grade")
                .value()
                .intValue();
        jdbc.sql("select m.household_id, m.monitoring_state, m.lost_labour, m.gravest_disability from ("
                        + RegistryLedgers.MARKS + ") m where m.household_id = any(?)")
                .param(households.toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    Integer grade = rs.getObject("gravest_disability", Integer.class);
                    out.put(
                            rs.getLong("household_id"),
                            new Marks(
                                    MonitoringState.MONITORED.name().equals(rs.getString("monitoring_state")),
                                    rs.getBoolean("lost_labour") || (grade != null && grade <= severe),
                                    grade != null));
                });
        return out;
    }

    private static Publicities.Period period(Income i) {
        return new Publicities.Period(i.publicityFrom(), i.publicityTo());
    }

    /** The asset's income in a stage (404 for another asset's, 409 in another stage). */
    private Income at(long assetId, long incomeId, IncomeStage stage) {
        Income i = jdbc.sql("select * from asset_income where id = ? and asset_id = ? for update")
                .params(incomeId, assetId)
                .query(this::income)
                .optional()
                .orElseThrow(() -> ApiException.notFound("asset.income-not-found", incomeId));
        if (i.stage() != stage) {
            throw ApiException.conflict("asset.income-stage", i.stage().label(AssetRows.locale()));
        }
        return i;
    }

    private Income income(ResultSet rs, int n) throws SQLException {
        return new Income(
                rs.getLong("id"),
                rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class),
                rs.getBigDecimal("amount"),
                rs.getObject("received_on", LocalDate.class),
                IncomeStage.valueOf(rs.getString("stage")),
                rs.getObject("meeting_on", LocalDate.class),
                rs.getString("meeting_note"),
                rs.getObject("publicity_from", LocalDate.class),
                rs.getObject("publicity_to", LocalDate.class),
                rs.getString("publicity_place"),
                rs.getObject("paid_on", LocalDate.class),
                rs.getString("note"),
                List.of(),
                null,
                List.of());
    }
}
