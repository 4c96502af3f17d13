package org.fangpin.registry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.CopyRows;
import org.fangpin.common.importing.CopyWriter;
import org.fangpin.common.importing.ErrorCollector;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.ImportRunner;
import org.fangpin.common.importing.InitialLoad;
import org.fangpin.common.importing.ParallelRows;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.TabularReader;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.internal.HouseholdRowParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Bulk import of households and members (CSV or XLSX, the {@link HouseholdColumn} template). All-or-nothing and
 * idempotent: each row is checked as it streams by COPY into a staging table; the file is checked as a whole in
 * SQL (duplicate ID numbers, households whose rows disagree, exactly one head, known villages); only then are
 * new records inserted and changed records versioned, while identical ones are left alone.
 *
 * <p>Members already registered in an imported household but absent from the file are left as they are: removing
 * a person takes an explicit, reasoned delete.
 */
@Service
public class HouseholdImporter {

    private static final Logger log = LoggerFactory.getLogger(HouseholdImporter.class);

    public static final String KIND = "households";

    static final String STAGE_COLUMNS = "line, household_no, village_code, address, identity, identity_flags,"
            + " exit_year, monitoring_state, monitoring_category, monitoring_since, risk_causes, eliminated_on,"
            + " elimination_kind, housing_grade, water_safe, income_year, income_wage, income_production,"
            + " income_property, income_transfer, production_cost, id_number_hash, id_number_enc, id_number_masked, name, relation,"
            + " sex, birth_date, phone_hash, phone_enc, phone_masked, ethnicity, education, school_status, health, disability_grade, labour_capacity, work_status,"
            + " work_place, work_months, medical_insurance, pension_insurance, dibao, tekun, disability_subsidy, h_hash";

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

    private final ImportRunner runner;
    private final JdbcClient jdbc;
    private final Messages messages;
    private final Clock clock;

    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final PersonIdentifiers identifiers;

    HouseholdImporter(
            ImportRunner runner,
            JdbcClient jdbc,
            Messages messages,
            Clock clock,
            DataScope dataScope,
            RegionDirectory regions,
            PersonIdentifiers identifiers) {
        this.regions = regions;
        this.identifiers = identifiers;
        this.dataScope = dataScope;
        this.runner = runner;
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    /** Options of one import: the date the data is effective from (default today) and why it is imported. */
    public record Options(LocalDate effectiveDate, String reason) {}

    public ImportReport importFile(Path file, String fileName, String user, Locale locale, Options options) {
        LocalDate today = LocalDate.now(clock);
        LocalDate effective = options.effectiveDate() == null ? today : options.effectiveDate();
        String reason = options.reason() == null || options.reason().isBlank()
                ? messages.get(locale, "import.reason.default", fileName)
                : options.reason();
        DataScope.Scope scope = dataScope.current();
        return runner.run(new ImportRunner.Request(KIND, file, fileName, user, locale), (id, reader, conn, errors) -> {
            Load load = new Load(id, reader, conn, errors, locale, today, effective, user, reason, scope);
            return load.run();
        });
    }

    /** One import's state: the column map, the messages in the importer's language, the dates. */
    private final class Load {
        private final UUID importId;
        private final DataScope.Scope scope;
        private final TabularReader reader;
        private final Connection conn;
        private final ErrorCollector errors;
        private final Locale locale;
        private final LocalDate today;
        private final LocalDate effective;
        private final String user;
        private final String reason;
        private ColumnMap<HouseholdColumn> cols;
        private long phaseStart = System.nanoTime();

        /** Logs how long the phase that just ended took (debug), to find where an import spends its time. */
        private void phase(String name) {
            long now = System.nanoTime();
            log.debug("import {} phase {}: {} ms", importId, name, (now - phaseStart) / 1_000_000);
            phaseStart = now;
        }

        Load(
                UUID importId,
                TabularReader reader,
                Connection conn,
                ErrorCollector errors,
                Locale locale,
                LocalDate today,
                LocalDate effective,
                String user,
                String reason,
                DataScope.Scope scope) {
            this.scope = scope;
            this.importId = importId;
            this.reader = reader;
            this.conn = conn;
            this.errors = errors;
            this.locale = locale;
            this.today = today;
            this.effective = effective;
            this.user = user;
            this.reason = reason;
        }

        private String msg(String key, Object... args) {
            return messages.get(locale, key, args);
        }

        private void error(long row, HouseholdColumn col, String value, String reason) {
            errors.add(new RowError(row, cols.label(col), value, reason));
        }

        ImportRunner.Counts run() {
            cols = ColumnMap.of(reader.header(), HouseholdColumn.class);
            for (HouseholdColumn c : EnumSet.allOf(HouseholdColumn.class)) {
                if (c.required() && !cols.has(c)) {
                    errors.add(new RowError(1, c.header(), "", msg("import.error.missing-column")));
                }
            }
            if (!cols.has(HouseholdColumn.IDENTITY) && !cols.has(HouseholdColumn.STATUS)) {
                errors.add(new RowError(1, HouseholdColumn.IDENTITY.header(), "", msg("import.error.missing-column")));
            }
            if (effective.isAfter(today)) {
                errors.add(new RowError(0, "", effective.toString(), msg("registry.error.effective-future")));
            }
            if (errors.count() > 0) {
                return new ImportRunner.Counts(0, 0, 0, 0);
            }
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
            HouseholdRowParser parser = new HouseholdRowParser(cols, today, this::msg);
            long rows;
            try (CopyWriter copy = new CopyWriter(conn, "copy hh_stage (" + STAGE_COLUMNS + ") from stdin")) {
                rows = ParallelRows.copy(
                        reader,
                        (row, out, sink) -> parser.parse(row, sink).ifPresent(r -> write(out, row.row(), r)),
                        copy,
                        errors);
            }
            phase("parse+copy");
            // statistics of the columns the file checks and the merge group and join by (and the row count)
            jdbc.sql("analyze hh_stage (line, household_no, village_code, id_number_hash, relation, h_hash)")
                    .update();
            phase("analyze stage");
            checkFileAsWhole(errors.count() == 0);
            phase("file checks");
            if (errors.count() > 0) {
                return new ImportRunner.Counts(rows, 0, 0, 0);
            }
            return apply(rows);
        }

        // ---- row by row ----

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

        // ---- the file as a whole ----

        /** File-level checks; the head count only when every row was valid (a rejected row may be the head). */
        private void checkFileAsWhole(boolean rowsValid) {
            sqlErrors("""
                    with d as (select id_number_hash, min(line) first_line from hh_stage
                               group by id_number_hash having count(*) > 1)
                    select s.line, s.id_number_masked, d.first_line from hh_stage s join d using (id_number_hash)
                    where s.line <> d.first_line order by s.line""", HouseholdColumn.ID_NUMBER, rs ->
                    new String[] {rs.apply(2), msg("registry.error.duplicate-id-in-file", rs.apply(3))});
            phase("check duplicate ids");
            // one aggregate per household finds those whose rows disagree or that lack exactly one head, and the
            // first row of each, whose household data the merge takes (the rows of a household that passes agree)
            jdbc.sql("""
                    create temp table hh_first on commit drop as
                    select household_no, min(line) first_line, min(h_hash) <> max(h_hash) differ,
                           count(*) filter (where relation = 'HEAD') heads
                    from hh_stage group by household_no""").update();
            sqlErrors("""
                    with f as (select b.household_no, b.first_line, s.h_hash from hh_first b
                               join hh_stage s on s.line = b.first_line where b.differ)
                    select s.line, s.household_no, f.first_line from hh_stage s join f using (household_no)
                    where s.h_hash <> f.h_hash order by s.line""", HouseholdColumn.HOUSEHOLD_NO, rs ->
                    new String[] {rs.apply(2), msg("registry.error.household-rows-differ", rs.apply(3))});
            phase("check households");
            if (rowsValid) {
                sqlErrors(
                        "select first_line, household_no, heads from hh_first where heads <> 1 order by first_line",
                        HouseholdColumn.RELATION,
                        rs -> new String[] {rs.apply(2), msg("registry.error.one-head", rs.apply(3))});
            }
            // villages that exist on the effective date, asked of the region module (a file names a few hundred)
            List<String> villages = jdbc.sql("select distinct village_code from hh_stage")
                    .query(String.class)
                    .list();
            Set<String> known = regions.findAll(villages).stream()
                    .filter(r -> r.level() == RegionLevel.VILLAGE
                            && (r.validTo() == null || r.validTo().isAfter(effective)))
                    .map(Region::code)
                    .collect(Collectors.toSet());
            List<String> unknown =
                    villages.stream().filter(v -> !known.contains(v)).toList();
            if (!unknown.isEmpty()) {
                sqlErrors(
                        "select line, village_code from hh_stage where village_code = any(:unknown) order by line",
                        HouseholdColumn.VILLAGE_CODE,
                        rs -> new String[] {rs.apply(2), msg("registry.error.village")},
                        Map.of("unknown", unknown.toArray(String[]::new)));
            }
            phase("check villages");
            // only villages inside the importer's own region
            List<String> outside =
                    villages.stream().filter(v -> !scope.covers(v)).toList();
            if (!outside.isEmpty()) {
                sqlErrors(
                        "select line, village_code from hh_stage where village_code = any(:outside) order by line",
                        HouseholdColumn.VILLAGE_CODE,
                        rs -> new String[] {rs.apply(2), msg("scope.outside", rs.apply(2))},
                        Map.of("outside", outside.toArray(String[]::new)));
            }
        }

        private void sqlErrors(String sql, HouseholdColumn col, Function<Function<Integer, String>, String[]> render) {
            sqlErrors(sql, col, render, Map.of());
        }

        private void sqlErrors(
                String sql,
                HouseholdColumn col,
                Function<Function<Integer, String>, String[]> render,
                Map<String, ?> params) {
            var query = jdbc.sql(sql).params(params);
            if (sql.contains(":d")) {
                query = query.param("d", effective);
            }
            query.query((rs, i) -> {
                        String[] vr = render.apply(idx -> {
                            try {
                                return rs.getString(idx);
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        return new RowError(rs.getLong(1), cols.label(col), vr[0], vr[1]);
                    })
                    .list()
                    .forEach(errors::add);
        }

        // ---- apply ----

        private ImportRunner.Counts apply(long rows) {
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
                    .param("d", effective)
                    .update();
            // the persons are joined to this table next: without statistics the planner guesses its size blind
            jdbc.sql("analyze hh_match (household_no, line, cur_id, cur_version, same)")
                    .update();
            phase("household match");
            sqlErrors(
                    "select line, household_no, cur_from from hh_match where not same and cur_from > :d order by line",
                    HouseholdColumn.HOUSEHOLD_NO,
                    rs -> new String[] {rs.apply(2), msg("registry.error.effective-before-current", rs.apply(3))});
            // a household number already registered elsewhere may not be taken over from here
            // what the file gave and what it kept may disagree: a risk eliminated before the inclusion it ends
            sqlErrors(
                    "select line, eliminated_on from hh_match where eliminated_on < monitoring_since order by line",
                    HouseholdColumn.ELIMINATED_ON,
                    rs -> new String[] {rs.apply(2), msg("registry.error.eliminated-before-since")});
            rejectOutsideScope(
                    "select line, household_no, cur_village from hh_match where cur_version > 0",
                    HouseholdColumn.HOUSEHOLD_NO,
                    "scope.household-elsewhere");
            if (errors.count() > 0) {
                return new ImportRunner.Counts(rows, 0, 0, 0);
            }
            long newHouseholds = jdbc.sql("select count(*) from hh_match where cur_version = 0")
                    .query(Long.class)
                    .single();
            jdbc.sql("update household h set valid_to = :d from hh_match m where h.household_id = m.cur_id"
                            + " and h.valid_to is null and m.cur_version > 0 and not m.same")
                    .param("d", effective)
                    .update();
            phase("household checks");
            InitialLoad householdLoad = InitialLoad.prepare(jdbc, "household");
            long householdVersions = jdbc.sql("insert into household (household_id, version, valid_from, household_no, "
                            + H_DATA
                            + ", recorded_by, change_reason, import_id) select cur_id, cur_version + 1, :d, household_no, "
                            + H_DATA + ", :user, :reason, :importId from hh_match where not same")
                    .param("importId", importId)
                    .param("d", effective)
                    .param("user", user)
                    .param("reason", reason)
                    .update();
            phase("household insert");
            householdLoad.finish();
            long changedHouseholds = householdVersions - newHouseholds;
            phase("households");
            long sameHouseholds = jdbc.sql("select count(*) from hh_match where same")
                    .query(Long.class)
                    .single();

            InitialLoad personLoad = InitialLoad.prepare(jdbc, "person");
            Map<String, Long> persons = personLoad.initial() ? insertAllPersons() : mergePersons();
            if (persons.isEmpty()) {
                return new ImportRunner.Counts(rows, 0, 0, 0);
            }
            phase("person insert");
            personLoad.finish();
            phase("person indexes");
            if (rows > 10_000) {
                // a large load changes the tables' statistics; don't leave the planner blind until autovacuum
                jdbc.sql("analyze household").update();
                jdbc.sql("analyze person").update();
            }
            phase("persons");
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
        private void rejectOutsideScope(String sql, HouseholdColumn column, String messageKey) {
            if (scope instanceof DataScope.Scope.System) {
                return;
            }
            jdbc
                    .sql(sql)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                    .list()
                    .stream()
                    .filter(r -> !scope.covers(r[2]))
                    .forEach(r -> error(Long.parseLong(r[0]), column, r[1], msg(messageKey)));
        }

        /** Initial load (no persons yet): every row is a new person, so no matching table is needed. */
        private Map<String, Long> insertAllPersons() {
            phase("person match");
            long inserted = jdbc.sql("insert into person (person_id, version, valid_from, household_id, " + P_INSERT
                            + ", recorded_by, change_reason, import_id) select nextval('person_id_seq'), 1,"
                            + " :d, m.cur_id, " + prefixed("s", P_INSERT) + ", :user, :reason, :importId"
                            + " from hh_stage s join hh_match m on m.household_no = s.household_no")
                    .param("importId", importId)
                    .param("d", effective)
                    .param("user", user)
                    .param("reason", reason)
                    .update();
            return Map.of("inserted", inserted, "updated", 0L, "unchanged", 0L);
        }

        /**
         * Persons matched by ID number to active registry persons: new ones inserted, changed ones (including a
         * move to another household) versioned, identical ones left alone. Empty map when a row was rejected.
         */
        private Map<String, Long> mergePersons() {
            jdbc.sql("create temp table p_match on commit drop as select s.line,"
                            + " m.cur_id as household_id, " + prefixed("s", P_INSERT)
                            + ", p.person_id as cur_pid, p.version as cur_pversion, p.valid_from as cur_pfrom,"
                            + " (p.person_id is not null and row(p.household_id, " + prefixed("p", P_DATA)
                            + ") is not distinct from row(m.cur_id, " + prefixed("s", P_DATA) + ")) as same"
                            + " from hh_stage s join hh_match m on m.household_no = s.household_no"
                            + " left join person p on p.id_number_hash = s.id_number_hash and p.valid_to is null"
                            + " and not p.deleted")
                    .update();
            sqlErrors(
                    "select line, id_number_masked, cur_pfrom from p_match where not same and cur_pfrom > :d"
                            + " order by line",
                    HouseholdColumn.ID_NUMBER,
                    rs -> new String[] {rs.apply(2), msg("registry.error.effective-before-current", rs.apply(3))});
            // a person registered in a household outside this region may not be moved in from here
            rejectOutsideScope(
                    "select m.line, m.id_number_masked, h.village_code from p_match m"
                            + " join person p on p.person_id = m.cur_pid and p.valid_to is null"
                            + " join household h on h.household_id = p.household_id and h.valid_to is null"
                            + " where not m.same",
                    HouseholdColumn.ID_NUMBER,
                    "scope.person-elsewhere");
            if (errors.count() > 0) {
                return Map.of();
            }
            phase("person match");
            jdbc.sql("update person p set valid_to = :d from p_match m where p.person_id = m.cur_pid"
                            + " and p.valid_to is null and not m.same")
                    .param("d", effective)
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
                    .param("importId", importId)
                    .param("d", effective)
                    .param("user", user)
                    .param("reason", reason)
                    .update();
            return persons;
        }
    }

    /**
     * A 64-bit FNV-1a hash of a row's household fields: rows of one household must agree, and comparing hashes in
     * one aggregate is far cheaper than comparing nineteen columns.
     */
    static long householdHash(HouseholdFields h) {
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

    private static String prefixed(String alias, String cols) {
        return Arrays.stream(cols.split(",\\s*"))
                .map(c -> alias + "." + c)
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static String pgArray(List<? extends Enum<?>> values) {
        return "{" + String.join(",", values.stream().map(Enum::name).toList()) + "}";
    }
}
