package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTest {

    private static final SecretKey K1 = KeyRingFile.aes(KeyRingFile.newKeyBase64(), "k1");
    private static final SecretKey K2 = KeyRingFile.aes(KeyRingFile.newKeyBase64(), "k2");
    private static final SecretKey LOOKUP = KeyRingFile.hmac(KeyRingFile.newKeyBase64());

    private final FieldCipher k1 = new FieldCipher(Map.of("k1", K1), "k1", LOOKUP);

    @Test
    void sealsAndOpensWithTheKeyIdInTheValue() {
        byte[] sealed = k1.encrypt("person.id_number", "11010519491231002X");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("11010519491231002X");
        assertThat(FieldCipher.keyIdOf(sealed)).isEqualTo("k1");
        assertThat(k1.decrypt("person.id_number", sealed)).isEqualTo("11010519491231002X");
        // a random nonce per value: equal values seal differently
        assertThat(k1.encrypt("person.id_number", "11010519491231002X")).isNotEqualTo(sealed);
        assertThat(k1.encrypt("x", null)).isNull();
        assertThat(k1.decrypt("x", null)).isNull();
    }

    @Test
    void refusesAlteredValuesAndValuesOfAnotherField() {
        byte[] sealed = k1.encrypt("person.id_number", "11010519491231002X");
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> k1.decrypt("person.id_number", altered)).hasMessageContaining("altered");
        // the purpose is bound: an ID number copied into the phone column does not open as a phone number
        assertThatThrownBy(() -> k1.decrypt("person.phone", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNewActiveKeyStillOpensOlderValuesAndTellsWhichNeedResealing() {
        byte[] old = k1.encrypt("p", "13812345678");
        FieldCipher rotated = new FieldCipher(Map.of("k1", K1, "k2", K2), "k2", LOOKUP);
        assertThat(rotated.decrypt("p", old)).isEqualTo("13812345678");
        assertThat(rotated.isCurrent(old)).isFalse();
        byte[] resealed = rotated.encrypt("p", rotated.decrypt("p", old));
        assertThat(rotated.isCurrent(resealed)).isTrue();
        assertThat(FieldCipher.keyIdOf(resealed)).isEqualTo("k2");
        // without the old key an old value cannot be opened, and the message names the key
        FieldCipher only2 = new FieldCipher(Map.of("k2", K2), "k2", LOOKUP);
        assertThatThrownBy(() -> only2.decrypt("p", old)).hasMessageContaining("'k1'");
    }

    @Test
    void lookupHashesAreStablePerPurposeAndKey() {
        byte[] a = k1.lookup("person.id_number", "11010519491231002X");
        assertThat(a).hasSize(FieldCipher.LOOKUP_BYTES);
        // the same under another encryption key (lookups survive rotation)
        assertThat(new FieldCipher(Map.of("k2", K2), "k2", LOOKUP).lookup("person.id_number", "11010519491231002X"))
                .isEqualTo(a);
        assertThat(k1.lookup("person.phone", "11010519491231002X")).isNotEqualTo(a);
        assertThat(k1.lookup("person.id_number", "110105194912310029")).isNotEqualTo(a);
        FieldCipher otherLookup = new FieldCipher(Map.of("k1", K1), "k1", KeyRingFile.hmac(KeyRingFile.newKeyBase64()));
        assertThat(otherLookup.lookup("person.id_number", "11010519491231002X")).isNotEqualTo(a);
    }

    @Test
    void rejectsBadKeys() {
        assertThatThrownBy(() -> KeyRingFile.aes("c2hvcnQ=", "k9")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeyRingFile.aes("not base64!", "k9")).hasMessageContaining("base64");
        assertThatThrownBy(() -> new FieldCipher(Map.of("k1", K1), "k2", LOOKUP))
                .hasMessageContaining("k2");
    }

    @Test
    void theKeyFileIsCreatedPrivateAndGrowsByRotation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/fangpin.keys");
        FieldCipher first = KeyRingFile.loadOrCreate(file);
        assertThat(first.activeKeyId()).isEqualTo("k1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        byte[] sealed = first.encrypt("p", "v");
        // loading again gives the same keys
        assertThat(KeyRingFile.loadOrCreate(file).decrypt("p", sealed)).isEqualTo("v");
        assertThat(KeyRingFile.addKey(file)).isEqualTo("k2");
        FieldCipher second = KeyRingFile.loadOrCreate(file);
        assertThat(second.activeKeyId()).isEqualTo("k2");
        assertThat(second.decrypt("p", sealed)).isEqualTo("v");
        assertThat(second.lookup("p", "v")).isEqualTo(first.lookup("p", "v"));
        assertThatThrownBy(() -> KeyRingFile.removeKey(file, "k2")).hasMessageContaining("active");
        KeyRingFile.removeKey(file, "k1");
        assertThatThrownBy(() -> KeyRingFile.loadOrCreate(file).decrypt("p", sealed))
                .hasMessageContaining("'k1'");
    }
}
