package org.fangpin.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.internal.HouseholdRules;
import org.fangpin.registry.internal.RegistryStore;
import org.fangpin.registry.internal.RegistryStore.HouseholdRow;
import org.fangpin.registry.internal.RegistryStore.PersonRow;
import org.fangpin.security.SensitiveAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The household registry's use cases. Every change writes a new version effective from a date (today or earlier,
 * never before the current version), with author and reason; every update names the version it expects
 * (optimistic locking) and fails with 412 if another change came first.
 */
@Service
public class Registry {

    public static final int MAX_PAGE = 500;

    private final RegistryStore store;
    private final RegionDirectory regions;
    private final Messages messages;
    private final Clock clock;

    private final ApplicationEventPublisher events;
    private final DataScope dataScope;
    private final SensitiveAccess sensitiveAccess;

    private final ObjectProvider<TimelineSource> timelineSources;

    Registry(
            RegistryStore store,
            RegionDirectory regions,
            Messages messages,
            Clock clock,
            ApplicationEventPublisher events,
            DataScope dataScope,
            SensitiveAccess sensitiveAccess,
            ObjectProvider<TimelineSource> timelineSources) {
        this.timelineSources = timelineSources;
        this.dataScope = dataScope;
        this.sensitiveAccess = sensitiveAccess;
        this.store = store;
        this.regions = regions;
        this.messages = messages;
        this.clock = clock;
        this.events = events;
    }

    /** Tells the audit log what changed: only the fields that differ, with sensitive values masked. */
    private void audit(String entity, long id, String action, Map<String, String> before, Map<String, String> after) {
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

    private void auditPerson(long personId, String action, Map<String, String> before) {
        Map<String, String> after =
                store.currentPerson(personId).map(Registry::fields).orElse(Map.of());
        audit("person", personId, action, before, after);
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
                .filter(h -> visible(h.fields().villageCode()));
        return row.map(h -> {
            List<PersonRow> members = asOf != null
                    ? store.membersAsOf(id, asOf)
                    : h.meta().deleted() ? List.of() : store.currentMembers(id);
            return view(h, members);
        });
    }

    /** Every version of a household, oldest first (without members): what it was at each change. */
    @Transactional(readOnly = true)
    public List<HouseholdView> householdVersions(long id) {
        if (!householdVisible(id)) {
            throw ApiException.notFound("registry.household.not-found", id);
        }
        return store.householdHistory(id).stream().map(h -> view(h, List.of())).toList();
    }

    /** Households and persons under a region, by child region, who they are, monitoring state and category. */
    @Transactional(readOnly = true)
    public RegionStatistics statistics(Region region) {
        RegionCode.CodeRange range = dataScope.current().within(region).orElseThrow(() -> outOfScope(region.code()));
        int digits = region.level() == RegionLevel.VILLAGE
                ? RegionLevel.VILLAGE.digits()
                : RegionLevel.of(region.level().number() + 1).digits();
        return statistics(range, digits);
    }

    private RegionStatistics statistics(RegionCode.CodeRange scope, int digits) {
        Map<String, Map<RegionStatistics.Cell, Long>> byChild = new TreeMap<>();
        Map<String, Long> persons = new TreeMap<>();
        Map<MonitoringCategory, Long> categories = new EnumMap<>(MonitoringCategory.class);
        long monitoredMembers = 0;
        long dibao = 0;
        long tekun = 0;
        for (RegistryStore.StatRow r : store.statistics(scope, digits)) {
            String child =
                    r.prefix() + "0".repeat(RegionCode.LENGTH - r.prefix().length());
            MonitoringState state = MonitoringState.valueOf(r.state());
            byChild.computeIfAbsent(child, k -> new HashMap<>())
                    .merge(
                            new RegionStatistics.Cell(HouseholdIdentity.valueOf(r.identity()), state),
                            r.households(),
                            Long::sum);
            persons.merge(child, r.persons(), Long::sum);
            monitoredMembers += state == MonitoringState.MONITORED ? r.persons() : 0;
            dibao += r.dibao();
            tekun += r.tekun();
            if (r.category() != null && state == MonitoringState.MONITORED) {
                categories.merge(MonitoringCategory.valueOf(r.category()), r.households(), Long::sum);
            }
        }
        return new RegionStatistics(
                byChild, persons, categories, new RegionStatistics.LowIncome(monitoredMembers, dibao, tekun));
    }

    /** The person as they were on {@code asOf} (null: now), if their household is in the caller's scope. */
    @Transactional(readOnly = true)
    public Optional<PersonView> person(long id, LocalDate asOf) {
        return (asOf != null ? store.personAsOf(id, asOf) : store.currentPerson(id))
                .filter(p -> householdVisible(p.householdId()))
                .map(this::view);
    }

    @Transactional(readOnly = true)
    public Page<HouseholdView> search(HouseholdQuery q) {
        int limit = Math.max(1, Math.min(q.limit(), MAX_PAGE));
        Optional<RegionCode.CodeRange> scope = reach(q.regionCode());
        if (scope.isPresent() && scope.get() == RegionCode.CodeRange.NOTHING) {
            return new Page<>(List.of(), null);
        }
        Long after = q.after() == null ? null : decodeCursor(q.after());
        List<HouseholdRow> rows = store.search(q, scope.orElse(null), after, limit + 1);
        boolean more = rows.size() > limit;
        List<HouseholdRow> pageRows = rows.subList(0, Math.min(limit, rows.size()));
        Map<Long, List<PersonRow>> members =
                store.currentMembers(pageRows.stream().map(h -> h.meta().id()).toList());
        List<HouseholdView> items = pageRows.stream()
                .map(h -> view(h, members.getOrDefault(h.meta().id(), List.of())))
                .toList();
        String next = more ? encodeCursor(items.get(items.size() - 1).id()) : null;
        return new Page<>(items, next);
    }

    /** A person's ID and phone numbers in full. */
    public record SensitiveView(long personId, String idNumber, String phone) {}

    /**
     * The full ID and phone numbers of a person inside the caller's scope, for callers allowed to see them; every
     * such view is audited. 404 outside the scope, 403 without the permission.
     */
    @Transactional
    public SensitiveView sensitive(long personId) {
        PersonRow p = currentPersonOr404(personId);
        if (!sensitiveAccess.mayViewInFull()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.detail", List.of());
        }
        String village = store.currentHousehold(p.householdId())
                .map(h -> h.fields().villageCode())
                .orElse(null);
        events.publishEvent(new AuditableChange(
                "person",
                String.valueOf(personId),
                "VIEW_SENSITIVE",
                null,
                Map.of("fields", "idNumber,phone"),
                village));
        return new SensitiveView(personId, p.fields().idNumber(), p.fields().phone());
    }

    /**
     * Persons by region, name prefix or ID number; keyset-paginated like {@link #search}. A null criterion is not
     * used; a null cursor is the first page.
     */
    @Transactional(readOnly = true)
    public Page<PersonView> searchPersons(String regionCode, String name, String idNumber, String cursor, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        Optional<RegionCode.CodeRange> scope = reach(regionCode);
        if (scope.isPresent() && scope.get() == RegionCode.CodeRange.NOTHING) {
            return new Page<>(List.of(), null);
        }
        List<PersonRow> rows = store.searchPersons(
                scope.orElse(null), name, idNumber, cursor == null ? null : decodeCursor(cursor), n + 1);
        List<PersonView> items = rows.subList(0, Math.min(n, rows.size())).stream()
                .map(this::view)
                .toList();
        return new Page<>(
                items,
                rows.size() > n ? encodeCursor(items.get(items.size() - 1).id()) : null);
    }

    /**
     * The region range a search may cover: the requested region narrowed to the caller's data scope (403 when it
     * lies outside), or the whole scope when no region was asked for (null); empty means the whole tree (system
     * callers).
     */
    private Optional<RegionCode.CodeRange> reach(String regionCode) {
        DataScope.Scope scope = dataScope.current();
        if (regionCode != null) {
            Region region = regions.find(regionCode)
                    .orElseThrow(
                            () -> ApiException.invalid("region", messages.get("region.error.unknown", regionCode)));
            return Optional.of(scope.within(region).orElseThrow(() -> outOfScope(region.code())));
        }
        if (scope instanceof DataScope.Scope.Subtree s) {
            return Optional.of(s.region().subtree());
        }
        return scope instanceof DataScope.Scope.Nothing ? Optional.of(RegionCode.CodeRange.NOTHING) : Optional.empty();
    }

    private boolean visible(String villageCode) {
        return dataScope.current().covers(villageCode);
    }

    private boolean householdVisible(long householdId) {
        return store.currentHousehold(householdId)
                .filter(h -> visible(h.fields().villageCode()))
                .isPresent();
    }

    /** Writes only inside the caller's scope: 403 otherwise. */
    private void requireWritable(String villageCode) {
        if (!visible(villageCode)) {
            throw outOfScope(villageCode);
        }
    }

    private ApiException outOfScope(String code) {
        return new ApiException(HttpStatus.FORBIDDEN, "out-of-scope", "scope.outside", List.of(), code);
    }

    /** Every version of the household and of each person who ever belonged to it, oldest first, with diffs. */
    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(long householdId) {
        List<HouseholdRow> hh = store.householdHistory(householdId);
        if (hh.isEmpty() || !householdVisible(householdId)) {
            throw ApiException.notFound("registry.household.not-found", householdId);
        }
        List<TimelineEntry> out = new ArrayList<>();
        Map<String, String> previous = Map.of();
        for (HouseholdRow h : hh) {
            Map<String, String> now = fields(h.fields());
            out.add(entry("household", h.meta(), h.fields().householdNo(), previous, now));
            previous = now;
        }
        Map<Long, Map<String, String>> lastByPerson = new LinkedHashMap<>();
        for (PersonRow p : store.personHistoryOfHousehold(householdId)) {
            Map<String, String> now = fields(p);
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

    // ---- writes ----

    @Transactional
    public HouseholdView createHousehold(HouseholdFields given, List<PersonFields> members, Change change) {
        LocalDate effective = effectiveDate(change, null);
        HouseholdFields fields = given.completedFrom(null, effective);
        validate(fields);
        requireWritable(fields.villageCode());
        requireHead(members);
        members.forEach(this::validate);
        long id = store.nextHouseholdId();
        try {
            store.insertHousehold(id, 1, effective, false, fields, change.user(), change.reason());
            audit("household", id, "CREATE", Map.of(), fields(fields));
            for (PersonFields m : members) {
                auditPerson(insertNewPerson(id, m, effective, change), "CREATE", Map.of());
            }
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
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
        HouseholdRow current = currentHouseholdOr404(id);
        LocalDate effective = effectiveDate(change, current.meta().validFrom());
        HouseholdFields fields = complete ? given.completedFrom(current.fields(), effective) : given;
        validate(fields);
        requireWritable(fields.villageCode()); // also the village it moves to
        if (current.fields().equals(fields)) {
            checkVersion(current.meta().version(), expectedVersion);
            return household(id).orElseThrow();
        }
        closeHousehold(id, expectedVersion, effective);
        try {
            store.insertHousehold(
                    id, current.meta().version() + 1, effective, false, fields, change.user(), change.reason());
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
        audit("household", id, "UPDATE", fields(current.fields()), fields(fields));
        return household(id).orElseThrow();
    }

    /** Soft delete: a last version marked deleted; its members are deleted with it. History stays. */
    @Transactional
    public void deleteHousehold(long id, int expectedVersion, Change change) {
        requireReason(change);
        HouseholdRow current = currentHouseholdOr404(id);
        LocalDate effective = effectiveDate(change, current.meta().validFrom());
        closeHousehold(id, expectedVersion, effective);
        store.insertHousehold(
                id, current.meta().version() + 1, effective, true, current.fields(), change.user(), change.reason());
        audit("household", id, "DELETE", fields(current.fields()), Map.of());
        for (PersonRow p : store.currentMembers(id)) {
            LocalDate personEffective =
                    effective.isBefore(p.meta().validFrom()) ? p.meta().validFrom() : effective;
            if (!store.closePerson(p.meta().id(), p.meta().version(), personEffective)) {
                throw stale(p.meta().id()); // a member changed meanwhile: the whole delete rolls back
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
            audit("person", p.meta().id(), "DELETE", fields(p), Map.of());
        }
    }

    @Transactional
    public PersonView addMember(long householdId, PersonFields fields, Change change) {
        HouseholdRow household = currentHouseholdOr404(householdId);
        LocalDate effective = effectiveDate(change, household.meta().validFrom());
        validate(fields);
        if (fields.relation() == Relation.HEAD
                && store.currentMembers(householdId).stream()
                        .anyMatch(p -> p.fields().relation() == Relation.HEAD)) {
            throw ApiException.invalid("relation", messages.get("registry.error.second-head"));
        }
        try {
            long id = insertNewPerson(householdId, fields, effective, change);
            auditPerson(id, "CREATE", Map.of());
            return person(id, null).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw duplicate(e);
        }
    }

    @Transactional
    public PersonView updatePerson(long id, int expectedVersion, PersonFields fields, Change change) {
        PersonRow current = currentPersonOr404(id);
        LocalDate effective = effectiveDate(change, current.meta().validFrom());
        validate(fields);
        if (current.fields().equals(fields.normalised())) {
            checkVersion(current.meta().version(), expectedVersion);
            return view(current);
        }
        IdNumber.Parsed parsed = IdNumber.parse(fields.idNumber(), today()).orElseThrow();
        if (!store.closePerson(id, expectedVersion, effective)) {
            throw stale(id);
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
            throw duplicate(e);
        }
        auditPerson(id, "UPDATE", fields(current));
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
        PersonRow current = currentPersonOr404(personId);
        HouseholdRow household = currentHouseholdOr404(current.householdId());
        requireWritable(household.fields().villageCode());
        if (current.fields().receives(group) == receiving || current.meta().deleted()) {
            return false;
        }
        LocalDate effective =
                from.isBefore(current.meta().validFrom()) ? current.meta().validFrom() : from;
        if (effective.isAfter(today())) {
            return false; // a benefit that starts or ends later is recorded when its day comes (the next batch)
        }
        PersonFields next = current.fields().receiving(group, receiving);
        updatePerson(personId, current.meta().version(), next, new Change(change.user(), effective, change.reason()));
        return true;
    }

    @Transactional
    public void deletePerson(long id, int expectedVersion, Change change) {
        requireReason(change);
        PersonRow current = currentPersonOr404(id);
        LocalDate effective = effectiveDate(change, current.meta().validFrom());
        if (!store.closePerson(id, expectedVersion, effective)) {
            throw stale(id);
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
        audit("person", id, "DELETE", fields(current), Map.of());
    }

    // ---- helpers ----

    private long insertNewPerson(long householdId, PersonFields m, LocalDate effective, Change change) {
        IdNumber.Parsed parsed = IdNumber.parse(m.idNumber(), today()).orElseThrow();
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
            throw stale(id);
        }
    }

    private ApiException stale(long id) {
        return ApiException.preconditionFailed("registry.error.stale", id);
    }

    private void checkVersion(int actual, int expected) {
        if (actual != expected) {
            throw ApiException.preconditionFailed("registry.error.stale-version", expected, actual);
        }
    }

    /** The current household if the caller may see it: 404 otherwise (its existence is not disclosed). */
    private HouseholdRow currentHouseholdOr404(long id) {
        return store.currentHousehold(id)
                .filter(h -> !h.meta().deleted())
                .filter(h -> visible(h.fields().villageCode()))
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", id));
    }

    private PersonRow currentPersonOr404(long id) {
        return store.currentPerson(id)
                .filter(p -> !p.meta().deleted())
                .filter(p -> householdVisible(p.householdId()))
                .orElseThrow(() -> ApiException.notFound("registry.person.not-found", id));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private LocalDate effectiveDate(Change change, LocalDate currentValidFrom) {
        LocalDate d = change.effective() == null ? today() : change.effective();
        if (d.isAfter(today())) {
            throw ApiException.invalid("effectiveDate", messages.get("registry.error.effective-future"));
        }
        if (currentValidFrom != null && d.isBefore(currentValidFrom)) {
            throw ApiException.invalid(
                    "effectiveDate", messages.get("registry.error.effective-before-current", currentValidFrom));
        }
        return d;
    }

    private void requireReason(Change change) {
        if (change.reason() == null || change.reason().isBlank()) {
            throw ApiException.invalid("reason", messages.get("registry.error.reason-required"));
        }
    }

    private void requireHead(List<PersonFields> members) {
        long heads = members.stream().filter(m -> m.relation() == Relation.HEAD).count();
        if (heads != 1) {
            throw ApiException.invalid("members", messages.get("registry.error.one-head", heads));
        }
    }

    private void validate(HouseholdFields f) {
        List<FieldProblem> problems =
                new ArrayList<>(HouseholdRules.toProblems(HouseholdRules.check(f, today()), messages::get));
        Optional<Region> village = regions.find(f.villageCode());
        if (village.isEmpty() || village.get().level() != RegionLevel.VILLAGE) {
            problems.add(FieldProblem.of("villageCode", messages.get("registry.error.village")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    private void validate(PersonFields f) {
        List<FieldProblem> problems = HouseholdRules.toProblems(HouseholdRules.check(f, today()), messages::get);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems.stream()
                    .map(p -> p.field().equals("idNumber")
                            ? new FieldProblem(p.field(), p.reason(), IdNumber.mask(f.idNumber()))
                            : p)
                    .toList());
        }
    }

    private ApiException duplicate(DuplicateKeyException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("person_active_id_number")) {
            return new ApiException(
                    HttpStatus.CONFLICT,
                    "conflict",
                    "registry.error.id-number-taken",
                    List.of(FieldProblem.of("idNumber", messages.get("registry.error.id-number-taken"))));
        }
        if (msg.contains("household_current_no")) {
            return new ApiException(
                    HttpStatus.CONFLICT,
                    "conflict",
                    "registry.error.household-no-taken",
                    List.of(FieldProblem.of("householdNo", messages.get("registry.error.household-no-taken"))));
        }
        return ApiException.conflict("problem.conflict.detail");
    }

    static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("h:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!s.startsWith("h:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(s.substring(2));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("problem.cursor.invalid");
        }
    }

    // ---- views ----

    private HouseholdView view(HouseholdRow h, List<PersonRow> members) {
        boolean fullBirthDate = sensitiveAccess.mayViewInFull();
        HouseholdFields f = h.fields();
        var m = h.meta();
        return new HouseholdView(
                m.id(),
                m.version(),
                m.validFrom(),
                m.validTo(),
                m.deleted(),
                f.householdNo(),
                f.villageCode(),
                f.address(),
                f.identity(),
                f.identityFlags(),
                f.exitYear(),
                f.monitoringState(),
                f.monitoringCategory(),
                f.monitoringSince(),
                f.riskCauses(),
                f.eliminatedOn(),
                f.eliminationKind(),
                HouseholdStatus.of(f.identity(), f.monitoringState()),
                f.housingGrade(),
                f.waterSafe(),
                f.income(),
                members.size(),
                RegistryStore.perCapita(f.income(), members.size()).orElse(null),
                m.recordedAt(),
                m.recordedBy(),
                m.changeReason(),
                members.stream().map(p -> view(p, fullBirthDate)).toList());
    }

    /**
     * A member as the caller may see them. The masked ID number hides exactly the birth date, so the full date is
     * shown only to callers who may see the number itself; everyone else gets the birth year.
     */
    private PersonView view(PersonRow p) {
        return view(p, sensitiveAccess.mayViewInFull());
    }

    private static PersonView view(PersonRow p, boolean fullBirthDate) {
        PersonFields f = p.fields();
        var m = p.meta();
        return new PersonView(
                m.id(),
                p.householdId(),
                m.version(),
                m.validFrom(),
                m.validTo(),
                m.deleted(),
                IdNumber.mask(f.idNumber()),
                f.name(),
                f.relation(),
                p.sex(),
                fullBirthDate ? p.birthDate() : null,
                p.birthDate().getYear(),
                maskPhone(f.phone()),
                f.ethnicity(),
                f.education(),
                f.schoolStatus(),
                f.health(),
                f.disabilityGrade(),
                f.labourCapacity(),
                f.workStatus(),
                f.workPlace(),
                f.workMonths(),
                f.medicalInsurance(),
                f.pensionInsurance(),
                f.dibao(),
                f.tekun(),
                f.disabilitySubsidy(),
                m.recordedAt(),
                m.recordedBy(),
                m.changeReason());
    }

    /** {@code 138****5678}. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone;
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }

    private static Map<String, String> fields(HouseholdFields f) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("householdNo", f.householdNo());
        m.put("villageCode", f.villageCode());
        m.put("address", f.address());
        m.put("identity", str(f.identity()));
        m.put(
                "identityFlags",
                f.identityFlags().isEmpty() ? null : f.identityFlags().toString());
        m.put("exitYear", str(f.exitYear()));
        m.put("monitoringState", str(f.monitoringState()));
        m.put("monitoringCategory", str(f.monitoringCategory()));
        m.put("monitoringSince", str(f.monitoringSince()));
        m.put("riskCauses", f.riskCauses().isEmpty() ? null : f.riskCauses().toString());
        m.put("eliminatedOn", str(f.eliminatedOn()));
        m.put("eliminationKind", str(f.eliminationKind()));
        m.put("housingGrade", str(f.housingGrade()));
        m.put("waterSafe", str(f.waterSafe()));
        Income i = f.income();
        m.put("income.year", str(i.year()));
        m.put("income.wage", str(i.wage()));
        m.put("income.production", str(i.production()));
        m.put("income.property", str(i.property()));
        m.put("income.transfer", str(i.transfer()));
        m.put("income.productionCost", str(i.productionCost()));
        return m;
    }

    private static Map<String, String> fields(PersonRow p) {
        PersonFields f = p.fields();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("householdId", str(p.householdId()));
        m.put("idNumber", IdNumber.mask(f.idNumber()));
        m.put("name", f.name());
        m.put("relation", str(f.relation()));
        m.put("phone", maskPhone(f.phone()));
        m.put("ethnicity", f.ethnicity());
        m.put("education", str(f.education()));
        m.put("schoolStatus", str(f.schoolStatus()));
        m.put("health", str(f.health()));
        m.put("disabilityGrade", str(f.disabilityGrade()));
        m.put("labourCapacity", str(f.labourCapacity()));
        m.put("workStatus", str(f.workStatus()));
        m.put("workPlace", f.workPlace());
        m.put("workMonths", str(f.workMonths()));
        m.put("medicalInsurance", str(f.medicalInsurance()));
        m.put("pensionInsurance", str(f.pensionInsurance()));
        m.put("dibao", str(f.dibao()));
        m.put("tekun", str(f.tekun()));
        m.put("disabilitySubsidy", str(f.disabilitySubsidy()));
        return m;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
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
