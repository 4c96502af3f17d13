package org.fangpin.registry.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.region.RegionCode;
import org.fangpin.registry.Education;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.Health;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HousingGrade;
import org.fangpin.registry.IdentityFlag;
import org.fangpin.registry.Income;
import org.fangpin.registry.LabourCapacity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.PersonIdentifiers;
import org.fangpin.registry.Relation;
import org.fangpin.registry.RiskCause;
import org.fangpin.registry.SchoolStatus;
import org.fangpin.registry.Sex;
import org.fangpin.registry.WorkStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** All SQL of the registry's versioned tables. A row is one version; {@code valid_to is null} marks the current. */
@Repository
public class RegistryStore {

    /** Version metadata shared by household and person rows. */
    public record Meta(
            long id,
            int version,
            LocalDate validFrom,
            LocalDate validTo,
            boolean deleted,
            Instant recordedAt,
            String recordedBy,
            String changeReason) {}

    public record HouseholdRow(Meta meta, HouseholdFields fields) {}

    public record PersonRow(Meta meta, long householdId, Sex sex, LocalDate birthDate, PersonFields fields) {}

    static final String H_COLS = "household_id, version, valid_from, valid_to, deleted, household_no, village_code,"
            + " address, identity, identity_flags, exit_year, monitoring_state, monitoring_category, monitoring_since,"
            + " risk_causes, eliminated_on, elimination_kind, housing_grade, water_safe, income_year,"
            + " income_wage, income_production, income_property, income_transfer, production_cost, recorded_at,"
            + " recorded_by, change_reason";

    static final String P_COLS = "person_id, version, valid_from, valid_to, deleted, household_id, id_number_enc,"
            + " name, relation, sex, birth_date, phone_enc, ethnicity, education, school_status, health, disability_grade,"
            + " labour_capacity, work_status, work_place, work_months, medical_insurance, pension_insurance, dibao,"
            + " tekun, disability_subsidy, recorded_at, recorded_by, change_reason";

    private static final String AS_OF = " valid_from <= :asOf and (valid_to is null or valid_to > :asOf) ";

    /** Insert columns: the sealed ID and phone numbers with their lookup hashes and masked forms. */
    private static final String P_INSERT_COLS = P_COLS.replace(", recorded_at", "")
            .replace("id_number_enc", "id_number_hash, id_number_enc, id_number_masked")
            .replace("phone_enc", "phone_hash, phone_enc, phone_masked");

    private final JdbcClient jdbc;
    private final PersonIdentifiers identifiers;
    private final RowMapper<PersonRow> personMapper = this::person;

    RegistryStore(JdbcClient jdbc, PersonIdentifiers identifiers) {
        this.jdbc = jdbc;
        this.identifiers = identifiers;
    }

    // ---- households ----

    public long countCurrentHouseholds() {
        return jdbc.sql("select count(*) from household where valid_to is null and not deleted")
                .query(Long.class)
                .single();
    }

    public long nextHouseholdId() {
        return jdbc.sql("select nextval('household_id_seq')").query(Long.class).single();
    }

    public long nextPersonId() {
        return jdbc.sql("select nextval('person_id_seq')").query(Long.class).single();
    }

    public Optional<HouseholdRow> currentHousehold(long id) {
        return jdbc.sql("select " + H_COLS + " from household where household_id = ? and valid_to is null")
                .param(id)
                .query(RegistryStore::household)
                .optional();
    }

    /** The current versions of the households named (those not found are left out). */
    public List<HouseholdRow> currentHouseholds(Collection<Long> ids) {
        return jdbc.sql("select " + H_COLS + " from household where household_id = any(?) and valid_to is null")
                .param(ids.toArray(Long[]::new))
                .query(RegistryStore::household)
                .list();
    }

    /** The current versions of the households with these numbers (deleted ones among them). */
    public List<HouseholdRow> currentHouseholdsByNumber(Collection<String> numbers) {
        return jdbc.sql("select " + H_COLS + " from household where household_no = any(?) and valid_to is null")
                .param(numbers.toArray(String[]::new))
                .query(RegistryStore::household)
                .list();
    }

    /** How many current, active members each of the households named has (none: left out). */
    public Map<Long, Integer> currentMemberCounts(Collection<Long> ids) {
        Map<Long, Integer> out = new HashMap<>();
        jdbc.sql("select household_id, count(*) from person where household_id = any(?) and valid_to is null"
                        + " and not deleted group by household_id")
                .param(ids.toArray(Long[]::new))
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getInt(2));
                });
        return out;
    }

    public Optional<HouseholdRow> householdAsOf(long id, LocalDate asOf) {
        return jdbc.sql("select " + H_COLS + " from household where household_id = :id and" + AS_OF)
                .param("id", id)
                .param("asOf", asOf)
                .query(RegistryStore::household)
                .optional();
    }

    public List<HouseholdRow> householdHistory(long id) {
        return jdbc.sql("select " + H_COLS + " from household where household_id = ? order by version")
                .param(id)
                .query(RegistryStore::household)
                .list();
    }

    /**
     * Ends the current version as of {@code validTo}, but only if it is still version {@code expected}: the
     * optimistic lock. Returns false when someone else changed it first.
     */
    public boolean closeHousehold(long id, int expected, LocalDate validTo) {
        return jdbc.sql("update household set valid_to = ? where household_id = ? and version = ? and valid_to is null")
                        .params(validTo, id, expected)
                        .update()
                == 1;
    }

    public void insertHousehold(
            long id, int version, LocalDate validFrom, boolean deleted, HouseholdFields f, String user, String reason) {
        Income in = f.income();
        jdbc.sql("insert into household (" + H_COLS.replace(", recorded_at", "") + ") values (:id, :version,"
                        + " :validFrom, null, :deleted, :no, :village, :address, :identity, :flags, :exitYear, :state,"
                        + " :category, :since, :causes, :eliminatedOn, :eliminationKind,"
                        + " :grade, :water, :iy, :iw, :ip, :ipr, :it, :pc, :user, :reason)")
                .param("id", id)
                .param("version", version)
                .param("validFrom", validFrom)
                .param("deleted", deleted)
                .param("no", f.householdNo())
                .param("village", f.villageCode())
                .param("address", f.address())
                .param("identity", f.identity().name())
                .param("flags", names(f.identityFlags()))
                .param("exitYear", f.exitYear())
                .param("state", f.monitoringState().name())
                .param("category", name(f.monitoringCategory()))
                .param("since", f.monitoringSince())
                .param("causes", names(f.riskCauses()))
                .param("eliminatedOn", f.eliminatedOn())
                .param("eliminationKind", name(f.eliminationKind()))
                .param("grade", name(f.housingGrade()))
                .param("water", f.waterSafe())
                .param("iy", in.year())
                .param("iw", in.wage())
                .param("ip", in.production())
                .param("ipr", in.property())
                .param("it", in.transfer())
                .param("pc", in.productionCost())
                .param("user", user)
                .param("reason", reason)
                .update();
    }

    /**
     * Keyset-paginated search over current, not deleted households, ordered by id: within {@code scope} (null: the
     * whole tree), after the household id {@code after} (null: from the first).
     */
    public List<HouseholdRow> search(HouseholdQuery q, RegionCode.CodeRange scope, Long after, int limit) {
        StringBuilder sql = new StringBuilder(
                "select " + prefixed("h", H_COLS) + " from household h where h.valid_to is null and not h.deleted");
        Map<String, Object> p = new HashMap<>();
        if (scope != null) {
            sql.append(" and h.village_code between :lo and :hi");
            p.put("lo", scope.low());
            p.put("hi", scope.high());
        }
        if (q.identity() != null) {
            sql.append(" and h.identity = :identity");
            p.put("identity", q.identity().name());
        }
        if (q.flag() != null) {
            sql.append(" and :flag = any(h.identity_flags)");
            p.put("flag", q.flag().name());
        }
        if (q.state() != null) {
            sql.append(" and h.monitoring_state = :state");
            p.put("state", q.state().name());
        }
        if (q.category() != null) {
            sql.append(" and h.monitoring_category = :category");
            p.put("category", q.category().name());
        }
        if (q.idNumber() != null) {
            sql.append(" and h.household_id in (select household_id from person where id_number_hash = :idNumber"
                    + " and valid_to is null and not deleted)");
            p.put("idNumber", identifiers.idLookup(q.idNumber()));
        }
        if (q.name() != null) {
            sql.append(" and (h.household_no = :name or h.household_id in (select household_id from person"
                    + " where name like :namePrefix and valid_to is null and not deleted))");
            p.put("name", q.name());
            p.put("namePrefix", likePrefix(q.name()));
        }
        if (after != null) {
            sql.append(" and h.household_id > :after");
            p.put("after", after);
        }
        sql.append(" order by h.household_id limit :limit");
        p.put("limit", limit);
        return jdbc.sql(sql.toString())
                .params(p)
                .query(RegistryStore::household)
                .list();
    }

    /** Rows of (child prefix, identity, monitoring state, category, households, persons) for a subtree. */
    public record StatRow(
            String prefix,
            String identity,
            String state,
            String category,
            long households,
            long persons,
            long dibao,
            long tekun) {}

    public List<StatRow> statistics(RegionCode.CodeRange scope, int childDigits) {
        return jdbc.sql("""
                select substr(h.village_code, 1, :digits) prefix, h.identity, h.monitoring_state, h.monitoring_category,
                       count(*) households, coalesce(sum(m.n), 0) persons, coalesce(sum(m.dibao), 0) dibao,
                       coalesce(sum(m.tekun), 0) tekun
                from household h
                left join lateral (select count(*) n, count(*) filter (where p.dibao) dibao,
                                          count(*) filter (where p.tekun) tekun
                                   from person p where p.household_id = h.household_id
                                   and p.valid_to is null and not p.deleted) m on true
                where h.valid_to is null and not h.deleted and h.village_code between :lo and :hi
                group by 1, 2, 3, 4""")
                .param("digits", childDigits)
                .param("lo", scope.low())
                .param("hi", scope.high())
                .query((rs, i) -> new StatRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8)))
                .list();
    }

    // ---- persons ----

    public Optional<PersonRow> currentPerson(long id) {
        return jdbc.sql("select " + P_COLS + " from person where person_id = ? and valid_to is null")
                .param(id)
                .query(personMapper)
                .optional();
    }

    public Optional<PersonRow> personAsOf(long id, LocalDate asOf) {
        return jdbc.sql("select " + P_COLS + " from person where person_id = :id and" + AS_OF)
                .param("id", id)
                .param("asOf", asOf)
                .query(personMapper)
                .optional();
    }

    public Optional<PersonRow> activePersonByIdNumber(String idNumber) {
        return jdbc.sql("select " + P_COLS
                        + " from person where id_number_hash = ? and valid_to is null and not deleted")
                .param(identifiers.idLookup(idNumber))
                .query(personMapper)
                .optional();
    }

    /** Members of a household as of a date (not deleted), head first. */
    public List<PersonRow> membersAsOf(long householdId, LocalDate asOf) {
        return jdbc.sql("select " + P_COLS + " from person where household_id = :h and not deleted and" + AS_OF
                        + " order by relation = 'HEAD' desc, birth_date, person_id")
                .param("h", householdId)
                .param("asOf", asOf)
                .query(personMapper)
                .list();
    }

    public List<PersonRow> currentMembers(long householdId) {
        return jdbc.sql("select " + P_COLS + " from person where household_id = ? and valid_to is null and not deleted"
                        + " order by relation = 'HEAD' desc, birth_date, person_id")
                .param(householdId)
                .query(personMapper)
                .list();
    }

    /**
     * Keyset-paginated search over current, active persons by region subtree (through their household), name
     * prefix and ID number, ordered by person id. A null criterion is not used; a null {@code scope} is the whole
     * tree, a null {@code after} the first page.
     */
    public List<PersonRow> searchPersons(
            RegionCode.CodeRange scope, String name, String idNumber, Long after, int limit) {
        StringBuilder sql = new StringBuilder(
                "select " + prefixed("p", P_COLS) + " from person p where p.valid_to is null and not p.deleted");
        Map<String, Object> params = new HashMap<>();
        if (scope != null) {
            sql.append(" and p.household_id in (select household_id from household where valid_to is null"
                    + " and not deleted and village_code between :lo and :hi)");
            params.put("lo", scope.low());
            params.put("hi", scope.high());
        }
        if (name != null) {
            sql.append(" and p.name like :name");
            params.put("name", likePrefix(name));
        }
        if (idNumber != null) {
            sql.append(" and p.id_number_hash = :idNumber");
            params.put("idNumber", identifiers.idLookup(idNumber));
        }
        if (after != null) {
            sql.append(" and p.person_id > :after");
            params.put("after", after);
        }
        sql.append(" order by p.person_id limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(personMapper).list();
    }

    /** Current members of several households in one query (a result page), head first within each. */
    public Map<Long, List<PersonRow>> currentMembers(List<Long> householdIds) {
        if (householdIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<PersonRow>> out = new HashMap<>();
        jdbc.sql("select " + P_COLS + " from person where household_id = any(?) and valid_to is null and not deleted"
                        + " order by household_id, relation = 'HEAD' desc, birth_date, person_id")
                .param(householdIds.toArray(Long[]::new))
                .query(personMapper)
                .list()
                .forEach(p -> out.computeIfAbsent(p.householdId(), k -> new ArrayList<>())
                        .add(p));
        return out;
    }

    /** Every version of every person who ever belonged to the household. */
    public List<PersonRow> personHistoryOfHousehold(long householdId) {
        return jdbc.sql("select " + P_COLS + " from person where person_id in (select person_id from person where"
                        + " household_id = ?) order by person_id, version")
                .param(householdId)
                .query(personMapper)
                .list();
    }

    public List<PersonRow> personHistory(long personId) {
        return jdbc.sql("select " + P_COLS + " from person where person_id = ? order by version")
                .param(personId)
                .query(personMapper)
                .list();
    }

    public boolean closePerson(long id, int expected, LocalDate validTo) {
        return jdbc.sql("update person set valid_to = ? where person_id = ? and version = ? and valid_to is null")
                        .params(validTo, id, expected)
                        .update()
                == 1;
    }

    public void insertPerson(
            long id,
            int version,
            LocalDate validFrom,
            boolean deleted,
            long householdId,
            Sex sex,
            LocalDate birthDate,
            PersonFields f,
            String user,
            String reason) {
        PersonIdentifiers.Sealed sealed = identifiers.seal(f.idNumber(), f.phone());
        jdbc.sql("insert into person (" + P_INSERT_COLS + ") values (:id, :version, :validFrom, null, :deleted,"
                        + " :household, :idHash, :idSealed, :idMasked, :name, :relation, :sex, :birth, :phoneHash,"
                        + " :phoneSealed, :phoneMasked, :ethnicity,"
                        + " :education, :school, :health, :grade, :labour, :work, :workPlace, :workMonths, :medical,"
                        + " :pension, :dibao, :tekun, :subsidy, :user, :reason)")
                .param("id", id)
                .param("version", version)
                .param("validFrom", validFrom)
                .param("deleted", deleted)
                .param("household", householdId)
                .param("idHash", sealed.idHash())
                .param("idSealed", sealed.idSealed())
                .param("idMasked", sealed.idMasked())
                .param("name", f.name())
                .param("relation", f.relation().name())
                .param("sex", sex.name())
                .param("birth", birthDate)
                .param("phoneHash", sealed.phoneHash())
                .param("phoneSealed", sealed.phoneSealed())
                .param("phoneMasked", sealed.phoneMasked())
                .param("ethnicity", f.ethnicity())
                .param("education", name(f.education()))
                .param("school", name(f.schoolStatus()))
                .param("health", name(f.health()))
                .param("grade", f.disabilityGrade())
                .param("labour", name(f.labourCapacity()))
                .param("work", name(f.workStatus()))
                .param("workPlace", f.workPlace())
                .param("workMonths", f.workMonths())
                .param("medical", f.medicalInsurance())
                .param("pension", f.pensionInsurance())
                .param("dibao", f.dibao())
                .param("tekun", f.tekun())
                .param("subsidy", f.disabilitySubsidy())
                .param("user", user)
                .param("reason", reason)
                .update();
    }

    // ---- mapping ----

    static HouseholdRow household(ResultSet rs, int i) throws SQLException {
        Income income = new Income(
                (Integer) rs.getObject("income_year", Integer.class),
                rs.getBigDecimal("income_wage"),
                rs.getBigDecimal("income_production"),
                rs.getBigDecimal("income_property"),
                rs.getBigDecimal("income_transfer"),
                rs.getBigDecimal("production_cost"));
        HouseholdFields f = new HouseholdFields(
                rs.getString("household_no"),
                rs.getString("village_code"),
                rs.getString("address"),
                HouseholdIdentity.valueOf(rs.getString("identity")),
                values(IdentityFlag.class, rs.getArray("identity_flags")),
                rs.getObject("exit_year", Integer.class),
                MonitoringState.valueOf(rs.getString("monitoring_state")),
                value(MonitoringCategory.class, rs.getString("monitoring_category")),
                rs.getObject("monitoring_since", LocalDate.class),
                values(RiskCause.class, rs.getArray("risk_causes")),
                rs.getObject("eliminated_on", LocalDate.class),
                value(EliminationKind.class, rs.getString("elimination_kind")),
                value(HousingGrade.class, rs.getString("housing_grade")),
                rs.getObject("water_safe", Boolean.class),
                income,
                null);
        return new HouseholdRow(meta(rs, "household_id"), f);
    }

    private PersonRow person(ResultSet rs, int i) throws SQLException {
        PersonFields f = new PersonFields(
                identifiers.openId(rs.getBytes("id_number_enc")),
                rs.getString("name"),
                Relation.valueOf(rs.getString("relation")),
                identifiers.openPhone(rs.getBytes("phone_enc")),
                rs.getString("ethnicity"),
                value(Education.class, rs.getString("education")),
                value(SchoolStatus.class, rs.getString("school_status")),
                value(Health.class, rs.getString("health")),
                rs.getObject("disability_grade", Integer.class),
                value(LabourCapacity.class, rs.getString("labour_capacity")),
                value(WorkStatus.class, rs.getString("work_status")),
                rs.getString("work_place"),
                rs.getObject("work_months", Integer.class),
                rs.getBoolean("medical_insurance"),
                rs.getBoolean("pension_insurance"),
                rs.getBoolean("dibao"),
                rs.getBoolean("tekun"),
                rs.getBoolean("disability_subsidy"));
        return new PersonRow(
                meta(rs, "person_id"),
                rs.getLong("household_id"),
                Sex.valueOf(rs.getString("sex")),
                rs.getObject("birth_date", LocalDate.class),
                f);
    }

    private static Meta meta(ResultSet rs, String idColumn) throws SQLException {
        Timestamp recorded = rs.getTimestamp("recorded_at");
        return new Meta(
                rs.getLong(idColumn),
                rs.getInt("version"),
                rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class),
                rs.getBoolean("deleted"),
                recorded == null ? null : recorded.toInstant(),
                rs.getString("recorded_by"),
                rs.getString("change_reason"));
    }

    private static <E extends Enum<E>> E value(Class<E> type, String s) {
        return s == null ? null : Enum.valueOf(type, s);
    }

    private static <E extends Enum<E>> List<E> values(Class<E> type, Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((String[]) array.getArray())
                .map(x -> Enum.valueOf(type, x))
                .toList();
    }

    private static String[] names(List<? extends Enum<?>> values) {
        return values == null ? new String[0] : values.stream().map(Enum::name).toArray(String[]::new);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    static String likePrefix(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String prefixed(String alias, String cols) {
        return alias + "." + cols.replace(", ", ", " + alias + ".");
    }

    /** Per-capita net income: net ÷ members, 2 decimals; empty when no income or no members. */
    public static Optional<BigDecimal> perCapita(Income income, int members) {
        if (members <= 0) {
            return Optional.empty();
        }
        return income.net().map(n -> n.divide(BigDecimal.valueOf(members), 2, RoundingMode.HALF_UP));
    }
}
