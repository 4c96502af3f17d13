package org.fangpin.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.common.Labelled;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.importing.CsvCells;
import org.fangpin.region.RegionCode;
import org.fangpin.security.SensitiveAccess;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Streams a region's current households and members in the import template ({@link HouseholdColumn}), as CSV
 * (UTF-8 with BOM, for Excel) or XLSX, in constant memory. Importing the export back changes nothing.
 */
@Service
public class HouseholdExporter {

    public enum Format {
        CSV,
        XLSX
    }

    private final JdbcTemplate jdbc;

    private final ApplicationEventPublisher events;
    private final SensitiveAccess sensitiveAccess;

    private final PersonIdentifiers identifiers;

    HouseholdExporter(
            DataSource dataSource,
            ApplicationEventPublisher events,
            SensitiveAccess sensitiveAccess,
            PersonIdentifiers identifiers) {
        this.identifiers = identifiers;
        this.events = events;
        this.sensitiveAccess = sensitiveAccess;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5000); // stream through a server-side cursor
    }

    /** A row writer: CSV or XLSX. */
    private interface Sink {
        void row(List<String> cells);
    }

    /** Writes the export; returns the number of persons written. */
    @Transactional(readOnly = true)
    public long export(RegionCode.CodeRange scope, Format format, OutputStream out) {
        boolean full = sensitiveAccess.mayViewInFull();
        long n = write(scope, format, out, full);
        if (scope != RegionCode.CodeRange.NOTHING) {
            // exports carry full ID numbers: a read of sensitive data, so it is audited
            events.publishEvent(new AuditableChange(
                    "households",
                    scope.low(),
                    "EXPORT",
                    null,
                    Map.of(
                            "from",
                            scope.low(),
                            "to",
                            scope.high(),
                            "persons",
                            n,
                            "format",
                            format.name(),
                            "fullIdNumbers",
                            full),
                    scope.low()));
        }
        return n;
    }

    /** {@code full}: ID and phone numbers in full (re-importable) or masked (for callers without the permission). */
    private long write(RegionCode.CodeRange scope, Format format, OutputStream out, boolean full) {
        try {
            if (format == Format.XLSX) {
                Workbook wb = new Workbook(out, "Fangpin", "1.0");
                Worksheet ws = wb.newWorksheet("建档立卡户");
                long[] r = {0};
                long n = write(scope, full, cells -> {
                    for (int c = 0; c < cells.size(); c++) {
                        ws.value((int) r[0], c, cells.get(c));
                    }
                    r[0]++;
                    if (r[0] % 1000 == 0) {
                        try {
                            ws.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
                wb.finish();
                return n;
            }
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\uFEFF');
            CsvCells.Printer printer = CsvCells.printer(w);
            long n = write(scope, full, cells -> {
                try {
                    printer.printRecord(cells);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long write(RegionCode.CodeRange scope, boolean full, Sink sink) {
        sink.row(HouseholdColumn.written().stream().map(HouseholdColumn::header).toList());
        long[] count = {0};
        jdbc.query(
                """
                select h.household_no, h.village_code, h.address, h.identity, h.identity_flags, h.exit_year,
                       h.monitoring_state, h.monitoring_category, h.monitoring_since, h.risk_causes, h.eliminated_on,
                       h.elimination_kind, h.housing_grade, h.water_safe, h.income_year, h.income_wage, h.income_production,
                       h.income_property, h.income_transfer, h.production_cost, p.name, p.id_number_enc,
                       p.id_number_masked, p.relation, p.phone_enc, p.phone_masked, p.ethnicity, p.education, p.school_status, p.health, p.disability_grade,
                       p.labour_capacity, p.work_status, p.work_place, p.work_months, p.medical_insurance,
                       p.pension_insurance, p.dibao, p.tekun, p.disability_subsidy
                from household h
                join person p on p.household_id = h.household_id and p.valid_to is null and not p.deleted
                where h.valid_to is null and not h.deleted and h.village_code between ? and ?
                order by h.village_code, h.household_no, p.relation = 'HEAD' desc, p.birth_date, p.person_id""",
                rs -> {
                    sink.row(cells(rs, full));
                    count[0]++;
                },
                scope.low(),
                scope.high());
        return count[0];
    }

    private List<String> cells(ResultSet rs, boolean full) throws SQLException {
        return Arrays.asList(
                rs.getString("household_no"),
                rs.getString("village_code"),
                nz(rs.getString("address")),
                label(HouseholdIdentity.class, rs.getString("identity")),
                labels(IdentityFlag.class, rs.getArray("identity_flags")),
                nz(rs.getObject("exit_year")),
                label(MonitoringState.class, rs.getString("monitoring_state")),
                label(MonitoringCategory.class, rs.getString("monitoring_category")),
                nz(rs.getObject("monitoring_since", LocalDate.class)),
                labels(RiskCause.class, rs.getArray("risk_causes")),
                nz(rs.getObject("eliminated_on", LocalDate.class)),
                label(EliminationKind.class, rs.getString("elimination_kind")),
                nz(rs.getString("housing_grade")),
                yesNo(rs, "water_safe"),
                nz(rs.getObject("income_year")),
                money(rs.getBigDecimal("income_wage")),
                money(rs.getBigDecimal("income_production")),
                money(rs.getBigDecimal("income_property")),
                money(rs.getBigDecimal("income_transfer")),
                money(rs.getBigDecimal("production_cost")),
                rs.getString("name"),
                full ? identifiers.openId(rs.getBytes("id_number_enc")) : rs.getString("id_number_masked"),
                label(Relation.class, rs.getString("relation")),
                nz(full ? identifiers.openPhone(rs.getBytes("phone_enc")) : rs.getString("phone_masked")),
                nz(rs.getString("ethnicity")),
                label(Education.class, rs.getString("education")),
                label(SchoolStatus.class, rs.getString("school_status")),
                label(Health.class, rs.getString("health")),
                nz(rs.getObject("disability_grade")),
                label(LabourCapacity.class, rs.getString("labour_capacity")),
                label(WorkStatus.class, rs.getString("work_status")),
                nz(rs.getString("work_place")),
                nz(rs.getObject("work_months")),
                yesNo(rs, "medical_insurance"),
                yesNo(rs, "pension_insurance"),
                yesNo(rs, "dibao"),
                yesNo(rs, "tekun"),
                yesNo(rs, "disability_subsidy"));
    }

    private static <E extends Enum<E> & Labelled> String label(Class<E> type, String code) {
        return code == null ? "" : Enum.valueOf(type, code).zh();
    }

    /** A list's labels joined with 、 as offices write them. */
    private static <E extends Enum<E> & Labelled> String labels(Class<E> type, Array codes) throws SQLException {
        if (codes == null) {
            return "";
        }
        return String.join(
                "、",
                Arrays.stream((String[]) codes.getArray())
                        .map(c -> Enum.valueOf(type, c).zh())
                        .toList());
    }

    private static String nz(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String money(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }

    private static String yesNo(ResultSet rs, String col) throws SQLException {
        Object v = rs.getObject(col);
        return v == null ? "" : ((Boolean) v) ? "是" : "否";
    }
}
