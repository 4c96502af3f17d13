package org.fangpin.ip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.fangpin.ip.IpTerms.CounterpartyKind;
import org.fangpin.ip.IpTerms.LicenceKind;
import org.fangpin.ip.IpTerms.TransferForm;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 科技帮扶 (004:169, 004:343, 003:67): the universities' transfers and licences to an enterprise, cooperative or village
 * of the region tree, as the offices of that region see them — title, university, form, day and amount; never the
 * fees, the inventors or the split.
 */
@Service
public class TechAssistance {

    @Schema(name = "IpTechAssistanceItem")
    public record Item(
            long id,
            String title,
            long universityId,
            String university,
            TransferForm form,
            LicenceKind licenceKind,
            String counterparty,
            CounterpartyKind counterpartyKind,
            String region,
            String regionName,
            LocalDate signedOn,
            BigDecimal amount) {}

    /**
     * Published when a university records a deal tagged 科技帮扶 (in the recording transaction): the pairing module
     * books it as a delivery of the university's partnership with the region, where there is one. The title is the
     * one regions may read (a classified result's masked).
     */
    public record Tagged(
            long dealId, long universityId, String region, LocalDate signedOn, String counterparty, String title) {}

    private static final String SELECT = """
            select t.id, d.title, d.classified, x.university_id, u.name university, t.form, t.licence_kind,
                   t.counterparty, t.counterparty_kind, t.region_code, t.signed_on, t.amount
            from ip_transaction t join ip_patent x on x.id = t.patent_id
            join ip_disclosure d on d.id = x.disclosure_id join ip_university u on u.id = x.university_id
            where t.region_code is not null and\s""";

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Messages messages;

    TechAssistance(JdbcClient jdbc, DataScope dataScope, RegionDirectory regions, Messages messages) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.messages = messages;
    }

    /** The deals tagged with a region in the caller's reach, newest first (at most 2,000). */
    @Transactional(readOnly = true)
    public List<Item> list() {
        Map<String, Object> p = new HashMap<>();
        String where = dataScope.current().condition("t.region_code", p);
        return jdbc.sql(SELECT + where + " order by t.signed_on desc, t.id desc limit 2000")
                .params(p)
                .query(this::item)
                .list();
    }

    /** One deal tagged with a region in the caller's reach, or empty. */
    @Transactional(readOnly = true)
    public Optional<Item> find(long id) {
        Map<String, Object> p = new HashMap<>();
        String where = dataScope.current().condition("t.region_code", p);
        p.put("id", id);
        return jdbc.sql(SELECT + where + " and t.id = :id")
                .params(p)
                .query(this::item)
                .optional();
    }

    private Item item(ResultSet rs, int i) throws SQLException {
        String region = rs.getString("region_code");
        String licence = rs.getString("licence_kind");
        return new Item(
                rs.getLong("id"),
                shownTitle(rs.getBoolean("classified"), rs.getString("title")),
                rs.getLong("university_id"),
                rs.getString("university"),
                TransferForm.valueOf(rs.getString("form")),
                licence == null ? null : LicenceKind.valueOf(licence),
                rs.getString("counterparty"),
                CounterpartyKind.valueOf(rs.getString("counterparty_kind")),
                region,
                regions.find(region).map(Region::name).orElse(region),
                rs.getObject("signed_on", LocalDate.class),
                rs.getBigDecimal("amount"));
    }

    /** A title as the regions may read it: a classified result is named to no one outside its university (000:88). */
    String shownTitle(boolean classified, String title) {
        return classified ? messages.get("ip.classified-title") : title;
    }
}
