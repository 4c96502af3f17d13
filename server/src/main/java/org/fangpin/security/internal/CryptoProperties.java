package org.fangpin.security.internal;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the field-encryption keys come from, first match wins:
 *
 * <ol>
 *   <li>{@code keystore}: a PKCS#12 keystore with AES secret-key entries (alias = key id) and an HMAC entry with
 *       alias {@code lookup}; {@code active-key} names the key new values are sealed with;
 *   <li>{@code keys} (id → base64 AES-256 key, e.g. {@code FANGPIN_CRYPTO_KEYS_K2}) with {@code active-key} and
 *       {@code lookup-key} (base64);
 *   <li>{@code key-file}: a generated key file (default {@code ./data/keys/fangpin.keys}), for one machine.
 * </ol>
 */
@ConfigurationProperties("fangpin.crypto")
record CryptoProperties(
        Path keystore,
        String keystorePassword,
        Map<String, String> keys,
        String activeKey,
        String lookupKey,
        @DefaultValue("./data/keys/fangpin.keys") Path keyFile) {}
