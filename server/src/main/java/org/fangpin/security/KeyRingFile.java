package org.fangpin.security;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key ring kept in a file when no keys are configured (the embedded, one-machine default): the lookup key and
 * numbered AES keys, one of them active. Created with fresh random keys on first start, readable by its owner only.
 * Production installations supply keys from a PKCS#12 keystore or the environment instead.
 */
public final class KeyRingFile {

    private static final String HEADER = "Fangpin field-encryption keys. Keep secret, back up with the database:"
            + " without them the ID and phone numbers cannot be read.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyRingFile() {}

    /** Where the key ring file is, when the keys come from one (a bean only then). */
    public record Location(Path path) {}

    /** The key ring in {@code file}, created first if missing. */
    public static FieldCipher loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Properties p = new Properties();
                p.setProperty("lookup", newKeyBase64());
                p.setProperty("key.k1", newKeyBase64());
                p.setProperty("active", "k1");
                write(file, p);
            }
            return cipher(read(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds a new AES key to the file and makes it active; returns its id. Older keys stay to open older values. */
    public static String addKey(Path file) throws IOException {
        Properties p = read(file);
        int next = p.stringPropertyNames().stream()
                        .filter(k -> k.matches("key\\.k\\d+"))
                        .map(k -> Integer.parseInt(k.substring(5)))
                        .max(Comparator.naturalOrder())
                        .orElse(0)
                + 1;
        String id = "k" + next;
        p.setProperty("key." + id, newKeyBase64());
        p.setProperty("active", id);
        write(file, p);
        return id;
    }

    /** Removes a key no value uses any more. */
    public static void removeKey(Path file, String id) throws IOException {
        Properties p = read(file);
        if (id.equals(p.getProperty("active"))) {
            throw new IllegalArgumentException("key " + id + " is the active key");
        }
        if (p.remove("key." + id) == null) {
            throw new IllegalArgumentException("no key " + id + " in " + file);
        }
        write(file, p);
    }

    /** A fresh random 256-bit key, base64. */
    public static String newKeyBase64() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    static FieldCipher cipher(Properties p) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("key.")) {
                keys.put(name.substring(4), aes(p.getProperty(name), name));
            }
        }
        String lookup = p.getProperty("lookup");
        if (lookup == null) {
            throw new IllegalStateException("the key file has no lookup key");
        }
        return new FieldCipher(keys, p.getProperty("active", ""), hmac(lookup));
    }

    /** An AES-256 key from base64, with a clear message when it is not one. */
    public static SecretKey aes(String base64, String name) {
        byte[] k = decode(base64, name);
        if (k.length != 32) {
            throw new IllegalStateException("key " + name + " must be 32 bytes (base64), found " + k.length);
        }
        return new SecretKeySpec(k, "AES");
    }

    public static SecretKey hmac(String base64) {
        byte[] k = decode(base64, "lookup");
        if (k.length < 32) {
            throw new IllegalStateException("the lookup key must be at least 32 bytes (base64)");
        }
        return new SecretKeySpec(k, "HmacSHA256");
    }

    private static byte[] decode(String base64, String name) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("key " + name + " is not valid base64");
        }
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** Written to a temporary file then moved over, so a crash never leaves half a key file. */
    private static void write(Path file, Properties p) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".keys", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, HEADER);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
