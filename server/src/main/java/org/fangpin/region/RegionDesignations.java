package org.fangpin.region;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A county's designations ({@link Designation}) with the document that made them and their period; recorded by the
 * province for counties of its reach, never overlapping for one county and kind, audited.
 */
@Service
public class RegionDesignations {

    /** A designation as the API takes it. */
    @Schema(name = "NewDesignation")
    public record NewDesignation(Designation kind, LocalDate validFrom, LocalDate validTo, String documentNo) {}

    /** A designation of a county for a period ({@code validTo} exclusive; null: open-ended). */
    @Schema(name = "Designation")
    public record Held(
            long id,
            String code,
            Designation kind,
            LocalDate validFrom,
            LocalDate validTo,
            String documentNo,
            Instant recordedAt) {}

    private final JdbcClient jdbc;
    private final RegionDirectory regions;
    private final DataScope dataScope;
    private final ApplicationEventPublisher events;
    private final Messages messages;

    RegionDesignations(
            JdbcClient jdbc,
            RegionDirectory regions,
            DataScope dataScope,
            ApplicationEventPublisher events,
            Messages messages) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.dataScope = dataScope;
        this.events = events;
        this.messages = messages;
    }

    /** Whether a county held a designation on any day of a period (both ends included). */
    @Transactional(readOnly = true)
    public boolean heldDuring(String code, Designation kind, LocalDate from, LocalDate to) {
        return jdbc.sql("select exists (select 1 from region_designation where code = ? and kind = ?"
                        + " and valid_from <= ? and (valid_to is null or valid_to > ?))")
                .params(code, kind.name(), to, from)
                .query(Boolean.class)
                .single();
    }

    /** Whether a county held a designation on a day. */
    @Transactional(readOnly = true)
    public boolean holds(String code, Designation kind, LocalDate on) {
        return jdbc.sql("select exists (select 1 from region_designation where code = ? and kind = ?"
                        + " and valid_from <= ? and (valid_to is null or valid_to > ?))")
                .params(code, kind.name(), on, on)
                .query(Boolean.class)
                .single();
    }

    /** A county's designations, by kind and then oldest first. */
    @Transactional(readOnly = true)
    public List<Held> of(String code) {
        return jdbc.sql("select * from region_designation where code = ? order by kind, valid_from")
                .param(code)
                .query((rs, n) -> new Held(
                        rs.getLong("id"),
                        rs.getString("code"),
                        Designation.valueOf(rs.getString("kind")),
                        rs.getObject("valid_from", LocalDate.class),
                        rs.getObject("valid_to", LocalDate.class),
                        rs.getString("document_no"),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    /** Designates a county of the caller's reach for a period (422 with each field's reason; 409 when it overlaps). */
    @Transactional
    public Held designate(String code, NewDesignation d) {
        Region county = regions.find(code).orElse(null);
        if (county == null || !dataScope.current().covers(code)) {
            throw ApiException.notFound("region.not-found", code);
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (county.level() != RegionLevel.COUNTY) {
            problems.add(FieldProblem.of("code", messages.get("region.designation.county")));
        }
        if (d.kind() == null) {
            problems.add(FieldProblem.of("kind", messages.get("region.designation.required")));
        }
        if (d.validFrom() == null) {
            problems.add(FieldProblem.of("validFrom", messages.get("region.designation.required")));
        } else if (d.validTo() != null && !d.validTo().isAfter(d.validFrom())) {
            problems.add(FieldProblem.of("validTo", messages.get("region.designation.after", d.validFrom())));
        }
        if (d.documentNo() == null || d.documentNo().isBlank() || d.documentNo().length() > 100) {
            problems.add(FieldProblem.of("documentNo", messages.get("region.designation.document")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext('region_designation:' || ?))")
                .param(code)
                .query()
                .listOfRows();
        boolean overlaps = jdbc.sql("select exists (select 1 from region_designation where code = ? and kind = ?"
                        + " and (valid_to is null or valid_to > ?) and (cast(? as date) is null or valid_from < ?))")
                .params(code, d.kind().name(), d.validFrom(), d.validTo(), d.validTo())
                .query(Boolean.class)
                .single();
        if (overlaps) {
            throw ApiException.conflict("region.designation.overlap", d.kind().label(messages.locale()));
        }
        long id = jdbc.sql("insert into region_designation (code, kind, valid_from, valid_to, document_no)"
                        + " values (?, ?, ?, ?, ?) returning id")
                .params(
                        code,
                        d.kind().name(),
                        d.validFrom(),
                        d.validTo(),
                        d.documentNo().strip())
                .query(Long.class)
                .single();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("designation", d.kind().name());
        after.put("validFrom", d.validFrom().toString());
        if (d.validTo() != null) {
            after.put("validTo", d.validTo().toString());
        }
        after.put("documentNo", d.documentNo().strip());
        events.publishEvent(
                new AuditableChange("region_designation", Long.toString(id), "REGION_DESIGNATED", null, after, code));
        return of(code).stream().filter(h -> h.id() == id).findFirst().orElseThrow();
    }
}
