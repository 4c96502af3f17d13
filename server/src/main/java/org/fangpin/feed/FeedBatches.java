package org.fangpin.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.fangpin.common.Department;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The received batches. Who sees which: a department user only its own department's batches; county, city and
 * province offices and inspectors the batches sent from inside their region; the system all. Batch files are read
 * by the batch engines through {@link #files}.
 */
@Service
public class FeedBatches {

    private final JdbcClient jdbc;
    private final Actor.Current actor;
    private final DataScope dataScope;

    FeedBatches(JdbcClient jdbc, Actor.Current actor, DataScope dataScope) {
        this.jdbc = jdbc;
        this.actor = actor;
        this.dataScope = dataScope;
    }

    /** A batch as stored, with what only the intake needs. */
    record Stored(FeedBatch batch, String contentHash, Path file, Path feedback) {
        boolean contentHashMatches(String hash) {
            return contentHash.equals(hash);
        }
    }

    record NewBatch(
            UUID id,
            FeedType type,
            Department department,
            String batchKey,
            YearMonth period,
            String contentHash,
            Path file,
            Path feedback,
            long rows,
            long matched,
            long unmatched,
            String receivedBy,
            String senderRegion,
            UUID importId) {}

    private static final String COLS = "id, feed_type, schema_version, department, batch_key, period, row_count,"
            + " matched, unmatched, received_at, received_by, content_hash, file_path, feedback_path";

    void insert(NewBatch b) {
        jdbc.sql("insert into feed_batch (id, feed_type, schema_version, department, batch_key, period, content_hash,"
                        + " file_path, feedback_path, row_count, matched, unmatched, received_by, sender_region,"
                        + " import_id) values (:id, :type, :version, :dept, :key, :period, :hash, :file, :feedback,"
                        + " :rows, :matched, :unmatched, :by, :region, :importId)")
                .param("id", b.id())
                .param("type", b.type().name())
                .param("version", b.type().schemaVersion())
                .param("dept", b.department().name())
                .param("key", b.batchKey())
                .param("period", b.period().atDay(1))
                .param("hash", b.contentHash())
                .param("file", b.file().toString())
                .param("feedback", b.feedback().toString())
                .param("rows", b.rows())
                .param("matched", b.matched())
                .param("unmatched", b.unmatched())
                .param("by", b.receivedBy())
                .param("region", b.senderRegion())
                .param("importId", b.importId())
                .update();
    }

    Optional<Stored> find(FeedType type, Department department, String batchKey) {
        return jdbc.sql("select " + COLS + " from feed_batch where feed_type = ? and department = ? and batch_key = ?")
                .params(type.name(), department.name(), batchKey)
                .query(FeedBatches::stored)
                .optional();
    }

    /** The batches the caller may see, newest first, of one type and period where given (null: any). */
    public List<FeedBatch> list(FeedType type, YearMonth period, int limit) {
        var q = new HashMap<String, Object>();
        StringBuilder sql = new StringBuilder("select " + COLS + " from feed_batch where " + visibility(q));
        if (type != null) {
            sql.append(" and feed_type = :type");
            q.put("type", type.name());
        }
        if (period != null) {
            sql.append(" and period = :period");
            q.put("period", period.atDay(1));
        }
        sql.append(" order by received_at desc, id limit :limit");
        q.put("limit", Math.max(1, Math.min(limit, 500)));
        return jdbc.sql(sql.toString()).params(q).query(FeedBatches::stored).list().stream()
                .map(Stored::batch)
                .toList();
    }

    /** One batch, if the caller may see it (404 otherwise: its existence is not disclosed). */
    public FeedBatch get(UUID id) {
        return stored(id).batch();
    }

    /** The feedback file of a batch the caller may see: each unmatched row with its reason. */
    public Path feedback(UUID id) {
        return stored(id).feedback();
    }

    /**
     * A batch's feedback for a page: the file's header, its first {@code limit} rows, and the number of unmatched
     * rows per reason over the whole file (the reason is the last column).
     */
    public record Feedback(List<String> header, List<List<String>> rows, Map<String, Long> reasons, long total) {}

    public Feedback feedbackSample(UUID id, int limit) {
        Path file = feedback(id);
        List<String> header = List.of();
        List<List<String>> rows = new ArrayList<>();
        Map<String, Long> reasons = new LinkedHashMap<>();
        long total = 0;
        try (var parser = CSVFormat.DEFAULT.parse(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            for (var record : parser) {
                List<String> values = record.toList();
                if (record.getRecordNumber() == 1) {
                    header = values.stream().map(v -> v.replace("\uFEFF", "")).toList();
                    continue;
                }
                total++;
                reasons.merge(values.get(values.size() - 1), 1L, Long::sum);
                if (rows.size() < limit) {
                    rows.add(values);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Feedback(header, rows, reasons, total);
    }

    private Stored stored(UUID id) {
        var q = new HashMap<String, Object>();
        String visible = visibility(q);
        q.put("id", id);
        return jdbc.sql("select " + COLS + " from feed_batch where id = :id and " + visible)
                .params(q)
                .query(FeedBatches::stored)
                .optional()
                .orElseThrow(() -> ApiException.notFound("feed.not-found", id));
    }

    /**
     * The Parquet files of a feed's batches received up to an instant, for the batch engines (the system's view):
     * a run reads exactly the batches that had arrived when it began.
     */
    public List<BatchFile> receivedBy(FeedType type, Instant cutoff) {
        return jdbc.sql(
                        "select id, period, file_path, row_count from feed_batch where feed_type = ? and received_at <= ?"
                                + " order by period, received_at, id")
                .params(type.name(), Timestamp.from(cutoff))
                .query((rs, i) -> new BatchFile(
                        rs.getObject(1, UUID.class),
                        YearMonth.from(rs.getObject(2, LocalDate.class)),
                        Path.of(rs.getString(3)),
                        rs.getLong(4)))
                .list();
    }

    public record BatchFile(UUID batchId, YearMonth period, Path file, long rows) {}

    /**
     * Which batches the caller sees, as a condition on {@code feed_batch} (its parameters added to {@code params}):
     * the system all; a department its own; the administrator none; others those sent from inside their region,
     * and their own.
     */
    private String visibility(Map<String, Object> params) {
        Optional<Actor> who = actor.get();
        if (who.isEmpty()) {
            return "true";
        }
        Actor a = who.get();
        if (a.role() == Role.DEPARTMENT) {
            params.put("ownDepartment", a.department() == null ? "" : a.department());
            return "department = :ownDepartment";
        }
        if (a.role() == Role.ADMIN) {
            return "false";
        }
        params.put("me", a.username());
        if (dataScope.current() instanceof DataScope.Scope.Subtree sub) {
            params.put("lo", sub.region().subtree().low());
            params.put("hi", sub.region().subtree().high());
            return "(received_by = :me or sender_region between :lo and :hi)";
        }
        return "received_by = :me";
    }

    private static Stored stored(ResultSet rs, int i) throws SQLException {
        FeedBatch b = new FeedBatch(
                rs.getObject("id", UUID.class),
                FeedType.valueOf(rs.getString("feed_type")),
                rs.getInt("schema_version"),
                Department.valueOf(rs.getString("department")),
                rs.getString("batch_key"),
                YearMonth.from(rs.getObject("period", LocalDate.class)),
                rs.getLong("row_count"),
                rs.getLong("matched"),
                rs.getLong("unmatched"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getString("received_by"),
                "/api/v1/feeds/batches/" + rs.getObject("id", UUID.class) + "/feedback.csv");
        return new Stored(
                b,
                rs.getString("content_hash"),
                Path.of(rs.getString("file_path")),
                Path.of(rs.getString("feedback_path")));
    }
}
