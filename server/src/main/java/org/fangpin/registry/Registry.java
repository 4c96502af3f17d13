package org.fangpin.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.Region;
import org.fangpin.registry.internal.FieldValues;
import org.fangpin.registry.internal.RegistryAccess;
import org.fangpin.registry.internal.RegistryAudit;
import org.fangpin.registry.internal.RegistryChecks;
import org.fangpin.registry.internal.RegistrySearch;
import org.fangpin.registry.internal.RegistryStatistics;
import org.fangpin.registry.internal.RegistryStore;
import org.fangpin.registry.internal.RegistryStore.HouseholdRow;
import org.fangpin.registry.internal.RegistryStore.PersonRow;
import org.fangpin.registry.internal.RegistryTimeline;
import org.fangpin.registry.internal.RegistryViews;
import org.fangpin.security.SensitiveAccess;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The household registry's use cases. Every change writes a new version effective from a date (today or earlier,
 * never before the current version), with author and reason; every update names the version it expects
 * (optimistic locking) and fails with 412 if another change came first. The transaction of each use case begins
 * here; the checks, views, audit, search, statistics and timeline it uses live in {@code registry.internal}.
 */
@Service
public class Registry {

    public static final int MAX_PAGE = 500;

    private final RegistryStore store;
    private final RegistryAccess access;
    private final RegistryChecks checks;
    private final RegistryViews views;
    private final RegistryAudit audit;
    private final RegistrySearch search;
    private final RegistryStatistics statistics;
    private final RegistryTimeline timeline;
    private final SensitiveAccess sensitiveAccess;

    Registry(
            RegistryStore store,
            RegistryAccess access,
            RegistryChecks checks,
            RegistryViews views,
            RegistryAudit audit,
            RegistrySearch search,
            RegistryStatistics statistics,
            RegistryTimeline timeline,
            SensitiveAccess sensitiveAccess) {
        this.store = store;
        this.access = access;
        this.checks = checks;
        this.views = views;
        this.audit = audit;
        this.search = search;
        this.statistics = statistics;
        this.timeline = timeline;
        this.sensitiveAccess = sensitiveAccess;
    }

    /** Who changes what, from when, and why. */
    public record Change(String user, LocalDate effective, String reason) {}

    // ---- reads ----

    /** Current, not deleted households (all regions). */
    @Transactional(readOnly = true)
    public long householdCount() {
        return store.countCurrentHouseholds();
    }

    /** The household as it is now, if in the caller's scope. */
    @Transactional(readOnly = true)
    public Optional<HouseholdView> household(long id) {
        return household(id, null);
    }

    /** The household as it was on {@code asOf} (null: now), if in the caller's scope. */
    @Transactional(readOnly = true)
    public Optional<HouseholdView> household(long id, LocalDate asOf) {
        Optional<HouseholdRow> row = (asOf != null ? store.householdAsOf(id, asOf) : store.currentHousehold(id))
                .filter(h -> access.visible(h.fields().villageCode()));
        return row.map(h -> {
            List<PersonRow> members = asOf != null
                    ? store.membersAsOf(id, asOf)
                    : h.meta().deleted() ? List.of() : store.currentMembers(id);
            return views.household(h, members);
        });
    }

    /**
     * Where a household stands, without its members: enough to weigh many households at once (e.g. which meet the
     * criteria of risk elimination).
     */
    public record Standing(
            long id,
            String householdNo,
            String villageCode,
            MonitoringState monitoringState,
            LocalDate monitoringSince,
            BigDecimal perCapitaNetIncome) {

        public boolean monitored() {
            return monitoringState == MonitoringState.MONITORED;
        }
    }

    /**
     * The standing of each household named that exists now and is in the caller's scope (the others are left out),
     * in two statements whatever their number.
     */
    @Transactional(readOnly = true)
    public Map<Long, Standing> standings(Collection<Long> ids) {
        Map<Long, Standing> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<Long, Integer> members = store.currentMemberCounts(ids);
        for (HouseholdRow h : store.currentHouseholds(ids)) {
            HouseholdFields f = h.fields();
            if (h.meta().deleted() || !access.visible(f.villageCode())) {
                continue;
            }
            out.put(
                    h.meta().id(),
                    new Standing(
                            h.meta().id(),
                            f.householdNo(),
                            f.villageCode(),
                            f.monitoringState(),
                            f.monitoringSince(),
                            RegistryStore.perCapita(
                                            f.income(),
                                            members.getOrDefault(h.meta().id(), 0))
                                    .orElse(null)));
        }
        return out;
    }

    /**
     * The ids of the households with these numbers that exist now and are in the caller's scope (the others are left
     * out), in one statement whatever their number.
     */
    @Transactional(readOnly = true)
    public Map<String, Long> idsByNumber(Collection<String> numbers) {
        Map<String, Long> out = new HashMap<>();
        if (numbers.isEmpty()) {
            return out;
        }
        for (HouseholdRow h : store.currentHouseholdsByNumber(numbers)) {
            if (!h.meta().deleted() && access.visible(h.fields().villageCode())) {
                out.put(h.fields().householdNo(), h.meta().id());
            }
        }
        return out;
    }

    /** Every version of a household, oldest first (without members): what it was at each change. */
    @Transactional(readOnly = true)
    public List<HouseholdView> householdVersions(long id) {
        if (!access.householdVisible(id)) {
            throw ApiException.notFound("registry.household.not-found", id);
        }
        return store.householdHistory(id).stream()
                .map(h -> views.household(h, List.of()))
                .toList();
    }

    /** Households and persons under a region, by child region, who they are, monitoring state and category. */
    @Transactional(readOnly = true)
    public RegionStatistics statistics(Region region) {
        return statistics.of(region);
    }

    /** The person as they were on {@code asOf} (null: now), if their household is in the caller's scope. */
    @Transactional(readOnly = true)
    public Optional<PersonView> person(long id, LocalDate asOf) {
        return (asOf != null ? store.personAsOf(id, asOf) : store.currentPerson(id))
                .filter(p -> access.householdVisible(p.householdId()))
                .map(views::person);
    }

    /** Current households matching the query, inside the caller's scope; keyset-paginated. */
    @Transactional(readOnly = true)
    public Page<HouseholdView> search(HouseholdQuery q) {
        return search.households(q);
    }

    /** A person's ID and phone numbers in full. */
    public record SensitiveView(long personId, String idNumber, String phone) {}

    /**
     * The full ID and phone numbers of a person inside the caller's scope, for callers allowed to see them; every
     * such view is audited. 404 outside the scope, 403 without the permission.
     */
    @Transactional
    public SensitiveView sensitive(long personId) {
        PersonRow p = access.currentPerson(personId);
        if (!sensitiveAccess.mayViewInFull()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.detail", List.of());
        }
        audit.sensitiveView(personId, p.householdId());
        return new SensitiveView(personId, p.fields().idNumber(), p.fields().phone());
    }

    /**
     * Persons by region, name prefix or ID number; keyset-paginated like {@link #search}. A null criterion is not
     * used; a null cursor is the first page.
     */
    @Transactional(readOnly = true)
    public Page<PersonView> searchPersons(String regionCode, String name, String idNumber, String cursor, int limit) {
        return search.persons(regionCode, name, idNumber, cursor, limit);
    }

    /** Every version of the household and of each person who ever belonged to it, oldest first, with diffs. */
    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(long householdId) {
        return timeline.of(householdId);
    }

    // ---- writes ----

    @Transactional
    public HouseholdView createHousehold(HouseholdFields given, List<PersonFields> members, Change change) {
        LocalDate effective = checks.effectiveDate(change, null);
        HouseholdFields fields = given.completedFrom(null, effective);
        checks.validate(fields);
        access.requireWritable(fields.villageCode());
        checks.requireHead(members);
        members.forEach(checks::validate);
        long id = store.nextHouseholdId();
        try {
            store.insertHousehold(id, 1, effective, false, fields, change.user(), change.reason());
            audit.change("household", id, "CREATE", Map.of(), FieldValues.of(fields));
            for (PersonFields m : members) {
                audit.personChange(insertNewPerson(id, m, effective, change), "CREATE", Map.of());
            }
        } catch (DuplicateKeyException e) {
            throw checks.duplicate(e);
        }
        return household(id).orElseThrow();
    }

    /**
     * A new version of a household from a request: what the request leaves out is filled in from the current
     * version ({@link HouseholdFields#completedFrom}).
     */
    @Transactional
    public HouseholdView updateHousehold(long id, int expectedVersion, HouseholdFields given, Change change) {
        return update(id, expectedVersion, given, change, true);
    }

    /**
     * A new version of a household exactly as given (every field, none filled in): what monitoring work decides,
     * e.g. a household returned to what it was before an inclusion that was undone.
     */
    @Transactional
    public HouseholdView replaceHousehold(long id, int expectedVersion, HouseholdFields fields, Change change) {
        Objects.requireNonNull(fields.identityFlags(), "identityFlags");
        return update(id, expectedVersion, fields, change, false);
    }

    private HouseholdView update(long id, int expectedVersion, HouseholdFields given, Change change, boolean complete) {
        HouseholdRow current = access.currentHousehold(id);
        LocalDate effective = checks.effectiveDate(change, current.meta().validFrom());
        HouseholdFields fields = complete ? given.completedFrom(current.fields(), effective) : given;
        checks.validate(fields);
        access.requireWritable(fields.villageCode()); // also the village it moves to
        if (current.fields().equals(fields)) {
            checks.checkVersion(current.meta().version(), expectedVersion);
            return household(id).orElseThrow();
        }
        closeHousehold(id, expectedVersion, effective);
        try {
            store.insertHousehold(
                    id, current.meta().version() + 1, effective, false, fields, change.user(), change.reason());
        } catch (DuplicateKeyException e) {
            throw checks.duplicate(e);
        }
        audit.change("household", id, "UPDATE", FieldValues.of(current.fields()), FieldValues.of(fields));
        return household(id).orElseThrow();
    }

    /** Soft delete: a last version marked deleted; its members are deleted with it. History stays. */
    @Transactional
    public void deleteHousehold(long id, int expectedVersion, Change change) {
        checks.requireReason(change);
        HouseholdRow current = access.currentHousehold(id);
        LocalDate effective = checks.effectiveDate(change, current.meta().validFrom());
        closeHousehold(id, expectedVersion, effective);
        store.insertHousehold(
                id, current.meta().version() + 1, effective, true, current.fields(), change.user(), change.reason());
        audit.change("household", id, "DELETE", FieldValues.of(current.fields()), Map.of());
        for (PersonRow p : store.currentMembers(id)) {
            LocalDate personEffective =
                    effective.isBefore(p.meta().validFrom()) ? p.meta().validFrom() : effective;
            if (!store.closePerson(p.meta().id(), p.meta().version(), personEffective)) {
                throw checks.stale(p.meta().id()); // a member changed meanwhile: the whole delete rolls back
            }
            store.insertPerson(
                    p.meta().id(),
                    p.meta().version() + 1,
                    personEffective,
                    true,
                    id,
                    p.sex(),
                    p.birthDate(),
                    p.fields(),
                    change.user(),
                    change.reason());
            audit.change("person", p.meta().id(), "DELETE", FieldValues.of(p), Map.of());
        }
    }

    @Transactional
    public PersonView addMember(long householdId, PersonFields fields, Change change) {
        HouseholdRow household = access.currentHousehold(householdId);
        LocalDate effective = checks.effectiveDate(change, household.meta().validFrom());
        checks.validate(fields);
        if (fields.relation() == Relation.HEAD
                && store.currentMembers(householdId).stream()
                        .anyMatch(p -> p.fields().relation() == Relation.HEAD)) {
            throw checks.secondHead();
        }
        try {
            long id = insertNewPerson(householdId, fields, effective, change);
            audit.personChange(id, "CREATE", Map.of());
            return person(id, null).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw checks.duplicate(e);
        }
    }

    @Transactional
    public PersonView updatePerson(long id, int expectedVersion, PersonFields fields, Change change) {
        PersonRow current = access.currentPerson(id);
        LocalDate effective = checks.effectiveDate(change, current.meta().validFrom());
        checks.validate(fields);
        if (current.fields().equals(fields.normalised())) {
            checks.checkVersion(current.meta().version(), expectedVersion);
            return views.person(current);
        }
        IdNumber.Parsed parsed =
                IdNumber.parse(fields.idNumber(), checks.today()).orElseThrow();
        if (!store.closePerson(id, expectedVersion, effective)) {
            throw checks.stale(id);
        }
        try {
            store.insertPerson(
                    id,
                    current.meta().version() + 1,
                    effective,
                    false,
                    current.householdId(),
                    parsed.sex(),
                    parsed.birthDate(),
                    fields.normalised(),
                    change.user(),
                    change.reason());
        } catch (DuplicateKeyException e) {
            throw checks.duplicate(e);
        }
        audit.personChange(id, "UPDATE", FieldValues.of(current));
        return person(id, null).orElseThrow();
    }

    /**
     * 低保 or 特困 as 民政 records them (农村低收入人口, 003:51): a new version of the person from the date the benefit
     * started or ended — the person's current version's date when that is later, since history before it stays as it
     * was. Returns whether anything changed.
     */
    @Transactional
    public boolean recordAssistance(
            long personId, LowIncomeGroup group, boolean receiving, LocalDate from, Change change) {
        PersonRow current = access.currentPerson(personId);
        HouseholdRow household = access.currentHousehold(current.householdId());
        access.requireWritable(household.fields().villageCode());
        if (current.fields().receives(group) == receiving || current.meta().deleted()) {
            return false;
        }
        LocalDate effective =
                from.isBefore(current.meta().validFrom()) ? current.meta().validFrom() : from;
        if (effective.isAfter(checks.today())) {
            return false; // a benefit that starts or ends later is recorded when its day comes (the next batch)
        }
        PersonFields next = current.fields().receiving(group, receiving);
        updatePerson(personId, current.meta().version(), next, new Change(change.user(), effective, change.reason()));
        return true;
    }

    @Transactional
    public void deletePerson(long id, int expectedVersion, Change change) {
        checks.requireReason(change);
        PersonRow current = access.currentPerson(id);
        LocalDate effective = checks.effectiveDate(change, current.meta().validFrom());
        if (!store.closePerson(id, expectedVersion, effective)) {
            throw checks.stale(id);
        }
        store.insertPerson(
                id,
                current.meta().version() + 1,
                effective,
                true,
                current.householdId(),
                current.sex(),
                current.birthDate(),
                current.fields(),
                change.user(),
                change.reason());
        audit.change("person", id, "DELETE", FieldValues.of(current), Map.of());
    }

    // ---- helpers ----

    private long insertNewPerson(long householdId, PersonFields m, LocalDate effective, Change change) {
        IdNumber.Parsed parsed = IdNumber.parse(m.idNumber(), checks.today()).orElseThrow();
        long pid = store.nextPersonId();
        store.insertPerson(
                pid,
                1,
                effective,
                false,
                householdId,
                parsed.sex(),
                parsed.birthDate(),
                m.normalised(),
                change.user(),
                change.reason());
        return pid;
    }

    private void closeHousehold(long id, int expectedVersion, LocalDate effective) {
        if (!store.closeHousehold(id, expectedVersion, effective)) {
            throw checks.stale(id);
        }
    }

    /** {@code 138****5678}. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone;
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
