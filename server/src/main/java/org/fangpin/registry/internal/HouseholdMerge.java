package org.fangpin.registry.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fangpin.common.importing.ImportRunner;
import org.fangpin.common.importing.InitialLoad;
import org.fangpin.region.DataScope;
import org.fangpin.registry.HouseholdColumn;
import org.fangpin.registry.HouseholdFields;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The last step of a household import, once the file passed every check: staged households matched by number to
 * the registry and staged persons by ID number; new records inserted, changed ones versioned from the effective
 * date, identical ones left alone.
 */
@Component
public class HouseholdMerge {

    private static final String H_DATA = "village_code, address, identity, identity_flags, exit_year,"
            + " monitoring_state, monitoring_category, monitoring_since, risk_causes, eliminated_on, elimination_kind,"
            + " housing_grade, water_safe, income_year, income_wage, income_production, income_property,"
            + " income_transfer, production_cost";

    /**
     * A staged household's data as it will be stored, what the file left out filled in from the current version
     * {@code h}, its identity and state {@code k} and the effective date {@code :d}, as {@link
     * HouseholdFields#completedFrom} does: who it is kept for a v1 监测对象/风险已消除 row without an exit year;
     * identity flags kept when the file has no such column; the state kept when the file leaves it out; inclusion
     * date kept while the household stays in monitoring; category, elimination date and kind kept while it stays
     * eliminated (an elimination keeps the category it was monitored in); a new state's date the effective date.
     */
    private static final String H_COMPLETED = """
            s.village_code, s.address, k.identity,
            coalesce(s.identity_flags, h.identity_flags, '{}') as identity_flags,
            case when s.identity is null and h.identity = 'EXITED' then coalesce(s.exit_year, h.exit_year)
                 else s.exit_year end as exit_year,
            k.monitoring_state,
            coalesce(s.monitoring_category, case when k.monitoring_state = 'ELIMINATED'
                     and h.monitoring_state in ('MONITORED', 'ELIMINATED') then h.monitoring_category end)
                as monitoring_category,
            coalesce(s.monitoring_since,
                     case when k.monitoring_state <> 'NONE' and h.monitoring_state <> 'NONE'
                          and (k.monitoring_state = h.monitoring_state or k.monitoring_state = 'ELIMINATED')
                          then h.monitoring_since end,
                     case when k.monitoring_state = 'MONITORED' then cast(:d as date) end) as monitoring_since,
            s.risk_causes,
            coalesce(s.eliminated_on,
                     case when k.monitoring_state = 'ELIMINATED' and h.monitoring_state = 'ELIMINATED'
                          then h.eliminated_on end,
                     case when k.monitoring_state = 'ELIMINATED' then cast(:d as date) end) as eliminated_on,
            coalesce(s.elimination_kind, case when k.monitoring_state = 'ELIMINATED'
                     and h.monitoring_state = 'ELIMINATED' then h.elimination_kind end) as elimination_kind,
            s.housing_grade, s.water_safe, s.income_year, s.income_wage, s.income_production, s.income_property,
            s.income_transfer, s.production_cost""";

    /** A person's data compared to decide whether it changed: the phone by its lookup hash (sealing is random). */
    private static final String P_DATA = "name, relation, sex, birth_date, phone_hash, ethnicity, education,"
            + " school_status, health, disability_grade, labour_capacity, work_status, work_place, work_months,"
            + " medical_insurance, pension_insurance, dibao, tekun, disability_subsidy";

    /** A person's data as inserted. */
    private static final String P_INSERT =
            "id_number_hash, id_number_enc, id_number_masked, phone_enc, phone_masked, " + P_DATA;

    private final JdbcClient jdbc;

    HouseholdMerge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Merges the staged file into the registry (unless a check here rejects it): households first, then persons;
     * returns the counts of rows, inserted, updated and unchanged records.
     */
    public ImportRunner.Counts apply(HouseholdLoad load, long rows) {
        jdbc.sql("create temp table hh_match on commit drop as"
                        + " select s.household_no, s.line, " + prefixed("c", H_DATA)
                        // new households get their id here, saving a second pass over the table
                        + ", coalesce(h.household_id, nextval('household_id_seq')) as cur_id,"
                        + " coalesce(h.version, 0) as cur_version, h.valid_from as cur_from, h.village_code as cur_village,"
                        + " (h.household_id is not null and row(" + prefixed("h", H_DATA)
                        + ") is not distinct from row(" + prefixed("c", H_DATA) + ")) as same"
                        + " from hh_first f join hh_stage s on s.line = f.first_line left join household h"
                        + " on h.household_no = s.household_no and h.valid_to is null and not h.deleted"
                        + " cross join lateral (select coalesce(s.identity, h.identity, 'ORDINARY') as identity,"
                        + " coalesce(s.monitoring_state, h.monitoring_state, 'NONE') as monitoring_state) k"
                        + " cross join lateral (select " + H_COMPLETED + ") c")
                .param("d", load.effective)
                .update();
        // the persons are joined to this table next: without statistics the planner guesses its size blind
        jdbc.sql("analyze hh_match (household_no, line, cur_id, cur_version, same)")
                .update();
        load.phase("household match");
        load.sqlErrors(
                "select line, household_no, cur_from from hh_match where not same and cur_from > :d order by line",
                HouseholdColumn.HOUSEHOLD_NO,
                rs -> new String[] {rs.apply(2), load.msg("registry.error.effective-before-current", rs.apply(3))});
        // what the file gave and what it kept may disagree: a risk eliminated before the inclusion it ends
        load.sqlErrors(
                "select line, eliminated_on from hh_match where eliminated_on < monitoring_since order by line",
                HouseholdColumn.ELIMINATED_ON,
                rs -> new String[] {rs.apply(2), load.msg("registry.error.eliminated-before-since")});
        // a household number already registered elsewhere may not be taken over from here
        rejectOutsideScope(
                load,
                "select line, household_no, cur_village from hh_match where cur_version > 0",
                HouseholdColumn.HOUSEHOLD_NO,
                "scope.household-elsewhere");
        if (load.rejected()) {
            return new ImportRunner.Counts(rows, 0, 0, 0);
        }
        long newHouseholds = jdbc.sql("select count(*) from hh_match where cur_version = 0")
                .query(Long.class)
                .single();
        jdbc.sql("update household h set valid_to = :d from hh_match m where h.household_id = m.cur_id"
                        + " and h.valid_to is null and m.cur_version > 0 and not m.same")
                .param("d", load.effective)
                .update();
        load.phase("household checks");
        InitialLoad householdLoad = InitialLoad.prepare(jdbc, "household");
        long householdVersions = jdbc.sql("insert into household (household_id, version, valid_from, household_no, "
                        + H_DATA
                        + ", recorded_by, change_reason, import_id) select cur_id, cur_version + 1, :d, household_no, "
                        + H_DATA + ", :user, :reason, :importId from hh_match where not same")
                .param("importId", load.importId)
                .param("d", load.effective)
                .param("user", load.user)
                .param("reason", load.reason)
                .update();
        load.phase("household insert");
        householdLoad.finish();
        long changedHouseholds = householdVersions - newHouseholds;
        load.phase("households");
        long sameHouseholds = jdbc.sql("select count(*) from hh_match where same")
                .query(Long.class)
                .single();

        InitialLoad personLoad = InitialLoad.prepare(jdbc, "person");
        Map<String, Long> persons = personLoad.initial() ? insertAllPersons(load) : mergePersons(load);
        if (persons.isEmpty()) {
            return new ImportRunner.Counts(rows, 0, 0, 0);
        }
        load.phase("person insert");
        personLoad.finish();
        load.phase("person indexes");
        if (rows > 10_000) {
            // a large load changes the tables' statistics; don't leave the planner blind until autovacuum
            jdbc.sql("analyze household").update();
            jdbc.sql("analyze person").update();
        }
        load.phase("persons");
        return new ImportRunner.Counts(
                rows,
                newHouseholds + persons.get("inserted"),
                changedHouseholds + persons.get("updated"),
                sameHouseholds + persons.get("unchanged"));
    }

    /**
     * Reports every row of {@code sql} (line, value, village of the existing record) whose village lies outside
     * the importer's data scope; nothing to check for the system itself.
     */
    private void rejectOutsideScope(HouseholdLoad load, String sql, HouseholdColumn column, String messageKey) {
        if (load.scope instanceof DataScope.Scope.System) {
            return;
        }
        jdbc.sql(sql).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list().stream()
                .filter(r -> !load.scope.covers(r[2]))
                .forEach(r -> load.error(Long.parseLong(r[0]), column, r[1], load.msg(messageKey)));
    }

    /** Initial load (no persons yet): every row is a new person, so no matching table is needed. */
    private Map<String, Long> insertAllPersons(HouseholdLoad load) {
        load.phase("person match");
        long inserted = jdbc.sql("insert into person (person_id, version, valid_from, household_id, " + P_INSERT
                        + ", recorded_by, change_reason, import_id) select nextval('person_id_seq'), 1,"
                        + " :d, m.cur_id, " + prefixed("s", P_INSERT) + ", :user, :reason, :importId"
                        + " from hh_stage s join hh_match m on m.household_no = s.household_no")
                .param("importId", load.importId)
                .param("d", load.effective)
                .param("user", load.user)
                .param("reason", load.reason)
                .update();
        return Map.of("inserted", inserted, "updated", 0L, "unchanged", 0L);
    }

    /**
     * Persons matched by ID number to active registry persons: new ones inserted, changed ones (including a
     * move to another household) versioned, identical ones left alone. Empty map when a row was rejected.
     */
    private Map<String, Long> mergePersons(HouseholdLoad load) {
        jdbc.sql("create temp table p_match on commit drop as select s.line,"
                        + " m.cur_id as household_id, " + prefixed("s", P_INSERT)
                        + ", p.person_id as cur_pid, p.version as cur_pversion, p.valid_from as cur_pfrom,"
                        + " (p.person_id is not null and row(p.household_id, " + prefixed("p", P_DATA)
                        + ") is not distinct from row(m.cur_id, " + prefixed("s", P_DATA) + ")) as same"
                        + " from hh_stage s join hh_match m on m.household_no = s.household_no"
                        + " left join person p on p.id_number_hash = s.id_number_hash and p.valid_to is null"
                        + " and not p.deleted")
                .update();
        load.sqlErrors(
                "select line, id_number_masked, cur_pfrom from p_match where not same and cur_pfrom > :d"
                        + " order by line",
                HouseholdColumn.ID_NUMBER,
                rs -> new String[] {rs.apply(2), load.msg("registry.error.effective-before-current", rs.apply(3))});
        // a person registered in a household outside this region may not be moved in from here
        rejectOutsideScope(
                load,
                "select m.line, m.id_number_masked, h.village_code from p_match m"
                        + " join person p on p.person_id = m.cur_pid and p.valid_to is null"
                        + " join household h on h.household_id = p.household_id and h.valid_to is null"
                        + " where not m.same",
                HouseholdColumn.ID_NUMBER,
                "scope.person-elsewhere");
        if (load.rejected()) {
            return Map.of();
        }
        load.phase("person match");
        jdbc.sql("update person p set valid_to = :d from p_match m where p.person_id = m.cur_pid"
                        + " and p.valid_to is null and not m.same")
                .param("d", load.effective)
                .update();
        Map<String, Long> persons = new LinkedHashMap<>();
        jdbc.sql("select count(*) filter (where cur_pid is null), count(*) filter (where cur_pid is not null"
                        + " and not same), count(*) filter (where same) from p_match")
                .query(rs -> {
                    persons.put("inserted", rs.getLong(1));
                    persons.put("updated", rs.getLong(2));
                    persons.put("unchanged", rs.getLong(3));
                });
        jdbc.sql("insert into person (person_id, version, valid_from, household_id, " + P_INSERT
                        + ", recorded_by, change_reason, import_id) select coalesce(cur_pid,"
                        + " nextval('person_id_seq')), coalesce(cur_pversion, 0) + 1, :d, household_id, "
                        + P_INSERT + ", :user, :reason, :importId from p_match where not same")
                .param("importId", load.importId)
                .param("d", load.effective)
                .param("user", load.user)
                .param("reason", load.reason)
                .update();
        return persons;
    }

    private static String prefixed(String alias, String cols) {
        return Arrays.stream(cols.split(",\\s*"))
                .map(c -> alias + "." + c)
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }
}
