package org.fangpin.project;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.fangpin.project.Funds.Allocation;
import org.fangpin.project.Funds.Line;
import org.fangpin.project.Funds.Payment;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the money's rows: the queries of allocations (with what is assigned and paid from them), funding lines (with
 * what is paid) and payments (with their reversals), the mapping of each row and the allocations' county names. A
 * department user reads household and worker payments without the payee's name, registry id or note.
 */
@Component
class FundRows {

    private final RegionDirectory regions;
    private final Actor.Current actor;
    private final JdbcClient jdbc;

    FundRows(RegionDirectory regions, Actor.Current actor, JdbcClient jdbc) {
        this.regions = regions;
        this.actor = actor;
        this.jdbc = jdbc;
    }

    /** A project's lines and payments, and what they add up to. */
    Funds.ProjectFunds projectFunds(long projectId) {
        List<Line> lines = jdbc.sql(FundRows.LINES + " where l.project_id = ? order by l.id")
                .param(projectId)
                .query(this::lineRow)
                .list();
        List<Payment> payments = jdbc.sql(FundRows.PAYMENTS + " where l.project_id = ? order by d.id")
                .param(projectId)
                .query(this::paymentRow)
                .list();
        BigDecimal assigned = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal paid = payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal labour =
                payments.stream().filter(Payment::labour).map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Funds.ProjectFunds(lines, payments, assigned, paid, labour);
    }

    /** Allocations with what is assigned from them and paid from their lines; read by {@link #allocationRow}. */
    static final String ALLOCATIONS = """
            select a.*,
                   coalesce((select sum(l.amount) from funding_line l where l.allocation_id = a.id), 0) as assigned,
                   coalesce((select sum(d.amount) from funding_line l join disbursement d on d.line_id = l.id
                             where l.allocation_id = a.id), 0) as disbursed
            from fund_allocation a""";

    /** Funding lines with their allocation's source, document and year and what is paid; read by {@link #lineRow}. */
    static final String LINES = """
            select l.*, a.source, a.document_no, a.year,
                   coalesce((select sum(d.amount) from disbursement d where d.line_id = l.id), 0) as paid
            from funding_line l join fund_allocation a on a.id = l.allocation_id""";

    /** Payments with the reversal of each, if any; read by {@link #paymentRow}. */
    static final String PAYMENTS = """
            select d.*, (select r.id from disbursement r where r.reverses = d.id) as reversed_by
            from disbursement d join funding_line l on l.id = d.line_id""";

    Line lineRow(ResultSet rs, int n) throws SQLException {
        BigDecimal amount = rs.getBigDecimal("amount");
        BigDecimal paid = rs.getBigDecimal("paid");
        return new Line(
                rs.getLong("id"),
                rs.getLong("project_id"),
                rs.getLong("allocation_id"),
                FundSource.valueOf(rs.getString("source")),
                rs.getString("document_no"),
                rs.getInt("year"),
                amount,
                paid,
                amount.subtract(paid));
    }

    /** A payment; a department reads a household's or worker's payment without who received it. */
    Payment paymentRow(ResultSet rs, int n) throws SQLException {
        boolean department = actor.get().map(a -> a.role() == Role.DEPARTMENT).orElse(false);
        PayeeKind kind = PayeeKind.valueOf(rs.getString("payee_kind"));
        // a department reads the project's money, not who in the households received it
        boolean hidden = department && (kind == PayeeKind.HOUSEHOLD || kind == PayeeKind.WORKER);
        return new Payment(
                rs.getLong("id"),
                rs.getLong("line_id"),
                rs.getObject("paid_on", LocalDate.class),
                rs.getBigDecimal("amount"),
                kind,
                hidden ? kind.label(LocaleContextHolder.getLocale()) : rs.getString("payee_name"),
                hidden ? null : rs.getObject("household_id", Long.class),
                (Boolean) rs.getObject("one_card"),
                rs.getBoolean("labour"),
                rs.getString("voucher_no"),
                rs.getObject("reverses", Long.class),
                rs.getObject("reversed_by", Long.class),
                hidden ? null : rs.getString("note"),
                rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant());
    }

    /** An allocation without its county's name ({@link #named} adds it). */
    Allocation allocationRow(ResultSet rs, int n) throws SQLException {
        return new Allocation(
                rs.getLong("id"),
                rs.getString("county_code"),
                null,
                rs.getInt("year"),
                FundSource.valueOf(rs.getString("source")),
                rs.getString("document_no"),
                rs.getBigDecimal("amount"),
                rs.getObject("issued_on", LocalDate.class),
                rs.getString("note"),
                rs.getBigDecimal("assigned"),
                rs.getBigDecimal("disbursed"),
                rs.getString("recorded_by"),
                rs.getInt("version"));
    }

    /** The allocations with their counties' names. */
    List<Allocation> named(List<Allocation> rows) {
        Map<String, String> names =
                regions.names(rows.stream().map(Allocation::county).distinct().toList());
        return rows.stream()
                .map(a -> new Allocation(
                        a.id(),
                        a.county(),
                        names.getOrDefault(a.county(), a.county()),
                        a.year(),
                        a.source(),
                        a.documentNo(),
                        a.amount(),
                        a.issuedOn(),
                        a.note(),
                        a.assigned(),
                        a.disbursed(),
                        a.recordedBy(),
                        a.version()))
                .toList();
    }
}
