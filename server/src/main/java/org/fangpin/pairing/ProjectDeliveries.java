package org.fangpin.pairing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.project.ProjectPartnerDeliveries;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The project page's 协作帮扶 lines: deliveries that name the project and are not withdrawn, of partnerships the
 * caller sees (their own region's, and those of the regions above it), for a caller who reads partnerships at all.
 */
@Component
class ProjectDeliveries implements ProjectPartnerDeliveries {

    private final JdbcClient jdbc;
    private final Partnerships partnerships;
    private final Permissions permissions;

    ProjectDeliveries(JdbcClient jdbc, Partnerships partnerships, Permissions permissions) {
        this.jdbc = jdbc;
        this.partnerships = partnerships;
        this.permissions = permissions;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Line> ofProject(long projectId) {
        if (!permissions.has(Permission.PARTNERSHIPS)) {
            return List.of();
        }
        Map<String, Object> p = new HashMap<>();
        p.put("project", projectId);
        String visible = partnerships.visible("x.region_code", p);
        return jdbc.sql("""
                        select x.id, x.kind, u.name unit_name, d.item, d.delivered_on, d.quantity
                        from partnership_delivery d join partnership x on x.id = d.partnership_id
                        join assist_unit u on u.id = x.unit_id
                        where d.project_id = :project and d.withdrawn_at is null and\s""" + visible + """
                         order by d.delivered_on, d.id""")
                .params(p)
                .query((rs, i) -> {
                    PartnershipItem item = PartnershipItem.valueOf(rs.getString("item"));
                    BigDecimal quantity = rs.getBigDecimal("quantity");
                    return new Line(
                            rs.getLong("id"),
                            PartnershipKind.valueOf(rs.getString("kind")),
                            rs.getString("unit_name"),
                            item,
                            rs.getObject("delivered_on", LocalDate.class),
                            quantity,
                            item.money(),
                            item.unitZh(),
                            item.unitEn(quantity));
                })
                .list();
    }
}
