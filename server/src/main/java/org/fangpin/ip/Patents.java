package org.fangpin.ip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.ip.IpTerms.CounterpartyKind;
import org.fangpin.ip.IpTerms.FeeFunds;
import org.fangpin.ip.IpTerms.FeeKind;
import org.fangpin.ip.IpTerms.FilingDecision;
import org.fangpin.ip.IpTerms.Funding;
import org.fangpin.ip.IpTerms.LicenceKind;
import org.fangpin.ip.IpTerms.MaintenanceDecision;
import org.fangpin.ip.IpTerms.Ownership;
import org.fangpin.ip.IpTerms.PatentStatus;
import org.fangpin.ip.IpTerms.PatentType;
import org.fangpin.ip.IpTerms.Payer;
import org.fangpin.ip.IpTerms.TransferForm;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A university's patents (000:94): filed only from a disclosure decided 申请 (or given to the inventors, or a
 * commissioned project whose contract files), the ownership split, the fee ledger with who paid from which funds (an
 * inventor never from 财政 funds), the yearly 维持/放弃 decision before the annual fee falls due, 转化运用 with the money
 * received, and the income split computed from all of these ({@link IncomeSplit}). Another university's patent does
 * not exist for the caller (404).
 */
@Service
public class Patents {

    /** The counterparties a deal may be tagged 科技帮扶 for, with their place in the region tree. */
    public static final Set<CounterpartyKind> TECH_ASSISTANCE =
            Set.of(CounterpartyKind.ENTERPRISE, CounterpartyKind.COOPERATIVE, CounterpartyKind.VILLAGE);

    /** How many days before an annual fee falls due its 维持/放弃 decision is asked for. */
    public static final int DECISION_NOTICE_DAYS = 90;

    @Schema(name = "NewIpPatent")
    public record NewPatent(
            Long disclosureId,
            String number,
            PatentType type,
            LocalDate filedOn,
            LocalDate grantedOn,
            Ownership ownership,
            BigDecimal inventorOwnership,
            BigDecimal inventorShare) {}

    @Schema(name = "IpPatent")
    public record Patent(
            long id,
            long disclosureId,
            String title,
            String number,
            PatentType type,
            LocalDate filedOn,
            LocalDate grantedOn,
            PatentStatus status,
            Ownership ownership,
            BigDecimal inventorOwnership,
            BigDecimal inventorShare,
            LocalDate openLicenceOn,
            String openLicenceTerms,
            String unusedReason,
            long transactions,
            BigDecimal income,
            boolean classified,
            int version) {}

    @Schema(name = "NewIpFee")
    public record NewFee(
            FeeKind kind, LocalDate paidOn, BigDecimal amount, Payer payer, FeeFunds fundSource, String note) {}

    @Schema(name = "IpFee")
    public record Fee(
            long id,
            FeeKind kind,
            LocalDate paidOn,
            BigDecimal amount,
            Payer payer,
            FeeFunds fundSource,
            String note) {}

    @Schema(name = "NewIpMaintenance")
    public record NewMaintenance(Integer feeYear, MaintenanceDecision decision, String reason) {}

    @Schema(name = "IpMaintenance")
    public record Maintenance(
            int feeYear, MaintenanceDecision decision, String reason, LocalDate decidedOn, String decidedBy) {}

    @Schema(name = "NewIpTransaction")
    public record NewTransaction(
            TransferForm form,
            LicenceKind licenceKind,
            String counterparty,
            CounterpartyKind counterpartyKind,
            String region,
            LocalDate signedOn,
            String contractNo,
            BigDecimal amount,
            BigDecimal costs,
            String note) {}

    @Schema(name = "IpGrant")
    public record Grant(LocalDate grantedOn) {}

    @Schema(name = "IpContract")
    public record Contract(String contractNo) {}

    @Schema(name = "NewIpReceipt")
    public record NewReceipt(LocalDate receivedOn, BigDecimal amount, String note) {}

    @Schema(name = "IpReceipt")
    public record Receipt(long id, LocalDate receivedOn, BigDecimal amount, String note) {}

    @Schema(name = "IpTransaction")
    public record Transaction(
            long id,
            TransferForm form,
            LicenceKind licenceKind,
            String counterparty,
            CounterpartyKind counterpartyKind,
            String region,
            String regionName,
            LocalDate signedOn,
            String contractNo,
            BigDecimal amount,
            BigDecimal costs,
            String note,
            List<Receipt> receipts) {}

    @Schema(name = "IpPatentDetail")
    public record Detail(
            Patent patent,
            List<Fee> fees,
            List<Maintenance> maintenance,
            List<Transaction> transactions,
            IncomeSplit.Statement split) {}

    /** An annual fee falling due whose 维持/放弃 decision is not yet taken. */
    @Schema(name = "IpDecisionDue")
    public record DecisionDue(long patentId, String number, String title, int feeYear, LocalDate dueOn) {}

    /** A year of the portfolio: filed, granted, deals signed, money received. */
    @Schema(name = "IpYear")
    public record Year(int year, long filed, long granted, long deals, BigDecimal income) {}

    private final JdbcClient jdbc;
    private final Universities universities;
    private final Inventions inventions;
    private final RegionDirectory regions;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Actor.Current actor;
    private final Clock clock;

    Patents(
            JdbcClient jdbc,
            Universities universities,
            Inventions inventions,
            RegionDirectory regions,
            ApplicationEventPublisher events,
            Messages messages,
            Actor.Current actor,
            Clock clock) {
        this.jdbc = jdbc;
        this.universities = universities;
        this.inventions = inventions;
        this.regions = regions;
        this.events = events;
        this.messages = messages;
        this.actor = actor;
        this.clock = clock;
    }

    // ---- reads ----

    /** The caller's university's patents, newest filing first (at most 5,000). */
    @Transactional(readOnly = true)
    public List<Patent> list() {
        return jdbc.sql(SELECT + " where p.university_id = ? order by p.filed_on desc, p.id desc limit 5000")
                .param(universities.mine())
                .query(patents(universities.titles()))
                .list();
    }

    @Transactional(readOnly = true)
    public Detail detail(long id) {
        Patent p = find(id, false);
        List<Fee> fees = jdbc.sql("select * from ip_fee where patent_id = ? order by paid_on, id")
                .param(id)
                .query((rs, i) -> new Fee(
                        rs.getLong("id"),
                        FeeKind.valueOf(rs.getString("kind")),
                        rs.getObject("paid_on", LocalDate.class),
                        rs.getBigDecimal("amount"),
                        Payer.valueOf(rs.getString("payer")),
                        FeeFunds.valueOf(rs.getString("fund_source")),
                        rs.getString("note")))
                .list();
        List<Maintenance> maintenance = jdbc.sql(
                        "select * from ip_maintenance where patent_id = ? order by fee_year desc")
                .param(id)
                .query((rs, i) -> new Maintenance(
                        rs.getInt("fee_year"),
                        MaintenanceDecision.valueOf(rs.getString("decision")),
                        rs.getString("reason"),
                        rs.getObject("decided_on", LocalDate.class),
                        rs.getString("decided_by")))
                .list();
        List<Transaction> transactions = jdbc.sql(
                        "select * from ip_transaction where patent_id = ? order by signed_on, id")
                .param(id)
                .query(this::transaction)
                .list();
        return new Detail(p, fees, maintenance, transactions, split(p, fees, transactions));
    }

    /** How long after its day an annual fee may still be paid, with a surcharge (专利法实施细则: six months). */
    public static final int LATE_PAYMENT_MONTHS = 6;

    /**
     * The annual fees of the caller's university's patents in force falling due within {@link #DECISION_NOTICE_DAYS}
     * days, or past due within the {@link #LATE_PAYMENT_MONTHS} months they may still be paid, with no 维持/放弃
     * decision yet. A fee year's fee falls due on the anniversary of the filing day.
     */
    @Transactional(readOnly = true)
    public List<DecisionDue> due() {
        LocalDate today = today();
        Set<String> decided = new HashSet<>(
                jdbc.sql("""
                        select m.patent_id || '/' || m.fee_year from ip_maintenance m
                        join ip_patent p on p.id = m.patent_id where p.university_id = ?""").param(universities.mine()).query(String.class).list());
        LocalDate from = today.minusMonths(LATE_PAYMENT_MONTHS);
        LocalDate to = today.plusDays(DECISION_NOTICE_DAYS);
        List<DecisionDue> out = new ArrayList<>();
        for (Patent p : list()) {
            if (p.status() != PatentStatus.GRANTED) {
                continue;
            }
            for (int year = from.getYear(); year <= to.getYear(); year++) {
                LocalDate on = anniversary(p.filedOn(), year);
                if (year > p.filedOn().getYear()
                        && !on.isBefore(from)
                        && !on.isAfter(to)
                        && !decided.contains(p.id() + "/" + year)) {
                    out.add(new DecisionDue(p.id(), p.number(), p.title(), year, on));
                }
            }
        }
        out.sort((a, b) -> a.dueOn().compareTo(b.dueOn()));
        return out;
    }

    /**
     * Per year from the first filing, grant, deal or receipt to this year, the caller's university's filings, grants,
     * deals signed and money received.
     */
    @Transactional(readOnly = true)
    public List<Year> years() {
        return jdbc.sql("""
                        with mine as (select id, filed_on, granted_on from ip_patent where university_id = :u),
                        f as (select extract(year from filed_on)::int y, count(*) n from mine group by 1),
                        g as (select extract(year from granted_on)::int y, count(*) n from mine
                              where granted_on is not null group by 1),
                        t as (select extract(year from t.signed_on)::int y, count(*) n from ip_transaction t
                              join mine on mine.id = t.patent_id group by 1),
                        r as (select extract(year from r.received_on)::int y, sum(r.amount) s from ip_receipt r
                              join ip_transaction t on t.id = r.transaction_id join mine on mine.id = t.patent_id
                              group by 1),
                        seen as (select y from f union select y from g union select y from t union select y from r),
                        -- every year from the first to this one, a year without anything included
                        ys as (select generate_series(min(y), greatest(max(y), :this)) y from seen having count(*) > 0)
                        select ys.y, coalesce(f.n, 0) filed, coalesce(g.n, 0) granted, coalesce(t.n, 0) deals,
                               coalesce(r.s, 0) income
                        from ys left join f using (y) left join g using (y) left join t using (y)
                             left join r using (y)
                        order by ys.y""")
                .param("u", universities.mine())
                .param("this", today().getYear())
                .query((rs, i) ->
                        new Year(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5)))
                .list();
    }

    // ---- changes ----

    @Transactional
    public Patent file(NewPatent n) {
        return file(n, true);
    }

    /**
     * A patent; {@code decided} asks for the disclosure's decision (000:92) — not for one loaded from an existing list,
     * filed before the platform.
     */
    Patent file(NewPatent n, boolean decided) {
        long mine = universities.mine();
        List<FieldProblem> problems = new ArrayList<>();
        Inventions.Disclosure d = null;
        if (n.disclosureId() == null) {
            problems.add(FieldProblem.of("disclosureId", messages.get("import.error.required")));
        } else {
            d = inventions.find(n.disclosureId(), true);
        }
        IpFields.required(messages, problems, "ownership", n.ownership());
        if (decided && d != null && n.ownership() != null && !decidedFor(d, n.ownership())) {
            problems.add(FieldProblem.of(
                    "disclosureId",
                    messages.get(
                            n.ownership() == Ownership.INVENTOR
                                    ? "ip.no-transfer-decision"
                                    : "ip.no-filing-decision")));
        }
        String number =
                IpFields.strip(n.number()) == null ? null : n.number().strip().toUpperCase();
        if (number == null || !number.matches(IpFields.PATENT_NUMBER)) {
            problems.add(FieldProblem.of("number", messages.get("ip.number")));
        }
        IpFields.required(messages, problems, "type", n.type());
        if (n.filedOn() == null
                || n.filedOn().isAfter(today())
                || (d != null && n.filedOn().isBefore(d.disclosedOn()))) {
            problems.add(FieldProblem.of(
                    "filedOn",
                    messages.get("ip.filed-on", d == null ? "" : d.disclosedOn().toString())));
        }
        if (n.grantedOn() != null
                && (n.grantedOn().isAfter(today())
                        || (n.filedOn() != null && n.grantedOn().isBefore(n.filedOn())))) {
            problems.add(FieldProblem.of("grantedOn", messages.get("ip.granted-on")));
        }
        if (n.ownership() == Ownership.SPLIT) {
            IpFields.percent(messages, problems, "inventorOwnership", n.inventorOwnership());
        } else if (n.inventorOwnership() != null) {
            problems.add(FieldProblem.of("inventorOwnership", messages.get("ip.ownership-only-split")));
        }
        IpFields.percent(messages, problems, "inventorShare", n.inventorShare());
        IpFields.raise(problems);
        long id;
        try {
            id = jdbc.sql("""
                            insert into ip_patent (university_id, disclosure_id, number, type, filed_on, granted_on,
                                status, ownership, inventor_ownership, inventor_share, created_by)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            mine,
                            d.id(),
                            number,
                            n.type().name(),
                            n.filedOn(),
                            n.grantedOn(),
                            (n.grantedOn() == null ? PatentStatus.FILED : PatentStatus.GRANTED).name(),
                            n.ownership().name(),
                            n.inventorOwnership(),
                            n.inventorShare(),
                            actor.username())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("ip.number-taken", number);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("number", number);
        after.put("disclosure", d.id());
        after.put("ownership", n.ownership().name());
        after.put("inventorShare", n.inventorShare());
        audit(id, "IP_PATENT_FILED", after);
        return find(id, false);
    }

    /** Records the grant of a patent filed (If-Match: the patent's version; 409 once granted). */
    @Transactional
    public Detail grant(long id, int version, Grant g) {
        Patent p = editable(id, version);
        if (p.status() != PatentStatus.FILED) {
            throw ApiException.conflict("ip.granted-already", p.number());
        }
        if (g.grantedOn() == null
                || g.grantedOn().isAfter(today())
                || g.grantedOn().isBefore(p.filedOn())) {
            throw ApiException.invalid("grantedOn", messages.get("ip.granted-on"));
        }
        jdbc.sql("update ip_patent set status = 'GRANTED', granted_on = ?, version = version + 1 where id = ?")
                .params(g.grantedOn(), id)
                .update();
        audit(id, "IP_GRANTED", Map.of("grantedOn", g.grantedOn().toString()));
        return detail(id);
    }

    /** Books a fee paid (If-Match: the patent's version). */
    @Transactional
    public Detail payFee(long id, int version, NewFee f) {
        Patent p = editable(id, version);
        List<FieldProblem> problems = new ArrayList<>();
        IpFields.required(messages, problems, "kind", f.kind());
        if (f.paidOn() == null || f.paidOn().isAfter(today()) || f.paidOn().isBefore(p.filedOn())) {
            problems.add(FieldProblem.of(
                    "paidOn", messages.get("ip.paid-on", p.filedOn().toString())));
        }
        IpFields.money(messages, problems, "amount", f.amount(), false);
        IpFields.required(messages, problems, "payer", f.payer());
        IpFields.required(messages, problems, "fundSource", f.fundSource());
        if (f.payer() == Payer.INVENTOR && f.fundSource() == FeeFunds.FISCAL) {
            // 发明人不得利用财政资金支付专利费用 (000:94)
            problems.add(FieldProblem.of("fundSource", messages.get("ip.fiscal-inventor")));
        }
        if (p.ownership() == Ownership.INVENTOR && f.payer() == Payer.UNIVERSITY) {
            // the inventors' own patent: 专利费用由发明人承担 (000:96)
            problems.add(FieldProblem.of("payer", messages.get("ip.inventor-pays")));
        }
        IpFields.text(messages, problems, "note", f.note(), 500, false);
        IpFields.raise(problems);
        jdbc.sql("insert into ip_fee (patent_id, kind, paid_on, amount, payer, fund_source, note, created_by)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        f.kind().name(),
                        f.paidOn(),
                        f.amount(),
                        f.payer().name(),
                        f.fundSource().name(),
                        IpFields.strip(f.note()),
                        actor.username())
                .update();
        bump(id);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", f.kind().name());
        after.put("amount", f.amount());
        after.put("payer", f.payer().name());
        after.put("fundSource", f.fundSource().name());
        audit(id, "IP_FEE_PAID", after);
        return detail(id);
    }

    /** The 维持/放弃 decision for a fee year; abandoning ends the patent (If-Match: the patent's version). */
    @Transactional
    public Detail decide(long id, int version, NewMaintenance m) {
        Patent p = editable(id, version);
        List<FieldProblem> problems = new ArrayList<>();
        if (m.feeYear() == null || m.feeYear() < p.filedOn().getYear() || m.feeYear() > today().getYear() + 1) {
            problems.add(FieldProblem.of("feeYear", messages.get("ip.fee-year")));
        }
        IpFields.required(messages, problems, "decision", m.decision());
        IpFields.text(messages, problems, "reason", m.reason(), 1000, true);
        IpFields.raise(problems);
        try {
            jdbc.sql("insert into ip_maintenance (patent_id, fee_year, decision, reason, decided_on, decided_by)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(id, m.feeYear(), m.decision().name(), m.reason().strip(), today(), actor.username())
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("ip.decided", m.feeYear().toString());
        }
        if (m.decision() == MaintenanceDecision.ABANDON) {
            jdbc.sql("update ip_patent set status = 'ABANDONED' where id = ?")
                    .param(id)
                    .update();
        }
        bump(id);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("feeYear", m.feeYear());
        after.put("decision", m.decision().name());
        after.put("reason", m.reason().strip());
        audit(id, "IP_MAINTENANCE_DECIDED", after);
        return detail(id);
    }

    /** Records a 转化 deal of a patent in force or filed (If-Match: the patent's version). */
    @Transactional
    public Detail transfer(long id, int version, NewTransaction t) {
        Patent p = editable(id, version);
        List<FieldProblem> problems = new ArrayList<>();
        IpFields.required(messages, problems, "form", t.form());
        if (t.form() == TransferForm.LICENCE && t.licenceKind() == null) {
            problems.add(FieldProblem.of("licenceKind", messages.get("ip.licence-kind")));
        } else if (t.form() != TransferForm.LICENCE && t.licenceKind() != null) {
            problems.add(FieldProblem.of("licenceKind", messages.get("ip.licence-kind-only")));
        }
        IpFields.text(messages, problems, "counterparty", t.counterparty(), 200, true);
        IpFields.required(messages, problems, "counterpartyKind", t.counterpartyKind());
        Region region = null;
        if (IpFields.strip(t.region()) != null
                && t.counterpartyKind() != null
                && !TECH_ASSISTANCE.contains(t.counterpartyKind())) {
            // 科技帮扶 is a deal with an enterprise, cooperative or village of the tree (004:169); a person's name
            // or an institution is not shown to the region's offices
            problems.add(FieldProblem.of("region", messages.get("ip.region-kind")));
        } else if (IpFields.strip(t.region()) != null) {
            region = regions.find(t.region().strip())
                    .filter(r -> r.validTo() == null)
                    .orElse(null);
            if (region == null) {
                problems.add(FieldProblem.of(
                        "region", messages.get("ip.region", t.region().strip())));
            }
        }
        if (t.signedOn() == null
                || t.signedOn().isAfter(today())
                || t.signedOn().isBefore(p.filedOn())) {
            problems.add(FieldProblem.of(
                    "signedOn", messages.get("ip.signed-on", p.filedOn().toString())));
        }
        IpFields.text(messages, problems, "contractNo", t.contractNo(), 64, false);
        IpFields.money(messages, problems, "amount", t.amount() == null ? BigDecimal.ZERO : t.amount(), true);
        IpFields.money(messages, problems, "costs", t.costs() == null ? BigDecimal.ZERO : t.costs(), true);
        IpFields.text(messages, problems, "note", t.note(), 1000, false);
        IpFields.raise(problems);
        long tx = jdbc.sql("""
                        insert into ip_transaction (patent_id, form, licence_kind, counterparty, counterparty_kind,
                            region_code, signed_on, contract_no, amount, costs, note, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        id,
                        t.form().name(),
                        t.licenceKind() == null ? null : t.licenceKind().name(),
                        t.counterparty().strip(),
                        t.counterpartyKind().name(),
                        region == null ? null : region.code(),
                        t.signedOn(),
                        IpFields.strip(t.contractNo()),
                        t.amount() == null ? BigDecimal.ZERO : t.amount(),
                        t.costs() == null ? BigDecimal.ZERO : t.costs(),
                        IpFields.strip(t.note()),
                        actor.username())
                .query(Long.class)
                .single();
        bump(id);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("transaction", tx);
        after.put("form", t.form().name());
        after.put("counterparty", t.counterparty().strip());
        after.put("amount", t.amount());
        audit(id, "IP_TRANSFERRED", after);
        if (region != null) {
            // 科技帮扶: the pairing module books it against the university's partnership with the region, if any
            events.publishEvent(new TechAssistance.Tagged(tx, universities.mine(), region.code(), t.signedOn()));
        }
        return detail(id);
    }

    /** Books money received under a deal (If-Match: the patent's version). */
    @Transactional
    public Detail receive(long id, long transaction, int version, NewReceipt r) {
        editable(id, version);
        LocalDate signed = jdbc.sql("select signed_on from ip_transaction where id = ? and patent_id = ?")
                .params(transaction, id)
                .query(LocalDate.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("ip.transaction-not-found", transaction));
        List<FieldProblem> problems = new ArrayList<>();
        if (r.receivedOn() == null
                || r.receivedOn().isAfter(today())
                || r.receivedOn().isBefore(signed)) {
            problems.add(FieldProblem.of("receivedOn", messages.get("ip.received-on", signed.toString())));
        }
        IpFields.money(messages, problems, "amount", r.amount(), false);
        IpFields.text(messages, problems, "note", r.note(), 500, false);
        IpFields.raise(problems);
        jdbc.sql(
                        "insert into ip_receipt (transaction_id, received_on, amount, note, created_by) values (?, ?, ?, ?, ?)")
                .params(transaction, r.receivedOn(), r.amount(), IpFields.strip(r.note()), actor.username())
                .update();
        bump(id);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("transaction", transaction);
        after.put("amount", r.amount());
        after.put("receivedOn", r.receivedOn().toString());
        audit(id, "IP_RECEIVED", after);
        return detail(id);
    }

    /** Sets a deal's contract number, e.g. one the 备案 found missing (If-Match: the patent's version). */
    @Transactional
    public Detail contract(long id, long transaction, int version, Contract c) {
        Patent p = find(id, true);
        if (p.version() != version) {
            throw ApiException.preconditionFailed("ip.stale", id);
        }
        String before = jdbc.sql("select contract_no from ip_transaction where id = ? and patent_id = ?")
                .params(transaction, id)
                .query((rs, i) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .orElseThrow(() -> ApiException.notFound("ip.transaction-not-found", transaction))
                .orElse(null);
        List<FieldProblem> problems = new ArrayList<>();
        IpFields.text(messages, problems, "contractNo", c.contractNo(), 64, true);
        IpFields.raise(problems);
        jdbc.sql("update ip_transaction set contract_no = ? where id = ?")
                .params(c.contractNo().strip(), transaction)
                .update();
        bump(id);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("contractNo", before);
        events.publishEvent(new AuditableChange(
                "ip_patent",
                Long.toString(id),
                "IP_CONTRACT_SET",
                b,
                Map.of("contractNo", c.contractNo().strip())));
        return detail(id);
    }

    // ---- the split ----

    /** The income split of a patent from its ledger, deals and the disclosure's inventors and evaluation costs. */
    IncomeSplit.Statement split(Patent p, List<Fee> fees, List<Transaction> transactions) {
        BigDecimal uFees = BigDecimal.ZERO;
        BigDecimal iFees = BigDecimal.ZERO;
        for (Fee f : fees) {
            if (f.payer() == Payer.INVENTOR) {
                iFees = iFees.add(f.amount());
            } else {
                uFees = uFees.add(f.amount());
            }
        }
        BigDecimal income = BigDecimal.ZERO;
        BigDecimal costs = BigDecimal.ZERO;
        for (Transaction t : transactions) {
            costs = costs.add(t.costs());
            for (Receipt r : t.receipts()) {
                income = income.add(r.amount());
            }
        }
        Inventions.Disclosure d = inventions.find(p.disclosureId(), false);
        IncomeSplit.Rule rule;
        BigDecimal share = p.inventorShare();
        if (p.ownership() == Ownership.INVENTOR) {
            rule = IncomeSplit.Rule.NOT_FILED_BY_UNIVERSITY;
        } else {
            // the university's evaluation before filing is a cost of the disclosure's first patent only (an invention
            // filed as an invention patent and a utility model is evaluated once)
            long first = jdbc.sql("select min(id) from ip_patent where disclosure_id = ?")
                    .param(p.disclosureId())
                    .query(Long.class)
                    .single();
            if (first == p.id()) {
                for (Inventions.Evaluation e : d.evaluations()) {
                    costs = costs.add(e.cost());
                }
            }
            if (p.ownership() == Ownership.SPLIT) {
                rule = IncomeSplit.Rule.SPLIT_OWNERSHIP;
                share = p.inventorOwnership();
            } else {
                rule = iFees.signum() > 0 ? IncomeSplit.Rule.INVENTOR_PAID_FEES : IncomeSplit.Rule.UNIVERSITY_PAID_ALL;
            }
        }
        return IncomeSplit.compute(new IncomeSplit.Input(
                rule,
                income,
                uFees,
                iFees,
                costs,
                share,
                d.inventors().stream()
                        .map(i -> new IncomeSplit.Inventor(i.name(), i.share()))
                        .toList()));
    }

    // ---- access ----

    /** Whether a disclosure's decision lets it be filed with this ownership (000:92, 000:96). */
    static boolean decidedFor(Inventions.Disclosure d, Ownership ownership) {
        if (ownership == Ownership.INVENTOR) {
            return d.decision() == FilingDecision.TRANSFER_TO_INVENTOR;
        }
        return d.decision() == FilingDecision.FILE || (d.funding() == Funding.COMMISSIONED && d.contractFiles());
    }

    Patent find(long id, boolean lock) {
        long mine = universities.mine();
        if (lock) {
            jdbc.sql("select id from ip_patent where id = ? and university_id = ? for update")
                    .params(id, mine)
                    .query(Long.class)
                    .optional();
        }
        return jdbc.sql(SELECT + " where p.id = ? and p.university_id = ?")
                .params(id, mine)
                .query(patents(universities.titles()))
                .optional()
                .orElseThrow(() -> ApiException.notFound("ip.patent-not-found", id));
    }

    /** A patent of the caller's university at the version read (412 otherwise), in force or filed (409 otherwise). */
    Patent editable(long id, int version) {
        Patent p = find(id, true);
        if (p.version() != version) {
            throw ApiException.preconditionFailed("ip.stale", id);
        }
        if (p.status() == PatentStatus.ABANDONED) {
            throw ApiException.conflict("ip.patent-ended", p.number());
        }
        return p;
    }

    private void bump(long id) {
        jdbc.sql("update ip_patent set version = version + 1 where id = ?")
                .param(id)
                .update();
    }

    void audit(long id, String action, Map<String, ?> after) {
        events.publishEvent(new AuditableChange("ip_patent", Long.toString(id), action, null, after));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The filing day's anniversary in a year (29 February → 28 February in other years). */
    static LocalDate anniversary(LocalDate filed, int year) {
        return filed.withYear(year);
    }

    private static final String SELECT = """
            select p.*, d.title, d.classified,
                (select count(*) from ip_transaction t where t.patent_id = p.id) transactions,
                (select coalesce(sum(r.amount), 0) from ip_receipt r join ip_transaction t on t.id = r.transaction_id
                 where t.patent_id = p.id) income
            from ip_patent p join ip_disclosure d on d.id = p.disclosure_id""";

    /** Patents as the caller reads them: a classified result's title masked unless they are cleared. */
    private static RowMapper<Patent> patents(Universities.Titles titles) {
        return (rs, i) -> patent(rs, titles);
    }

    private static Patent patent(ResultSet rs, Universities.Titles titles) throws SQLException {
        return new Patent(
                rs.getLong("id"),
                rs.getLong("disclosure_id"),
                titles.of(rs.getBoolean("classified"), rs.getString("title")),
                rs.getString("number"),
                PatentType.valueOf(rs.getString("type")),
                rs.getObject("filed_on", LocalDate.class),
                rs.getObject("granted_on", LocalDate.class),
                PatentStatus.valueOf(rs.getString("status")),
                Ownership.valueOf(rs.getString("ownership")),
                rs.getBigDecimal("inventor_ownership"),
                rs.getBigDecimal("inventor_share"),
                rs.getObject("open_licence_on", LocalDate.class),
                rs.getString("open_licence_terms"),
                rs.getString("unused_reason"),
                rs.getLong("transactions"),
                rs.getBigDecimal("income"),
                rs.getBoolean("classified"),
                rs.getInt("version"));
    }

    private Transaction transaction(ResultSet rs, int i) throws SQLException {
        long id = rs.getLong("id");
        String region = rs.getString("region_code");
        List<Receipt> receipts = jdbc.sql("select * from ip_receipt where transaction_id = ? order by received_on, id")
                .param(id)
                .query((r, j) -> new Receipt(
                        r.getLong("id"),
                        r.getObject("received_on", LocalDate.class),
                        r.getBigDecimal("amount"),
                        r.getString("note")))
                .list();
        return new Transaction(
                id,
                TransferForm.valueOf(rs.getString("form")),
                rs.getString("licence_kind") == null ? null : LicenceKind.valueOf(rs.getString("licence_kind")),
                rs.getString("counterparty"),
                CounterpartyKind.valueOf(rs.getString("counterparty_kind")),
                region,
                region == null ? null : regions.find(region).map(Region::name).orElse(region),
                rs.getObject("signed_on", LocalDate.class),
                rs.getString("contract_no"),
                rs.getBigDecimal("amount"),
                rs.getBigDecimal("costs"),
                rs.getString("note"),
                receipts);
    }
}
