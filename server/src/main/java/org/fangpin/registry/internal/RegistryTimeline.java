package org.fangpin.registry.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fangpin.common.problem.ApiException;
import org.fangpin.registry.TimelineEntry;
import org.fangpin.registry.TimelineSource;
import org.fangpin.registry.internal.RegistryStore.HouseholdRow;
import org.fangpin.registry.internal.RegistryStore.PersonRow;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A household's history as one list: every version of the household and of each person who ever belonged to it,
 * with what changed, and what other modules add ({@link TimelineSource}).
 */
@Component
public class RegistryTimeline {

    private final RegistryStore store;
    private final RegistryAccess access;
    private final ObjectProvider<TimelineSource> timelineSources;

    RegistryTimeline(RegistryStore store, RegistryAccess access, ObjectProvider<TimelineSource> timelineSources) {
        this.store = store;
        this.access = access;
        this.timelineSources = timelineSources;
    }

    /** The timeline in date order (404 when the household is not in the caller's scope). */
    public List<TimelineEntry> of(long householdId) {
        List<HouseholdRow> hh = store.householdHistory(householdId);
        if (hh.isEmpty() || !access.householdVisible(householdId)) {
            throw ApiException.notFound("registry.household.not-found", householdId);
        }
        List<TimelineEntry> out = new ArrayList<>();
        Map<String, String> previous = Map.of();
        for (HouseholdRow h : hh) {
            Map<String, String> now = FieldValues.of(h.fields());
            out.add(entry("household", h.meta(), h.fields().householdNo(), previous, now));
            previous = now;
        }
        Map<Long, Map<String, String>> lastByPerson = new LinkedHashMap<>();
        for (PersonRow p : store.personHistoryOfHousehold(householdId)) {
            Map<String, String> now = FieldValues.of(p);
            Map<String, String> before = lastByPerson.getOrDefault(p.meta().id(), Map.of());
            out.add(entry("person", p.meta(), p.fields().name(), before, now));
            lastByPerson.put(p.meta().id(), now);
        }
        timelineSources.orderedStream().forEach(s -> out.addAll(s.entries(householdId)));
        out.sort(Comparator.comparing(TimelineEntry::validFrom)
                .thenComparing(TimelineEntry::recordedAt)
                .thenComparing(TimelineEntry::entity)
                .thenComparing(TimelineEntry::entityId));
        return out;
    }

    private static TimelineEntry entry(
            String entity, RegistryStore.Meta meta, String label, Map<String, String> before, Map<String, String> now) {
        List<TimelineEntry.Change> changes = new ArrayList<>();
        for (var e : now.entrySet()) {
            String old = before.get(e.getKey());
            if (!Objects.equals(old, e.getValue())) {
                changes.add(new TimelineEntry.Change(e.getKey(), old, e.getValue()));
            }
        }
        String kind = meta.version() == 1 ? "CREATED" : meta.deleted() ? "DELETED" : "CHANGED";
        return new TimelineEntry(
                entity,
                meta.id(),
                label,
                meta.version(),
                meta.validFrom(),
                meta.recordedAt(),
                meta.recordedBy(),
                meta.changeReason(),
                kind,
                changes);
    }
}
