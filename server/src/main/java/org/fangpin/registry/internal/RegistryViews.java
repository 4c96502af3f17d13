package org.fangpin.registry.internal;

import java.util.List;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdStatus;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.PersonView;
import org.fangpin.registry.Registry;
import org.fangpin.registry.internal.RegistryStore.HouseholdRow;
import org.fangpin.registry.internal.RegistryStore.PersonRow;
import org.fangpin.security.SensitiveAccess;
import org.springframework.stereotype.Component;

/** Households and persons as the caller may see them: ID and phone numbers masked, the birth date only to some. */
@Component
public class RegistryViews {

    private final SensitiveAccess sensitiveAccess;

    RegistryViews(SensitiveAccess sensitiveAccess) {
        this.sensitiveAccess = sensitiveAccess;
    }

    public HouseholdView household(HouseholdRow h, List<PersonRow> members) {
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
                members.stream().map(p -> person(p, fullBirthDate)).toList());
    }

    /**
     * A member as the caller may see them. The masked ID number hides exactly the birth date, so the full date is
     * shown only to callers who may see the number itself; everyone else gets the birth year.
     */
    public PersonView person(PersonRow p) {
        return person(p, sensitiveAccess.mayViewInFull());
    }

    private static PersonView person(PersonRow p, boolean fullBirthDate) {
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
                Registry.maskPhone(f.phone()),
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
}
