package org.fangpin.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fangpin.IntegrationTest;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.KeyRingFile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A start with keys other than those the data was written with is refused before anything is written. */
@IntegrationTest
class KeyCheckIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldCipher cipher;

    @Test
    void theRunningKeysAreRecordedByFingerprint() {
        assertThat(jdbc.sql("select key_id from crypto_key order by key_id")
                        .query(String.class)
                        .list())
                .containsExactly("#lookup", "t1");
        new KeyCheck(jdbc, cipher).run(null); // the same keys again: fine
    }

    @Test
    void aDifferentLookupKeyOrKeyUnderAKnownIdOrAMissingKeyIsRefused() {
        var t1 = KeyRingFile.aes(IntegrationTest.TEST_KEY, "t1");
        var lookup = KeyRingFile.hmac(IntegrationTest.TEST_LOOKUP_KEY);
        var otherKey = KeyRingFile.aes(KeyRingFile.newKeyBase64(), "t1");
        var otherLookup = KeyRingFile.hmac(KeyRingFile.newKeyBase64());
        assertThatThrownBy(() -> new KeyCheck(jdbc, new FieldCipher(Map.of("t1", t1), "t1", otherLookup)).run(null))
                .hasMessageContaining("lookup key differs");
        assertThatThrownBy(() -> new KeyCheck(jdbc, new FieldCipher(Map.of("t1", otherKey), "t1", lookup)).run(null))
                .hasMessageContaining("key 't1' differs");
        assertThatThrownBy(() -> new KeyCheck(jdbc, new FieldCipher(Map.of("t2", otherKey), "t2", lookup)).run(null))
                .hasMessageContaining("[t1]");
        jdbc.sql("delete from crypto_key where key_id = 't2'").update();
    }
}
