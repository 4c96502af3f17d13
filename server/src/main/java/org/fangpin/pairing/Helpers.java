package org.fangpin.pairing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.PlanHelpers;
import org.fangpin.casework.PlanResponsibles;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.security.Actor;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.UserAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 帮扶责任人 (结对帮扶, 004:177): a county's helpers — name, unit, post, sealed phone, optionally their account — and
 * the dated pairings of a helper with a household (a 监测对象, or a 脱贫户), each change with its reason. A household
 * has one helper at a time; a helper has at most {@code helper_max_households} households when the province sets it;
 * a helper who leaves (调离) leaves their households unpaired, each listed until paired again. The plan of a monitored
 * household keeps its helper (case work's plan). Helpers are a county's people: the county and the
 * levels above see them, and so do the county's townships and villages; their households only in the caller's reach.
 */
@Service
public class Helpers implements PlanHelpers {

    /** The purpose the phone numbers are sealed under. */
    public static final String PHONE_PURPOSE = "helper.phone";

    /** A helper as lists show them: phone masked, with the households paired now. */
    @Schema(name = "Helper")
    public record Helper(
            long id,
            String county,
            String countyName,
            String name,
            String unit,
            String post,
            String phone,
            String username,
            HelperStatus status,
            LocalDate departedOn,
            String departReason,
            long households,
            long visitsOverdue,
            int version) {}

    /** A helper to record in a county (the caller's own when a township or county office leaves it out). */
    @Schema(name = "NewHelper")
    public record NewHelper(String county, String name, String unit, String post, String phone, String username) {}

    /** A helper's details corrected (each replaces what was recorded; a phone left out keeps the one recorded). */
    @Schema(name = "HelperChange")
    public record Change(String name, String unit, String post, String phone, String username) {}

    /** A helper leaving (调离, 退休 …): the day and the reason; their households are unpaired. */
    @Schema(name = "HelperDeparture")
    public record Departure(LocalDate on, String reason) {}

    /** A household to pair with a helper; the reason is required when it replaces the household's helper. */
    @Schema(name = "NewPairing")
    public record NewPairing(Long householdId, String reason) {}

    /** Why a pairing ends without another helper. */
    @Schema(name = "PairingEnd")
    public record PairingEnd(String reason) {}

    /** A household paired with the helper (now, or before when {@code endedOn} is set), with its visits. */
    @Schema(name = "HelperHousehold")
    public record Paired(
            long pairingId,
            long householdId,
            String householdNo,
            String headName,
            String villageCode,
            String villageName,
            HouseholdIdentity identity,
            MonitoringState monitoringState,
            LocalDate pairedOn,
            String reason,
            LocalDate endedOn,
            String endReason,
            long visits,
            LocalDate lastVisit,
            LocalDate nextVisitDue,
            boolean visitOverdue) {}

    /** A helper with the households of the caller's reach: paired now, and the pairings that ended. */
    @Schema(name = "HelperDetail")
    public record Detail(Helper helper, List<Paired> households, List<Paired> ended) {}

    /** Filters of the helper list; null leaves one out ({@code before}: the last id of the previous page). */
    public record Query(String name, HelperStatus status, Long before, int limit) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Registry registry;
    private final PolicyParameters parameters;
    private final FieldCipher cipher;
    private final Permissions permissions;
    private final UserAccounts users;
    private final PlanResponsibles plans;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;
    private final HelperReads reads;

    Helpers(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Registry registry,
            PolicyParameters parameters,
            FieldCipher cipher,
            Permissions permissions,
            UserAccounts users,
            PlanResponsibles plans,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock,
            HelperReads reads) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.registry = registry;
        this.parameters = parameters;
        this.cipher = cipher;
        this.permissions = permissions;
        this.users = users;
        this.plans = plans;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
        this.reads = reads;
    }

    // ---- reads ----

    /** The helpers the caller sees, newest first, with their households of the caller's reach. */
    public List<Helper> list(Query q) {
        return reads.list(q);
    }

    /** One helper the caller sees (404 otherwise), with their households of the caller's reach. */
    public Detail get(long id) {
        return reads.get(id);
    }

    // ---- PlanHelpers (case work's port) ----

    @Override
    @Transactional
    public Named pair(long householdId, String villageCode, long helperId, String reason) {
        return pairing(helperId, household(householdId, "helperId"), reason);
    }

    @Override
    public Optional<Named> current(long householdId) {
        return reads.current(householdId);
    }

    @Override
    public List<Named> candidates(String villageCode, int limit) {
        return reads.candidates(villageCode, limit);
    }

    // ---- changes ----

    /** Records a helper of a county in the caller's reach (409 when the county has them at work already). */
    @Transactional
    public Helper create(NewHelper n) {
        Actor me = assigner();
        String county = PairingFields.strip(n.county()) == null
                ? ownCounty(me)
                : n.county().strip();
        List<FieldProblem> problems = new ArrayList<>();
        Region c = county == null ? null : regions.find(county).orElse(null);
        if (c == null || c.level() != RegionLevel.COUNTY || c.validTo() != null || !reads.sees(c.code())) {
            problems.add(FieldProblem.of("county", messages.get("helper.county")));
        }
        Change fields = new Change(n.name(), n.unit(), n.post(), n.phone(), n.username());
        check(fields, county, problems);
        PairingFields.raise(problems);
        long id;
        try {
            id = jdbc.sql("""
                    insert into helper (county_code, name, unit, post, phone_enc, phone_lookup, username, created_by,
                                        updated_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            county,
                            n.name().strip(),
                            PairingFields.strip(n.unit()),
                            PairingFields.strip(n.post()),
                            seal(n.phone()),
                            lookup(n.phone()),
                            PairingFields.strip(n.username()),
                            me.username(),
                            me.username())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("helper.taken", n.name().strip());
        }
        audit(id, county, "HELPER_ADDED", null, described(fields));
        return reads.find(id, false);
    }

    /** Corrects a helper's details (If-Match: the version read); the plans naming them follow. */
    @Transactional
    public Helper amend(long id, int version, Change ch) {
        assigner();
        Helper h = editable(id, version);
        List<FieldProblem> problems = new ArrayList<>();
        check(ch, h.county(), problems);
        PairingFields.raise(problems);
        try {
            jdbc.sql("""
                    update helper set name = ?, unit = ?, post = ?, phone_enc = coalesce(?, phone_enc),
                        phone_lookup = coalesce(?, phone_lookup), username = ?,
                        updated_by = ?, updated_at = now(), version = version + 1
                    where id = ?""")
                    .params(
                            ch.name().strip(),
                            PairingFields.strip(ch.unit()),
                            PairingFields.strip(ch.post()),
                            seal(ch.phone()),
                            lookup(ch.phone()),
                            PairingFields.strip(ch.username()),
                            me(),
                            id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("helper.taken", ch.name().strip());
        }
        plans.helperRenamed(id, ch.name().strip(), PairingFields.strip(ch.username()));
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("name", h.name());
        before.put("unit", h.unit());
        before.put("post", h.post());
        before.put("username", h.username());
        audit(id, h.county(), "HELPER_AMENDED", before, described(ch));
        return reads.find(id, false);
    }

    /**
     * A helper leaves on a day (not before their latest pairing, not after today) with the reason: their pairings end
     * that day and their households — each plan too — have no helper until paired again.
     */
    @Transactional
    public Helper depart(long id, int version, Departure d) {
        assigner();
        Helper h = editable(id, version);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate on = d.on() == null ? today() : d.on();
        LocalDate latest = jdbc.sql(
                        "select max(paired_on) from helper_pairing where helper_id = ? and ended_on is null")
                .param(id)
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        if (on.isAfter(today()) || (latest != null && on.isBefore(latest))) {
            problems.add(
                    FieldProblem.of("on", messages.get("helper.depart-day", latest == null ? "" : latest.toString())));
        }
        PairingFields.text(messages, problems, "reason", d.reason(), 500, true);
        PairingFields.raise(problems);
        List<Long> households = jdbc.sql("""
                        update helper_pairing set ended_on = ?, end_reason = ?, ended_by = ?
                        where helper_id = ? and ended_on is null returning household_id""")
                .params(
                        on,
                        messages.get(
                                java.util.Locale.SIMPLIFIED_CHINESE,
                                "helper.departed-reason",
                                d.reason().strip()),
                        me(),
                        id)
                .query(Long.class)
                .list();
        households.forEach(x -> plans.helperChanged(x, null));
        jdbc.sql("""
                update helper set status = 'DEPARTED', departed_on = ?, depart_reason = ?, updated_by = ?,
                    updated_at = now(), version = version + 1
                where id = ?""").params(on, d.reason().strip(), me(), id).update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("on", on.toString());
        after.put("reason", d.reason().strip());
        after.put("households", households.size());
        audit(id, h.county(), "HELPER_DEPARTED", Map.of("status", HelperStatus.ACTIVE.name()), after);
        return reads.find(id, false);
    }

    /** Pairs a household of the caller's reach with the helper (its plan follows). */
    @Transactional
    public Detail pair(long helperId, NewPairing n) {
        assigner();
        reads.find(helperId, false);
        if (n.householdId() == null) {
            throw ApiException.invalid("householdId", messages.get("helper.household"));
        }
        HouseholdView h = household(n.householdId(), "householdId");
        Named named = pairing(helperId, h, n.reason());
        plans.helperChanged(h.id(), named);
        return get(helperId);
    }

    /** Ends a household's pairing with the helper, with the reason: the household has no helper until paired again. */
    @Transactional
    public Detail unpair(long helperId, long householdId, PairingEnd e) {
        assigner();
        Helper h = reads.find(helperId, false);
        List<FieldProblem> problems = new ArrayList<>();
        PairingFields.text(messages, problems, "reason", e.reason(), 500, true);
        PairingFields.raise(problems);
        Map<String, Object> p = new HashMap<>();
        p.put("helper", helperId);
        p.put("household", householdId);
        p.put("on", today());
        p.put("reason", e.reason().strip());
        p.put("by", me());
        int ended = jdbc.sql("update helper_pairing x set ended_on = greatest(:on, x.paired_on), end_reason = :reason,"
                        + " ended_by = :by where x.helper_id = :helper and x.household_id = :household"
                        + " and x.ended_on is null and " + dataScope.current().condition(HelperReads.VILLAGE_NOW, p))
                .params(p)
                .update();
        if (ended == 0) {
            throw ApiException.notFound("helper.pairing-not-found", householdId);
        }
        bump(helperId);
        plans.helperChanged(householdId, null);
        audit(
                helperId,
                h.county(),
                "HELPER_UNPAIRED",
                Map.of("householdId", householdId),
                Map.of("reason", e.reason().strip()));
        return get(helperId);
    }

    // ---- the rules ----

    private Named pairing(long helperId, HouseholdView h, String reason) {
        Map<String, Object> row =
                jdbc.sql("select * from helper where id = ? for update").param(helperId).query().listOfRows().stream()
                        .findFirst()
                        .orElse(null);
        String county = HelperReads.county(h.villageCode());
        if (row == null
                || !"ACTIVE".equals(row.get("status"))
                || !county.equals(row.get("county_code"))
                || !reads.sees((String) row.get("county_code"))) {
            throw ApiException.invalid("helperId", messages.get("helper.not-available"));
        }
        if (h.identity() != HouseholdIdentity.EXITED && h.monitoringState() == MonitoringState.NONE) {
            throw ApiException.invalid("householdId", messages.get("helper.household"));
        }
        // one pairing of a household at a time: two requests for the same household wait for each other here
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('helper_pairing:' || ?, 0))")
                .param(h.id())
                .query()
                .listOfRows();
        Optional<Map<String, Object>> current = jdbc
                .sql("select * from helper_pairing where household_id = ? and ended_on is null for update")
                .param(h.id())
                .query()
                .listOfRows()
                .stream()
                .findFirst();
        if (current.isPresent() && ((Number) current.get().get("helper_id")).longValue() == helperId) {
            return current(h.id()).orElseThrow();
        }
        Integer cap = Optional.ofNullable(
                        parameters.resolve(RegionCode.province(county), today()).get("helper_max_households"))
                .map(v -> v.value().intValue())
                .orElse(null);
        if (cap != null) {
            long paired = jdbc.sql("select count(*) from helper_pairing where helper_id = ? and ended_on is null")
                    .param(helperId)
                    .query(Long.class)
                    .single();
            if (paired >= cap) {
                throw ApiException.invalid("helperId", messages.get("helper.cap", Integer.toString(cap)));
            }
        }
        if (current.isPresent() && PairingFields.strip(reason) == null) {
            throw ApiException.invalid("reason", messages.get("helper.reason"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        PairingFields.text(messages, problems, "reason", reason, 500, false);
        PairingFields.raise(problems);
        LocalDate today = today();
        Map<String, Object> before = new LinkedHashMap<>();
        if (current.isPresent()) {
            Map<String, Object> c = current.get();
            jdbc.sql("update helper_pairing set ended_on = greatest(?, paired_on), end_reason = ?, ended_by = ?"
                            + " where id = ?")
                    .params(today, reason.strip(), me(), c.get("id"))
                    .update();
            before.put("helperId", c.get("helper_id"));
        }
        try {
            jdbc.sql("""
                    insert into helper_pairing (helper_id, household_id, village_code, paired_on, reason, created_by)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(helperId, h.id(), h.villageCode(), today, PairingFields.strip(reason), me())
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("helper.paired-meanwhile", h.householdNo());
        }
        // the helpers' households changed: their versions too (a helper's ETag covers the households it lists)
        bump(helperId);
        current.ifPresent(c -> bump(((Number) c.get("helper_id")).longValue()));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("helperId", helperId);
        after.put("householdNo", h.householdNo());
        if (PairingFields.strip(reason) != null) {
            after.put("reason", reason.strip());
        }
        events.publishEvent(new AuditableChange(
                "household", Long.toString(h.id()), "HELPER_PAIRED", before, after, h.villageCode()));
        return current(h.id()).orElseThrow();
    }

    private void bump(long helperId) {
        jdbc.sql("update helper set version = version + 1 where id = ?")
                .param(helperId)
                .update();
    }

    private void check(Change c, String county, List<FieldProblem> problems) {
        PairingFields.text(messages, problems, "name", c.name(), 50, true);
        PairingFields.text(messages, problems, "unit", c.unit(), 200, false);
        PairingFields.text(messages, problems, "post", c.post(), 100, false);
        String phone = PairingFields.strip(c.phone());
        if (phone != null && !phone.matches(PairingFields.PHONE)) {
            problems.add(FieldProblem.of("phone", messages.get("team.phone")));
        }
        String username = PairingFields.strip(c.username());
        if (username != null) {
            boolean ofCounty = county != null
                    && users.find(username)
                            .map(Actor::regionCode)
                            .filter(r -> r != null && county.equals(HelperReads.county(r)))
                            .isPresent();
            if (!ofCounty) {
                problems.add(FieldProblem.of("username", messages.get("helper.username")));
            }
        }
    }

    private HouseholdView household(long id, String field) {
        return registry.household(id)
                .filter(x -> !x.deleted())
                .orElseThrow(() -> ApiException.invalid(field, messages.get("helper.household")));
    }

    private Helper editable(long id, int version) {
        Helper h = reads.find(id, true);
        if (h.version() != version) {
            throw ApiException.preconditionFailed("helper.stale", id);
        }
        if (h.status() != HelperStatus.ACTIVE) {
            throw ApiException.conflict("helper.departed", h.name());
        }
        // a township changes a helper only when every household they are paired with is its own: a helper of
        // households of several townships is the county's to change
        Map<String, Object> p = new HashMap<>();
        p.put("hid", id);
        boolean beyond = jdbc.sql("select exists (select 1 from helper_pairing x where x.helper_id = :hid"
                        + " and x.ended_on is null and not ("
                        + dataScope.current().condition(HelperReads.VILLAGE_NOW, p) + "))")
                .params(p)
                .query(Boolean.class)
                .single();
        if (beyond) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "helper.beyond-reach", List.of(), h.name());
        }
        return h;
    }

    private static String ownCounty(Actor me) {
        return me.regionCode() == null || me.regionCode().length() != RegionCode.LENGTH
                ? null
                : HelperReads.county(me.regionCode());
    }

    private Actor assigner() {
        Actor me = actor.get()
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "helper.forbidden", List.of()));
        if (!permissions.has(Permission.HELPER_ASSIGN)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "helper.forbidden", List.of());
        }
        return me;
    }

    private String me() {
        return actor.username();
    }

    private byte[] seal(String phone) {
        String p = PairingFields.strip(phone);
        return p == null ? null : cipher.encrypt(PHONE_PURPOSE, p);
    }

    private byte[] lookup(String phone) {
        String p = PairingFields.strip(phone);
        return p == null ? null : cipher.lookup(PHONE_PURPOSE, p);
    }

    private static Map<String, Object> described(Change c) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", c.name().strip());
        d.put("unit", PairingFields.strip(c.unit()));
        d.put("post", PairingFields.strip(c.post()));
        d.put("username", PairingFields.strip(c.username()));
        d.put("phone", PairingFields.strip(c.phone()) == null ? null : "***");
        return d;
    }

    private void audit(long id, String county, String action, Map<String, ?> before, Map<String, ?> after) {
        events.publishEvent(new AuditableChange("helper", Long.toString(id), action, before, after, county));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
