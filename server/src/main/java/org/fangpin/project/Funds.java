package org.fangpin.project;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.Registry;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 衔接资金: allocations to a county (资金下达), the lines that assign them to projects (资金安排) and the payments from
 * those lines (资金拨付). Σ lines of an allocation never exceed it and Σ payments of a line never exceed the line —
 * each checked under a lock on the allocation or the line, so two payments racing for the last yuan cannot both
 * pass; a payment is never edited, a wrong one is reversed by a negative entry. Per county and year: received,
 * assigned, disbursed, the balance and 支出进度 against 序时进度 (the share of the year gone), computed by {@link
 * FundYears}; rows are read by {@link FundRows}.
 */
@Service
public class Funds {

    /** An allocation as recorded by the county that receives it. */
    public record NewAllocation(
            String county,
            Integer year,
            FundSource source,
            String documentNo,
            BigDecimal amount,
            LocalDate issuedOn,
            String note) {}

    /** An allocation with what is assigned to projects and paid from it. */
    public record Allocation(
            long id,
            String county,
            String countyName,
            int year,
            FundSource source,
            String documentNo,
            BigDecimal amount,
            LocalDate issuedOn,
            String note,
            BigDecimal assigned,
            BigDecimal disbursed,
            String recordedBy,
            int version) {}

    /** Part of an allocation assigned to a project. */
    public record NewLine(Long allocationId, BigDecimal amount) {}

    /** A funding line with what is paid from it. */
    public record Line(
            long id,
            long projectId,
            long allocationId,
            FundSource source,
            String documentNo,
            int year,
            BigDecimal amount,
            BigDecimal paid,
            BigDecimal balance) {}

    /**
     * A payment from a line: to a household (its registry id; 一卡通 unless a reason is given) or a worker (以工代赈
     * 劳务报酬 when {@code labour}), a cooperative, an enterprise, the village collective or the implementing unit.
     */
    public record NewPayment(
            Long lineId,
            LocalDate paidOn,
            BigDecimal amount,
            PayeeKind payeeKind,
            String payeeName,
            Long householdId,
            Boolean oneCard,
            Boolean labour,
            String voucherNo,
            String note) {}

    /** A payment as recorded; a reversal has a negative amount and names the payment it reverses. */
    public record Payment(
            long id,
            long lineId,
            LocalDate paidOn,
            BigDecimal amount,
            PayeeKind payeeKind,
            String payeeName,
            Long householdId,
            Boolean oneCard,
            boolean labour,
            String voucherNo,
            Long reverses,
            Long reversedBy,
            String note,
            String recordedBy,
            Instant recordedAt) {
        /** Free text can hold an ID or phone number: shown masked. */
        public Payment {
            payeeName = SensitiveText.mask(payeeName);
            note = SensitiveText.mask(note);
        }
    }

    /** Why a payment is reversed. */
    public record Reversal(String note) {}

    /** A project's money: its lines, payments (newest last) and totals; labour: 以工代赈 劳务报酬 paid. */
    public record ProjectFunds(
            List<Line> lines, List<Payment> payments, BigDecimal assigned, BigDecimal paid, BigDecimal labourPaid) {}

    /**
     * A county's money of a year: received (allocations of the year), assigned to projects, disbursed (net of
     * reversals), what is not yet assigned and the balance; 支出进度 (disbursed ÷ received, %) beside 序时进度 (the
     * share of the year gone on the day, %); the same per source.
     */
    public record CountyYear(
            String county,
            String countyName,
            int year,
            BigDecimal received,
            BigDecimal assigned,
            BigDecimal disbursed,
            BigDecimal unassigned,
            BigDecimal balance,
            BigDecimal spendingRate,
            BigDecimal scheduleRate,
            Map<FundSource, SourceYear> bySource) {}

    /** One source's money of a county's year. */
    public record SourceYear(BigDecimal received, BigDecimal assigned, BigDecimal disbursed) {}

    static final BigDecimal MAX = new BigDecimal("999999999999.99");

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Registry registry;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;
    private final FundRows rows;
    private final FundYears years;
    private final IntegrationPilot pilot;

    Funds(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Registry registry,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock,
            FundRows rows,
            FundYears years,
            IntegrationPilot pilot) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.registry = registry;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
        this.rows = rows;
        this.years = years;
        this.pilot = pilot;
    }

    // ---- allocations ----

    /**
     * Records an allocation to a county of the caller's reach (422 with each field's reason; 409 for a document
     * already recorded for the county and source).
     */
    @Transactional
    public Allocation allocate(NewAllocation a) {
        Actor me = me();
        List<FieldProblem> problems = new ArrayList<>();
        Region county = a.county() == null ? null : regions.find(a.county()).orElse(null);
        if (county == null
                || county.level() != RegionLevel.COUNTY
                || county.validTo() != null
                || !dataScope.current().covers(county.code())) {
            problems.add(FieldProblem.of("county", messages.get("project.funds.county")));
        }
        LocalDate today = LocalDate.now(clock);
        if (a.year() == null || a.year() < 2021 || a.year() > today.getYear() + 1) {
            problems.add(FieldProblem.of("year", messages.get("project.year", today.getYear() + 1)));
        }
        if (a.source() == null) {
            problems.add(FieldProblem.of("source", messages.get("project.required")));
        }
        text(problems, "documentNo", a.documentNo(), 100);
        money(problems, "amount", a.amount());
        if (a.issuedOn() == null || a.issuedOn().isAfter(today)) {
            problems.add(FieldProblem.of("issuedOn", messages.get("project.not-future")));
        }
        optionalText(problems, "note", a.note(), 2000);
        if (problems.isEmpty() && a.source() == FundSource.INTEGRATED_AGRI) {
            pilot.refusal(county.code(), a.year()).ifPresent(r -> problems.add(FieldProblem.of("source", r)));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        boolean taken = jdbc.sql("select exists (select 1 from fund_allocation where county_code = ? and source = ?"
                        + " and document_no = ?)")
                .params(county.code(), a.source().name(), a.documentNo().strip())
                .query(Boolean.class)
                .single();
        if (taken) {
            throw ApiException.conflict(
                    "project.funds.document-taken", a.documentNo().strip());
        }
        long id = jdbc.sql("""
                        insert into fund_allocation (county_code, year, source, document_no, amount, issued_on, note,
                            recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        county.code(),
                        a.year(),
                        a.source().name(),
                        a.documentNo().strip(),
                        a.amount(),
                        a.issuedOn(),
                        blank(a.note()) ? null : a.note().strip(),
                        me.username())
                .query(Long.class)
                .single();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("year", a.year());
        after.put("fundSource", a.source().name());
        after.put("documentNo", a.documentNo().strip());
        after.put("amount", a.amount().toPlainString());
        after.put("issuedOn", a.issuedOn().toString());
        events.publishEvent(new AuditableChange(
                "fund_allocation", Long.toString(id), "FUND_ALLOCATED", null, after, county.code()));
        return allocation(id);
    }

    /** The allocations of the caller's reach (a county in it, a year), newest first. */
    @Transactional(readOnly = true)
    public List<Allocation> allocations(String county, Integer year) {
        Map<String, Object> p = new HashMap<>();
        String where = dataScope.current().condition("a.county_code", p);
        if (county != null && !county.isBlank()) {
            where += " and a.county_code = :county";
            p.put("county", county);
        }
        if (year != null) {
            where += " and a.year = :year";
            p.put("year", year);
        }
        return rows.named(jdbc.sql(
                        FundRows.ALLOCATIONS + " where " + where + " order by a.year desc, a.issued_on desc, a.id desc")
                .params(p)
                .query(rows::allocationRow)
                .list());
    }

    /** One allocation of the caller's reach (404 otherwise). */
    @Transactional(readOnly = true)
    public Allocation allocation(long id) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        return rows
                .named(jdbc.sql(FundRows.ALLOCATIONS + " where a.id = :id and "
                                + dataScope.current().condition("a.county_code", p))
                        .params(p)
                        .query(rows::allocationRow)
                        .list())
                .stream()
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("project.funds.not-found", id));
    }

    // ---- lines and payments ----

    /**
     * Assigns part of an allocation of the project's county to a project in the library or beyond (409 before the
     * county listed it; 409 with the balance when the allocation has not that much left). One line per project and
     * allocation.
     */
    @Transactional
    public Line assign(Projects.Project project, NewLine l) {
        Actor me = me();
        List<FieldProblem> problems = new ArrayList<>();
        if (l.allocationId() == null) {
            problems.add(FieldProblem.of("allocationId", messages.get("project.required")));
        }
        money(problems, "amount", l.amount());
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (!Projects.FUNDABLE.contains(project.stage())) {
            throw ApiException.conflict(
                    "project.funds.not-listed", project.stage().label(AssetRows.locale()));
        }
        // the allocation locked: lines of other projects wait for this one
        Map<String, Object> a = jdbc
                .sql("select county_code, amount from fund_allocation where id = ? for update")
                .param(l.allocationId())
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
        if (a == null || !project.county().equals(a.get("county_code"))) {
            throw ApiException.invalid(
                    List.of(FieldProblem.of("allocationId", messages.get("project.funds.allocation"))));
        }
        boolean exists = jdbc.sql(
                        "select exists (select 1 from funding_line where project_id = ? and allocation_id = ?)")
                .params(project.id(), l.allocationId())
                .query(Boolean.class)
                .single();
        if (exists) {
            throw ApiException.conflict("project.funds.line-exists", l.allocationId());
        }
        BigDecimal assigned = jdbc.sql("select coalesce(sum(amount), 0) from funding_line where allocation_id = ?")
                .param(l.allocationId())
                .query(BigDecimal.class)
                .single();
        BigDecimal left = ((BigDecimal) a.get("amount")).subtract(assigned);
        if (l.amount().compareTo(left) > 0) {
            throw ApiException.conflict("project.funds.allocation-short", yuan(left));
        }
        long id = jdbc.sql(
                        "insert into funding_line (project_id, allocation_id, amount, recorded_by) values (?, ?, ?, ?)"
                                + " returning id")
                .params(project.id(), l.allocationId(), l.amount(), me.username())
                .query(Long.class)
                .single();
        events.publishEvent(new AuditableChange(
                "funding_line",
                Long.toString(id),
                "FUNDS_ASSIGNED",
                null,
                Map.of(
                        "project",
                        project.projectNo(),
                        "allocation",
                        l.allocationId(),
                        "amount",
                        l.amount().toPlainString()),
                project.region()));
        return line(project.id(), id);
    }

    /**
     * Pays from one of the project's lines (409 before 立项 — which comes only after the publicity's end; 409 with the
     * balance when the line has not that much left, checked under a lock on the line). A payment to a household names
     * it (in the caller's reach) and goes to its 一卡通 unless a reason is given.
     */
    @Transactional
    public Payment pay(Projects.Project project, NewPayment p) {
        Actor me = me();
        LocalDate today = LocalDate.now(clock);
        List<FieldProblem> problems = new ArrayList<>();
        if (p.lineId() == null) {
            problems.add(FieldProblem.of("lineId", messages.get("project.required")));
        }
        money(problems, "amount", p.amount());
        if (p.paidOn() == null
                || p.paidOn().isAfter(today)
                || (project.approvedOn() != null && p.paidOn().isBefore(project.approvedOn()))) {
            problems.add(FieldProblem.of(
                    "paidOn",
                    messages.get("project.funds.paid-on", project.approvedOn() == null ? "" : project.approvedOn())));
        }
        if (p.payeeKind() == null) {
            problems.add(FieldProblem.of("payeeKind", messages.get("project.required")));
        }
        text(problems, "payeeName", p.payeeName(), 200);
        text(problems, "voucherNo", p.voucherNo(), 100);
        optionalText(problems, "note", p.note(), 2000);
        boolean person = p.payeeKind() == PayeeKind.HOUSEHOLD || p.payeeKind() == PayeeKind.WORKER;
        String village = null;
        if (p.householdId() != null) {
            Registry.Standing s = registry.standings(List.of(p.householdId())).get(p.householdId());
            if (s == null || !person) {
                problems.add(FieldProblem.of("householdId", messages.get("project.funds.household")));
            } else {
                village = s.villageCode();
            }
        } else if (p.payeeKind() == PayeeKind.HOUSEHOLD) {
            problems.add(FieldProblem.of("householdId", messages.get("project.funds.household")));
        }
        boolean oneCard = p.oneCard() == null ? p.payeeKind() == PayeeKind.HOUSEHOLD : p.oneCard();
        if (p.payeeKind() == PayeeKind.HOUSEHOLD && !oneCard && blank(p.note())) {
            problems.add(FieldProblem.of("note", messages.get("project.funds.one-card")));
        }
        boolean labour = Boolean.TRUE.equals(p.labour());
        if (labour && !person) {
            problems.add(FieldProblem.of("labour", messages.get("project.funds.labour")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (!Projects.PAYABLE.contains(project.stage())) {
            throw ApiException.conflict(
                    "project.funds.not-approved", project.stage().label(AssetRows.locale()));
        }
        BigDecimal lineAmount = lockLine(project.id(), p.lineId());
        BigDecimal paid = paid(p.lineId());
        BigDecimal left = lineAmount.subtract(paid);
        if (p.amount().compareTo(left) > 0) {
            throw ApiException.conflict("project.funds.line-short", yuan(left));
        }
        long id = jdbc.sql("""
                        insert into disbursement (line_id, paid_on, amount, payee_kind, payee_name, household_id,
                            one_card, labour, voucher_no, note, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        p.lineId(),
                        p.paidOn(),
                        p.amount(),
                        p.payeeKind().name(),
                        p.payeeName().strip(),
                        p.householdId(),
                        person ? oneCard : null,
                        labour,
                        p.voucherNo().strip(),
                        blank(p.note()) ? null : p.note().strip(),
                        me.username())
                .query(Long.class)
                .single();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("project", project.projectNo());
        after.put("line", p.lineId());
        after.put("amount", p.amount().toPlainString());
        after.put("paidOn", p.paidOn().toString());
        after.put("payeeKind", p.payeeKind().name());
        after.put("voucherNo", p.voucherNo().strip());
        if (p.householdId() != null) {
            after.put("household", p.householdId());
        }
        events.publishEvent(new AuditableChange(
                "disbursement",
                Long.toString(id),
                "FUNDS_PAID",
                null,
                after,
                village == null ? project.region() : village));
        return payment(id);
    }

    /** Reverses a payment of the project in full by a negative entry (409 for a reversal or one reversed already). */
    @Transactional
    public Payment reverse(Projects.Project project, long paymentId, Reversal r) {
        Actor me = me();
        if (r == null || blank(r.note())) {
            throw ApiException.invalid("note", messages.get("project.required"));
        }
        if (r.note().strip().length() > 2000) {
            throw ApiException.invalid("note", messages.get("project.too-long", Messages.count(2000)));
        }
        Payment original = jdbc.sql(FundRows.PAYMENTS + " where d.id = ? and l.project_id = ?")
                .params(paymentId, project.id())
                .query(rows::paymentRow)
                .optional()
                .orElseThrow(() -> ApiException.notFound("project.funds.payment-not-found", paymentId));
        lockLine(project.id(), original.lineId());
        boolean reversed = jdbc.sql("select exists (select 1 from disbursement where reverses = ?)")
                .param(paymentId)
                .query(Boolean.class)
                .single();
        if (original.reverses() != null || reversed) {
            throw ApiException.conflict("project.funds.reversed", paymentId);
        }
        long id = jdbc.sql("""
                        insert into disbursement (line_id, paid_on, amount, payee_kind, payee_name, household_id,
                            one_card, labour, voucher_no, reverses, note, recorded_by)
                        select line_id, ?, -amount, payee_kind, payee_name, household_id, one_card, labour, voucher_no, id,
                            ?, ? from disbursement where id = ? returning id""")
                .params(LocalDate.now(clock), r.note().strip(), me.username(), paymentId)
                .query(Long.class)
                .single();
        events.publishEvent(new AuditableChange(
                "disbursement",
                Long.toString(id),
                "FUNDS_REVERSED",
                Map.of("payment", paymentId, "amount", original.amount().toPlainString()),
                Map.of("reverses", paymentId, "note", r.note().strip()),
                project.region()));
        return payment(id);
    }

    /** The project's lines and payments. */
    @Transactional(readOnly = true)
    public ProjectFunds of(long projectId) {
        return rows.projectFunds(projectId);
    }

    // ---- the county's year, through FundYears ----

    /**
     * Each county of a region in the caller's reach (none: the whole reach) with allocations in a year, on a day
     * (none: today; 序时进度 is the share of the year gone then — the whole year for a year past).
     */
    @Transactional(readOnly = true)
    public List<CountyYear> summary(String region, int year, LocalDate asOf) {
        return years.summary(region, year, asOf);
    }

    // ---- helpers ----

    private BigDecimal lockLine(long projectId, Long lineId) {
        return jdbc.sql("select amount from funding_line where id = ? and project_id = ? for update")
                .params(lineId, projectId)
                .query(BigDecimal.class)
                .optional()
                .orElseThrow(() ->
                        ApiException.invalid(List.of(FieldProblem.of("lineId", messages.get("project.funds.line")))));
    }

    private BigDecimal paid(long lineId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from disbursement where line_id = ?")
                .param(lineId)
                .query(BigDecimal.class)
                .single();
    }

    private Line line(long projectId, long id) {
        return jdbc.sql(FundRows.LINES + " where l.project_id = ? and l.id = ?")
                .params(projectId, id)
                .query(rows::lineRow)
                .single();
    }

    private Payment payment(long id) {
        return jdbc.sql(FundRows.PAYMENTS + " where d.id = ?")
                .param(id)
                .query(rows::paymentRow)
                .single();
    }

    private Actor me() {
        return actor.get()
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "project.forbidden", List.of()));
    }

    /** An amount in yuan for a message: two decimals, grouped. */
    static String yuan(BigDecimal v) {
        return String.format("%,.2f", v);
    }

    /** Adds the field's reason unless the amount is above 0, at most 2 decimals, at most {@link #MAX}. */
    void money(List<FieldProblem> problems, String field, BigDecimal v) {
        if (!validMoney(v)) {
            problems.add(FieldProblem.of(field, messages.get("project.money")));
        }
    }

    /** Above 0, at most 2 decimals, at most {@link #MAX}. */
    static boolean validMoney(BigDecimal v) {
        return v != null
                && v.signum() > 0
                && v.compareTo(MAX) <= 0
                && v.stripTrailingZeros().scale() <= 2;
    }

    void text(List<FieldProblem> problems, String field, String v, int max) {
        if (blank(v)) {
            problems.add(FieldProblem.of(field, messages.get("project.required")));
        } else if (v.strip().length() > max) {
            problems.add(FieldProblem.of(field, messages.get("project.too-long", Messages.count(max))));
        }
    }

    void optionalText(List<FieldProblem> problems, String field, String v, int max) {
        if (!blank(v) && v.strip().length() > max) {
            problems.add(FieldProblem.of(field, messages.get("project.too-long", Messages.count(max))));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
