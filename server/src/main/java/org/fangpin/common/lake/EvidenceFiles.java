package org.fangpin.common.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Evidence files (佐证材料: photos, signed forms, receipts) kept in the lake for the features that take them — a
 * visit's or a measure's in case work, a field check's in assessment. PDF, JPEG or PNG only, recognised by their
 * first bytes, not by the name; at most {@code fangpin.attachments.max-bytes}; written under a generated name beside
 * their SHA-256, the client's name kept only for display, cleaned of paths and control characters. A file stored in
 * a transaction that rolls back is removed with it. Each feature keeps its own rows of what it holds and checks who
 * may read them.
 */
@Component
public class EvidenceFiles {

    /** A file as stored: its id (its name in the lake), the cleaned client name, type, size and digest. */
    public record Stored(UUID id, String fileName, String contentType, long sizeBytes, String sha256) {}

    private final Lake lake;
    private final Messages messages;
    private final long maxBytes;

    EvidenceFiles(Lake lake, Messages messages, @Value("${fangpin.attachments.max-bytes:20971520}") long maxBytes) {
        this.lake = lake;
        this.messages = messages;
        this.maxBytes = maxBytes;
    }

    /**
     * Streams a file into the lake under {@code area}/{@code shard}; 422 (field {@code file}) for an empty file, one
     * that is not a PDF, JPEG or PNG, or one over the size limit — nothing is left behind then.
     */
    public Stored store(String area, String shard, String originalName, InputStream in) {
        UUID id = UUID.randomUUID();
        Path dir = lake.dir(area, shard);
        Path file = dir.resolve(id.toString());
        Path tmp = dir.resolve("." + id + ".part");
        MessageDigest sha = sha256();
        long size = 0;
        byte[] head = new byte[8];
        int headLength = 0;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (headLength < head.length) {
                    int k = Math.min(head.length - headLength, n);
                    System.arraycopy(buf, 0, head, headLength, k);
                    headLength += k;
                }
                size += n;
                if (size > maxBytes) {
                    throw ApiException.invalid("file", messages.get("file.too-large", maxBytes / 1_048_576));
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        String type = contentType(head, headLength);
        if (size == 0 || type == null) {
            deleteQuietly(tmp);
            throw ApiException.invalid("file", messages.get("file.type"));
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException(e);
        }
        // the file goes with the transaction: removed if it rolls back
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        deleteQuietly(file);
                    }
                }
            });
        }
        return new Stored(id, safeName(originalName), type, size, HexFormat.of().formatHex(sha.digest()));
    }

    /** Where a stored file's bytes are. */
    public Path path(String area, String shard, UUID id) {
        return lake.dir(area, shard).resolve(id.toString());
    }

    /** PDF, JPEG or PNG by their signatures; anything else is refused. */
    static String contentType(byte[] head, int n) {
        if (n >= 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F') {
            return "application/pdf";
        }
        if (n >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (n >= 8
                && (head[0] & 0xff) == 0x89
                && head[1] == 'P'
                && head[2] == 'N'
                && head[3] == 'G'
                && head[4] == 0x0D
                && head[5] == 0x0A
                && head[6] == 0x1A
                && head[7] == 0x0A) {
            return "image/png";
        }
        return null;
    }

    /** The client's name for display: no directories, no control or quoting characters, at most 120 characters. */
    static String safeName(String name) {
        String n = name == null ? "" : name;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        n = n.replaceAll("[\\p{Cntrl}\"<>:|?*]", "_").strip();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            n = "attachment";
        }
        return n.length() > 120 ? n.substring(n.length() - 120) : n;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stray file without a row is harmless and never served
        }
    }
}
