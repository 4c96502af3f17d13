package org.fangpin.common.publicity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.jdbc.Rows;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 公示 with 异议, one way for whatever is publicised — an identification case after its council, a project entering
 * the library, a project's results, an income distribution: a period of {@code publicity_days} (or a subject's own
 * parameter) starting on a given day; objections received in it, each settled (upheld or dismissed) with a reason —
 * an upheld one ends the publicity and closes the subject's others still open with it (superseded); and an end only
 * after its last day, with no objection left open. What an upheld objection does to the subject is the subject's own
 * affair. Objections are kept in {@code objection} by subject kind and id, never deleted.
 */
@Component
public class Publicities {

    /** The days a publicity runs, both included. */
    public record Period(LocalDate from, LocalDate to) {

        /** A period of {@code days} days from a day. */
        public static Period of(LocalDate from, int days) {
            return new Period(from, from.plusDays(Math.max(1, days) - 1L));
        }

        /** Whether its last day has passed. */
        public boolean over(LocalDate today) {
            return today.isAfter(to);
        }
    }

    /** An objection raised during a publicity and how it was settled. */
    public record Objection(
            long id,
            LocalDate receivedOn,
            String raisedBy,
            String content,
            String recordedBy,
            Instant recordedAt,
            String resolution,
            String resolutionNote,
            String resolvedBy,
            Instant resolvedAt) {
        /** Free text can hold an ID or phone number: shown masked, like the structured fields. */
        public Objection {
            raisedBy = SensitiveText.mask(raisedBy);
            content = SensitiveText.mask(content);
            resolutionNote = SensitiveText.mask(resolutionNote);
        }
    }

    /** What a caller records of an objection; received today when no day is given. */
    public record NewObjection(LocalDate receivedOn, String raisedBy, String content) {}

    /** How an objection is settled: upheld (the subject is questioned) or dismissed, with a reason. */
    public record Resolution(Boolean upheld, String note) {}

    /** How many objections a subject has had, and how many are not settled. */
    public record Counts(long all, long open) {}

    private static final int TEXT_MAX = 2000;

    private final JdbcClient jdbc;
    private final Messages messages;
    private final Clock clock;

    Publicities(JdbcClient jdbc, Messages messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Records an objection to a subject under publicity: received on its first day or later and not after today
     * (one received after the last day still holds the end back until it is settled), with its content (422 with the
     * fields' reasons otherwise). Returns its id.
     */
    public long object(String subject, long subjectId, Period period, NewObjection o, String user) {
        LocalDate today = LocalDate.now(clock);
        LocalDate received = o.receivedOn() == null ? today : o.receivedOn();
        List<FieldProblem> problems = new ArrayList<>();
        if (received.isAfter(today) || received.isBefore(period.from())) {
            problems.add(FieldProblem.of("receivedOn", messages.get("publicity.received-on", period.from())));
        }
        if (!blank(o.raisedBy()) && o.raisedBy().strip().length() > 100) {
            problems.add(FieldProblem.of("raisedBy", messages.get("publicity.too-long", 100)));
        }
        if (blank(o.content())) {
            problems.add(FieldProblem.of("content", messages.get("publicity.content")));
        } else if (o.content().strip().length() > TEXT_MAX) {
            problems.add(FieldProblem.of("content", messages.get("publicity.too-long", TEXT_MAX)));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return jdbc.sql("insert into objection (subject, subject_id, received_on, raised_by, content, recorded_by)"
                        + " values (?, ?, ?, ?, ?, ?) returning id")
                .params(
                        subject,
                        subjectId,
                        received,
                        blank(o.raisedBy()) ? null : o.raisedBy().strip(),
                        o.content().strip(),
                        user)
                .query(Long.class)
                .single();
    }

    /**
     * Settles an open objection of the subject, upheld or dismissed, with its reason (422 without); 409 when it is
     * settled already or not the subject's. Upheld ends the publicity: the subject's other open objections are closed
     * with it ({@code SUPERSEDED}).
     */
    public void settle(String subject, long subjectId, long objectionId, Resolution r, String user) {
        List<FieldProblem> problems = new ArrayList<>();
        if (r.upheld() == null) {
            problems.add(FieldProblem.of("upheld", messages.get("publicity.upheld")));
        }
        if (blank(r.note())) {
            problems.add(FieldProblem.of("note", messages.get("publicity.note")));
        } else if (r.note().strip().length() > TEXT_MAX) {
            problems.add(FieldProblem.of("note", messages.get("publicity.too-long", TEXT_MAX)));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        int n = jdbc.sql("update objection set resolution = ?, resolution_note = ?, resolved_by = ?, resolved_at ="
                        + " now() where id = ? and subject = ? and subject_id = ? and resolution is null")
                .params(r.upheld() ? "UPHELD" : "DISMISSED", r.note().strip(), user, objectionId, subject, subjectId)
                .update();
        if (n == 0) {
            throw ApiException.conflict("publicity.objection-settled", objectionId);
        }
        if (r.upheld()) {
            // the publicity ends with it: the others still open are closed with it, not left to hold a new one back
            jdbc.sql("update objection set resolution = 'SUPERSEDED', resolved_by = ?, resolved_at = now()"
                            + " where subject = ? and subject_id = ? and resolution is null")
                    .params(user, subject, subjectId)
                    .update();
        }
    }

    /** 409 unless the period's last day has passed and every objection to the subject is settled. */
    public Counts requireOver(String subject, long subjectId, Period period) {
        if (!period.over(LocalDate.now(clock))) {
            throw ApiException.conflict("publicity.running", period.to());
        }
        Counts c = counts(subject, subjectId);
        if (c.open() > 0) {
            throw ApiException.conflict("publicity.objections-open", c.open());
        }
        return c;
    }

    public Counts counts(String subject, long subjectId) {
        return jdbc.sql("select count(*), count(*) filter (where resolution is null) from objection"
                        + " where subject = ? and subject_id = ?")
                .params(subject, subjectId)
                .query((rs, i) -> new Counts(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    public List<Objection> objections(String subject, long subjectId) {
        return jdbc.sql("select * from objection where subject = ? and subject_id = ? order by id")
                .params(subject, subjectId)
                .query((rs, i) -> new Objection(
                        rs.getLong("id"),
                        rs.getObject("received_on", LocalDate.class),
                        rs.getString("raised_by"),
                        rs.getString("content"),
                        rs.getString("recorded_by"),
                        rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("resolution"),
                        rs.getString("resolution_note"),
                        rs.getString("resolved_by"),
                        Rows.instant(rs, "resolved_at")))
                .list();
    }

    /**
     * SQL for "the subject has an objection not yet settled", over a column holding the subject's id (for lists and
     * inboxes). The kind is a constant of the caller's, never user input.
     */
    public static String openObjectionExists(String subject, String idColumn) {
        if (!subject.matches("[A-Z_]{1,24}")) {
            throw new IllegalArgumentException(subject);
        }
        return "exists (select 1 from objection o where o.subject = '" + subject + "' and o.subject_id = " + idColumn
                + " and o.resolution is null)";
    }

    /** SQL for the count of a subject's objections not yet settled, over a column holding its id. */
    public static String openObjectionCount(String subject, String idColumn) {
        if (!subject.matches("[A-Z_]{1,24}")) {
            throw new IllegalArgumentException(subject);
        }
        return "(select count(*) from objection o where o.subject = '" + subject + "' and o.subject_id = " + idColumn
                + " and o.resolution is null)";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
