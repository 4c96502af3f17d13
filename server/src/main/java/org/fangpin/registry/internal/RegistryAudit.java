package org.fangpin.registry.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fangpin.common.events.AuditableChange;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells the audit log about registry changes and views of full ID numbers ({@link AuditableChange}, recorded in
 * the same transaction), each with the village it concerns.
 */
@Component
public class RegistryAudit {

    private final RegistryStore store;
    private final ApplicationEventPublisher events;

    RegistryAudit(RegistryStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    /** What changed: only the fields that differ ({@link FieldValues}, sensitive values masked). */
    public void change(String entity, long id, String action, Map<String, String> before, Map<String, String> after) {
        String village = after.getOrDefault("villageCode", before.get("villageCode"));
        if (village == null && entity.equals("person")) {
            String household = after.getOrDefault("householdId", before.get("householdId"));
            village = household == null
                    ? null
                    : store.currentHousehold(Long.parseLong(household))
                            .map(h -> h.fields().villageCode())
                            .orElse(null);
        }
        Map<String, String> b = new LinkedHashMap<>();
        Map<String, String> a = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
            if (!Objects.equals(before.get(k), after.get(k))) {
                if (before.get(k) != null) {
                    b.put(k, before.get(k));
                }
                if (after.get(k) != null) {
                    a.put(k, after.get(k));
                }
            }
        }
        events.publishEvent(new AuditableChange(entity, String.valueOf(id), action, b, a, village));
    }

    /** A change of a person, compared with the person as now stored. */
    public void personChange(long personId, String action, Map<String, String> before) {
        Map<String, String> after =
                store.currentPerson(personId).map(FieldValues::of).orElse(Map.of());
        change("person", personId, action, before, after);
    }

    /** A view of a person's full ID and phone numbers. */
    public void sensitiveView(long personId, long householdId) {
        String village = store.currentHousehold(householdId)
                .map(h -> h.fields().villageCode())
                .orElse(null);
        events.publishEvent(new AuditableChange(
                "person",
                String.valueOf(personId),
                "VIEW_SENSITIVE",
                null,
                Map.of("fields", "idNumber,phone"),
                village));
    }
}
