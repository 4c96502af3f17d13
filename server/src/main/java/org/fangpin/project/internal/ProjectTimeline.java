package org.fangpin.project.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.common.i18n.Messages;
import org.fangpin.project.BenefitLink;
import org.fangpin.registry.TimelineEntry;
import org.fangpin.registry.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What projects and assets did for a household, on its timeline: the projects that reach it (利益联结, how, planned
 * and got), the payments made to it (and whether through its 一卡通), its own assets, its shares of an asset, the
 * income distributions paid to it.
 */
@Component
class ProjectTimeline implements TimelineSource {

    private static final String KIND = "PROJECT";

    private final JdbcClient jdbc;
    private final Messages messages;

    ProjectTimeline(JdbcClient jdbc, Messages messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @Override
    public List<TimelineEntry> entries(long householdId) {
        List<TimelineEntry> out = new ArrayList<>();
        jdbc.sql("""
                        select b.id, b.way, b.planned, b.actual, b.note, b.recorded_by, b.recorded_at, p.project_no,
                               p.name, coalesce(p.approved_on, p.decided_on, b.recorded_at::date) as since
                        from project_beneficiary b join project p on p.id = b.project_id
                        where b.household_id = ? order by b.id""")
                .param(householdId)
                .query((rs, n) -> out.add(entry(
                        "project_beneficiary",
                        rs.getLong("id"),
                        messages.get(
                                "project.timeline.beneficiary",
                                rs.getString("project_no"),
                                rs.getString("name"),
                                BenefitLink.valueOf(rs.getString("way")).label(messages.locale())),
                        rs.getObject("since", LocalDate.class),
                        rs,
                        amounts(rs.getBigDecimal("planned"), rs.getBigDecimal("actual"), rs.getString("note")))))
                .list();
        jdbc.sql("""
                        select d.id, d.paid_on, d.amount, d.one_card, d.note, d.recorded_by, d.recorded_at,
                               p.project_no, p.name
                        from disbursement d join funding_line l on l.id = d.line_id join project p on p.id = l.project_id
                        where d.household_id = ? order by d.id""")
                .param(householdId)
                .query((rs, n) -> out.add(entry(
                        "disbursement",
                        rs.getLong("id"),
                        messages.get(
                                rs.getBigDecimal("amount").signum() < 0
                                        ? "project.timeline.reversed"
                                        : Boolean.TRUE.equals(rs.getObject("one_card"))
                                                ? "project.timeline.paid-one-card"
                                                : "project.timeline.paid",
                                rs.getString("project_no"),
                                rs.getString("name"),
                                String.format("%,.2f", rs.getBigDecimal("amount"))),
                        rs.getObject("paid_on", LocalDate.class),
                        rs,
                        rs.getString("note"))))
                .list();
        jdbc.sql("""
                        select a.id, a.asset_no, a.name, a.formed_on, a.value, a.recorded_by, a.recorded_at
                        from asset a where a.holder_household_id = ? order by a.id""")
                .param(householdId)
                .query((rs, n) -> out.add(entry(
                        "asset",
                        rs.getLong("id"),
                        messages.get(
                                "project.timeline.asset",
                                rs.getString("asset_no"),
                                rs.getString("name"),
                                String.format("%,.2f", rs.getBigDecimal("value"))),
                        rs.getObject("formed_on", LocalDate.class),
                        rs,
                        null)))
                .list();
        jdbc.sql("""
                        select s.id, s.percent, s.valid_from, a.asset_no, a.name, a.recorded_by, a.recorded_at
                        from asset_share s join asset a on a.id = s.asset_id
                        where s.household_id = ? and s.valid_to is null order by s.id""")
                .param(householdId)
                .query((rs, n) -> out.add(entry(
                        "asset_share",
                        rs.getLong("id"),
                        messages.get(
                                "project.timeline.share",
                                rs.getString("asset_no"),
                                rs.getString("name"),
                                rs.getBigDecimal("percent").stripTrailingZeros().toPlainString()),
                        rs.getObject("valid_from", LocalDate.class),
                        rs,
                        null)))
                .list();
        jdbc.sql("""
                        select r.id, r.amount, r.one_card, r.note, i.paid_on, i.recorded_by, i.recorded_at, a.asset_no,
                               a.name
                        from distribution_row r join asset_income i on i.id = r.income_id join asset a on a.id = i.asset_id
                        where r.household_id = ? and i.stage = 'PAID' order by r.id""")
                .param(householdId)
                .query((rs, n) -> out.add(entry(
                        "distribution_row",
                        rs.getLong("id"),
                        messages.get(
                                "project.timeline.dividend",
                                rs.getString("asset_no"),
                                rs.getString("name"),
                                String.format("%,.2f", rs.getBigDecimal("amount"))),
                        rs.getObject("paid_on", LocalDate.class),
                        rs,
                        rs.getString("note"))))
                .list();
        return out;
    }

    private String amounts(BigDecimal planned, BigDecimal actual, String note) {
        String s = messages.get(
                "project.timeline.amounts",
                planned == null ? "—" : String.format("%,.2f", planned),
                actual == null ? "—" : String.format("%,.2f", actual));
        return note == null ? s : s + "；" + note;
    }

    private static TimelineEntry entry(
            String entity, long id, String label, LocalDate on, java.sql.ResultSet rs, String reason)
            throws java.sql.SQLException {
        return new TimelineEntry(
                entity,
                id,
                label,
                1,
                on,
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("recorded_by"),
                reason,
                KIND,
                List.of());
    }
}
