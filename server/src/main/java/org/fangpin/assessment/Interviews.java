package org.fangpin.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 约谈 (004:197, 004:603): the level above talks to those answering for a region whose results or findings fall
 * short — who was interviewed and in which post, by whom, when, why (the findings it concerns), what they undertook
 * and by when; the follow-up recorded later. Issued, like findings, from the interviewer's own region to one below.
 */
@Service
public class Interviews {

    /** An interview as recorded. */
    public record InterviewRecord(
            String region,
            InterviewKind kind,
            String interviewee,
            String post,
            String interviewer,
            LocalDate heldOn,
            String reason,
            List<Long> findings,
            String undertaking,
            LocalDate followUpDue) {}

    /** An interview with its region's name, the findings it concerns and its follow-up once recorded. */
    public record Interview(
            long id,
            String region,
            String regionName,
            String interviewerRegion,
            String interviewerRegionName,
            InterviewKind kind,
            String interviewee,
            String post,
            String interviewer,
            LocalDate heldOn,
            String reason,
            List<Long> findings,
            String undertaking,
            LocalDate followUpDue,
            String followUp,
            LocalDate followedUpOn,
            boolean followUpOverdue,
            String recordedBy,
            int version) {}

    /** The follow-up: what became of the undertaking. */
    public record InterviewFollowUp(String text) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Findings findings;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;

    Interviews(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Findings findings,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.findings = findings;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Records an interview of a region below the caller's own; 422 with each field's reason (a day in the future, a
     * follow-up due before it, a finding not of that region).
     */
    @Transactional
    public Interview record(InterviewRecord r) {
        Actor me = actor.get()
                .filter(a -> a.regionCode() != null)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.FORBIDDEN, "forbidden", "assessment.finding.no-region", List.of()));
        LocalDate today = LocalDate.now(clock);
        List<FieldProblem> problems = new ArrayList<>();
        Region region = r.region() == null ? null : regions.find(r.region()).orElse(null);
        if (region == null
                || !dataScope.current().covers(region.code())
                || region.code().equals(me.regionCode())) {
            problems.add(FieldProblem.of("region", messages.get("assessment.finding.region")));
        }
        if (r.kind() == null) {
            problems.add(FieldProblem.of("kind", messages.get("assessment.finding.required")));
        }
        Required.text(messages, problems, "interviewee", r.interviewee(), 100);
        Required.text(messages, problems, "post", r.post(), 100);
        Required.text(messages, problems, "interviewer", r.interviewer(), 100);
        Required.text(messages, problems, "reason", r.reason(), 4000);
        if (r.undertaking() != null && r.undertaking().length() > 4000) {
            problems.add(
                    FieldProblem.of("undertaking", messages.get("assessment.finding.too-long", Messages.count(4000))));
        }
        if (r.heldOn() == null || r.heldOn().isAfter(today)) {
            problems.add(FieldProblem.of("heldOn", messages.get("assessment.interview.held-on")));
        }
        if (r.followUpDue() != null && r.heldOn() != null && !r.followUpDue().isAfter(r.heldOn())) {
            problems.add(FieldProblem.of("followUpDue", messages.get("assessment.interview.due")));
        }
        List<Long> concerned = r.findings() == null ? List.of() : List.copyOf(new HashSet<>(r.findings()));
        for (long f : concerned) {
            try {
                Findings.Finding x = findings.detail(f).finding();
                if (region != null && !region.subtree().contains(x.region())) {
                    problems.add(FieldProblem.of("findings", messages.get("assessment.interview.finding", f)));
                }
            } catch (ApiException e) {
                problems.add(FieldProblem.of("findings", messages.get("assessment.interview.finding", f)));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        long id = jdbc.sql("""
                        insert into interview (region_code, interviewer_region, kind, interviewee, post, interviewer,
                            held_on, reason, undertaking, follow_up_due, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        region.code(),
                        me.regionCode(),
                        r.kind().name(),
                        r.interviewee().strip(),
                        r.post().strip(),
                        r.interviewer().strip(),
                        r.heldOn(),
                        r.reason().strip(),
                        r.undertaking() == null || r.undertaking().isBlank()
                                ? null
                                : r.undertaking().strip(),
                        r.followUpDue(),
                        me.username())
                .query(Long.class)
                .single();
        for (long f : concerned) {
            jdbc.sql("insert into interview_finding (interview_id, finding_id) values (?, ?)")
                    .params(id, f)
                    .update();
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("region", region.code());
        after.put("kind", r.kind().name());
        after.put("interviewee", r.interviewee().strip());
        after.put("post", r.post().strip());
        after.put("heldOn", r.heldOn().toString());
        after.put("findings", concerned);
        events.publishEvent(
                new AuditableChange("interview", Long.toString(id), "INTERVIEW_RECORDED", null, after, region.code()));
        return get(id);
    }

    /** Records what became of the undertaking (once; a second follow-up is a new interview). */
    @Transactional
    public Interview followUp(long id, int version, InterviewFollowUp f) {
        Interview i = find(id, true);
        if (!dataScope.current().covers(i.interviewerRegion())) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN, "forbidden", "assessment.interview.not-interviewer", List.of(), id);
        }
        if (i.version() != version) {
            throw ApiException.preconditionFailed("assessment.interview.stale", id);
        }
        if (i.followedUpOn() != null) {
            throw ApiException.conflict("assessment.interview.followed-up", id);
        }
        List<FieldProblem> problems = new ArrayList<>();
        Required.text(messages, problems, "text", f.text(), 4000);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        jdbc.sql("update interview set follow_up = ?, followed_up_on = ?, version = version + 1 where id = ?")
                .params(f.text().strip(), LocalDate.now(clock), id)
                .update();
        events.publishEvent(new AuditableChange(
                "interview",
                Long.toString(id),
                "INTERVIEW_FOLLOWED_UP",
                null,
                Map.of("note", f.text().strip()),
                i.region()));
        return get(id);
    }

    /** An interview of the caller's reach (404 otherwise). */
    @Transactional(readOnly = true)
    public Interview get(long id) {
        return find(id, false);
    }

    /** Interviews of the caller's reach (or of those concerning one finding), the newest first. */
    @Transactional(readOnly = true)
    public List<Interview> list(Long finding, int limit) {
        Map<String, Object> p = new HashMap<>();
        p.put("limit", Math.max(1, Math.min(limit, 500)));
        String where = dataScope.current().condition("region_code", p);
        if (finding != null) {
            where += " and id in (select interview_id from interview_finding where finding_id = :finding)";
            p.put("finding", finding);
        }
        return named(jdbc.sql("select *, " + FINDINGS + " from interview where " + where
                        + " order by held_on desc, id desc limit :limit")
                .params(p)
                .query(this::interview)
                .list());
    }

    private static final String FINDINGS = "array(select finding_id from interview_finding f where f.interview_id ="
            + " interview.id order by 1) as finding_ids";

    private Interview find(long id, boolean lock) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        return jdbc.sql("select *, " + FINDINGS + " from interview where id = :id and "
                        + dataScope.current().condition("region_code", p) + (lock ? " for update" : ""))
                .params(p)
                .query(this::interview)
                .optional()
                .map(i -> named(List.of(i)).get(0))
                .orElseThrow(() -> ApiException.notFound("assessment.interview.not-found", id));
    }

    private List<Interview> named(List<Interview> items) {
        Set<String> codes = new HashSet<>();
        items.forEach(i -> {
            codes.add(i.region());
            codes.add(i.interviewerRegion());
        });
        Map<String, String> names = regions.names(codes);
        return items.stream()
                .map(i -> new Interview(
                        i.id(),
                        i.region(),
                        names.getOrDefault(i.region(), i.region()),
                        i.interviewerRegion(),
                        names.getOrDefault(i.interviewerRegion(), i.interviewerRegion()),
                        i.kind(),
                        i.interviewee(),
                        i.post(),
                        i.interviewer(),
                        i.heldOn(),
                        i.reason(),
                        i.findings(),
                        i.undertaking(),
                        i.followUpDue(),
                        i.followUp(),
                        i.followedUpOn(),
                        i.followUpOverdue(),
                        i.recordedBy(),
                        i.version()))
                .toList();
    }

    private Interview interview(ResultSet rs, int n) throws SQLException {
        LocalDate due = rs.getObject("follow_up_due", LocalDate.class);
        LocalDate done = rs.getObject("followed_up_on", LocalDate.class);
        List<Long> ids = new ArrayList<>();
        for (Object o : (Object[]) rs.getArray("finding_ids").getArray()) {
            ids.add(((Number) o).longValue());
        }
        return new Interview(
                rs.getLong("id"),
                rs.getString("region_code"),
                null,
                rs.getString("interviewer_region"),
                null,
                InterviewKind.valueOf(rs.getString("kind")),
                rs.getString("interviewee"),
                rs.getString("post"),
                rs.getString("interviewer"),
                rs.getObject("held_on", LocalDate.class),
                rs.getString("reason"),
                ids,
                rs.getString("undertaking"),
                due,
                rs.getString("follow_up"),
                done,
                due != null && done == null && LocalDate.now(clock).isAfter(due),
                rs.getString("recorded_by"),
                rs.getInt("version"));
    }
}
