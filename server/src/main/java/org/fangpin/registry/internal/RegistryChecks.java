package org.fangpin.registry.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.Registry;
import org.fangpin.registry.Relation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What a registry change must satisfy — valid fields, one head, a reason, an effective date neither in the future
 * nor before the current version, the expected version — and the problems it fails with otherwise.
 */
@Component
public class RegistryChecks {

    private final RegionDirectory regions;
    private final Messages messages;
    private final Clock clock;

    RegistryChecks(RegionDirectory regions, Messages messages, Clock clock) {
        this.regions = regions;
        this.messages = messages;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The change's date (none: today): 400 when in the future or before {@code currentValidFrom} (if any). */
    public LocalDate effectiveDate(Registry.Change change, LocalDate currentValidFrom) {
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

    public void requireReason(Registry.Change change) {
        if (change.reason() == null || change.reason().isBlank()) {
            throw ApiException.invalid("reason", messages.get("registry.error.reason-required"));
        }
    }

    public void requireHead(List<PersonFields> members) {
        long heads = members.stream().filter(m -> m.relation() == Relation.HEAD).count();
        if (heads != 1) {
            throw ApiException.invalid("members", messages.get("registry.error.one-head", heads));
        }
    }

    /** A second head for a household that has one: 400. */
    public ApiException secondHead() {
        return ApiException.invalid("relation", messages.get("registry.error.second-head"));
    }

    public void validate(HouseholdFields f) {
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

    public void validate(PersonFields f) {
        List<FieldProblem> problems = HouseholdRules.toProblems(HouseholdRules.check(f, today()), messages::get);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems.stream()
                    .map(p -> p.field().equals("idNumber")
                            ? new FieldProblem(p.field(), p.reason(), IdNumber.mask(f.idNumber()))
                            : p)
                    .toList());
        }
    }

    /** An unchanged version is still checked against the version the caller expects: 412 when it differs. */
    public void checkVersion(int actual, int expected) {
        if (actual != expected) {
            throw ApiException.preconditionFailed("registry.error.stale-version", expected, actual);
        }
    }

    /** Another change came first (the optimistic lock): 412. */
    public ApiException stale(long id) {
        return ApiException.preconditionFailed("registry.error.stale", id);
    }

    /** A taken ID or household number: 409 naming the field. */
    public ApiException duplicate(DuplicateKeyException e) {
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
}
