package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
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
 * 佐证材料 of projects and assets — a project's acceptance (验收 minutes, photos), an asset's papers and 管护 photos, an
 * income distribution's meeting minutes and publicity photo, a disposal's valuation — stored through {@link
 * EvidenceFiles} (PDF, JPEG or PNG, size-limited, with their SHA-256). The caller checks that the subject is in reach
 * before adding or opening one (404 otherwise); adding and reading are audited.
 */
@Service
public class ProjectFiles {

    /** What a file is evidence of. */
    public enum Subject {
        PROJECT,
        ASSET
    }

    /** A file as kept. */
    @Schema(name = "ProjectFile")
    public record File(
            UUID id,
            Subject subject,
            long subjectId,
            String fileName,
            String contentType,
            long sizeBytes,
            String sha256,
            String uploadedBy,
            Instant uploadedAt) {}

    /** A file and where its bytes are. */
    public record Content(File file, Path path) {}

    private static final String AREA = "projects";

    private final JdbcClient jdbc;
    private final EvidenceFiles files;
    private final AuditLog audit;
    private final Actor.Current actor;

    ProjectFiles(JdbcClient jdbc, EvidenceFiles files, AuditLog audit, Actor.Current actor) {
        this.jdbc = jdbc;
        this.files = files;
        this.audit = audit;
        this.actor = actor;
    }

    /** Adds a file to a subject the caller has reached (422 for a file refused). */
    @Transactional
    public File add(Subject subject, long subjectId, String region, String originalName, InputStream in) {
        EvidenceFiles.Stored f = files.store(AREA, shard(subject, subjectId), originalName, in);
        jdbc.sql("""
                        insert into project_file (id, subject, subject_id, region_code, file_name, content_type,
                            size_bytes, sha256, uploaded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        f.id(),
                        subject.name(),
                        subjectId,
                        region,
                        f.fileName(),
                        f.contentType(),
                        f.sizeBytes(),
                        f.sha256(),
                        actor.username())
                .update();
        audit.record(
                "PROJECT_FILE_ADDED",
                "project_file",
                f.id().toString(),
                Map.of("subject", subject.name(), "subjectId", subjectId, "sha256", f.sha256()),
                region);
        return find(subject, subjectId, f.id());
    }

    /** A subject's files, oldest first. */
    @Transactional(readOnly = true)
    public List<File> of(Subject subject, long subjectId) {
        return jdbc.sql("select * from project_file where subject = ? and subject_id = ? order by uploaded_at, id")
                .params(subject.name(), subjectId)
                .query((rs, i) -> file(rs))
                .list();
    }

    /** A file's bytes (the subject reached by the caller); the read is audited. */
    @Transactional
    public Content open(Subject subject, long subjectId, String region, UUID id) {
        File f = find(subject, subjectId, id);
        audit.record(
                "PROJECT_FILE_READ",
                "project_file",
                id.toString(),
                Map.of("subject", subject.name(), "subjectId", subjectId),
                region);
        return new Content(f, files.path(AREA, shard(subject, subjectId), id));
    }

    private static String shard(Subject subject, long id) {
        return subject.name().toLowerCase(java.util.Locale.ROOT) + "-" + id;
    }

    private File find(Subject subject, long subjectId, UUID id) {
        return jdbc.sql("select * from project_file where id = ? and subject = ? and subject_id = ?")
                .params(id, subject.name(), subjectId)
                .query((rs, i) -> file(rs))
                .optional()
                .orElseThrow(() -> ApiException.notFound("project.file.not-found", id));
    }

    private static File file(ResultSet rs) throws SQLException {
        return new File(
                rs.getObject("id", UUID.class),
                Subject.valueOf(rs.getString("subject")),
                rs.getLong("subject_id"),
                rs.getString("file_name"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant());
    }
}
