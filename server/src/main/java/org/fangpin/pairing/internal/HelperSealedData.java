package org.fangpin.pairing.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fangpin.pairing.Helpers;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.SealedData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The sealed phone numbers of helpers (帮扶责任人), for key rotation; the lookup hashes do not change. */
@Component
class HelperSealedData implements SealedData {

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final TransactionTemplate tx;

    HelperSealedData(JdbcClient jdbc, FieldCipher cipher, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "helper.phone";
    }

    @Override
    public Map<String, Long> keyUsage() {
        Map<String, Long> out = new TreeMap<>();
        jdbc.sql("""
                select convert_from(substring(phone_enc from 3 for get_byte(phone_enc, 1)), 'SQL_ASCII') key_id,
                       count(*)
                from helper where phone_enc is not null group by 1""").query((rs, i) -> out.put(rs.getString(1), rs.getLong(2))).list();
        return out;
    }

    private record Row(long id, byte[] phone) {}

    @Override
    public long reseal(int batchSize) {
        byte[] header = cipher.activeHeader();
        long total = 0;
        long after = -1;
        while (true) {
            long from = after;
            List<Row> batch = tx.execute(status -> {
                List<Row> rows = jdbc.sql("""
                        select id, phone_enc from helper
                        where id > :id and phone_enc is not null and substring(phone_enc from 1 for :n) <> :header
                        order by id limit :limit for update""")
                        .param("id", from)
                        .param("n", header.length)
                        .param("header", header)
                        .param("limit", batchSize)
                        .query((rs, i) -> new Row(rs.getLong(1), rs.getBytes(2)))
                        .list();
                for (Row r : rows) {
                    jdbc.sql("update helper set phone_enc = ? where id = ?")
                            .params(
                                    cipher.encrypt(
                                            Helpers.PHONE_PURPOSE, cipher.decrypt(Helpers.PHONE_PURPOSE, r.phone())),
                                    r.id())
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
}
