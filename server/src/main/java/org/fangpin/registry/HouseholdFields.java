package org.fangpin.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * What a user may set on a household (户). Derived values (members, per-capita income) are not here. Who the
 * household is ({@code identity}, {@code identityFlags}, {@code exitYear}) and its monitoring state ({@code
 * monitoringState} with its category, dates and causes) are two dimensions; {@code status} is v1's single value,
 * accepted in place of both and never stored. {@code identityFlags} left out (null) keeps the flags the household has.
 */
public record HouseholdFields(
        @NotBlank @Size(max = 32) @Pattern(regexp = HouseholdFields.HOUSEHOLD_NO_PATTERN)
        String householdNo,

        @NotBlank @Pattern(regexp = "[0-9]{12}") String villageCode,
        @Size(max = 200) String address,

        @Schema(description = "户属性 · Who the household is; required unless the deprecated status is sent")
        HouseholdIdentity identity,

        @Schema(description = "户标识 · Further facts about who it is; left out, the household keeps its flags")
        List<IdentityFlag> identityFlags,

        @Min(2013) @Max(2100) Integer exitYear,

        @Schema(description = "监测状态 · Monitoring state; left out, the household keeps its own (a new one: NONE)")
        MonitoringState monitoringState,

        MonitoringCategory monitoringCategory,

        @Schema(description = "纳入监测日期 · Date of inclusion in monitoring (defaults to the change's effective date)")
        LocalDate monitoringSince,

        List<RiskCause> riskCauses,

        @Schema(description = "风险消除日期 · Date the risk was eliminated (defaults to the change's effective date)")
        LocalDate eliminatedOn,

        EliminationKind eliminationKind,
        HousingGrade housingGrade,
        Boolean waterSafe,
        @Valid Income income,

        @Deprecated
        @Schema(
                deprecated = true,
                description = "户类型 (v1, deprecated): send identity and monitoringState instead. Read as those two;"
                        + " when it differs from them it decides. MONITORED and ELIMINATED keep who the household is")
        HouseholdStatus status) {

    /** A household number as the API and the import accept it (up to 32 of them). */
    public static final String HOUSEHOLD_NO_PATTERN = "[0-9A-Za-z-]+";

    public HouseholdFields {
        if (status != null
                && (identity == null
                        || monitoringState == null
                        || HouseholdStatus.of(identity, monitoringState) != status)) {
            // a v1 request: its status decides, also over an echoed view whose identity and state it changes. It
            // knows nothing of the dates and kind, so what it echoed of them is dropped and filled in again
            // (completedFrom); a state of none has no category either
            MonitoringState state = status.state();
            HouseholdIdentity who = status.identity(exitYear);
            identity = who != null ? who : state == MonitoringState.NONE ? null : identity;
            monitoringState = state;
            monitoringSince = null;
            eliminatedOn = null;
            eliminationKind = null;
            monitoringCategory = state == MonitoringState.NONE ? null : monitoringCategory;
        }
        // kept only while it still has to say something: a monitored or eliminated v1 household with no exit year is
        // whoever it was before (completedFrom)
        status = identity == null && status != null && status.state() != MonitoringState.NONE ? status : null;
        identityFlags = identityFlags == null
                ? null
                : identityFlags.stream().distinct().sorted().toList();
        riskCauses = riskCauses == null ? List.of() : List.copyOf(riskCauses);
        income = income == null ? Income.NONE : income;
    }

    /** The same household included in monitoring: 监测对象 of a category with its causes, from a date. */
    public HouseholdFields included(MonitoringCategory category, List<RiskCause> causes, LocalDate since) {
        return withMonitoring(MonitoringState.MONITORED, category, since, causes, null, null);
    }

    /** The same household with its risk eliminated; its category, inclusion date and causes stay on record. */
    public HouseholdFields eliminated(LocalDate on, EliminationKind kind) {
        return withMonitoring(MonitoringState.ELIMINATED, monitoringCategory, monitoringSince, riskCauses, on, kind);
    }

    /** The same household with other risk causes. */
    public HouseholdFields withCauses(List<RiskCause> causes) {
        return withMonitoring(
                monitoringState, monitoringCategory, monitoringSince, causes, eliminatedOn, eliminationKind);
    }

    /** The same household in another monitoring state; who it is and everything else stay. */
    public HouseholdFields withMonitoring(
            MonitoringState state,
            MonitoringCategory category,
            LocalDate since,
            List<RiskCause> causes,
            LocalDate eliminated,
            EliminationKind kind) {
        return new HouseholdFields(
                householdNo,
                villageCode,
                address,
                identity,
                identityFlags,
                exitYear,
                state,
                category,
                since,
                causes,
                eliminated,
                kind,
                housingGrade,
                waterSafe,
                income,
                null);
    }

    /**
     * What a request may leave out, filled in from the version before ({@code null} for a new household) and the
     * change's effective date: who the household is (a v1 status of 监测对象 or 风险已消除 without an exit year keeps
     * it; else 一般农户), the identity flags, the monitoring state (kept); the inclusion date (kept while the household
     * stays in monitoring), the category and elimination kind (kept while it stays eliminated, and an elimination
     * keeps the category it was monitored in); the inclusion or elimination date (the effective date when the state
     * changes).
     */
    public HouseholdFields completedFrom(HouseholdFields before, LocalDate effective) {
        HouseholdIdentity who = identity;
        Integer year = exitYear;
        if (who == null && status != null) {
            who = before != null ? before.identity() : HouseholdIdentity.ORDINARY;
            year = year == null && before != null ? before.exitYear() : year;
        }
        MonitoringState state = monitoringState != null
                ? monitoringState
                : before != null ? before.monitoringState() : MonitoringState.NONE;
        boolean sameState = before != null && before.monitoringState() == state;
        boolean wasInMonitoring = before != null && before.monitoringState() != MonitoringState.NONE;
        List<IdentityFlag> flags =
                identityFlags != null ? identityFlags : before == null ? List.of() : before.identityFlags();
        LocalDate since = monitoringSince;
        MonitoringCategory category = monitoringCategory;
        if (wasInMonitoring && (state == MonitoringState.ELIMINATED || (sameState && state != MonitoringState.NONE))) {
            since = since == null ? before.monitoringSince() : since;
        }
        if (wasInMonitoring && state == MonitoringState.ELIMINATED && category == null) {
            category = before.monitoringCategory();
        }
        if (since == null && state == MonitoringState.MONITORED) {
            since = effective;
        }
        LocalDate eliminated = eliminatedOn;
        EliminationKind kind = eliminationKind;
        if (state == MonitoringState.ELIMINATED) {
            eliminated = eliminated != null ? eliminated : sameState ? before.eliminatedOn() : effective;
            kind = kind == null && sameState ? before.eliminationKind() : kind;
        }
        return new HouseholdFields(
                householdNo,
                villageCode,
                address,
                who,
                flags,
                year,
                state,
                category,
                since,
                riskCauses,
                eliminated,
                kind,
                housingGrade,
                waterSafe,
                income,
                null);
    }
}
