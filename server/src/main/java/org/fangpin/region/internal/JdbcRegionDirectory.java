package org.fangpin.region.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcRegionDirectory implements RegionDirectory {

    private static final String COLUMNS = "code, name, parent_code, level, valid_from, valid_to";
    private static final String VALID_ON = " (valid_from <= :d and (valid_to is null or valid_to > :d)) ";

    private final JdbcClient jdbc;

    JdbcRegionDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Region map(ResultSet rs, int row) throws SQLException {
        Date to = rs.getDate("valid_to");
        return new Region(
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("parent_code"),
                RegionLevel.of(rs.getInt("level")),
                rs.getDate("valid_from").toLocalDate(),
                to == null ? null : to.toLocalDate());
    }

    @Override
    public Optional<Region> find(String code) {
        if (!RegionCode.isWellFormed(code)) {
            return Optional.empty();
        }
        return jdbc.sql("select " + COLUMNS + " from region where code = ?")
                .param(code)
                .query(JdbcRegionDirectory::map)
                .optional();
    }

    @Override
    public List<Region> ancestors(String code) {
        List<Region> path = new ArrayList<>(
                jdbc.sql("""
                with recursive up as (
                  select code, name, parent_code, level, valid_from, valid_to from region where code = ?
                  union all
                  select r.code, r.name, r.parent_code, r.level, r.valid_from, r.valid_to
                  from region r join up on r.code = up.parent_code)
                select * from up""").param(code).query(JdbcRegionDirectory::map).list());
        Collections.reverse(path);
        return path;
    }

    @Override
    public List<Region> children(String code, LocalDate asOf) {
        return jdbc.sql("select " + COLUMNS + " from region where parent_code = :p and" + VALID_ON + "order by code")
                .param("p", code)
                .param("d", asOf)
                .query(JdbcRegionDirectory::map)
                .list();
    }

    @Override
    public List<Region> roots(LocalDate asOf) {
        return jdbc.sql("select " + COLUMNS + " from region where level = 1 and" + VALID_ON + "order by code")
                .param("d", asOf)
                .query(JdbcRegionDirectory::map)
                .list();
    }

    @Override
    public List<Region> atLevel(RegionLevel level) {
        return jdbc.sql("select " + COLUMNS + " from region where level = :l order by code")
                .param("l", level.number())
                .query(JdbcRegionDirectory::map)
                .list();
    }

    @Override
    public List<Region> findAll(Collection<String> codes) {
        String[] wellFormed =
                codes.stream().filter(RegionCode::isWellFormed).distinct().toArray(String[]::new);
        if (wellFormed.length == 0) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from region where code = any(:codes) order by code")
                .param("codes", wellFormed)
                .query(JdbcRegionDirectory::map)
                .list();
    }

    @Override
    public List<Region> searchByNamePrefix(String prefix, int limit) {
        String escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.sql("select " + COLUMNS + " from region where name like ? order by level, code limit ?")
                .params(escaped + "%", limit)
                .query(JdbcRegionDirectory::map)
                .list();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from region").query(Long.class).single();
    }
}
