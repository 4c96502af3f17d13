package org.fangpin.assessment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.Registry;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 问题整改: findings that a level (巡视, 督查, 暗访, 考核, 审计, 抽查, 数据质量) issues to a region below it, with the
 * unit that answers for each and a deadline; the region rectifies step by step (待整改 → 整改中), asks to close
 * (申请销号), and only the issuing level — never the responsible unit — signs it off (已销号) or sends it back. A
 * failed 回头看 reopens a closed finding (004:626). Every step is audited and shown on the finding's timeline.
 */
@Service
public class Findings {

    /** A finding as issued: the region answering for it (below the issuer's own), what and by when. */
    public record FindingIssue(
            String region,
            String responsibleUnit,
            FindingSource source,
            FindingCategory category,
            FindingSeverity severity,
            String title,
            String description,
            LocalDate deadline,
            List<Long> households,
            Long sampleDraw) {}

    /** A finding with where it stands; {@code overdue}: past its deadline and not signed off. */
    public record Finding(
            long id,
            String region,
            String regionName,
            String issuerRegion,
            String issuerRegionName,
            String responsibleUnit,
            FindingSource source,
            FindingCategory category,
            FindingSeverity severity,
            String title,
            String description,
            LocalDate deadline,
            Long sampleDraw,
            FindingState state,
            int reopened,
            String issuedBy,
            LocalDate issuedOn,
            LocalDate closedOn,
            boolean overdue,
            int version) {}

    /** A household a finding names. */
    public record LinkedHousehold(long householdId, String villageCode) {}

    /** One entry of a finding's timeline. */
    public record FindingEvent(
            FindingAction action, String text, LocalDate doneOn, String actor, Role actorRole, Instant at) {}

    /** A finding with the households it names and its timeline, oldest first. */
    public record FindingDetail(Finding finding, List<LinkedHousehold> households, List<FindingEvent> events) {}

    /** A rectification step: what was done (measures, evidence) and when. */
    public record RectificationStep(String text, LocalDate doneOn) {}

    /** The issuing level's answer to a request to close: signed off, or sent back with the reason. */
    public record FindingSignOff(Boolean approved, String note) {}

    /** A reason (sending back, reopening after 回头看, asking to close). */
    public record FindingNote(String note) {}

    private static final int MAX_TEXT = 4000;

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Registry registry;
    private final SampleDraws draws;
    private final FindingRows rows;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;

    Findings(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Registry registry,
            SampleDraws draws,
            FindingRows rows,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.registry = registry;
        this.draws = draws;
        this.rows = rows;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Issues a finding to a region strictly below the caller's own (422 with each field's reason otherwise, and for
     * a deadline not after today or households outside the region); the caller's region is the issuing level.
     */
    @Transactional
    public FindingDetail issue(FindingIssue r) {
        Actor me = actor.get()
                .filter(a -> a.regionCode() != null)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.FORBIDDEN, "forbidden", "assessment.finding.no-region", List.of()));
        LocalDate today = today();
        List<FieldProblem> problems = new ArrayList<>();
        Region region = r.region() == null ? null : regions.find(r.region()).orElse(null);
        if (region == null
                || !dataScope.current().covers(region.code())
                || region.code().equals(me.regionCode())
                || region.validTo() != null) {
            problems.add(FieldProblem.of("region", messages.get("assessment.finding.region")));
        }
        Required.text(messages, problems, "responsibleUnit", r.responsibleUnit(), 200);
        Required.text(messages, problems, "title", r.title(), 200);
        Required.text(messages, problems, "description", r.description(), MAX_TEXT);
        if (r.source() == null) {
            problems.add(FieldProblem.of("source", messages.get("assessment.finding.required")));
        }
        if (r.category() == null) {
            problems.add(FieldProblem.of("category", messages.get("assessment.finding.required")));
        }
        if (r.severity() == null) {
            problems.add(FieldProblem.of("severity", messages.get("assessment.finding.required")));
        }
        if (r.deadline() == null || !r.deadline().isAfter(today)) {
            problems.add(FieldProblem.of("deadline", messages.get("assessment.finding.deadline")));
        }
        List<Long> households = r.households() == null
                ? List.of()
                : r.households().stream().filter(Objects::nonNull).distinct().toList();
        Map<Long, Registry.Standing> found = registry.standings(households);
        Map<Long, String> villages = new HashMap<>();
        for (Long h : households) {
            Registry.Standing s = found.get(h);
            if (s == null || (region != null && !region.subtree().contains(s.villageCode()))) {
                problems.add(FieldProblem.of(
                        "households", messages.get("assessment.finding.household", s == null ? h : s.householdNo())));
            } else {
                villages.put(h, s.villageCode());
            }
        }
        if (r.sampleDraw() != null) {
            try {
                draws.header(r.sampleDraw());
            } catch (ApiException e) {
                problems.add(
                        FieldProblem.of("sampleDraw", messages.get("assessment.sample.not-found", r.sampleDraw())));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        long id = jdbc.sql("""
                        insert into finding (region_code, issuer_region, responsible_unit, source, category, severity,
                            title, description, deadline, sample_draw_id, issued_by, issued_on)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        region.code(),
                        me.regionCode(),
                        r.responsibleUnit().strip(),
                        r.source().name(),
                        r.category().name(),
                        r.severity().name(),
                        r.title().strip(),
                        r.description().strip(),
                        r.deadline(),
                        r.sampleDraw(),
                        me.username(),
                        today)
                .query(Long.class)
                .single();
        villages.forEach((h, v) -> jdbc.sql(
                        "insert into finding_household (finding_id, household_id, village_code) values (?, ?, ?)")
                .params(id, h, v)
                .update());
        event(id, FindingAction.ISSUED, r.title().strip(), today, me);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("region", region.code());
        after.put("responsibleUnit", r.responsibleUnit().strip());
        after.put("source", r.source().name());
        after.put("category", r.category().name());
        after.put("severity", r.severity().name());
        after.put("title", r.title().strip());
        after.put("deadline", r.deadline().toString());
        after.put("households", villages.size());
        events.publishEvent(
                new AuditableChange("finding", Long.toString(id), "FINDING_ISSUED", null, after, region.code()));
        return detail(id);
    }

    /** A rectification step by the responsible region (待整改 or 整改中 → 整改中). */
    @Transactional
    public FindingDetail step(long id, int version, RectificationStep s) {
        Finding f = lockForResponsible(id, version);
        stage(f, FindingState.TO_RECTIFY, FindingState.RECTIFYING);
        List<FieldProblem> problems = new ArrayList<>();
        Required.text(messages, problems, "text", s.text(), MAX_TEXT);
        LocalDate on = s.doneOn() == null ? today() : s.doneOn();
        if (on.isAfter(today()) || on.isBefore(f.issuedOn())) {
            problems.add(FieldProblem.of("doneOn", messages.get("assessment.finding.done-on")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return move(f, FindingState.RECTIFYING, FindingAction.STEP, s.text().strip(), on, "FINDING_STEP", null);
    }

    /** The responsible region asks the issuing level to close (整改中 → 申请销号): a step must have been recorded. */
    @Transactional
    public FindingDetail requestClose(long id, int version, FindingNote r) {
        Finding f = lockForResponsible(id, version);
        stage(f, FindingState.RECTIFYING);
        List<FieldProblem> problems = new ArrayList<>();
        Required.text(messages, problems, "note", r.note(), MAX_TEXT);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return move(
                f,
                FindingState.CLOSE_REQUESTED,
                FindingAction.CLOSE_REQUEST,
                r.note().strip(),
                today(),
                "FINDING_CLOSE_REQUESTED",
                null);
    }

    /** The issuing level signs off (申请销号 → 已销号) or sends back with its reason (→ 整改中). */
    @Transactional
    public FindingDetail signOff(long id, int version, FindingSignOff d) {
        Finding f = lockForIssuer(id, version);
        stage(f, FindingState.CLOSE_REQUESTED);
        List<FieldProblem> problems = new ArrayList<>();
        if (d.approved() == null) {
            problems.add(FieldProblem.of("approved", messages.get("assessment.finding.required")));
        }
        if (Boolean.FALSE.equals(d.approved()) || (d.note() != null && !d.note().isBlank())) {
            Required.text(messages, problems, "note", d.note(), MAX_TEXT);
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String note = d.note() == null || d.note().isBlank()
                ? messages.get("assessment.finding.signed-off")
                : d.note().strip();
        return d.approved()
                ? move(f, FindingState.SIGNED_OFF, FindingAction.SIGN_OFF, note, today(), "FINDING_SIGNED_OFF", today())
                : move(f, FindingState.RECTIFYING, FindingAction.SEND_BACK, note, today(), "FINDING_SENT_BACK", null);
    }

    /** A failed 回头看: the issuing level reopens a signed-off finding (已销号 → 整改中), with the reason. */
    @Transactional
    public FindingDetail reopen(long id, int version, FindingNote r) {
        Finding f = lockForIssuer(id, version);
        stage(f, FindingState.SIGNED_OFF);
        List<FieldProblem> problems = new ArrayList<>();
        Required.text(messages, problems, "note", r.note(), MAX_TEXT);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return move(
                f, FindingState.RECTIFYING, FindingAction.REOPEN, r.note().strip(), today(), "FINDING_REOPENED", null);
    }

    /** A finding of the caller's reach with its households and timeline (404 otherwise). */
    @Transactional(readOnly = true)
    public FindingDetail detail(long id) {
        Finding f = rows.find(id, false);
        List<LinkedHousehold> households = jdbc.sql(
                        "select household_id, village_code from finding_household where finding_id = ? order by 1")
                .param(id)
                .query((rs, i) -> new LinkedHousehold(rs.getLong(1), rs.getString(2)))
                .list();
        List<FindingEvent> timeline = jdbc.sql("select * from finding_event where finding_id = ? order by id")
                .param(id)
                .query((rs, i) -> new FindingEvent(
                        FindingAction.valueOf(rs.getString("action")),
                        rs.getString("text"),
                        rs.getObject("done_on", LocalDate.class),
                        rs.getString("actor"),
                        Role.valueOf(rs.getString("actor_role")),
                        rs.getTimestamp("at").toInstant()))
                .list();
        return new FindingDetail(f, households, timeline);
    }

    private FindingDetail move(
            Finding f,
            FindingState to,
            FindingAction action,
            String text,
            LocalDate on,
            String auditAction,
            LocalDate closedOn) {
        Actor me = me();
        jdbc.sql("update finding set state = ?, closed_on = ?, reopened = reopened + ?, version = version + 1"
                        + " where id = ?")
                .params(to.name(), closedOn, action == FindingAction.REOPEN ? 1 : 0, f.id())
                .update();
        event(f.id(), action, text, on, me);
        Map<String, Object> before = Map.of("state", f.state().name());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("state", to.name());
        after.put("note", text);
        events.publishEvent(
                new AuditableChange("finding", Long.toString(f.id()), auditAction, before, after, f.region()));
        return detail(f.id());
    }

    private void event(long id, FindingAction action, String text, LocalDate on, Actor me) {
        jdbc.sql("insert into finding_event (finding_id, action, text, done_on, actor, actor_role)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(id, action.name(), text, on, me.username(), me.role().name())
                .update();
    }

    /** The acting user, of a region: findings are issued and worked on by people of a level, never by the system. */
    private Actor me() {
        return actor.get()
                .filter(a -> a.regionCode() != null)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.FORBIDDEN, "forbidden", "assessment.finding.no-region", List.of()));
    }

    /** Whether the caller is of the level that issued the finding (its region is the issuer's). */
    public boolean issuedByCaller(Finding f) {
        return actor.get().map(a -> f.issuerRegion().equals(a.regionCode())).orElse(false);
    }

    /** The finding, locked, for a step of the region answering for it: 403 for the issuing level, 412 when stale. */
    private Finding lockForResponsible(long id, int version) {
        Finding f = rows.find(id, true);
        if (dataScope.current().covers(f.issuerRegion())) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN, "forbidden", "assessment.finding.not-responsible", List.of(), id);
        }
        return fresh(f, version);
    }

    /** The finding, locked, for the issuing level's decision: 403 for any other level, 412 when stale. */
    private Finding lockForIssuer(long id, int version) {
        Finding f = rows.find(id, true);
        if (!issuedByCaller(f)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "assessment.finding.not-issuer", List.of(), id);
        }
        return fresh(f, version);
    }

    /** 409 unless the finding stands in one of the states a step may be taken from. */
    private static void stage(Finding f, FindingState... from) {
        if (!List.of(from).contains(f.state())) {
            throw ApiException.conflict(
                    "assessment.finding.stage", f.id(), f.state().label(LocaleContextHolder.getLocale()));
        }
    }

    private static Finding fresh(Finding f, int version) {
        if (f.version() != version) {
            throw ApiException.preconditionFailed("assessment.finding.stale", f.id());
        }
        return f;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
