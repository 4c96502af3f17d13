package org.fangpin.registry.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fangpin.registry.PersonIdentifiers;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.SealedData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The sealed ID and phone numbers of every person version, for key rotation. */
@Component
class PersonSealedData implements SealedData {

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final TransactionTemplate tx;

    PersonSealedData(JdbcClient jdbc, FieldCipher cipher, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "person.id_number/phone";
    }

    @Override
    public Map<String, Long> keyUsage() {
        Map<String, Long> out = new TreeMap<>();
        jdbc.sql("""
                select convert_from(substring(v from 3 for get_byte(v, 1)), 'SQL_ASCII') key_id, count(*)
                from (select id_number_enc v from person
                      union all select phone_enc from person where phone_enc is not null) s
                group by 1""").query((rs, i) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    private record Row(long personId, int version, byte[] id, byte[] phone) {}

    @Override
    public long reseal(int batchSize) {
        byte[] header = cipher.activeHeader();
        long total = 0;
        long afterId = -1;
        int afterVersion = 0;
        while (true) {
            long fromId = afterId;
            int fromVersion = afterVersion;
            List<Row> batch = tx.execute(status -> {
                List<Row> rows = jdbc.sql("""
                        select person_id, version, id_number_enc, phone_enc from person
                        where (person_id, version) > (:id, :version)
                          and (substring(id_number_enc from 1 for :n) <> :header
                               or substring(phone_enc from 1 for :n) <> :header)
                        order by person_id, version limit :limit for update""")
                        .param("id", fromId)
                        .param("version", fromVersion)
                        .param("n", header.length)
                        .param("header", header)
                        .param("limit", batchSize)
                        .query((rs, i) -> new Row(rs.getLong(1), rs.getInt(2), rs.getBytes(3), rs.getBytes(4)))
                        .list();
                for (Row r : rows) {
                    jdbc.sql("update person set id_number_enc = :id, phone_enc = :phone"
                                    + " where person_id = :pid and version = :version")
                            .param("id", reseal(PersonIdentifiers.ID_NUMBER, r.id()))
                            .param("phone", reseal(PersonIdentifiers.PHONE, r.phone()))
                            .param("pid", r.personId())
                            .param("version", r.version())
                            .update();
                }
                return rows;
            });
            if (batch == null || batch.isEmpty()) {
                return total;
            }
            total += batch.size();
            Row last = batch.get(batch.size() - 1);
            afterId = last.personId();
            afterVersion = last.version();
        }
    }

    private byte[] reseal(String purpose, byte[] sealed) {
        return sealed == null || cipher.isCurrent(sealed)
                ? sealed
                : cipher.encrypt(purpose, cipher.decrypt(purpose, sealed));
    }
}
