package org.fangpin.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Field-level protection of sensitive values at rest (ID and phone numbers): AES-256-GCM encryption with the key
 * id stored in each value, and a keyed hash (HMAC-SHA256, truncated to 128 bits) for exact lookup and for matching
 * department feeds without decrypting anything.
 *
 * <p>Sealed value layout: {@code 0x01 | key id length | key id (ASCII) | 12-byte random nonce | ciphertext+tag}.
 * The purpose (e.g. {@code person.id_number}) is bound as associated data, so a value moved to another column does
 * not decrypt; it also separates the lookup hashes of different fields. Thread-safe.
 */
public final class FieldCipher {

    public static final int LOOKUP_BYTES = 16;
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeId;
    private final SecretKey active;
    private final byte[] activeHeader;
    private final SecretKey lookupKey;

    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(SecureRandom::new);

    /**
     * @param keys encryption keys (AES, 256 bit) by id; values sealed with any of them can be opened
     * @param activeId the key new values are sealed with
     * @param lookupKey the HMAC key of the lookup hashes; it cannot change without re-hashing every value
     */
    public FieldCipher(Map<String, SecretKey> keys, String activeId, SecretKey lookupKey) {
        this.keys = Map.copyOf(keys);
        this.activeId = Objects.requireNonNull(activeId);
        this.active = keys.get(activeId);
        if (active == null) {
            throw new IllegalArgumentException("active key " + activeId + " is not in the key ring");
        }
        for (String id : keys.keySet()) {
            if (id.isEmpty() || id.length() > 32 || !id.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("bad key id '" + id + "': 1-32 of A-Z a-z 0-9 . _ -");
            }
        }
        this.activeHeader = header(activeId);
        this.lookupKey = Objects.requireNonNull(lookupKey);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(this.lookupKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] header(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        byte[] h = new byte[2 + id.length];
        h[0] = FORMAT;
        h[1] = (byte) id.length;
        System.arraycopy(id, 0, h, 2, id.length);
        return h;
    }

    /** The value sealed with the active key; null stays null. */
    public byte[] encrypt(String purpose, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.get().nextBytes(nonce);
        try {
            Cipher c = ciphers.get();
            c.init(Cipher.ENCRYPT_MODE, active, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] data = plaintext.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[activeHeader.length + NONCE_BYTES + c.getOutputSize(data.length)];
            System.arraycopy(activeHeader, 0, out, 0, activeHeader.length);
            System.arraycopy(nonce, 0, out, activeHeader.length, NONCE_BYTES);
            c.doFinal(data, 0, data.length, out, activeHeader.length + NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Opens a sealed value; fails when its key is not in the ring or the value was altered. Null stays null. */
    public String decrypt(String purpose, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        String keyId = keyIdOf(sealed);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("value sealed with key '" + keyId + "', which is not in the key ring");
        }
        int offset = 2 + sealed[1];
        try {
            Cipher c = ciphers.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset, NONCE_BYTES));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] plain = c.doFinal(sealed, offset + NONCE_BYTES, sealed.length - offset - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed " + purpose + " value does not decrypt (altered?)", e);
        }
    }

    /** The key id a sealed value names. */
    public static String keyIdOf(byte[] sealed) {
        if (sealed.length < 2 || sealed[0] != FORMAT || sealed.length < 2 + sealed[1] + NONCE_BYTES) {
            throw new IllegalArgumentException("not a sealed value");
        }
        return new String(sealed, 2, sealed[1], StandardCharsets.US_ASCII);
    }

    /** Whether a sealed value was sealed with the active key (else key rotation should re-seal it). */
    public boolean isCurrent(byte[] sealed) {
        return sealed == null || Arrays.equals(sealed, 0, activeHeader.length, activeHeader, 0, activeHeader.length);
    }

    /** The leading bytes every value sealed with the active key starts with, to find the others in SQL. */
    public byte[] activeHeader() {
        return activeHeader.clone();
    }

    public String activeKeyId() {
        return activeId;
    }

    /**
     * The lookup hash of a value for a purpose: equal values give equal hashes, and without the key a hash reveals
     * nothing (not even through a dictionary of all possible ID numbers). Null stays null.
     */
    public byte[] lookup(String purpose, String value) {
        if (value == null) {
            return null;
        }
        Mac mac = macs.get();
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(full, LOOKUP_BYTES);
    }

    /**
     * A fingerprint of a key (an HMAC of a constant under it), recorded with the data so that starting with a
     * different key is detected before anything is written; it reveals nothing about the key.
     */
    public static String fingerprint(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] f = mac.doFinal("fangpin key fingerprint".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(ByteBuffer.wrap(f, 0, 8).array(), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fingerprints of the encryption keys by id, and of the lookup key. */
    public Map<String, String> fingerprints() {
        Map<String, String> out = new TreeMap<>();
        keys.forEach((id, k) -> out.put(id, fingerprint(k)));
        return out;
    }

    public String lookupFingerprint() {
        return fingerprint(lookupKey);
    }
}
