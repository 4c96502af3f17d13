package org.fangpin.casework.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fangpin.casework.Cases.CaseFile;
import org.fangpin.casework.Cases.IncludedAtOnce;
import org.fangpin.casework.Cases.InclusionUndone;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.RegionCode;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * 先帮扶后认定: where a province has switched it on ({@code fast_path}), a household whose risk an alert confirmed
 * becomes 监测对象 at once (its plan starts) while its identification case goes on through every step. What the
 * household was before is kept on the case's step; the county's decision confirms the inclusion, a rejection undoes
 * it (the household returns to what it was).
 */
@Component
public class FastPath {

    /** The parameter that switches on 先帮扶后认定 for a province from a date. */
    static final String PARAMETER = "fast_path";

    /** The case step that records the inclusion and what the household was before it. */
    static final String STEP = "FAST_PATH_INCLUDED";

    private final CaseStore store;
    private final Registry registry;
    private final PolicyParameters parameters;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;

    FastPath(
            CaseStore store,
            Registry registry,
            PolicyParameters parameters,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock) {
        this.store = store;
        this.registry = registry;
        this.parameters = parameters;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    boolean isOn(String villageCode) {
        return parameters.isOn(PARAMETER, RegionCode.province(villageCode), today());
    }

    /** Includes the household now, recording on the case what it was before. */
    void includeAtOnce(CaseFile c, HouseholdView h, String suggested, List<String> suggestedCauses, Actor me) {
        MonitoringCategory category =
                Labelled.parse(MonitoringCategory.class, suggested).orElse(NewRisk.category(h));
        Set<RiskCause> causes = NewRisk.causes(List.of(), suggestedCauses);
        registry.replaceHousehold(
                h.id(),
                h.version(),
                h.fields().included(category, List.copyOf(causes), today()),
                new Registry.Change(
                        me == null ? Actor.SYSTEM : me.username(),
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
        store.bump(c.id(), c.version());
        store.step(c.id(), STEP, c.stage(), c.stage(), before, null, me);
        events.publishEvent(new IncludedAtOnce(c.id(), h.id(), h.villageCode(), today()));
    }

    /** Whether the case included its household at once. */
    public boolean includedAtOnce(long caseId) {
        return recordOf(caseId).isPresent();
    }

    /**
     * Not confirmed, by the council or the county: what 先帮扶后认定 did is undone, unless other work has changed the
     * household since. Nothing happens for a case that did not include its household at once.
     */
    public void undo(CaseFile c, Actor me) {
        Optional<Map<String, Object>> before = recordOf(c.id());
        if (before.isEmpty()) {
            return;
        }
        HouseholdView h = registry.household(c.householdId())
                .filter(x -> !x.deleted())
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", c.householdId()));
        if (!h.monitored()) {
            return; // changed since by other work: nothing to undo
        }
        registry.replaceHousehold(
                h.id(),
                h.version(),
                prior(h, before.get()),
                new Registry.Change(me.username(), today(), messages.get("casework.fast-path-undone", c.id())));
        events.publishEvent(new InclusionUndone(c.id(), h.id()));
    }

    /** What the household was before 先帮扶后认定 included it, when its case did. */
    private Optional<Map<String, Object>> recordOf(long caseId) {
        return store.firstStep(caseId, STEP);
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

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
