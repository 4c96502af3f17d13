package org.fangpin.pairing.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.SealedData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The sealed ID and phone numbers of work-team members, for key rotation. */
@Component
class TeamMemberSealedData implements SealedData {

    private static final String ID = "team_member.id_number";
    private static final String PHONE = "team_member.phone";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final TransactionTemplate tx;

    TeamMemberSealedData(JdbcClient jdbc, FieldCipher cipher, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "team_member.id_number/phone";
    }

    @Override
    public Map<String, Long> keyUsage() {
        Map<String, Long> out = new TreeMap<>();
        jdbc.sql("""
                select convert_from(substring(v from 3 for get_byte(v, 1)), 'SQL_ASCII') key_id, count(*)
                from (select id_number_enc v from team_member
                      union all select phone_enc from team_member where phone_enc is not null) s
                group by 1""").query((rs, i) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    private record Row(long id, byte[] idNumber, byte[] phone) {}

    @Override
    public long reseal(int batchSize) {
        byte[] header = cipher.activeHeader();
        long total = 0;
        long after = -1;
        while (true) {
            long from = after;
            List<Row> batch = tx.execute(status -> {
                List<Row> rows = jdbc.sql("""
                        select id, id_number_enc, phone_enc from team_member
                        where id > :id and (substring(id_number_enc from 1 for :n) <> :header
                                            or substring(phone_enc from 1 for :n) <> :header)
                        order by id limit :limit for update""")
                        .param("id", from)
                        .param("n", header.length)
                        .param("header", header)
                        .param("limit", batchSize)
                        .query((rs, i) -> new Row(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)))
                        .list();
                for (Row r : rows) {
                    jdbc.sql("update team_member set id_number_enc = ?, phone_enc = ? where id = ?")
                            .params(reseal(ID, r.idNumber()), reseal(PHONE, r.phone()), r.id())
                            .update();
                }
                return rows;
            });
            if (batch == null || batch.isEmpty()) {
                return total;
            }
            total += batch.size();
            after = batch.get(batch.size() - 1).id();
        }
    }

    private byte[] reseal(String purpose, byte[] sealed) {
        return sealed == null || cipher.isCurrent(sealed)
                ? sealed
                : cipher.encrypt(purpose, cipher.decrypt(purpose, sealed));
    }
}
