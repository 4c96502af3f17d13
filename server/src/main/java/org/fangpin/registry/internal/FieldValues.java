package org.fangpin.registry.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.Income;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.Registry;
import org.fangpin.registry.internal.RegistryStore.PersonRow;

/**
 * A version's fields as text by name, sensitive values masked: what the audit log and the timeline compare to show
 * what changed.
 */
public final class FieldValues {

    private FieldValues() {}

    public static Map<String, String> of(HouseholdFields f) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("householdNo", f.householdNo());
        m.put("villageCode", f.villageCode());
        m.put("address", f.address());
        m.put("identity", str(f.identity()));
        m.put(
                "identityFlags",
                f.identityFlags().isEmpty() ? null : f.identityFlags().toString());
        m.put("exitYear", str(f.exitYear()));
        m.put("monitoringState", str(f.monitoringState()));
        m.put("monitoringCategory", str(f.monitoringCategory()));
        m.put("monitoringSince", str(f.monitoringSince()));
        m.put("riskCauses", f.riskCauses().isEmpty() ? null : f.riskCauses().toString());
        m.put("eliminatedOn", str(f.eliminatedOn()));
        m.put("eliminationKind", str(f.eliminationKind()));
        m.put("housingGrade", str(f.housingGrade()));
        m.put("waterSafe", str(f.waterSafe()));
        Income i = f.income();
        m.put("income.year", str(i.year()));
        m.put("income.wage", str(i.wage()));
        m.put("income.production", str(i.production()));
        m.put("income.property", str(i.property()));
        m.put("income.transfer", str(i.transfer()));
        m.put("income.productionCost", str(i.productionCost()));
        return m;
    }

    public static Map<String, String> of(PersonRow p) {
        PersonFields f = p.fields();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("householdId", str(p.householdId()));
        m.put("idNumber", IdNumber.mask(f.idNumber()));
        m.put("name", f.name());
        m.put("relation", str(f.relation()));
        m.put("phone", Registry.maskPhone(f.phone()));
        m.put("ethnicity", f.ethnicity());
        m.put("education", str(f.education()));
        m.put("schoolStatus", str(f.schoolStatus()));
        m.put("health", str(f.health()));
        m.put("disabilityGrade", str(f.disabilityGrade()));
        m.put("labourCapacity", str(f.labourCapacity()));
        m.put("workStatus", str(f.workStatus()));
        m.put("workPlace", f.workPlace());
        m.put("workMonths", str(f.workMonths()));
        m.put("medicalInsurance", str(f.medicalInsurance()));
        m.put("pensionInsurance", str(f.pensionInsurance()));
        m.put("dibao", str(f.dibao()));
        m.put("tekun", str(f.tekun()));
        m.put("disabilitySubsidy", str(f.disabilitySubsidy()));
        return m;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
