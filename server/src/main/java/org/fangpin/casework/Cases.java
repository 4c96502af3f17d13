package org.fangpin.casework;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.casework.internal.CaseChecks;
import org.fangpin.casework.internal.CaseStore;
import org.fangpin.casework.internal.FastPath;
import org.fangpin.casework.internal.NewRisk;
import org.fangpin.casework.internal.Reach;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.monitoring.Alerts;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 识别认定: a household found at risk — by its own application, a cadre's check or a handed-over monitoring alert —
 * goes through 入户核实 → 村民主评议 → 村公示 → 乡镇审核 → 县审定. Each step is taken only by its role, inside the
 * user's region, on the version of the case the user saw (else 412), at the stage it belongs to (else 409). The
 * county's inclusion makes the household a 监测对象 with its category and causes, dated the decision day, in the
 * registry's history. The deadline runs from discovery ({@code identification_deadline_days}).
 *
 * <p>This class takes the commands; beside it in {@code internal}: {@code CaseStore} (the tables, reads and row
 * mapping), {@code CaseChecks} (what each command must carry), {@code AlertHandOver} (cases from handed-over alerts)
 * and {@code FastPath} (先帮扶后认定 and its undoing).
 */
@Service
public class Cases {

    private final CaseStore store;
    private final CaseChecks checks;
    private final FastPath fastPath;
    private final Reach reach;
    private final Registry registry;
    private final Alerts alerts;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;
    private final Publicities publicities;

    /** The subject kind of a case's objections (村级公示 after the council). */
    public static final String PUBLICITY = "CASE";

    Cases(
            CaseStore store,
            CaseChecks checks,
            FastPath fastPath,
            Reach reach,
            Registry registry,
            Alerts alerts,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock,
            Publicities publicities) {
        this.publicities = publicities;
        this.store = store;
        this.checks = checks;
        this.fastPath = fastPath;
        this.reach = reach;
        this.registry = registry;
        this.alerts = alerts;
        this.events = events;
        this.messages = messages;
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

    /** One recorded step: who (with role and region), when, what they found or decided ({@code details}) and why. */
    public record Step(
            long id,
            String action,
            CaseStage from,
            CaseStage to,
            Object details,
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

    @Schema(name = "CaseDetail")
    public record Detail(CaseFile file, List<Step> steps, List<Publicities.Objection> objections) {}

    /** Filters for the case list; null leaves a filter out ({@code before}: the last id of the previous page). */
    public record Query(String region, CaseStage stage, Boolean overdue, Long household, Long before, int limit) {}

    /** Open cases by stage, how many are past their deadline, and closed cases decided in time or late. */
    @Schema(name = "CaseCounts")
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

    @Transactional(readOnly = true)
    public List<CaseFile> list(Query q) {
        return store.list(q);
    }

    @Transactional(readOnly = true)
    public Counts counts() {
        return store.counts();
    }

    @Transactional(readOnly = true)
    public CaseFile get(long id) {
        return store.find(id, false);
    }

    @Transactional(readOnly = true)
    public Detail detail(long id) {
        CaseFile c = store.find(id, false);
        return new Detail(c, store.steps(id), publicities.objections(PUBLICITY, id));
    }

    /** The household's cases, newest first (for its page and timeline). */
    @Transactional(readOnly = true)
    public List<CaseFile> ofHousehold(long householdId) {
        return list(new Query(null, null, null, householdId, null, 100));
    }

    // ---- discovery ----

    /**
     * Opens a case: identification from a household's application (entered by a cadre) or a cadre's finding; risk
     * elimination of a monitored household from the system's proposal, an application or a cadre's finding. (A
     * confirmed alert opens one when it is handed over: the hand-over in {@code internal}.)
     */
    @Transactional
    public CaseFile open(Opening o) {
        Actor me = reach.require(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        LocalDate discovered = o.discoveredOn() == null ? today() : o.discoveredOn();
        checks.opening(o, discovered);
        HouseholdView h = household(o.householdId());
        return store.create(
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

    /** A household included at once under 先帮扶后认定 while its case goes on: its plan starts now. */
    public record IncludedAtOnce(long caseId, long householdId, String villageCode, LocalDate on) {}

    /** 先帮扶后认定 undone: the plan it started goes too, unless work was recorded in it. */
    public record InclusionUndone(long caseId, long householdId) {}

    // ---- the steps ----

    @Transactional
    public CaseFile verify(long id, int version, Findings f) {
        Actor me = reach.require(Role.VILLAGE, Role.TOWNSHIP);
        CaseFile c = store.at(id, version, CaseStage.VERIFICATION);
        checks.findings(c, f);
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
        return store.move(c, CaseStage.COUNCIL, "VERIFIED", d, f.note(), me, Map.of());
    }

    @Transactional
    public CaseFile council(long id, int version, Council m) {
        Actor me = reach.require(Role.VILLAGE);
        CaseFile c = store.at(id, version, CaseStage.COUNCIL);
        LocalDate from = m.publicityFrom() == null ? today() : m.publicityFrom();
        // the council meets after the visit it weighs: not before the latest 入户核实 (or the discovery)
        checks.council(c, m, from, store.lastVisitedOn(id).orElse(c.discoveredOn()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("heldOn", m.heldOn().toString());
        d.put("attendees", m.attendees());
        d.put("votesFor", m.votesFor() == null ? 0 : m.votesFor());
        d.put("votesAgainst", m.votesAgainst() == null ? 0 : m.votesAgainst());
        d.put("approved", m.approved());
        if (!m.approved()) {
            return close(c, CaseStage.REJECTED, "COUNCIL_REJECTED", d, m.note(), me, null, null);
        }
        LocalDate to = Publicities.Period.of(from, store.intParameter(c.villageCode(), "publicity_days", from))
                .to();
        d.put("publicityFrom", from.toString());
        d.put("publicityTo", to.toString());
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("publicity_from", from);
        set.put("publicity_to", to);
        return store.move(c, CaseStage.PUBLICITY, "COUNCIL_APPROVED", d, m.note(), me, set);
    }

    @Transactional
    public CaseFile object(long id, int version, Publicities.NewObjection o) {
        Actor me = reach.require(Role.VILLAGE, Role.TOWNSHIP);
        CaseFile c = store.at(id, version, CaseStage.PUBLICITY);
        long oid = publicities.object(PUBLICITY, id, period(c), o, me.username());
        return store.move(
                c,
                CaseStage.PUBLICITY,
                "OBJECTION",
                Map.of(
                        "objectionId",
                        oid,
                        "receivedOn",
                        (o.receivedOn() == null ? today() : o.receivedOn()).toString()),
                o.content().strip(),
                me,
                Map.of());
    }

    /** Upheld: the facts are questioned, the case goes back to field verification. */
    @Transactional
    public CaseFile resolve(long id, int version, long objectionId, Publicities.Resolution r) {
        Actor me = reach.require(Role.VILLAGE, Role.TOWNSHIP);
        CaseFile c = store.at(id, version, CaseStage.PUBLICITY);
        publicities.settle(PUBLICITY, id, objectionId, r, me.username());
        Map<String, Object> d = Map.of("objectionId", objectionId, "upheld", r.upheld());
        if (r.upheld()) {
            // the facts are in doubt: verify again, then a new council and a new publicity
            return store.move(c, CaseStage.VERIFICATION, "OBJECTION_UPHELD", d, r.note(), me, noPublicity());
        }
        return store.move(c, CaseStage.PUBLICITY, "OBJECTION_DISMISSED", d, r.note(), me, Map.of());
    }

    private static Publicities.Period period(CaseFile c) {
        return new Publicities.Period(c.publicityFrom(), c.publicityTo());
    }

    /** Clears the publicity's dates: a case sent back to verification is publicised again after a new council. */
    private static Map<String, Object> noPublicity() {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("publicity_from", null);
        set.put("publicity_to", null);
        return set;
    }

    /** Ends the publicity once its last day has passed and every objection is settled. */
    @Transactional
    public CaseFile endPublicity(long id, int version) {
        Actor me = reach.require(Role.VILLAGE);
        CaseFile c = store.at(id, version, CaseStage.PUBLICITY);
        Publicities.Counts objections = publicities.requireOver(PUBLICITY, id, period(c));
        return store.move(
                c,
                CaseStage.TOWNSHIP_REVIEW,
                "PUBLICITY_ENDED",
                Map.of(
                        "publicityFrom",
                        c.publicityFrom().toString(),
                        "publicityTo",
                        c.publicityTo().toString(),
                        "objections",
                        objections.all()),
                null,
                me,
                Map.of());
    }

    @Transactional
    public CaseFile townshipReview(long id, int version, Review r) {
        Actor me = reach.require(Role.TOWNSHIP);
        CaseFile c = store.at(id, version, CaseStage.TOWNSHIP_REVIEW);
        checks.review(r);
        if (r.approved()) {
            return store.move(c, CaseStage.COUNTY_DECISION, "TOWNSHIP_APPROVED", Map.of(), r.note(), me, Map.of());
        }
        return store.move(c, CaseStage.VERIFICATION, "TOWNSHIP_RETURNED", Map.of(), r.note(), me, noPublicity());
    }

    /** 县审定: inclusion updates the registry (status, category, causes) from today, in the same transaction. */
    @Transactional
    public CaseFile decide(long id, int version, Decision d) {
        Actor me = reach.require(Role.COUNTY);
        CaseFile c = store.at(id, version, CaseStage.COUNTY_DECISION);
        if (c.kind() == CaseKind.ELIMINATION) {
            return decideElimination(c, d, me);
        }
        checks.inclusion(d);
        boolean atOnce = fastPath.includedAtOnce(c.id());
        if (!d.include()) {
            return close(c, CaseStage.REJECTED, "REJECTED", Map.of(), d.reason(), me, null, null);
        }
        List<RiskCause> causes = d.causes().stream().distinct().toList();
        HouseholdView h = household(c.householdId());
        if (h.monitored() && !atOnce) {
            throw ApiException.conflict("casework.already-monitored", h.householdNo());
        }
        String why = messages.get("casework.inclusion-reason", c.id())
                + (blank(d.reason()) ? "" : "：" + d.reason().strip());
        // included at once (先帮扶后认定): monitored since that day; otherwise from the decision
        LocalDate since = atOnce && h.monitored() ? h.monitoringSince() : today();
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

    /** 风险消除 approved: the household's status becomes 风险已消除 from today; its plan and measures stay (四个不摘). */
    private CaseFile decideElimination(CaseFile c, Decision d, Actor me) {
        checks.elimination(d);
        if (!d.eliminate()) {
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
        Actor me = reach.require(Role.COUNTY);
        HouseholdView h = household(householdId);
        if (h.monitoringState() != MonitoringState.ELIMINATED) {
            throw ApiException.conflict("casework.grievance.not-eliminated", h.householdNo());
        }
        // the elimination was wrong: the household is again what it was, in the category it kept (else the one who
        // it is calls for)
        MonitoringCategory category = h.monitoringCategory() != null ? h.monitoringCategory() : NewRisk.category(h);
        Set<RiskCause> causes = NewRisk.causes(h.riskCauses(), List.of());
        CaseFile c = store.create(
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

    /**
     * Ends the case: a rejected identification undoes what 先帮扶后认定 did; the alerts that led to the case stop
     * covering their rules; {@link Decided} tells the other work (plans, statistics) in the same transaction.
     */
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
            fastPath.undo(c, me);
        }
        CaseFile out = store.move(c, to, action, details, reason, me, set);
        for (Long alert : store.alertsOf(c.id())) {
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

    private HouseholdView household(long id) {
        return registry.household(id)
                .filter(h -> !h.deleted())
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", id));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
