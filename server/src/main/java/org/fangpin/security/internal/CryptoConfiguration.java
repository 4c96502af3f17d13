package org.fangpin.security.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.KeyRingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link FieldCipher} from the configured keys (see {@link CryptoProperties}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    /** The key file, unless the keys come from a keystore or the configuration. */
    @Bean
    KeyRingFile.Location keyRingFileLocation(CryptoProperties props) {
        return fromFile(props) ? new KeyRingFile.Location(props.keyFile()) : null;
    }

    private static boolean fromFile(CryptoProperties props) {
        return props.keystore() == null && (props.keys() == null || props.keys().isEmpty());
    }

    @Bean
    FieldCipher fieldCipher(CryptoProperties props) {
        if (props.keystore() != null) {
            return fromKeystore(props);
        }
        if (props.keys() != null && !props.keys().isEmpty()) {
            if (props.lookupKey() == null || props.activeKey() == null) {
                throw new IllegalStateException(
                        "fangpin.crypto.keys needs fangpin.crypto.active-key and fangpin.crypto.lookup-key");
            }
            Map<String, SecretKey> keys = new LinkedHashMap<>();
            props.keys().forEach((id, b64) -> keys.put(id, KeyRingFile.aes(b64, id)));
            return new FieldCipher(keys, props.activeKey(), KeyRingFile.hmac(props.lookupKey()));
        }
        if (!Files.exists(props.keyFile())) {
            log.warn(
                    "No field-encryption keys configured: generating a key file at {}. Back it up with the"
                            + " database; in production configure fangpin.crypto.keystore instead.",
                    props.keyFile().toAbsolutePath());
        }
        return KeyRingFile.loadOrCreate(props.keyFile());
    }

    private static FieldCipher fromKeystore(CryptoProperties props) {
        char[] password = props.keystorePassword() == null
                ? new char[0]
                : props.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(props.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            Map<String, SecretKey> keys = new LinkedHashMap<>();
            SecretKey lookup = null;
            for (String alias : Collections.list(ks.aliases())) {
                if (!(ks.getKey(alias, password) instanceof SecretKey k)) {
                    continue;
                }
                if (alias.equalsIgnoreCase("lookup")) {
                    lookup = new SecretKeySpec(k.getEncoded(), "HmacSHA256");
                } else {
                    keys.put(alias, new SecretKeySpec(k.getEncoded(), "AES"));
                }
            }
            if (lookup == null || props.activeKey() == null) {
                throw new IllegalStateException("the keystore " + props.keystore()
                        + " needs a secret key with alias 'lookup', and fangpin.crypto.active-key must name one of"
                        + " its AES keys");
            }
            return new FieldCipher(keys, props.activeKey(), lookup);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the keystore " + props.keystore() + ": " + e.getMessage(), e);
        }
    }
}
