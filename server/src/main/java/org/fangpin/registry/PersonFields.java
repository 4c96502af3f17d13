package org.fangpin.registry;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/** What a user may set on a household member (家庭成员). Sex and birth date come from the ID number. */
public record PersonFields(
        @NotBlank String idNumber,
        @NotBlank @Size(max = 50) String name,
        @NotNull Relation relation,
        @Pattern(regexp = PersonFields.PHONE_PATTERN) String phone,
        @Size(max = 16) String ethnicity,
        Education education,
        SchoolStatus schoolStatus,
        Health health,
        @Min(1) @Max(4) Integer disabilityGrade,
        LabourCapacity labourCapacity,
        WorkStatus workStatus,
        @Size(max = 100) String workPlace,
        @Min(0) @Max(12) Integer workMonths,
        boolean medicalInsurance,
        boolean pensionInsurance,
        boolean dibao,
        boolean tekun,
        boolean disabilitySubsidy) {

    /** A phone number as the API, the import and assistance plans accept it: 5 to 20 digits, spaces, + and -. */
    public static final String PHONE_PATTERN = "[0-9+\\- ]{5,20}";

    /** As stored: the ID number's check character upper-case, the name without surrounding spaces. */
    public PersonFields normalised() {
        return new PersonFields(
                idNumber.toUpperCase(Locale.ROOT),
                name.strip(),
                relation,
                phone,
                ethnicity,
                education,
                schoolStatus,
                health,
                disabilityGrade,
                labourCapacity,
                workStatus,
                workPlace,
                workMonths,
                medicalInsurance,
                pensionInsurance,
                dibao,
                tekun,
                disabilitySubsidy);
    }

    /** Whether 民政's record says the person receives this support. */
    public boolean receives(LowIncomeGroup group) {
        return group == LowIncomeGroup.DIBAO ? dibao : tekun;
    }

    /** The same person receiving this support or not. */
    public PersonFields receiving(LowIncomeGroup group, boolean receiving) {
        return new PersonFields(
                idNumber,
                name,
                relation,
                phone,
                ethnicity,
                education,
                schoolStatus,
                health,
                disabilityGrade,
                labourCapacity,
                workStatus,
                workPlace,
                workMonths,
                medicalInsurance,
                pensionInsurance,
                group == LowIncomeGroup.DIBAO ? receiving : dibao,
                group == LowIncomeGroup.TEKUN ? receiving : tekun,
                disabilitySubsidy);
    }
}
