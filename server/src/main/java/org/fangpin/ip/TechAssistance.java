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
import org.fangpin.ip.IpTerms.CounterpartyKind;
import org.fangpin.ip.IpTerms.LicenceKind;
import org.fangpin.ip.IpTerms.TransferForm;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
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
     * books it as a delivery of the university's partnership with the region, where there is one. It carries no
     * text of the deal: a reader sees that through {@link #find}, in the reader's own scope.
     */
    public record Tagged(long dealId, long universityId, String region, LocalDate signedOn) {}

    private static final String SELECT = """
            select t.id, d.title, d.classified, x.university_id, u.name university, t.form, t.licence_kind,
                   t.counterparty, t.counterparty_kind, t.region_code, t.signed_on, t.amount
            from ip_transaction t join ip_patent x on x.id = t.patent_id
            join ip_disclosure d on d.id = x.disclosure_id join ip_university u on u.id = x.university_id
            where t.region_code is not null and\s""";

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Permissions permissions;
    private final Universities universities;

    TechAssistance(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Permissions permissions,
            Universities universities) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.permissions = permissions;
        this.universities = universities;
    }

    /**
     * The deals tagged with a region in the caller's reach, newest first (at most 2,000); nothing for a caller
     * without {@code IP_ASSISTANCE}.
     */
    @Transactional(readOnly = true)
    public List<Item> list() {
        return query("", Map.of(), " order by t.signed_on desc, t.id desc limit 2000");
    }

    /** The same, of one university only (e.g. the deals its partnership may book), all of them. */
    @Transactional(readOnly = true)
    public List<Item> list(long university) {
        return query(
                " and x.university_id = :university", Map.of("university", university), " order by t.signed_on, t.id");
    }

    /** One deal tagged with a region in the caller's reach (and {@code IP_ASSISTANCE}), or empty. */
    @Transactional(readOnly = true)
    public Optional<Item> find(long id) {
        return query(" and t.id = :id", Map.of("id", id), "").stream().findFirst();
    }

    private List<Item> query(String and, Map<String, Object> params, String tail) {
        if (!permissions.has(Permission.IP_ASSISTANCE)) {
            return List.of();
        }
        Map<String, Object> p = new HashMap<>(params);
        String where = dataScope.current().condition("t.region_code", p);
        Universities.Titles outside = universities.outside();
        return jdbc.sql(SELECT + where + and + tail)
                .params(p)
                .query((rs, i) -> item(rs, outside))
                .list();
    }

    private Item item(ResultSet rs, Universities.Titles outside) throws SQLException {
        String region = rs.getString("region_code");
        String licence = rs.getString("licence_kind");
        return new Item(
                rs.getLong("id"),
                outside.of(rs.getBoolean("classified"), rs.getString("title")),
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
}
