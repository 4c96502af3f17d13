package org.fangpin.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
        @NotBlank @Size(max = 32) @Pattern(regexp = "[0-9A-Za-z-]+")
        String householdNo,

        @NotBlank @Pattern(regexp = "[0-9]{12}") String villageCode,
        @Size(max = 200) String address,

        @NotNull
        @Schema(
                requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                description = "户属性 · Who the household is; required unless the deprecated status is sent")
        HouseholdIdentity identity,

        @Schema(description = "户标识 · Further facts about who it is; left out, the household keeps its flags")
        List<IdentityFlag> identityFlags,

        @Min(2013) @Max(2100) Integer exitYear,

        @Schema(description = "监测状态 · Monitoring state (NONE when left out)")
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
                description = "户类型 (v1, deprecated): send identity and monitoringState instead. Read as those two: "
                        + "MONITORED and ELIMINATED keep a 脱贫户 one (by its exitYear)")
        HouseholdStatus status) {

    public HouseholdFields {
        if (status != null) {
            identity = identity == null ? status.identity(exitYear) : identity;
            monitoringState = monitoringState == null ? status.state() : monitoringState;
            status = null;
        }
        monitoringState = monitoringState == null ? MonitoringState.NONE : monitoringState;
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
     * change's effective date: the identity flags (kept); the inclusion date, category and elimination kind (kept
     * while the household stays in monitoring); the inclusion or elimination date (the effective date when the state
     * changes).
     */
    public HouseholdFields completedFrom(HouseholdFields before, LocalDate effective) {
        boolean sameState = before != null && before.monitoringState() == monitoringState;
        boolean wasInMonitoring = before != null && before.monitoringState() != MonitoringState.NONE;
        boolean inMonitoring = monitoringState != MonitoringState.NONE;
        List<IdentityFlag> flags =
                identityFlags != null ? identityFlags : before == null ? List.of() : before.identityFlags();
        LocalDate since = monitoringSince;
        MonitoringCategory category = monitoringCategory;
        if (inMonitoring && wasInMonitoring && (sameState || monitoringState == MonitoringState.ELIMINATED)) {
            since = since == null ? before.monitoringSince() : since;
            category = category == null ? before.monitoringCategory() : category;
        }
        if (since == null && monitoringState == MonitoringState.MONITORED) {
            since = effective;
        }
        LocalDate eliminated = eliminatedOn;
        EliminationKind kind = eliminationKind;
        if (monitoringState == MonitoringState.ELIMINATED) {
            eliminated = eliminated != null ? eliminated : sameState ? before.eliminatedOn() : effective;
            kind = kind == null && sameState ? before.eliminationKind() : kind;
        }
        return new HouseholdFields(
                householdNo,
                villageCode,
                address,
                identity,
                flags,
                exitYear,
                monitoringState,
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
