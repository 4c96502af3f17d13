package org.fangpin.casework;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fangpin.casework.internal.Reach;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.Alerts;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.ScopedQuery;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 识别认定: a household found at risk — by its own application, a cadre's check or a handed-over monitoring alert —
 * goes through 入户核实 → 村民主评议 → 村公示 → 乡镇审核 → 县审定. Each step is taken only by its role, inside the
 * user's region, on the version of the case the user saw (else 412), at the stage it belongs to (else 409). The
 * county's inclusion makes the household a 监测对象 with its category and causes, dated the decision day, in the
 * registry's history. The deadline runs from discovery ({@code identification_deadline_days}).
 */
@Service
public class Cases {

    private static final Logger log = LoggerFactory.getLogger(Cases.class);

    private final JdbcClient jdbc;
    private final Reach reach;
    private final Registry registry;
    private final PolicyParameters parameters;
    private final RegionDirectory regions;
    private final Alerts alerts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    Cases(
            JdbcClient jdbc,
            Reach reach,
            Registry registry,
            PolicyParameters parameters,
            RegionDirectory regions,
            Alerts alerts,
            AuditLog audit,
            ApplicationEventPublisher events,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.reach = reach;
        this.registry = registry;
        this.parameters = parameters;
        this.regions = regions;
        this.alerts = alerts;
        this.audit = audit;
        this.events = events;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    // ---- what callers see ----

    public record CaseFile(
            long id,
            CaseKind kind,
            long householdId,
            String householdNo,
            String villageCode,
            CaseChannel channel,
            Long alertId,
            String statement,
            String suggestedCategory,
            List<String> suggestedCauses,
            LocalDate discoveredOn,
            LocalDate deadline,
            CaseStage stage,
            LocalDate publicityFrom,
            LocalDate publicityTo,
            String openedBy,
            Instant openedAt,
            Instant closedAt,
            LocalDate closedOn,
            String category,
            List<String> causes,
            String decisionReason,
            boolean overdue,
            int openObjections,
            int version) {
        /** Free text can hold an ID or phone number: shown masked, like the structured fields. */
        public CaseFile {
            statement = SensitiveText.mask(statement);
            decisionReason = SensitiveText.mask(decisionReason);
        }
    }

    /** One recorded step: who (with role and region), when, what they found or decided and why. */
    public record Step(
            long id,
            String action,
            CaseStage from,
            CaseStage to,
            JsonNode details,
            String note,
            String actor,
            String actorRole,
            String actorRegion,
            Instant at) {
        /** Free text can hold an ID or phone number: shown masked, like the structured fields. */
        public Step {
            note = SensitiveText.mask(note);
        }
    }

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

    public record Detail(CaseFile file, List<Step> steps, List<Objection> objections) {}

    /** Filters for the case list; null leaves a filter out ({@code before}: the last id of the previous page). */
    public record Query(String region, CaseStage stage, Boolean overdue, Long household, Long before, int limit) {}

    /** Open cases by stage, how many are past their deadline, and closed cases decided in time or late. */
    public record Counts(Map<CaseStage, Long> byStage, long overdue, long decidedInTime, long decidedLate) {}

    // ---- what callers send ----

    /** A new case; {@code kind} defaults to identification. */
    public record Opening(
            CaseKind kind,
            Long householdId,
            CaseChannel channel,
            String statement,
            LocalDate discoveredOn,
            MonitoringCategory suggestedCategory,
            List<RiskCause> suggestedCauses) {}

    /** 入户核实: what the visit found — income, rigid expenditure, 两不愁三保障 and water — and whether risk is real. */
    public record Findings(
            LocalDate visitedOn,
            BigDecimal perCapitaIncome,
            BigDecimal medicalExpense,
            BigDecimal educationExpense,
            Boolean foodAndClothingSecure,
            Boolean compulsoryEducationSecure,
            Boolean basicMedicalSecure,
            Boolean housingSafe,
            Boolean waterSafe,
            Boolean riskConfirmed,
            String note) {}

    /** 村民主评议: the meeting, its vote and result; publicity starts on {@code publicityFrom} when approved. */
    public record Council(
            LocalDate heldOn,
            Integer attendees,
            Integer votesFor,
            Integer votesAgainst,
            Boolean approved,
            LocalDate publicityFrom,
            String note) {}

    public record NewObjection(LocalDate receivedOn, String raisedBy, String content) {}

    /** Upheld: the facts are questioned, the case goes back to field verification. */
    public record Resolution(Boolean upheld, String note) {}

    /** 乡镇审核: approve (to the county) or return (to field verification), with a note. */
    public record Review(Boolean approved, String note) {}

    /**
     * 县审定. Identification: include with category and causes, or not (with a reason). Elimination: eliminate the
     * risk, or not (with a reason).
     */
    public record Decision(
            Boolean include,
            MonitoringCategory category,
            List<RiskCause> causes,
            Boolean eliminate,
            String reason,

            @io.swagger.v3.oas.annotations.media.Schema(
                    description = "风险消除方式（默认帮扶后消除）· How the risk ended (default: after assistance)")
            EliminationKind eliminationKind) {}

    /** Published when a case is opened (in the same transaction). */
    public record Opened(long caseId, long householdId, String villageCode, CaseChannel channel) {}

    /** Published when the county decides, or the village council ends a case. */
    public record Decided(
            long caseId,
            CaseKind kind,
            long householdId,
            String villageCode,
            boolean included,
            boolean eliminated,
            String category,
            List<String> causes,
            LocalDate on) {}

    // ---- reads ----

    private static final String SELECT = "select case_file.*, (select count(*) from case_objection o where o.case_id ="
            + " case_file.id and o.resolution is null) as open_objections from case_file";

    @Transactional(readOnly = true)
    public List<CaseFile> list(Query q) {
        return ScopedQuery.select(SELECT, "village_code", reach.scope())
                .inRegion(q.region(), regions, () -> ApiException.invalid("region", messages.get("casework.region")))
                .when(q.stage(), "stage = :stage", "stage")
                .either(
                        q.overdue(),
                        "closed_at is null and deadline < :today",
                        "not (closed_at is null and deadline < :today)")
                .bind("today", today())
                .when(q.household(), "household_id = :household", "household")
                .page(jdbc, "id", q.before(), q.limit(), this::caseFile);
    }

    @Transactional(readOnly = true)
    public Counts counts() {
        Map<String, Object> p = new HashMap<>();
        p.put("today", today());
        Map<CaseStage, Long> byStage = new EnumMap<>(CaseStage.class);
        for (CaseStage s : CaseStage.values()) {
            byStage.put(s, 0L);
        }
        jdbc.sql("select stage, count(*) from case_file where " + scope(p) + " group by stage")
                .params(p)
                .query((rs, i) -> byStage.put(CaseStage.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        long[] n = jdbc.sql("select count(*) filter (where closed_at is null and deadline < :today),"
                        + " count(*) filter (where closed_on <= deadline), count(*) filter (where closed_on > deadline)"
                        + " from case_file where " + scope(p))
                .params(p)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .single();
        return new Counts(byStage, n[0], n[1], n[2]);
    }

    @Transactional(readOnly = true)
    public CaseFile get(long id) {
        return find(id, false);
    }

    @Transactional(readOnly = true)
    public Detail detail(long id) {
        CaseFile c = find(id, false);
        return new Detail(c, steps(id), objections(id));
    }

    /** The household's cases, newest first (for its page and timeline). */
    @Transactional(readOnly = true)
    public List<CaseFile> ofHousehold(long householdId) {
        return list(new Query(null, null, null, householdId, null, 100));
    }

    // ---- discovery ----

    /**
     * Opens a case: identification from a household's application (entered by a cadre) or a cadre's finding; risk
     * elimination of a monitored household from the system's proposal, an application or a cadre's finding.
     */
    @Transactional
    public CaseFile open(Opening o) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        List<FieldProblem> problems = new ArrayList<>();
        if (o.householdId() == null) {
            problems.add(FieldProblem.of("householdId", messages.get("casework.required")));
        }
        boolean elimination = o.kind() == CaseKind.ELIMINATION;
        if (o.channel() == null
                || o.channel() == CaseChannel.ALERT
                || (o.channel() == CaseChannel.PROPOSAL && !elimination)) {
            problems.add(FieldProblem.of("channel", messages.get("casework.channel")));
        }
        if (blank(o.statement()) || o.statement().length() > 2000) {
            problems.add(FieldProblem.of("statement", messages.get("casework.statement")));
        }
        LocalDate discovered = o.discoveredOn() == null ? today() : o.discoveredOn();
        if (discovered.isAfter(today())) {
            problems.add(FieldProblem.of("discoveredOn", messages.get("casework.future-date")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        HouseholdView h = household(o.householdId());
        return create(
                o.kind() == null ? CaseKind.IDENTIFICATION : o.kind(),
                h,
                o.channel(),
                null,
                o.statement().strip(),
                o.suggestedCategory() == null ? null : o.suggestedCategory().name(),
                o.suggestedCauses() == null
                        ? List.of()
                        : o.suggestedCauses().stream().map(Enum::name).toList(),
                discovered,
                me);
    }

    /**
     * A confirmed alert handed over by a township or county office opens a case (部门筛查预警) in the same
     * transaction; a household with a case already open (an elimination under review among them) gets the alert
     * added to it. Any other household — a 脱贫户, one whose risk was eliminated, a 一般农户 — gets an identification
     * case (返贫即入 by one rule), included at once as well where its province has switched on 先帮扶后认定. A household
     * already monitored needs no identification: its new risk belongs to its assistance plan.
     */
    @EventListener
    public void onHanded(Alerts.Handed handed) {
        Actor me = reach.current();
        Optional<HouseholdView> h = registry.household(handed.householdId());
        if (h.isEmpty() || h.get().deleted()) {
            log.warn("alert {} handed over for household {}, which is gone", handed.alertId(), handed.householdId());
            return;
        }
        Alerts.Alert alert = alerts.get(handed.alertId());
        Optional<Long> open = openCaseOf(handed.householdId());
        if (h.get().monitored() && open.isEmpty()) {
            // no identification: the new risk is added to the monitored household, and the alert is done with
            addRisks(h.get(), handed, me);
            return;
        }
        if (open.isPresent()) {
            CaseFile c = find(open.get(), true);
            bump(c.id(), c.version());
            step(
                    c.id(),
                    "ALERT_LINKED",
                    c.stage(),
                    c.stage(),
                    Map.of("alertId", handed.alertId(), "rules", alert.rules()),
                    null,
                    me);
            return;
        }
        String statement =
                messages.get("casework.alert-statement", handed.alertId(), String.join("、", ruleNames(alert)));
        // one rule for every relapse (返贫即入), whoever the household is: a confirmed risk opens an identification
        // case; where the province has switched on 先帮扶后认定, the household is included at once as well
        CaseFile c = create(
                CaseKind.IDENTIFICATION,
                h.get(),
                CaseChannel.ALERT,
                handed.alertId(),
                statement,
                handed.suggestedCategory(),
                handed.causes(),
                alert.createdAt().atZone(clock.getZone()).toLocalDate(),
                me);
        if (parameters.isOn(FAST_PATH, RegionCode.province(h.get().villageCode()), today())) {
            includeAtOnce(c, h.get(), handed.suggestedCategory(), handed.causes(), me);
        }
    }

    /** The parameter that switches on 先帮扶后认定 for a province from a date. */
    static final String FAST_PATH = "fast_path";

    /**
     * 先帮扶后认定: the household becomes 监测对象 now (its plan starts), the case goes on through every step; the
     * county's decision confirms the inclusion or undoes it (the household returns to what it was).
     */
    private void includeAtOnce(CaseFile c, HouseholdView h, String suggested, List<String> suggestedCauses, Actor me) {
        MonitoringCategory category =
                Labelled.parse(MonitoringCategory.class, suggested).orElse(categoryOf(h));
        Set<RiskCause> causes = causes(List.of(), suggestedCauses);
        registry.replaceHousehold(
                h.id(),
                h.version(),
                h.fields().included(category, List.copyOf(causes), today()),
                new Registry.Change(
                        me == null ? "system" : me.username(),
                        today(),
                        messages.get("casework.fast-path-reason", c.id())));
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("priorState", h.monitoringState().name());
        if (h.monitoringCategory() != null) {
            before.put("priorCategory", h.monitoringCategory().name());
        }
        if (h.monitoringSince() != null) {
            before.put("priorSince", h.monitoringSince().toString());
        }
        if (h.eliminatedOn() != null) {
            before.put("priorEliminatedOn", h.eliminatedOn().toString());
        }
        if (h.eliminationKind() != null) {
            before.put("priorEliminationKind", h.eliminationKind().name());
        }
        before.put("priorCauses", h.riskCauses().stream().map(Enum::name).toList());
        before.put("category", category.name());
        before.put("causes", causes.stream().map(Enum::name).toList());
        bump(c.id(), c.version());
        step(c.id(), FAST_PATH_STEP, c.stage(), c.stage(), before, null, me);
        events.publishEvent(new IncludedAtOnce(c.id(), h.id(), h.villageCode(), today()));
    }

    static final String FAST_PATH_STEP = "FAST_PATH_INCLUDED";

    /** A household included at once under 先帮扶后认定 while its case goes on: its plan starts now. */
    public record IncludedAtOnce(long caseId, long householdId, String villageCode, LocalDate on) {}

    /** What the household was before 先帮扶后认定 included it, when its case did. */
    private Optional<Map<String, Object>> includedAtOnce(long caseId) {
        return jdbc.sql("select details::text from case_step where case_id = ? and action = ? order by id limit 1")
                .params(caseId, FAST_PATH_STEP)
                .query(String.class)
                .optional()
                .map(j -> json.readValue(j, new TypeReference<Map<String, Object>>() {}));
    }

    // ---- the steps ----

    @Transactional
    public CaseFile verify(long id, int version, Findings f) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP);
        CaseFile c = at(id, version, CaseStage.VERIFICATION);
        List<FieldProblem> problems = new ArrayList<>();
        if (f.visitedOn() == null
                || f.visitedOn().isAfter(today())
                || f.visitedOn().isBefore(c.discoveredOn())) {
            problems.add(FieldProblem.of("visitedOn", messages.get("casework.visited-on", c.discoveredOn())));
        }
        if (f.riskConfirmed() == null) {
            problems.add(FieldProblem.of("riskConfirmed", messages.get("casework.required")));
        }
        for (var e : Map.of(
                        "perCapitaIncome", Optional.ofNullable(f.perCapitaIncome()),
                        "medicalExpense", Optional.ofNullable(f.medicalExpense()),
                        "educationExpense", Optional.ofNullable(f.educationExpense()))
                .entrySet()) {
            if (e.getValue().map(v -> v.signum() < 0).orElse(false)) {
                problems.add(FieldProblem.of(e.getKey(), messages.get("casework.negative")));
            }
        }
        requireNote(problems, f.note());
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("visitedOn", f.visitedOn().toString());
        d.put("perCapitaIncome", f.perCapitaIncome());
        d.put("medicalExpense", f.medicalExpense());
        d.put("educationExpense", f.educationExpense());
        d.put("foodAndClothingSecure", f.foodAndClothingSecure());
        d.put("compulsoryEducationSecure", f.compulsoryEducationSecure());
        d.put("basicMedicalSecure", f.basicMedicalSecure());
        d.put("housingSafe", f.housingSafe());
        d.put("waterSafe", f.waterSafe());
        d.put("riskConfirmed", f.riskConfirmed());
        return move(c, CaseStage.COUNCIL, "VERIFIED", d, f.note(), me, Map.of());
    }

    @Transactional
    public CaseFile council(long id, int version, Council m) {
        Actor me = requireRole(Role.VILLAGE);
        CaseFile c = at(id, version, CaseStage.COUNCIL);
        List<FieldProblem> problems = new ArrayList<>();
        if (m.heldOn() == null || m.heldOn().isAfter(today()) || m.heldOn().isBefore(c.discoveredOn())) {
            problems.add(FieldProblem.of("heldOn", messages.get("casework.held-on", c.discoveredOn())));
        }
        if (m.attendees() == null || m.attendees() < 1) {
            problems.add(FieldProblem.of("attendees", messages.get("casework.attendees")));
        }
        int yes = m.votesFor() == null ? 0 : m.votesFor();
        int no = m.votesAgainst() == null ? 0 : m.votesAgainst();
        if (yes < 0 || no < 0 || (m.attendees() != null && yes + no > m.attendees())) {
            problems.add(FieldProblem.of("votesFor", messages.get("casework.votes")));
        }
        if (m.approved() == null) {
            problems.add(FieldProblem.of("approved", messages.get("casework.required")));
        }
        LocalDate from = m.publicityFrom() == null ? today() : m.publicityFrom();
        if (Boolean.TRUE.equals(m.approved())
                && (from.isAfter(today()) || (m.heldOn() != null && from.isBefore(m.heldOn())))) {
            problems.add(FieldProblem.of("publicityFrom", messages.get("casework.publicity-from")));
        }
        if (Boolean.FALSE.equals(m.approved()) && blank(m.note())) {
            problems.add(FieldProblem.of("note", messages.get("casework.note-required")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("heldOn", m.heldOn().toString());
        d.put("attendees", m.attendees());
        d.put("votesFor", yes);
        d.put("votesAgainst", no);
        d.put("approved", m.approved());
        if (!m.approved()) {
            return close(c, CaseStage.REJECTED, "COUNCIL_REJECTED", d, m.note(), me, null, null);
        }
        int days = intParameter(c.villageCode(), "publicity_days", from);
        LocalDate to = from.plusDays(days - 1L);
        d.put("publicityFrom", from.toString());
        d.put("publicityTo", to.toString());
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("publicity_from", from);
        set.put("publicity_to", to);
        return move(c, CaseStage.PUBLICITY, "COUNCIL_APPROVED", d, m.note(), me, set);
    }

    @Transactional
    public CaseFile object(long id, int version, NewObjection o) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP);
        CaseFile c = at(id, version, CaseStage.PUBLICITY);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate received = o.receivedOn() == null ? today() : o.receivedOn();
        if (received.isAfter(today()) || received.isBefore(c.publicityFrom())) {
            problems.add(FieldProblem.of("receivedOn", messages.get("casework.received-on", c.publicityFrom())));
        }
        if (blank(o.content()) || o.content().length() > 2000) {
            problems.add(FieldProblem.of("content", messages.get("casework.statement")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        long oid = jdbc.sql("insert into case_objection (case_id, received_on, raised_by, content, recorded_by) values"
                        + " (?, ?, ?, ?, ?) returning id")
                .params(
                        id,
                        received,
                        blank(o.raisedBy()) ? null : o.raisedBy().strip(),
                        o.content().strip(),
                        me.username())
                .query(Long.class)
                .single();
        return move(
                c,
                CaseStage.PUBLICITY,
                "OBJECTION",
                Map.of("objectionId", oid, "receivedOn", received.toString()),
                o.content().strip(),
                me,
                Map.of());
    }

    @Transactional
    public CaseFile resolve(long id, int version, long objectionId, Resolution r) {
        Actor me = requireRole(Role.VILLAGE, Role.TOWNSHIP);
        CaseFile c = at(id, version, CaseStage.PUBLICITY);
        List<FieldProblem> problems = new ArrayList<>();
        if (r.upheld() == null) {
            problems.add(FieldProblem.of("upheld", messages.get("casework.required")));
        }
        requireNote(problems, r.note());
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        int n = jdbc.sql("update case_objection set resolution = ?, resolution_note = ?, resolved_by = ?, resolved_at ="
                        + " now() where id = ? and case_id = ? and resolution is null")
                .params(r.upheld() ? "UPHELD" : "DISMISSED", r.note().strip(), me.username(), objectionId, id)
                .update();
        if (n == 0) {
            throw ApiException.conflict("casework.objection-settled", objectionId);
        }
        Map<String, Object> d = Map.of("objectionId", objectionId, "upheld", r.upheld());
        if (r.upheld()) {
            // the facts are in doubt: verify again, then a new council and a new publicity
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("publicity_from", null);
            set.put("publicity_to", null);
            return move(c, CaseStage.VERIFICATION, "OBJECTION_UPHELD", d, r.note(), me, set);
        }
        return move(c, CaseStage.PUBLICITY, "OBJECTION_DISMISSED", d, r.note(), me, Map.of());
    }

    /** Ends the publicity once its last day has passed and every objection is settled. */
    @Transactional
    public CaseFile endPublicity(long id, int version) {
        Actor me = requireRole(Role.VILLAGE);
        CaseFile c = at(id, version, CaseStage.PUBLICITY);
        if (!today().isAfter(c.publicityTo())) {
            throw ApiException.conflict("casework.publicity-running", c.publicityTo());
        }
        long open = jdbc.sql("select count(*) from case_objection where case_id = ? and resolution is null")
                .param(id)
                .query(Long.class)
                .single();
        if (open > 0) {
            throw ApiException.conflict("casework.objections-open", open);
        }
        long objections = jdbc.sql("select count(*) from case_objection where case_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        return move(
                c,
                CaseStage.TOWNSHIP_REVIEW,
                "PUBLICITY_ENDED",
                Map.of(
                        "publicityFrom",
                        c.publicityFrom().toString(),
                        "publicityTo",
                        c.publicityTo().toString(),
                        "objections",
                        objections),
                null,
                me,
                Map.of());
    }

    @Transactional
    public CaseFile townshipReview(long id, int version, Review r) {
        Actor me = requireRole(Role.TOWNSHIP);
        CaseFile c = at(id, version, CaseStage.TOWNSHIP_REVIEW);
        List<FieldProblem> problems = new ArrayList<>();
        if (r.approved() == null) {
            problems.add(FieldProblem.of("approved", messages.get("casework.required")));
        }
        if (Boolean.FALSE.equals(r.approved())) {
            requireNote(problems, r.note());
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        if (r.approved()) {
            return move(c, CaseStage.COUNTY_DECISION, "TOWNSHIP_APPROVED", Map.of(), r.note(), me, Map.of());
        }
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("publicity_from", null);
        set.put("publicity_to", null);
        return move(c, CaseStage.VERIFICATION, "TOWNSHIP_RETURNED", Map.of(), r.note(), me, set);
    }

    /** 县审定: inclusion updates the registry (status, category, causes) from today, in the same transaction. */
    @Transactional
    public CaseFile decide(long id, int version, Decision d) {
        Actor me = requireRole(Role.COUNTY);
        CaseFile c = at(id, version, CaseStage.COUNTY_DECISION);
        if (c.kind() == CaseKind.ELIMINATION) {
            return decideElimination(c, d, me);
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (d.include() == null) {
            problems.add(FieldProblem.of("include", messages.get("casework.required")));
        } else if (d.include()) {
            if (d.category() == null) {
                problems.add(FieldProblem.of("category", messages.get("casework.category")));
            }
            if (d.causes() == null || d.causes().isEmpty()) {
                problems.add(FieldProblem.of("causes", messages.get("casework.causes")));
            }
        } else if (blank(d.reason())) {
            problems.add(FieldProblem.of("reason", messages.get("casework.reason-required")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        Optional<Map<String, Object>> atOnce = includedAtOnce(c.id());
        if (!d.include()) {
            return close(c, CaseStage.REJECTED, "REJECTED", Map.of(), d.reason(), me, null, null);
        }
        List<RiskCause> causes = d.causes().stream().distinct().toList();
        HouseholdView h = household(c.householdId());
        if (h.monitored() && atOnce.isEmpty()) {
            throw ApiException.conflict("casework.already-monitored", h.householdNo());
        }
        String why = messages.get("casework.inclusion-reason", c.id())
                + (blank(d.reason()) ? "" : "：" + d.reason().strip());
        // included at once (先帮扶后认定): monitored since that day; otherwise from the decision
        LocalDate since = atOnce.isPresent() && h.monitored() ? h.monitoringSince() : today();
        registry.replaceHousehold(
                h.id(),
                h.version(),
                h.fields().included(d.category(), causes, since),
                new Registry.Change(me.username(), today(), why));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("category", d.category().name());
        details.put("causes", causes.stream().map(Enum::name).toList());
        return close(
                c,
                CaseStage.INCLUDED,
                "INCLUDED",
                details,
                d.reason(),
                me,
                d.category().name(),
                causes.stream().map(Enum::name).toList());
    }

    /** 先帮扶后认定 not confirmed: the household returns to what it was before the case included it. */
    private void undoInclusion(CaseFile c, Map<String, Object> before, Actor me) {
        HouseholdView h = household(c.householdId());
        if (!h.monitored()) {
            return; // changed since by other work: nothing to undo
        }
        registry.replaceHousehold(
                h.id(),
                h.version(),
                prior(h, before),
                new Registry.Change(me.username(), today(), messages.get("casework.fast-path-undone", c.id())));
        events.publishEvent(new InclusionUndone(c.id(), h.id()));
    }

    /** 先帮扶后认定 undone: the plan it started goes too, unless work was recorded in it. */
    public record InclusionUndone(long caseId, long householdId) {}

    /** 风险消除 approved: the household's status becomes 风险已消除 from today; its plan and measures stay (四个不摘). */
    private CaseFile decideElimination(CaseFile c, Decision d, Actor me) {
        if (d.eliminate() == null) {
            throw ApiException.invalid("eliminate", messages.get("casework.required"));
        }
        if (!d.eliminate()) {
            if (blank(d.reason())) {
                throw ApiException.invalid("reason", messages.get("casework.reason-required"));
            }
            return close(c, CaseStage.REJECTED, "ELIMINATION_REJECTED", Map.of(), d.reason(), me, null, null);
        }
        HouseholdView h = household(c.householdId());
        if (!h.monitored()) {
            throw ApiException.conflict("casework.not-monitored", h.householdNo());
        }
        EliminationKind kind = d.eliminationKind() == null ? EliminationKind.ASSISTED : d.eliminationKind();
        String why = messages.get("casework.elimination-reason", c.id())
                + (blank(d.reason()) ? "" : "：" + d.reason().strip());
        registry.replaceHousehold(
                h.id(),
                h.version(),
                // its category, inclusion date and causes stay on record
                h.fields().eliminated(today(), kind),
                new Registry.Change(me.username(), today(), why));
        return close(
                c,
                CaseStage.ELIMINATED,
                "ELIMINATED",
                Map.of("eliminationKind", kind.name()),
                d.reason(),
                me,
                h.monitoringCategory() == null ? null : h.monitoringCategory().name(),
                h.riskCauses().stream().map(Enum::name).toList());
    }

    /**
     * An upheld grievance against a wrong elimination includes the household again at once, recorded as a case
     * decided the same day; returns that case.
     */
    @Transactional
    CaseFile reincludeOnGrievance(long householdId, long grievanceId, String statement, LocalDate received) {
        Actor me = requireRole(Role.COUNTY);
        HouseholdView h = household(householdId);
        if (h.monitoringState() != MonitoringState.ELIMINATED) {
            throw ApiException.conflict("casework.grievance.not-eliminated", h.householdNo());
        }
        // the elimination was wrong: the household is again what it was, in the category it kept (else the one who
        // it is calls for)
        MonitoringCategory category = h.monitoringCategory() != null ? h.monitoringCategory() : categoryOf(h);
        Set<RiskCause> causes = causes(h.riskCauses(), List.of());
        CaseFile c = create(
                CaseKind.IDENTIFICATION,
                h,
                CaseChannel.APPLICATION,
                null,
                statement,
                category.name(),
                causes.stream().map(Enum::name).toList(),
                received,
                me);
        registry.replaceHousehold(
                h.id(),
                h.version(),
                // what it was: its inclusion date too, so assistance counts from there (the elimination was wrong)
                h.fields()
                        .included(
                                category,
                                List.copyOf(causes),
                                h.monitoringSince() != null ? h.monitoringSince() : today()),
                new Registry.Change(
                        me.username(),
                        today(),
                        messages.get("casework.grievance.reinclusion-reason", grievanceId, c.id())));
        return close(
                c,
                CaseStage.INCLUDED,
                "REINCLUDED",
                Map.of("grievanceId", grievanceId),
                null,
                me,
                category.name(),
                causes.stream().map(Enum::name).toList());
    }

    /** The category a new risk calls for, from who the household is: 脱贫不稳定户 for a 脱贫户, else 边缘易致贫户. */
    private static MonitoringCategory categoryOf(HouseholdView h) {
        return h.exitedFromPoverty() ? MonitoringCategory.UNSTABLE : MonitoringCategory.MARGINAL;
    }

    /** The causes a household had, with those named added (unknown names skipped); 其他 when none at all. */
    private static Set<RiskCause> causes(List<RiskCause> had, List<String> named) {
        LinkedHashSet<RiskCause> out = new LinkedHashSet<>(had);
        for (String cause : named) {
            Labelled.parse(RiskCause.class, cause).ifPresent(out::add);
        }
        if (out.isEmpty()) {
            out.add(RiskCause.OTHER);
        }
        return out;
    }

    /** A monitored household's confirmed new risk: its causes gain the alert's, in the registry's history. */
    private void addRisks(HouseholdView h, Alerts.Handed handed, Actor me) {
        LinkedHashSet<RiskCause> causes = new LinkedHashSet<>(h.riskCauses());
        List<String> added = new ArrayList<>();
        for (String cause : handed.causes()) {
            Labelled.parse(RiskCause.class, cause)
                    .filter(causes::add)
                    .ifPresent(x -> added.add(x.label(messages.locale())));
        }
        if (!added.isEmpty()) {
            registry.replaceHousehold(
                    h.id(),
                    h.version(),
                    h.fields().withCauses(List.copyOf(causes)),
                    new Registry.Change(
                            me == null ? "system" : me.username(),
                            today(),
                            messages.get("casework.new-risk-reason", handed.alertId(), String.join("、", added))));
        }
        alerts.close(
                handed.alertId(),
                messages.get("casework.alert-closed-monitored", added.isEmpty() ? "—" : String.join("、", added)));
    }

    /**
     * The household as it was before 先帮扶后认定 included it: its monitoring state, category, dates and causes from
     * the step's record. A record made before the two dimensions (one {@code priorStatus}) takes them from the
     * registry's last version before the monitored ones.
     */
    private HouseholdFields prior(HouseholdView h, Map<String, Object> before) {
        @SuppressWarnings("unchecked")
        List<RiskCause> causes = ((List<String>) before.getOrDefault("priorCauses", List.of()))
                .stream().map(RiskCause::valueOf).toList();
        if (before.containsKey("priorState")) {
            return h.fields()
                    .withMonitoring(
                            MonitoringState.valueOf((String) before.get("priorState")),
                            value(MonitoringCategory.class, before.get("priorCategory")),
                            date(before.get("priorSince")),
                            causes,
                            date(before.get("priorEliminatedOn")),
                            value(EliminationKind.class, before.get("priorEliminationKind")));
        }
        // recorded before the two dimensions: the version before the one that included it at once
        List<HouseholdView> versions = registry.householdVersions(h.id());
        int i = versions.size() - 1;
        while (i >= 0 && versions.get(i).monitored()) {
            i--;
        }
        if (i < 0) {
            return h.fields().withMonitoring(MonitoringState.NONE, null, null, causes, null, null);
        }
        HouseholdView then = versions.get(i);
        return h.fields()
                .withMonitoring(
                        then.monitoringState(),
                        then.monitoringCategory(),
                        then.monitoringSince(),
                        causes,
                        then.eliminatedOn(),
                        then.eliminationKind());
    }

    private static <E extends Enum<E>> E value(Class<E> type, Object name) {
        return name == null ? null : Enum.valueOf(type, (String) name);
    }

    private static LocalDate date(Object iso) {
        return iso == null ? null : LocalDate.parse((String) iso);
    }

    // ---- internals ----

    private CaseFile create(
            CaseKind kind,
            HouseholdView h,
            CaseChannel channel,
            Long alertId,
            String statement,
            String category,
            List<String> causes,
            LocalDate discovered,
            Actor me) {
        if (kind == CaseKind.IDENTIFICATION && h.monitored()) {
            throw ApiException.conflict("casework.already-monitored", h.householdNo());
        }
        if (kind == CaseKind.ELIMINATION && !h.monitored()) {
            throw ApiException.conflict("casework.not-monitored", h.householdNo());
        }
        Optional<Long> open = openCaseOf(h.id());
        if (open.isPresent()) {
            throw ApiException.conflict("casework.open-case", h.householdNo(), open.get());
        }
        LocalDate deadline =
                discovered.plusDays(intParameter(h.villageCode(), "identification_deadline_days", discovered));
        long id = jdbc.sql("""
                insert into case_file (kind, household_id, household_no, village_code, channel, alert_id, statement,
                    suggested_category, suggested_causes, discovered_on, deadline, stage, opened_by)
                values (:kind, :h, :no, :village, :channel, :alert, :statement, :category, :causes, :discovered,
                    :deadline, 'VERIFICATION', :by)
                returning id""")
                .param("kind", kind.name())
                .param("h", h.id())
                .param("no", h.householdNo())
                .param("village", h.villageCode())
                .param("channel", channel.name())
                .param("alert", alertId)
                .param("statement", statement)
                .param("category", category)
                .param("causes", causes.toArray(String[]::new))
                .param("discovered", discovered)
                .param("deadline", deadline)
                .param("by", me == null ? "system" : me.username())
                .query(Long.class)
                .single();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", kind.name());
        d.put("channel", channel.name());
        d.put("discoveredOn", discovered.toString());
        d.put("deadline", deadline.toString());
        if (alertId != null) {
            d.put("alertId", alertId);
        }
        step(id, "OPENED", null, CaseStage.VERIFICATION, d, statement, me);
        audit.record("CASE_OPENED", "case", Long.toString(id), d);
        events.publishEvent(new Opened(id, h.id(), h.villageCode(), channel));
        return find(id, false);
    }

    /** The case, locked, if the caller may act on it at this stage and version. */
    private CaseFile at(long id, int version, CaseStage stage) {
        CaseFile c = find(id, true);
        if (c.version() != version) {
            throw ApiException.preconditionFailed("casework.stale", id);
        }
        if (c.stage() != stage) {
            throw ApiException.conflict(
                    "casework.stage", c.stage().label(messages.locale()), stage.label(messages.locale()));
        }
        return c;
    }

    private CaseFile move(
            CaseFile c,
            CaseStage to,
            String action,
            Map<String, Object> details,
            String note,
            Actor me,
            Map<String, Object> set) {
        StringBuilder sql = new StringBuilder("update case_file set stage = :stage, version = version + 1");
        Map<String, Object> p = new HashMap<>(set);
        for (String col : set.keySet()) {
            sql.append(", ").append(col).append(" = :").append(col);
        }
        sql.append(" where id = :id and version = :version");
        p.put("stage", to.name());
        p.put("id", c.id());
        p.put("version", c.version());
        if (jdbc.sql(sql.toString()).params(p).update() == 0) {
            throw ApiException.preconditionFailed("casework.stale", c.id());
        }
        step(c.id(), action, c.stage(), to, details, blank(note) ? null : note.strip(), me);
        audit.record("CASE_" + action, "case", Long.toString(c.id()), details);
        return find(c.id(), false);
    }

    private CaseFile close(
            CaseFile c,
            CaseStage to,
            String action,
            Map<String, Object> details,
            String reason,
            Actor me,
            String category,
            List<String> causes) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("closed_at", Timestamp.from(clock.instant()));
        set.put("closed_on", today());
        set.put("decision_reason", blank(reason) ? null : reason.strip());
        set.put("category", category);
        set.put("causes", causes == null ? null : causes.toArray(String[]::new));
        if (c.kind() == CaseKind.IDENTIFICATION && to == CaseStage.REJECTED) {
            // not confirmed, by the council or the county: what 先帮扶后认定 did is undone
            includedAtOnce(c.id()).ifPresent(before -> undoInclusion(c, before, me));
        }
        CaseFile out = move(c, to, action, details, reason, me, set);
        // the alerts that led to the case are done with: they stop covering their rules
        for (Long alert : jdbc.sql("select alert_id from case_file where id = ? and alert_id is not null union select"
                        + " cast(details ->> 'alertId' as bigint) from case_step where case_id = ? and action ="
                        + " 'ALERT_LINKED'")
                .params(c.id(), c.id())
                .query(Long.class)
                .list()) {
            alerts.close(alert, messages.get("casework.alert-closed", c.id(), to.label(messages.locale())));
        }
        events.publishEvent(new Decided(
                out.id(),
                out.kind(),
                out.householdId(),
                out.villageCode(),
                to == CaseStage.INCLUDED,
                to == CaseStage.ELIMINATED,
                category,
                causes == null ? List.of() : causes,
                today()));
        return out;
    }

    private void bump(long id, int version) {
        if (jdbc.sql("update case_file set version = version + 1 where id = ? and version = ?")
                        .params(id, version)
                        .update()
                == 0) {
            throw ApiException.preconditionFailed("casework.stale", id);
        }
    }

    private void step(
            long caseId, String action, CaseStage from, CaseStage to, Map<String, ?> details, String note, Actor me) {
        jdbc.sql("""
                insert into case_step (case_id, action, from_stage, to_stage, details, note, actor, actor_role, actor_region)
                values (?, ?, ?, ?, cast(? as json), ?, ?, ?, ?)""")
                .params(
                        caseId,
                        action,
                        from == null ? null : from.name(),
                        to.name(),
                        json.writeValueAsString(details),
                        note,
                        me == null ? "system" : me.username(),
                        me == null ? "SYSTEM" : me.role().name(),
                        me == null ? null : me.regionCode())
                .update();
    }

    private CaseFile find(long id, boolean lock) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("today", today());
        if (lock) {
            // taken before the step's checks: a second user on the same step waits, then sees the new version
            jdbc.sql("select id from case_file where id = :id and " + scope(p) + " for update")
                    .params(p)
                    .query(Long.class)
                    .optional();
        }
        return jdbc.sql(SELECT + " where id = :id and " + scope(p))
                .params(p)
                .query(this::caseFile)
                .optional()
                .orElseThrow(() -> ApiException.notFound("casework.not-found", id));
    }

    private Optional<Long> openCaseOf(long householdId) {
        return jdbc.sql("select id from case_file where household_id = ? and closed_at is null")
                .param(householdId)
                .query(Long.class)
                .optional();
    }

    private HouseholdView household(long id) {
        return registry.household(id)
                .filter(h -> !h.deleted())
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", id));
    }

    private List<Step> steps(long id) {
        return jdbc.sql("select * from case_step where case_id = ? order by id")
                .param(id)
                .query((rs, i) -> new Step(
                        rs.getLong("id"),
                        rs.getString("action"),
                        rs.getString("from_stage") == null ? null : CaseStage.valueOf(rs.getString("from_stage")),
                        CaseStage.valueOf(rs.getString("to_stage")),
                        json.readTree(rs.getString("details")),
                        rs.getString("note"),
                        rs.getString("actor"),
                        rs.getString("actor_role"),
                        rs.getString("actor_region"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    private List<Objection> objections(long id) {
        return jdbc.sql("select * from case_objection where case_id = ? order by id")
                .param(id)
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
                        ts(rs, "resolved_at")))
                .list();
    }

    private List<String> ruleNames(Alerts.Alert a) {
        List<String> out = new ArrayList<>();
        if (a.explanation() instanceof JsonNode n && n.has("rules")) {
            boolean en = "en".equals(messages.locale().getLanguage());
            for (JsonNode r : n.get("rules")) {
                out.add(r.path(en ? "nameEn" : "nameZh").asString(r.path("code").asString()));
            }
        }
        return out.isEmpty() ? a.rules() : out;
    }

    private int intParameter(String villageCode, String key, LocalDate on) {
        PolicyParameters.Value v =
                parameters.resolve(RegionCode.province(villageCode), on).get(key);
        if (v == null) {
            throw new IllegalStateException("no value for policy parameter " + key + " on " + on);
        }
        return v.value().intValue();
    }

    private Actor requireRole(Role... roles) {
        return reach.require(roles);
    }

    private void requireNote(List<FieldProblem> problems, String note) {
        if (blank(note)) {
            problems.add(FieldProblem.of("note", messages.get("casework.note-required")));
        }
    }

    /** The condition on {@code case_file} for the caller's reach. */
    private String scope(Map<String, Object> p) {
        return reach.condition("village_code", p);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private CaseFile caseFile(ResultSet rs, int i) throws SQLException {
        CaseStage stage = CaseStage.valueOf(rs.getString("stage"));
        LocalDate deadline = rs.getObject("deadline", LocalDate.class);
        return new CaseFile(
                rs.getLong("id"),
                CaseKind.valueOf(rs.getString("kind")),
                rs.getLong("household_id"),
                rs.getString("household_no"),
                rs.getString("village_code"),
                CaseChannel.valueOf(rs.getString("channel")),
                (Long) rs.getObject("alert_id"),
                rs.getString("statement"),
                rs.getString("suggested_category"),
                strings(rs.getArray("suggested_causes")),
                rs.getObject("discovered_on", LocalDate.class),
                deadline,
                stage,
                rs.getObject("publicity_from", LocalDate.class),
                rs.getObject("publicity_to", LocalDate.class),
                rs.getString("opened_by"),
                rs.getTimestamp("opened_at").toInstant(),
                ts(rs, "closed_at"),
                rs.getObject("closed_on", LocalDate.class),
                rs.getString("category"),
                strings(rs.getArray("causes")),
                rs.getString("decision_reason"),
                stage.open() && today().isAfter(deadline),
                rs.getInt("open_objections"),
                rs.getInt("version"));
    }

    private static Instant ts(ResultSet rs, String col) throws SQLException {
        var t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList((String[]) a.getArray()));
    }
}
