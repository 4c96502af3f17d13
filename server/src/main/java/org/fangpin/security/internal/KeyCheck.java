package org.fangpin.security.internal;

import java.util.List;
import java.util.Map;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.SystemActor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At start, before anything is written: the key ring must be the one the data was written with. The lookup key
 * must match its recorded fingerprint (else ID lookups would silently miss and duplicates get in), every key must
 * match the fingerprint recorded under its id, and every key still in use must be present. New keys are recorded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class KeyCheck implements ApplicationRunner {

    static final String LOOKUP_ID = "#lookup";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    KeyCheck(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemActor.run("key-check", this::check);
    }

    private void check() {
        check(LOOKUP_ID, cipher.lookupFingerprint());
        for (Map.Entry<String, String> e : cipher.fingerprints().entrySet()) {
            check(e.getKey(), e.getValue());
        }
        List<String> missing = jdbc
                .sql("select key_id from crypto_key where retired_at is null and key_id <> ? order by key_id")
                .param(LOOKUP_ID)
                .query(String.class)
                .list()
                .stream()
                .filter(id -> !cipher.fingerprints().containsKey(id))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the database holds values sealed with keys " + missing
                    + " that are not in the configured key ring; add them back (then `fangpin keys rotate`)");
        }
    }

    private void check(String id, String fingerprint) {
        String recorded = jdbc.sql("select fingerprint from crypto_key where key_id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .orElse(null);
        if (recorded == null) {
            jdbc.sql("insert into crypto_key (key_id, fingerprint) values (?, ?) on conflict do nothing")
                    .params(id, fingerprint)
                    .update();
        } else if (!recorded.equals(fingerprint)) {
            throw new IllegalStateException((LOOKUP_ID.equals(id) ? "the lookup key" : "key '" + id + "'")
                    + " differs from the one this database was written with (fingerprint " + recorded
                    + "); start with the original keys");
        }
    }
}
