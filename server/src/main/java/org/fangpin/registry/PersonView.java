package org.fangpin.registry;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of a member as shown to users; the ID number and phone are masked.
 *
 * @param birthDate only for callers who may see ID numbers in full (the masked number hides exactly this date);
 *     null otherwise
 * @param birthYear for everyone
 */
public record PersonView(
        long id,
        long householdId,
        int version,
        LocalDate validFrom,
        LocalDate validTo,
        boolean deleted,
        String idNumber,
        String name,
        Relation relation,
        Sex sex,
        LocalDate birthDate,
        int birthYear,
        String phone,
        String ethnicity,
        Education education,
        SchoolStatus schoolStatus,
        Health health,
        Integer disabilityGrade,
        LabourCapacity labourCapacity,
        WorkStatus workStatus,
        String workPlace,
        Integer workMonths,
        boolean medicalInsurance,
        boolean pensionInsurance,
        boolean dibao,
        boolean tekun,
        boolean disabilitySubsidy,
        Instant recordedAt,
        String recordedBy,
        String changeReason) {}
