package org.fangpin.assessment;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangpin.common.lake.EvidenceFiles;
import org.fangpin.common.problem.ApiException;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos of a field check (入户核查 佐证): taken at a drawn household, before or after its check is recorded, stored
 * through {@link EvidenceFiles} (JPEG, PNG or a scanned PDF, size-limited, with their SHA-256). Who may see the
 * household's check sheet may see its photos (404 otherwise); adding and reading one is audited.
 */
@Service
public class CheckPhotos {

    /** A photo as kept: its id, the drawn household, the cleaned file name, type, size, digest, who and when. */
    public record CheckPhoto(
            UUID id,
            long drawId,
            long householdId,
            String fileName,
            String contentType,
            long sizeBytes,
            String sha256,
            String uploadedBy,
            Instant uploadedAt) {}

    /** A photo and where its bytes are, for streaming to a caller allowed to see it. */
    public record Content(CheckPhoto photo, Path file) {}

    private static final String AREA = "field-checks";

    private final JdbcClient jdbc;
    private final FieldChecks checks;
    private final EvidenceFiles files;
    private final AuditLog audit;
    private final Actor.Current actor;

    CheckPhotos(JdbcClient jdbc, FieldChecks checks, EvidenceFiles files, AuditLog audit, Actor.Current actor) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.files = files;
        this.audit = audit;
        this.actor = actor;
    }

    /** Adds a photo to a drawn household within the caller's reach (404 otherwise; 422 for a file refused). */
    @Transactional
    public CheckPhoto add(long drawId, long householdId, String originalName, InputStream in) {
        FieldChecks.CheckSheet sheet = checks.sheet(drawId, householdId);
        EvidenceFiles.Stored f = files.store(AREA, String.valueOf(drawId), originalName, in);
        jdbc.sql("""
                insert into field_check_photo (id, draw_id, household_id, village_code, file_name, content_type,
                    size_bytes, sha256, uploaded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        f.id(),
                        drawId,
                        householdId,
                        sheet.villageCode(),
                        f.fileName(),
                        f.contentType(),
                        f.sizeBytes(),
                        f.sha256(),
                        actor.username())
                .update();
        audit.record(
                "FIELD_CHECK_PHOTO_ADDED",
                "field_check_photo",
                f.id().toString(),
                Map.of("household", householdId, "sha256", f.sha256()),
                sheet.villageCode());
        return find(drawId, householdId, f.id());
    }

    /** A drawn household's photos, oldest first (404 outside the caller's reach). */
    @Transactional(readOnly = true)
    public List<CheckPhoto> of(long drawId, long householdId) {
        checks.sheet(drawId, householdId);
        return jdbc.sql("select * from field_check_photo where draw_id = ? and household_id = ?"
                        + " order by uploaded_at, id")
                .params(drawId, householdId)
                .query((rs, i) -> photo(rs))
                .list();
    }

    /** A photo's bytes, if the caller may see its household; the read is audited. */
    @Transactional
    public Content open(long drawId, long householdId, UUID id) {
        FieldChecks.CheckSheet sheet = checks.sheet(drawId, householdId);
        CheckPhoto p = find(drawId, householdId, id);
        audit.record(
                "FIELD_CHECK_PHOTO_READ",
                "field_check_photo",
                id.toString(),
                Map.of("household", householdId),
                sheet.villageCode());
        return new Content(p, files.path(AREA, String.valueOf(drawId), id));
    }

    private CheckPhoto find(long drawId, long householdId, UUID id) {
        return jdbc.sql("select * from field_check_photo where id = ? and draw_id = ? and household_id = ?")
                .params(id, drawId, householdId)
                .query((rs, i) -> photo(rs))
                .optional()
                .orElseThrow(() -> ApiException.notFound("assessment.photo.not-found", id));
    }

    private static CheckPhoto photo(ResultSet rs) throws SQLException {
        return new CheckPhoto(
                rs.getObject("id", UUID.class),
                rs.getLong("draw_id"),
                rs.getLong("household_id"),
                rs.getString("file_name"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant());
    }
}
