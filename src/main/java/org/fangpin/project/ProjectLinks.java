package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects as other modules name them: a household's assistance measure may name the project it comes from (产业帮扶 paid
 * by a project, a 公益岗位 of one) — a project of the caller's reach whose region holds the household's village and that
 * the county has not refused.
 */
@Service
public class ProjectLinks {

    /** A project as a measure names it. */
    @Schema(name = "ProjectRef")
    public record Named(long id, String projectNo, String name, ProjectStage stage) {}

    /** What the measures naming a project add up to: households, measures, and their amounts. */
    public record MeasureTotals(long households, long measures, BigDecimal amount) {}

    /**
     * The measures naming projects, as case work keeps them: implemented by the module that owns measures, so that the
     * project page shows them without this module reading case work's tables.
     */
    public interface Measures {

        /** The households, measures (not cancelled) and amount of the measures naming a project. */
        MeasureTotals ofProject(long projectId);
    }

    private final JdbcClient jdbc;
    private final ProjectReach reach;

    ProjectLinks(JdbcClient jdbc, ProjectReach reach) {
        this.jdbc = jdbc;
        this.reach = reach;
    }

    /** The project a measure of a household in a village may name; empty when it may not. */
    @Transactional(readOnly = true)
    public Optional<Named> forVillage(long projectId, String villageCode) {
        return open(villageCode, projectId, 1).stream().findFirst();
    }

    /** The projects a measure of a household in a village may name, newest first (at most {@code limit}). */
    @Transactional(readOnly = true)
    public List<Named> forVillage(String villageCode, int limit) {
        return open(villageCode, null, limit);
    }

    private List<Named> open(String villageCode, Long projectId, int limit) {
        Map<String, Object> p = new HashMap<>();
        p.put("places", places(villageCode));
        p.put("id", projectId);
        p.put("limit", Math.max(1, Math.min(limit, 500)));
        return jdbc.sql("select p.id, p.project_no, p.name, p.stage from project p where " + reach.condition(p)
                        + " and p.stage <> 'REJECTED'"
                        + " and p.region_code = any(:places)"
                        + " and (cast(:id as bigint) is null or p.id = :id)"
                        + " order by p.id desc limit :limit")
                .params(p)
                .query((rs, n) -> new Named(
                        rs.getLong(1), rs.getString(2), rs.getString(3), ProjectStage.valueOf(rs.getString(4))))
                .list();
    }

    /** The village and the regions above it: codes are hierarchical, a level's digits padded with zeros. */
    private static String[] places(String villageCode) {
        if (villageCode == null || villageCode.length() != 12) {
            return new String[0];
        }
        return java.util.stream.IntStream.of(2, 4, 6, 9, 12)
                .mapToObj(n -> (villageCode.substring(0, n) + "000000000000").substring(0, 12))
                .toArray(String[]::new);
    }

    /** Number and name of projects by id, for showing what a measure names (no scope: a number and a name). */
    @Transactional(readOnly = true)
    public Map<Long, Named> names(Collection<Long> ids) {
        Map<Long, Named> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("select id, project_no, name, stage from project where id = any(?)")
                .param(ids.toArray(Long[]::new))
                .query((rs, n) -> new Named(
                        rs.getLong(1), rs.getString(2), rs.getString(3), ProjectStage.valueOf(rs.getString(4))))
                .list()
                .forEach(x -> out.put(x.id(), x));
        return out;
    }
}
