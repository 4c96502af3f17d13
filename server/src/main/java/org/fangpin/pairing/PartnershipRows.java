package org.fangpin.pairing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fangpin.pairing.PartnershipDeliveries.Delivery;
import org.fangpin.pairing.PartnershipDeliveries.Reconciliation;
import org.fangpin.pairing.Partnerships.ItemYear;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of {@link PartnershipDeliveries}: a delivery as listed, and a reconciliation with the figures as confirmed
 * (kept as JSON, item code to quantity).
 */
@Component
class PartnershipRows {

    private final JsonMapper json;

    PartnershipRows(JsonMapper json) {
        this.json = json;
    }

    String write(Map<String, BigDecimal> m) {
        return json.writeValueAsString(m);
    }

    Delivery delivery(ResultSet rs, int i) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        return new Delivery(
                rs.getLong("id"),
                PartnershipItem.valueOf(rs.getString("item")),
                rs.getObject("delivered_on", LocalDate.class),
                rs.getBigDecimal("quantity"),
                (Integer) rs.getObject("person_days"),
                (Long) rs.getObject("allocation_id"),
                rs.getString("document_no"),
                (Long) rs.getObject("project_id"),
                rs.getString("project_no"),
                rs.getString("project_name"),
                rs.getInt("households"),
                rs.getString("buyer"),
                rs.getString("product"),
                rs.getString("supplier"),
                rs.getString("description"),
                rs.getString("created_by"),
                withdrawn == null ? null : withdrawn.toInstant(),
                rs.getString("withdraw_reason"),
                (Long) rs.getObject("ip_deal_id"),
                null);
    }

    Reconciliation reconciliation(ResultSet rs, int i) throws SQLException {
        Map<String, BigDecimal> committed = read(rs.getString("committed"));
        Map<String, BigDecimal> delivered = read(rs.getString("delivered"));
        Map<PartnershipItem, ItemYear> items = new EnumMap<>(PartnershipItem.class);
        for (PartnershipItem it : PartnershipItem.values()) {
            items.put(
                    it,
                    new ItemYear(
                            it,
                            committed.getOrDefault(it.name(), BigDecimal.ZERO),
                            delivered.getOrDefault(it.name(), BigDecimal.ZERO)));
        }
        return new Reconciliation(
                rs.getInt("year"),
                List.copyOf(items.values()),
                rs.getString("note"),
                rs.getString("statement_name"),
                rs.getLong("statement_size"),
                rs.getString("statement_sha256"),
                rs.getString("confirmed_by"),
                rs.getTimestamp("confirmed_at").toInstant());
    }

    private Map<String, BigDecimal> read(String s) {
        return json.readValue(s, new TypeReference<Map<String, BigDecimal>>() {});
    }
}
