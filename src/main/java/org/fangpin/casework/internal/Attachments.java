package org.fangpin.casework.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.lake.Lake;
import org.fangpin.common.problem.ApiException;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Evidence files of a visit or a measure: PDF, JPEG or PNG only (recognised by their first bytes, not by the name),
 * at most {@code fangpin.attachments.max-bytes}; stored in the lake under a generated name with their SHA-256, the
 * client's name kept only for display, cleaned of paths and control characters. Reading one is audited.
 */
@Service
public class Attachments {

    public enum Owner {
        VISIT,
        MEASURE
    }

    public record Attachment(
            UUID id,
            long householdId,
            Owner ownerKind,
            long ownerId,
            String fileName,
            String contentType,
            long sizeBytes,
            String sha256,
            String uploadedBy,
            Instant uploadedAt) {}

    /** An attachment and where its bytes are, for streaming to a caller allowed to see it. */
    public record Content(Attachment attachment, Path file) {}

    private final JdbcClient jdbc;
    private final Reach reach;
    private final AssistancePlans plans;
    private final Lake lake;
    private final AuditLog audit;
    private final Messages messages;
    private final long maxBytes;

    Attachments(
            JdbcClient jdbc,
            Reach reach,
            AssistancePlans plans,
            Lake lake,
            AuditLog audit,
            Messages messages,
            @Value("${fangpin.attachments.max-bytes:20971520}") long maxBytes) {
        this.jdbc = jdbc;
        this.reach = reach;
        this.plans = plans;
        this.lake = lake;
        this.audit = audit;
        this.messages = messages;
        this.maxBytes = maxBytes;
    }

    @Transactional
    public Attachment add(long householdId, Owner owner, long ownerId, String originalName, InputStream in) {
        Actor me = reach.require(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        AssistancePlans.Detail plan = plans.detail(householdId); // the plan, within the caller's region
        boolean known = owner == Owner.VISIT
                ? plan.visits().stream().anyMatch(v -> v.id() == ownerId)
                : plan.measures().stream().anyMatch(m -> m.id() == ownerId);
        if (!known) {
            throw ApiException.notFound("casework.attachment.owner", ownerId);
        }
        UUID id = UUID.randomUUID();
        Path dir = lake.dir("attachments", String.valueOf(householdId % 1000));
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
                    throw ApiException.invalid(
                            "file", messages.get("casework.attachment.too-large", maxBytes / 1_048_576));
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
            throw ApiException.invalid("file", messages.get("casework.attachment.type"));
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
        String name = safeName(originalName);
        String digest = HexFormat.of().formatHex(sha.digest());
        jdbc.sql("""
                insert into attachment (id, household_id, owner_kind, owner_id, file_name, content_type, size_bytes,
                    sha256, uploaded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, householdId, owner.name(), ownerId, name, type, size, digest, me.username())
                .update();
        audit.record(
                "ATTACHMENT_ADDED", "attachment", id.toString(), Map.of("household", householdId, "sha256", digest));
        return get(id);
    }

    @Transactional(readOnly = true)
    public List<Attachment> of(long householdId) {
        plans.detail(householdId);
        return jdbc.sql("select * from attachment where household_id = ? order by uploaded_at, id")
                .param(householdId)
                .query((rs, i) -> attachment(rs))
                .list();
    }

    /** The file, if the caller may see its household; the read is audited. */
    @Transactional
    public Content open(UUID id) {
        Attachment a = get(id);
        plans.detail(a.householdId()); // 404 outside the caller's region
        audit.record("ATTACHMENT_READ", "attachment", id.toString(), Map.of("household", a.householdId()));
        return new Content(
                a,
                lake.dir("attachments", String.valueOf(a.householdId() % 1000)).resolve(id.toString()));
    }

    private Attachment get(UUID id) {
        return jdbc.sql("select * from attachment where id = ?")
                .param(id)
                .query((rs, i) -> attachment(rs))
                .optional()
                .orElseThrow(() -> ApiException.notFound("casework.attachment.not-found", id));
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

    private static Attachment attachment(ResultSet rs) throws SQLException {
        return new Attachment(
                rs.getObject("id", UUID.class),
                rs.getLong("household_id"),
                Owner.valueOf(rs.getString("owner_kind")),
                rs.getLong("owner_id"),
                rs.getString("file_name"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant());
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
