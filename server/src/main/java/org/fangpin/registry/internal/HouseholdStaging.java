package org.fangpin.registry.internal;

import java.util.List;
import org.fangpin.common.importing.CopyRows;
import org.fangpin.common.importing.CopyWriter;
import org.fangpin.common.importing.ParallelRows;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.Income;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.PersonIdentifiers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first step of a household import: every row checked ({@link HouseholdRowParser}) as it streams by COPY into
 * the staging table {@code hh_stage}, ID and phone numbers sealed, with a hash of each row's household fields.
 */
@Component
public class HouseholdStaging {

    private static final String STAGE_COLUMNS = "line, household_no, village_code, address, identity, identity_flags,"
            + " exit_year, monitoring_state, monitoring_category, monitoring_since, risk_causes, eliminated_on,"
            + " elimination_kind, housing_grade, water_safe, income_year, income_wage, income_production,"
            + " income_property, income_transfer, production_cost, id_number_hash, id_number_enc, id_number_masked, name, relation,"
            + " sex, birth_date, phone_hash, phone_enc, phone_masked, ethnicity, education, school_status, health, disability_grade, labour_capacity, work_status,"
            + " work_place, work_months, medical_insurance, pension_insurance, dibao, tekun, disability_subsidy, h_hash";

    private final JdbcClient jdbc;
    private final PersonIdentifiers identifiers;

    HouseholdStaging(JdbcClient jdbc, PersonIdentifiers identifiers) {
        this.jdbc = jdbc;
        this.identifiers = identifiers;
    }

    /** Stages the file's rows; returns how many were read. Rejected rows go to the load's errors. */
    public long stage(HouseholdLoad load) {
        jdbc.sql("set local work_mem = '256MB'").update();
        jdbc.sql("create temp table hh_stage (line bigint, household_no text collate \"C\","
                        + " village_code varchar(12) collate \"C\", address text, identity text,"
                        + " identity_flags text[], exit_year smallint, monitoring_state text,"
                        + " monitoring_category text, monitoring_since date, risk_causes text[],"
                        + " eliminated_on date, elimination_kind text, housing_grade char(1),"
                        + " water_safe boolean, income_year smallint, income_wage numeric(14,2),"
                        + " income_production numeric(14,2), income_property numeric(14,2),"
                        + " income_transfer numeric(14,2), production_cost numeric(14,2),"
                        + " id_number_hash bytea, id_number_enc bytea, id_number_masked text, name text,"
                        + " relation text, sex char(1), birth_date date, phone_hash bytea, phone_enc bytea,"
                        + " phone_masked text, ethnicity text, education text, school_status text,"
                        + " health text, disability_grade smallint, labour_capacity text, work_status text,"
                        + " work_place text, work_months smallint, medical_insurance boolean,"
                        + " pension_insurance boolean, dibao boolean, tekun boolean, disability_subsidy boolean,"
                        + " h_hash bigint)"
                        + " on commit drop")
                .update();
        HouseholdRowParser parser = new HouseholdRowParser(load.cols, load.today, load::msg);
        long rows;
        try (CopyWriter copy = new CopyWriter(load.conn, "copy hh_stage (" + STAGE_COLUMNS + ") from stdin")) {
            rows = ParallelRows.copy(
                    load.reader,
                    (row, out, sink) -> parser.parse(row, sink).ifPresent(r -> write(out, row.row(), r)),
                    copy,
                    load.errors);
        }
        load.phase("parse+copy");
        // statistics of the columns the file checks and the merge group and join by (and the row count)
        jdbc.sql("analyze hh_stage (line, household_no, village_code, id_number_hash, relation, h_hash)")
                .update();
        load.phase("analyze stage");
        return rows;
    }

    /** Writes a checked row into the staging table, sealing its ID and phone numbers. */
    private void write(CopyRows c, long line, HouseholdRowParser.Parsed r) {
        HouseholdFields h = r.household();
        PersonFields p = r.person();
        Income in = h.income();
        PersonIdentifiers.Sealed sealed = identifiers.seal(r.id().value(), p.phone());
        c.field(line)
                .field(h.householdNo())
                .field(h.villageCode())
                .field(h.address())
                .field(name(h.identity()))
                .field(h.identityFlags() == null ? null : pgArray(h.identityFlags()))
                .field(h.exitYear())
                .field(name(h.monitoringState()))
                .field(name(h.monitoringCategory()))
                .field(h.monitoringSince())
                .field(pgArray(h.riskCauses()))
                .field(h.eliminatedOn())
                .field(name(h.eliminationKind()))
                .field(name(h.housingGrade()))
                .field(h.waterSafe())
                .field(in.year())
                .field(in.wage())
                .field(in.production())
                .field(in.property())
                .field(in.transfer())
                .field(in.productionCost())
                .field(sealed.idHash())
                .field(sealed.idSealed())
                .field(sealed.idMasked())
                .field(p.name())
                .field(p.relation().name())
                .field(r.id().sex().name())
                .field(r.id().birthDate())
                .field(sealed.phoneHash())
                .field(sealed.phoneSealed())
                .field(sealed.phoneMasked())
                .field(p.ethnicity())
                .field(name(p.education()))
                .field(name(p.schoolStatus()))
                .field(name(p.health()))
                .field(p.disabilityGrade())
                .field(name(p.labourCapacity()))
                .field(name(p.workStatus()))
                .field(p.workPlace())
                .field(p.workMonths())
                .field(p.medicalInsurance())
                .field(p.pensionInsurance())
                .field(p.dibao())
                .field(p.tekun())
                .field(p.disabilitySubsidy())
                .field(householdHash(h));
        c.endRow();
    }

    /**
     * A 64-bit FNV-1a hash of a row's household fields: rows of one household must agree, and comparing hashes in
     * one aggregate is far cheaper than comparing nineteen columns.
     */
    private static long householdHash(HouseholdFields h) {
        Income in = h.income();
        long hash = 0xcbf29ce484222325L;
        hash = fnv(hash, h.villageCode());
        hash = fnv(hash, h.address());
        hash = fnv(hash, h.identity());
        hash = fnv(hash, h.identityFlags());
        hash = fnv(hash, h.exitYear());
        hash = fnv(hash, h.monitoringState());
        hash = fnv(hash, h.monitoringCategory());
        hash = fnv(hash, h.monitoringSince());
        hash = fnv(hash, h.riskCauses());
        hash = fnv(hash, h.eliminatedOn());
        hash = fnv(hash, h.eliminationKind());
        hash = fnv(hash, h.housingGrade());
        hash = fnv(hash, h.waterSafe());
        hash = fnv(hash, in.year());
        hash = fnv(hash, in.wage());
        hash = fnv(hash, in.production());
        hash = fnv(hash, in.property());
        hash = fnv(hash, in.transfer());
        return fnv(hash, in.productionCost());
    }

    /** Folds one field into the hash, then a separator, so that ("ab", "c") and ("a", "bc") differ. */
    private static long fnv(long hash, Object field) {
        String text = String.valueOf(field);
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= 1;
        return hash * 0x100000001b3L;
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static String pgArray(List<? extends Enum<?>> values) {
        return "{" + String.join(",", values.stream().map(Enum::name).toList()) + "}";
    }
}
