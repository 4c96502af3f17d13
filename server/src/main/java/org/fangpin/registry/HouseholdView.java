package org.fangpin.registry;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One version of a household as shown to users, with its members as of the same date and the derived 人均纯收入
 * (net income ÷ members). Who the household is and its monitoring state are separate; {@code status} is v1's single
 * value derived from both.
 */
public record HouseholdView(
        long id,
        int version,
        LocalDate validFrom,
        LocalDate validTo,
        boolean deleted,
        String householdNo,
        String villageCode,
        String address,
        HouseholdIdentity identity,
        List<IdentityFlag> identityFlags,
        Integer exitYear,
        MonitoringState monitoringState,
        MonitoringCategory monitoringCategory,
        LocalDate monitoringSince,
        List<RiskCause> riskCauses,
        LocalDate eliminatedOn,
        EliminationKind eliminationKind,

        @Deprecated
        @Schema(deprecated = true, description = "户类型 (v1, deprecated): identity and monitoringState in one")
        HouseholdStatus status,

        HousingGrade housingGrade,
        Boolean waterSafe,
        Income income,
        int memberCount,
        BigDecimal perCapitaNetIncome,
        Instant recordedAt,
        String recordedBy,
        String changeReason,
        List<PersonView> members) {

    /** A 脱贫户: at a new risk its category is 脱贫不稳定户, never 边缘易致贫户, whatever its monitoring state. */
    public boolean exitedFromPoverty() {
        return identity == HouseholdIdentity.EXITED;
    }

    public boolean monitored() {
        return monitoringState == MonitoringState.MONITORED;
    }

    /** What may be set on this version, to change it into the next. */
    public HouseholdFields fields() {
        return new HouseholdFields(
                householdNo,
                villageCode,
                address,
                identity,
                identityFlags,
                exitYear,
                monitoringState,
                monitoringCategory,
                monitoringSince,
                riskCauses,
                eliminatedOn,
                eliminationKind,
                housingGrade,
                waterSafe,
                income,
                null);
    }
}
