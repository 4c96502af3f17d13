package org.fangpin.ip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.ip.IpTerms.CounterpartyKind;
import org.fangpin.ip.IpTerms.LicenceKind;
import org.fangpin.ip.IpTerms.PatentType;
import org.fangpin.ip.IpTerms.TransferForm;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 备案监测 and 开放许可 (000:126–130): the year's 转化 prepared for the CNIPA system by the end of March (reminded from
 * 1 March), the 非正常专利申请 notified per quarter against the thresholds that cost a university the next year's
 * 中国专利奖, the patents granted three years ago and never used without a stated reason (to be licensed openly), and a
 * research project's IP list at 验收 (000:84). Only the caller's own university's records.
 */
@Service
public class IpMonitoring {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** The 备案 file's name for a year. */
    public static String filingName(int year) {
        return "专利转化实施备案-" + year + ".xlsx";
    }

    /** The years after grant after which an unused patent without a stated reason is to be licensed openly (000:130). */
    public static final int UNUSED_YEARS = 3;

    /** A deal as the 备案 lists it. */
    @Schema(name = "IpFilingDeal")
    public record FilingDeal(
            long transactionId,
            long patentId,
            String number,
            String title,
            PatentType type,
            TransferForm form,
            LicenceKind licenceKind,
            String counterparty,
            CounterpartyKind counterpartyKind,
            String contractNo,
            LocalDate signedOn,
            BigDecimal amount,
            BigDecimal receivedInYear) {}

    /**
     * The 备案 of a year's 转化: due by 31 March of the next year; {@code remind} from 1 March until prepared, {@code
     * overdue} after the 31st.
     */
    @Schema(name = "IpFilingStatus")
    public record FilingStatus(
            int year,
            LocalDate dueOn,
            long deals,
            Instant preparedAt,
            String preparedBy,
            boolean remind,
            boolean overdue) {}

    @Schema(name = "NewIpIrregular")
    public record NewIrregular(String applicationNo, LocalDate notifiedOn, String note) {}

    @Schema(name = "IpIrregular")
    public record Irregular(long id, String applicationNo, LocalDate notifiedOn, int quarter, String note) {}

    /** A year's 非正常专利申请: per quarter, the year's share of the applications filed, and whether a line is crossed. */
    @Schema(name = "IpIrregularYear")
    public record IrregularYear(
            int year,
            List<Long> perQuarter,
            long notices,
            long filings,
            BigDecimal share,
            long quarterMax,
            BigDecimal shareMax,
            IrregularRule.Verdict verdict,
            List<Irregular> items) {}

    @Schema(name = "IpUnusedPatent")
    public record Unused(
            long patentId,
            String number,
            String title,
            LocalDate grantedOn,
            LocalDate openLicenceOn,
            String openLicenceTerms,
            int version) {}

    @Schema(name = "IpOpenLicence")
    public record OpenLicence(String terms, LocalDate publishedOn) {}

    @Schema(name = "IpUnusedReason")
    public record UnusedReason(String reason) {}

    /** A research project's IP at 验收: its disclosures (trade secrets among them) and patents. */
    @Schema(name = "IpProjectList")
    public record ProjectList(String project, List<Inventions.Summary> disclosures, List<Patents.Patent> patents) {}

    private final JdbcClient jdbc;
    private final Universities universities;
    private final Inventions inventions;
    private final Patents patents;
    private final PolicyParameters parameters;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Actor.Current actor;
    private final Clock clock;

    IpMonitoring(
            JdbcClient jdbc,
            Universities universities,
            Inventions inventions,
            Patents patents,
            PolicyParameters parameters,
            ApplicationEventPublisher events,
            Messages messages,
            Actor.Current actor,
            Clock clock) {
        this.jdbc = jdbc;
        this.universities = universities;
        this.inventions = inventions;
        this.patents = patents;
        this.parameters = parameters;
        this.events = events;
        this.messages = messages;
        this.actor = actor;
        this.clock = clock;
    }

    // ---- 备案 ----

    /** Last year's 备案 as it stands today. */
    @Transactional(readOnly = true)
    public FilingStatus filingStatus() {
        long mine = universities.mine();
        int year = today().getYear() - 1;
        long deals = filingDeals(mine, year).size();
        // a table prepared before a deal of the year was recorded is prepared no longer
        return jdbc.sql("select prepared_at, prepared_by, deals from ip_filing where university_id = ? and year = ?")
                .params(mine, year)
                .query((rs, i) -> rs.getInt(3) < deals
                        ? status(year, today(), deals, null, null)
                        : status(year, today(), deals, rs.getTimestamp(1).toInstant(), rs.getString(2)))
                .optional()
                .orElseGet(() -> status(year, today(), deals, null, null));
    }

    /**
     * A year's 备案 on a day: due on 31 March of the next year; reminded from 1 March to the 31st while deals wait
     * unprepared, overdue after.
     */
    static FilingStatus status(int year, LocalDate today, long deals, Instant preparedAt, String preparedBy) {
        LocalDate due = LocalDate.of(year + 1, 3, 31);
        boolean open = preparedAt == null && deals > 0;
        return new FilingStatus(
                year,
                due,
                deals,
                preparedAt,
                preparedBy,
                open && !today.isBefore(LocalDate.of(year + 1, 3, 1)) && !today.isAfter(due),
                open && today.isAfter(due));
    }

    /** The deals of a year the 备案 lists: every 转让, 许可, 作价入股 and 共有 signed in it. */
    @Transactional(readOnly = true)
    public List<FilingDeal> filingDeals(int year) {
        return filingDeals(universities.mine(), year);
    }

    /**
     * The 备案 file of a finished year (XLSX, the CNIPA system's columns), prepared once the deals all name their
     * contract (422 listing those that do not); the preparation is recorded and audited.
     */
    @Transactional
    public byte[] prepareFiling(int year) {
        long mine = universities.mine();
        if (year >= today().getYear() || year < 2000) {
            throw ApiException.invalid("year", messages.get("ip.filing-year", Integer.toString(year)));
        }
        List<FilingDeal> deals = filingDeals(mine, year);
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < deals.size(); i++) {
            FilingDeal d = deals.get(i);
            if (d.contractNo() == null) {
                problems.add(FieldProblem.of(
                        "deals[" + i + "].contractNo",
                        messages.get(
                                "ip.filing-contract",
                                d.number(),
                                d.counterparty(),
                                d.signedOn().toString())));
            }
        }
        IpFields.raise(problems);
        byte[] file = filingWorkbook(universities.name(mine).orElse(""), year, deals);
        jdbc.sql("""
                        insert into ip_filing (university_id, year, deals, prepared_by) values (?, ?, ?, ?)
                        on conflict (university_id, year) do update
                        set deals = excluded.deals, prepared_by = excluded.prepared_by, prepared_at = now()""").params(mine, year, deals.size(), actor.username()).update();
        events.publishEvent(new AuditableChange(
                "ip_university",
                Long.toString(mine),
                "IP_FILING_PREPARED",
                null,
                Map.of("year", year, "deals", deals.size())));
        return file;
    }

    private List<FilingDeal> filingDeals(long university, int year) {
        return jdbc.sql("""
                        select t.id, p.id patent_id, p.number, d.title, d.classified, p.type, t.form, t.licence_kind, t.counterparty,
                               t.counterparty_kind, t.contract_no, t.signed_on, t.amount,
                               (select coalesce(sum(r.amount), 0) from ip_receipt r where r.transaction_id = t.id
                                and extract(year from r.received_on) = :year) received
                        from ip_transaction t join ip_patent p on p.id = t.patent_id
                        join ip_disclosure d on d.id = p.disclosure_id
                        where p.university_id = :u and extract(year from t.signed_on) = :year
                        order by t.signed_on, t.id""")
                .param("u", university)
                .param("year", year)
                .query(filingDeals(universities.titles()))
                .list();
    }

    private byte[] filingWorkbook(String university, int year, List<FilingDeal> deals) {
        Locale zh = Locale.CHINA;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Fangpin", "1.0");
            Worksheet ws = wb.newWorksheet(Integer.toString(year));
            ws.inlineString(0, 0, messages.get(zh, "ip.filing.title", university, Integer.toString(year)));
            ws.style(0, 0).bold().fontSize(14).set();
            ws.inlineString(1, 0, messages.get(zh, "ip.filing.source"));
            String[] heads = {
                "no",
                "number",
                "title",
                "type",
                "form",
                "licenceKind",
                "counterparty",
                "counterpartyKind",
                "contractNo",
                "signedOn",
                "amount",
                "received"
            };
            for (int c = 0; c < heads.length; c++) {
                ws.inlineString(3, c, messages.get(zh, "ip.filing.col." + heads[c]));
                ws.style(3, c).bold().fillColor("EEEEEE").set();
            }
            int r = 4;
            for (FilingDeal d : deals) {
                ws.value(r, 0, r - 3);
                ws.inlineString(r, 1, d.number());
                ws.inlineString(r, 2, d.title());
                ws.inlineString(r, 3, d.type().zh());
                ws.inlineString(r, 4, d.form().zh());
                ws.inlineString(
                        r, 5, d.licenceKind() == null ? "" : d.licenceKind().zh());
                ws.inlineString(r, 6, d.counterparty());
                ws.inlineString(r, 7, d.counterpartyKind().zh());
                ws.inlineString(r, 8, d.contractNo());
                ws.inlineString(r, 9, d.signedOn().toString());
                ws.value(r, 10, d.amount());
                ws.value(r, 11, d.receivedInYear());
                r++;
            }
            ws.width(2, 30);
            ws.width(6, 30);
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- 非正常专利申请 ----

    /** The first year 000:126's lines were in force. */
    public static final int IRREGULAR_FROM = 2020;

    @Transactional(readOnly = true)
    public IrregularYear irregular(int year) {
        long mine = universities.mine();
        if (year < IRREGULAR_FROM || year > today().getYear()) {
            throw ApiException.badRequest("ip.irregular-year", Integer.toString(IRREGULAR_FROM));
        }
        List<Irregular> items = jdbc.sql("select * from ip_irregular where university_id = ?"
                        + " and extract(year from notified_on) = ? order by notified_on, id")
                .params(mine, year)
                .query(IpMonitoring::irregular)
                .list();
        long[] counts = new long[4];
        items.forEach(i -> counts[i.quarter() - 1]++);
        List<Long> quarters = List.of(counts[0], counts[1], counts[2], counts[3]);
        // the applications the university filed in the year (its own and split ones; the inventors' own are theirs)
        long filings = jdbc.sql("select count(*) from ip_patent where university_id = ? and ownership <> 'INVENTOR'"
                        + " and extract(year from filed_on) = ?")
                .params(mine, year)
                .query(Long.class)
                .single();
        Map<String, PolicyParameters.Value> values =
                parameters.resolve(universities.province(mine), LocalDate.of(year, 12, 31));
        long quarterMax = values.get("ip_irregular_quarter_max").value().longValue();
        BigDecimal shareMax = values.get("ip_irregular_share_max").value();
        IrregularRule.Verdict verdict = IrregularRule.judge(quarters, filings, quarterMax, shareMax);
        BigDecimal share = filings == 0
                ? null
                : BigDecimal.valueOf(items.size()).divide(BigDecimal.valueOf(filings), 4, RoundingMode.HALF_UP);
        return new IrregularYear(year, quarters, items.size(), filings, share, quarterMax, shareMax, verdict, items);
    }

    @Transactional
    public Irregular notify(NewIrregular n) {
        long mine = universities.mine();
        List<FieldProblem> problems = new ArrayList<>();
        String no = IpFields.strip(n.applicationNo()) == null
                ? null
                : n.applicationNo().strip().toUpperCase(Locale.ROOT);
        if (no == null || !no.matches(IpFields.PATENT_NUMBER)) {
            problems.add(FieldProblem.of("applicationNo", messages.get("ip.number")));
        }
        if (n.notifiedOn() == null || n.notifiedOn().isAfter(today())) {
            problems.add(FieldProblem.of("notifiedOn", messages.get("ip.not-future")));
        }
        IpFields.text(messages, problems, "note", n.note(), 500, false);
        IpFields.raise(problems);
        long id;
        try {
            id = jdbc.sql("insert into ip_irregular (university_id, application_no, notified_on, note, created_by)"
                            + " values (?, ?, ?, ?, ?) returning id")
                    .params(mine, no, n.notifiedOn(), IpFields.strip(n.note()), actor.username())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("ip.irregular-taken", no);
        }
        events.publishEvent(new AuditableChange(
                "ip_university",
                Long.toString(mine),
                "IP_IRREGULAR_NOTIFIED",
                null,
                Map.of("number", no, "notifiedOn", n.notifiedOn().toString())));
        return new Irregular(id, no, n.notifiedOn(), quarter(n.notifiedOn()), IpFields.strip(n.note()));
    }

    // ---- 开放许可 ----

    /**
     * The patents granted {@link #UNUSED_YEARS} years ago or more (on or before this day three years back) with no
     * deal and no 正当理由 recorded: to be licensed openly (000:130); those already published say so.
     */
    @Transactional(readOnly = true)
    public List<Unused> unused() {
        Universities.Titles titles = universities.titles();
        return jdbc.sql("""
                        select p.id, p.number, d.title, p.granted_on, p.open_licence_on, p.open_licence_terms, p.version,
                               d.classified
                        from ip_patent p join ip_disclosure d on d.id = p.disclosure_id
                        where p.university_id = ? and p.status = 'GRANTED' and p.granted_on <= ?
                          and p.unused_reason is null
                          and not exists (select 1 from ip_transaction t where t.patent_id = p.id)
                        order by p.granted_on, p.id""")
                .params(universities.mine(), today().minusYears(UNUSED_YEARS))
                .query((rs, i) -> new Unused(
                        rs.getLong(1),
                        rs.getString(2),
                        titles.of(rs.getBoolean(8), rs.getString(3)),
                        rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class),
                        rs.getString(6),
                        rs.getInt(7)))
                .list();
    }

    /** The terms of a granted patent's open licence and the day it was published (If-Match: the patent's version). */
    @Transactional
    public Patents.Detail openLicence(long id, int version, OpenLicence o) {
        Patents.Patent p = patents.editable(id, version);
        List<FieldProblem> problems = new ArrayList<>();
        if (p.status() != IpTerms.PatentStatus.GRANTED) {
            problems.add(FieldProblem.of("publishedOn", messages.get("ip.open-granted")));
        }
        IpFields.text(messages, problems, "terms", o.terms(), 2000, true);
        if (o.publishedOn() == null
                || o.publishedOn().isAfter(today())
                || (p.grantedOn() != null && o.publishedOn().isBefore(p.grantedOn()))) {
            problems.add(FieldProblem.of("publishedOn", messages.get("ip.granted-on")));
        }
        IpFields.raise(problems);
        jdbc.sql("update ip_patent set open_licence_terms = ?, open_licence_on = ?, version = version + 1"
                        + " where id = ?")
                .params(o.terms().strip(), o.publishedOn(), id)
                .update();
        patents.audit(
                id, "IP_OPEN_LICENCE", Map.of("publishedOn", o.publishedOn().toString()));
        return patents.detail(id);
    }

    /** The 正当理由 a granted patent has not been used (If-Match: the patent's version). */
    @Transactional
    public Patents.Detail unusedReason(long id, int version, UnusedReason r) {
        Patents.Patent p = patents.editable(id, version);
        List<FieldProblem> problems = new ArrayList<>();
        if (p.status() != IpTerms.PatentStatus.GRANTED) {
            problems.add(FieldProblem.of("reason", messages.get("ip.open-granted")));
        }
        IpFields.text(messages, problems, "reason", r.reason(), 1000, true);
        IpFields.raise(problems);
        jdbc.sql("update ip_patent set unused_reason = ?, version = version + 1 where id = ?")
                .params(r.reason().strip(), id)
                .update();
        patents.audit(id, "IP_UNUSED_REASON", Map.of("reason", r.reason().strip()));
        return patents.detail(id);
    }

    // ---- 项目成果知识产权清单 ----

    /** The research projects the university's disclosures name. */
    @Transactional(readOnly = true)
    public List<String> projects() {
        return jdbc.sql("select distinct research_project from ip_disclosure where university_id = ?"
                        + " and research_project is not null order by 1")
                .param(universities.mine())
                .query(String.class)
                .list();
    }

    /** A research project's IP list (000:84): its disclosures and their decisions, and the patents filed. */
    @Transactional(readOnly = true)
    public ProjectList project(String name) {
        if (IpFields.strip(name) == null) {
            throw ApiException.invalid("project", messages.get("import.error.required"));
        }
        List<Long> ids = jdbc.sql("select id from ip_disclosure where university_id = ? and research_project = ?")
                .params(universities.mine(), name.strip())
                .query(Long.class)
                .list();
        return new ProjectList(
                name.strip(),
                inventions.list().stream().filter(d -> ids.contains(d.id())).toList(),
                patents.list().stream()
                        .filter(p -> ids.contains(p.disclosureId()))
                        .toList());
    }

    // ---- helpers ----

    static int quarter(LocalDate d) {
        return (d.getMonthValue() - 1) / 3 + 1;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static Irregular irregular(ResultSet rs, int i) throws SQLException {
        LocalDate on = rs.getObject("notified_on", LocalDate.class);
        return new Irregular(rs.getLong("id"), rs.getString("application_no"), on, quarter(on), rs.getString("note"));
    }

    private static RowMapper<FilingDeal> filingDeals(Universities.Titles titles) {
        return (rs, i) -> filingDeal(rs, titles);
    }

    private static FilingDeal filingDeal(ResultSet rs, Universities.Titles titles) throws SQLException {
        String licence = rs.getString("licence_kind");
        return new FilingDeal(
                rs.getLong("id"),
                rs.getLong("patent_id"),
                rs.getString("number"),
                titles.of(rs.getBoolean("classified"), rs.getString("title")),
                PatentType.valueOf(rs.getString("type")),
                TransferForm.valueOf(rs.getString("form")),
                licence == null ? null : LicenceKind.valueOf(licence),
                rs.getString("counterparty"),
                CounterpartyKind.valueOf(rs.getString("counterparty_kind")),
                rs.getString("contract_no"),
                rs.getObject("signed_on", LocalDate.class),
                rs.getBigDecimal("amount"),
                rs.getBigDecimal("received"));
    }
}
