package org.fangpin.registry.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.common.importing.CopyWriter;
import org.fangpin.registry.PersonIdentifiers;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Moves person ID and phone numbers from plain columns to sealed values with lookup hashes and masked forms (see
 * {@link PersonIdentifiers}). Existing rows are sealed through a COPY into a temporary table and one update, all
 * in the migration's transaction: a failure leaves the plain columns as they were.
 */
@Component
class V10__EncryptPersonIdentifiers extends BaseJavaMigration {

    private final PersonIdentifiers identifiers;

    V10__EncryptPersonIdentifiers(PersonIdentifiers identifiers) {
        this.identifiers = identifiers;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection conn = context.getConnection();
        try (Statement st = conn.createStatement()) {
            st.execute("alter table person add column id_number_hash bytea, add column id_number_enc bytea,"
                    + " add column id_number_masked varchar(18) collate \"C\", add column phone_hash bytea,"
                    + " add column phone_enc bytea, add column phone_masked varchar(20)");
            st.execute("create temp table person_sealed (person_id bigint, version int, id_number_hash bytea,"
                    + " id_number_enc bytea, id_number_masked text, phone_hash bytea, phone_enc bytea,"
                    + " phone_masked text) on commit drop");
        }
        // pages read whole before each COPY: one connection cannot interleave a cursor with a COPY
        boolean any = false;
        long afterId = -1;
        int afterVersion = 0;
        while (true) {
            List<Object[]> page = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("select person_id, version, id_number, phone from person"
                    + " where (person_id, version) > (?, ?) order by person_id, version limit 20000")) {
                ps.setLong(1, afterId);
                ps.setInt(2, afterVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(new Object[] {rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)});
                    }
                }
            }
            if (page.isEmpty()) {
                break;
            }
            any = true;
            try (CopyWriter copy = new CopyWriter(conn, "copy person_sealed from stdin")) {
                for (Object[] r : page) {
                    PersonIdentifiers.Sealed s = identifiers.seal((String) r[2], (String) r[3]);
                    copy.field((long) r[0])
                            .field((long) (int) r[1])
                            .field(s.idHash())
                            .field(s.idSealed())
                            .field(s.idMasked())
                            .field(s.phoneHash())
                            .field(s.phoneSealed())
                            .field(s.phoneMasked());
                    copy.endRow();
                }
            }
            Object[] last = page.get(page.size() - 1);
            afterId = (long) last[0];
            afterVersion = (int) last[1];
        }
        try (Statement st = conn.createStatement()) {
            if (any) {
                st.execute("update person p set id_number_hash = s.id_number_hash, id_number_enc = s.id_number_enc,"
                        + " id_number_masked = s.id_number_masked, phone_hash = s.phone_hash,"
                        + " phone_enc = s.phone_enc, phone_masked = s.phone_masked from person_sealed s"
                        + " where p.person_id = s.person_id and p.version = s.version");
            }
            st.execute("drop index person_active_id_number");
            st.execute("alter table person drop column id_number, drop column phone,"
                    + " alter column id_number_hash set not null, alter column id_number_enc set not null,"
                    + " alter column id_number_masked set not null");
            st.execute("create unique index person_active_id_number on person (id_number_hash)"
                    + " where valid_to is null and not deleted");
            st.execute("comment on column person.id_number_enc is"
                    + " '公民身份号码, AES-GCM sealed (see PersonIdentifiers); id_number_hash: HMAC lookup hash'");
        }
    }
}
