package org.fangpin.casework.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.common.lake.EvidenceFiles;
import org.fangpin.common.problem.ApiException;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evidence files of a visit or a measure, stored through {@link EvidenceFiles} (PDF, JPEG or PNG, size-limited, with
 * their SHA-256); the rows say whose they are. Adding and reading one is audited.
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
    private final EvidenceFiles files;
    private final AuditLog audit;

    Attachments(JdbcClient jdbc, Reach reach, AssistancePlans plans, EvidenceFiles files, AuditLog audit) {
        this.jdbc = jdbc;
        this.reach = reach;
        this.plans = plans;
        this.files = files;
        this.audit = audit;
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
        EvidenceFiles.Stored f = files.store("attachments", String.valueOf(householdId % 1000), originalName, in);
        jdbc.sql("""
                insert into attachment (id, household_id, owner_kind, owner_id, file_name, content_type, size_bytes,
                    sha256, uploaded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        f.id(),
                        householdId,
                        owner.name(),
                        ownerId,
                        f.fileName(),
                        f.contentType(),
                        f.sizeBytes(),
                        f.sha256(),
                        me.username())
                .update();
        audit.record(
                "ATTACHMENT_ADDED",
                "attachment",
                f.id().toString(),
                Map.of("household", householdId, "sha256", f.sha256()));
        return get(f.id());
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
        return new Content(a, files.path("attachments", String.valueOf(a.householdId() % 1000), id));
    }

    private Attachment get(UUID id) {
        return jdbc.sql("select * from attachment where id = ?")
                .param(id)
                .query((rs, i) -> attachment(rs))
                .optional()
                .orElseThrow(() -> ApiException.notFound("casework.attachment.not-found", id));
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
}
