package org.fangpin.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Key rotation: re-seals every sealed value in every {@link SealedData} with the active key, then retires the keys
 * no value uses any more (they may then be removed from the key ring). The lookup key does not rotate: it would
 * change every lookup hash, here and in the department feeds.
 */
@Service
public class KeyRotation {

    private final List<SealedData> stores;
    private final FieldCipher cipher;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final KeyRingFile.Location keyFile;

    KeyRotation(
            List<SealedData> stores,
            FieldCipher cipher,
            JdbcClient jdbc,
            AuditLog audit,
            ObjectProvider<KeyRingFile.Location> keyFile) {
        this.keyFile = keyFile.getIfAvailable();
        this.stores = stores;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Values per key id, over all stores. */
    public Map<String, Long> usage() {
        Map<String, Long> total = new TreeMap<>();
        stores.forEach(s -> s.keyUsage().forEach((k, n) -> total.merge(k, n, Long::sum)));
        return total;
    }

    /** The key ring file, when the keys come from one: a new key can then be added by {@link KeyRingFile}. */
    public Optional<Path> keyFile() {
        return Optional.ofNullable(keyFile).map(KeyRingFile.Location::path);
    }

    public String activeKeyId() {
        return cipher.activeKeyId();
    }

    public record Result(String activeKey, long resealed, List<String> retired) {}

    public Result rotate(int batchSize) {
        long resealed = 0;
        for (SealedData s : stores) {
            resealed += s.reseal(batchSize);
        }
        Map<String, Long> used = usage();
        List<String> retired = jdbc
                .sql("select key_id from crypto_key where retired_at is null and key_id <> :active"
                        + " and key_id not like '#%' order by key_id")
                .param("active", cipher.activeKeyId())
                .query(String.class)
                .list()
                .stream()
                .filter(id -> used.getOrDefault(id, 0L) == 0)
                .toList();
        for (String id : retired) {
            jdbc.sql("update crypto_key set retired_at = now() where key_id = ?")
                    .param(id)
                    .update();
        }
        audit.record(
                "KEY_ROTATION",
                "crypto_key",
                cipher.activeKeyId(),
                Map.of("resealed", resealed, "retired", String.join(",", retired)));
        return new Result(cipher.activeKeyId(), resealed, retired);
    }
}
