package org.fangpin.registry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What a user may set on a household (户). Derived values (members, per-capita income) are not here. */
public record HouseholdFields(
        @NotBlank @Size(max = 32) @Pattern(regexp = "[0-9A-Za-z-]+")
        String householdNo,

        @NotBlank @Pattern(regexp = "[0-9]{12}") String villageCode,
        @Size(max = 200) String address,
        @NotNull HouseholdStatus status,
        MonitoringCategory monitoringCategory,
        List<RiskCause> riskCauses,
        @Min(2013) @Max(2100) Integer exitYear,
        HousingGrade housingGrade,
        Boolean waterSafe,
        @Valid Income income) {

    public HouseholdFields {
        riskCauses = riskCauses == null ? List.of() : List.copyOf(riskCauses);
        income = income == null ? Income.NONE : income;
    }
}
