package org.fangpin.project;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.MeasureProjects;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The projects a household's assistance measure may name: a project of the caller's reach whose region holds the
 * household's village and that the county has not refused.
 */
@Service
class ProjectLinks implements MeasureProjects {

    private final JdbcClient jdbc;
    private final ProjectReach reach;

    ProjectLinks(JdbcClient jdbc, ProjectReach reach) {
        this.jdbc = jdbc;
        this.reach = reach;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Named> forVillage(long projectId, String villageCode) {
        return open(villageCode, projectId, 1).stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Named> forVillage(String villageCode, int limit) {
        return open(villageCode, null, limit);
    }

    private List<Named> open(String villageCode, Long projectId, int limit) {
        Map<String, Object> p = new HashMap<>();
        p.put("places", places(villageCode));
        p.put("id", projectId);
        p.put("limit", Math.max(1, Math.min(limit, 500)));
        return jdbc.sql("select p.id, p.project_no, p.name from project p where " + reach.condition(p)
                        + " and p.stage <> 'REJECTED' and p.region_code = any(:places)"
                        + " and (cast(:id as bigint) is null or p.id = :id)"
                        + " order by p.id desc limit :limit")
                .params(p)
                .query((rs, n) -> new Named(rs.getLong(1), rs.getString(2), rs.getString(3), true))
                .list();
    }

    /** The village and the regions above it: codes are hierarchical, a level's digits padded with zeros. */
    private static String[] places(String villageCode) {
        if (villageCode == null || villageCode.length() != 12) {
            return new String[0];
        }
        return java.util.Arrays.stream(RegionLevel.values())
                .map(l -> RegionCode.padded(villageCode.substring(0, l.digits())))
                .toArray(String[]::new);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Named> names(Collection<Long> ids) {
        Map<Long, Named> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<String, Object> p = new HashMap<>();
        p.put("ids", ids.toArray(Long[]::new));
        jdbc.sql("select p.id, p.project_no, p.name, (" + reach.condition(p)
                        + ") from project p where p.id = any(:ids)")
                .params(p)
                .query((rs, n) -> new Named(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list()
                .forEach(x -> out.put(x.id(), x));
        return out;
    }
}
