package org.fangpin.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.region.RegionDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reading {@code finding} rows, one or many, for the work on findings and for their lists. */
@Component
class FindingRows {

    /**
     * Past the deadline while the region holds it (待整改, 整改中); a request to close waits on the issuing level, and a
     * finding sent back after its deadline is overdue again.
     */
    static final String OVERDUE = "(state in ('TO_RECTIFY', 'RECTIFYING') and deadline < :today)";

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Clock clock;

    FindingRows(JdbcClient jdbc, DataScope dataScope, RegionDirectory regions, Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.clock = clock;
    }

    /** A finding of the caller's reach, optionally locked, with its regions named (404 otherwise). */
    Findings.Finding find(long id, boolean lock) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("today", LocalDate.now(clock));
        return jdbc.sql("select * from finding where id = :id and "
                        + dataScope.current().condition("region_code", p) + (lock ? " for update" : ""))
                .params(p)
                .query(this::finding)
                .optional()
                .map(f -> named(List.of(f)).get(0))
                .orElseThrow(() -> ApiException.notFound("assessment.finding.not-found", id));
    }

    /** The findings with their regions' names. */
    List<Findings.Finding> named(List<Findings.Finding> items) {
        Set<String> codes = new HashSet<>();
        items.forEach(f -> {
            codes.add(f.region());
            codes.add(f.issuerRegion());
        });
        Map<String, String> names = regions.names(codes);
        return items.stream()
                .map(f -> new Findings.Finding(
                        f.id(),
                        f.region(),
                        names.getOrDefault(f.region(), f.region()),
                        f.issuerRegion(),
                        names.getOrDefault(f.issuerRegion(), f.issuerRegion()),
                        f.responsibleUnit(),
                        f.source(),
                        f.category(),
                        f.severity(),
                        f.title(),
                        f.description(),
                        f.deadline(),
                        f.sampleDraw(),
                        f.state(),
                        f.reopened(),
                        f.issuedBy(),
                        f.issuedOn(),
                        f.closedOn(),
                        f.overdue(),
                        f.version()))
                .toList();
    }

    /** A row of {@code finding}, its regions not yet named. */
    Findings.Finding finding(ResultSet rs, int i) throws SQLException {
        FindingState state = FindingState.valueOf(rs.getString("state"));
        LocalDate deadline = rs.getObject("deadline", LocalDate.class);
        return new Findings.Finding(
                rs.getLong("id"),
                rs.getString("region_code"),
                null,
                rs.getString("issuer_region"),
                null,
                rs.getString("responsible_unit"),
                FindingSource.valueOf(rs.getString("source")),
                FindingCategory.valueOf(rs.getString("category")),
                FindingSeverity.valueOf(rs.getString("severity")),
                rs.getString("title"),
                rs.getString("description"),
                deadline,
                (Long) rs.getObject("sample_draw_id"),
                state,
                rs.getInt("reopened"),
                rs.getString("issued_by"),
                rs.getObject("issued_on", LocalDate.class),
                rs.getObject("closed_on", LocalDate.class),
                (state == FindingState.TO_RECTIFY || state == FindingState.RECTIFYING)
                        && LocalDate.now(clock).isAfter(deadline),
                rs.getInt("version"));
    }
}
