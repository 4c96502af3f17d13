package org.fangpin.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One version of a household as shown to users, with its members as of the same date and the derived 人均纯收入
 * (net income ÷ members).
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
        HouseholdStatus status,
        MonitoringCategory monitoringCategory,
        List<RiskCause> riskCauses,
        Integer exitYear,
        HousingGrade housingGrade,
        Boolean waterSafe,
        Income income,
        int memberCount,
        BigDecimal perCapitaNetIncome,
        Instant recordedAt,
        String recordedBy,
        String changeReason,
        List<PersonView> members) {

    /**
     * A 脱贫户: registered as one, or with an exit year — which it keeps when it is included in monitoring or its risk
     * is eliminated, so its category at a new risk is 脱贫不稳定户, never 边缘易致贫户.
     */
    public boolean exitedFromPoverty() {
        return status == HouseholdStatus.EXITED || exitYear != null;
    }
}
