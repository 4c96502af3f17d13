package org.fangpin.registry.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.CsvCells;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.Health;
import org.fangpin.registry.HousingGrade;
import org.fangpin.registry.LabourCapacity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.PersonIdentifiers;
import org.fangpin.registry.Relation;
import org.fangpin.registry.SchoolStatus;
import org.fangpin.registry.Sex;
import org.fangpin.registry.WorkStatus;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 部门名单回流: the {@link DutyList}s a caller may read — a 行业部门 user its own department's, a county, city or
 * province office every department's — over the caller's region as of a date. Pages and the API show ID numbers
 * masked; a download carries them in full, because matching is what the department needs them for, and every
 * download is audited with the list, region, date and row count.
 */
@Service
public class DutyLists {

    public static final int MAX_PAGE = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Actor.Current actor;
    private final PersonIdentifiers identifiers;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;
    private final TransactionTemplate transactions;

    DutyLists(
            DataSource dataSource,
            DataScope dataScope,
            RegionDirectory regions,
            Actor.Current actor,
            PersonIdentifiers identifiers,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.jdbc.getJdbcTemplate().setFetchSize(5000); // downloads stream through a cursor
        this.dataScope = dataScope;
        this.regions = regions;
        this.actor = actor;
        this.identifiers = identifiers;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    /** One person on a list: ids for links, and the list's columns as text in the caller's language. */
    public record Row(long personId, long householdId, Map<DutyList.DutyColumn, String> values) {}

    /** A page of a list, with the cursor of the next (null at the end). */
    public record Page(DutyList list, LocalDate asOf, String regionCode, List<Row> rows, Long next) {}

    /** The lists the caller may read: its department's, or all for the offices above the township. */
    public List<DutyList> mine() {
        Optional<Actor> me = actor.get();
        if (me.isEmpty()) {
            return List.of(DutyList.values());
        }
        Role role = me.get().role();
        if (role == Role.DEPARTMENT) {
            Optional<Department> d = Labelled.parse(Department.class, me.get().department());
            return Arrays.stream(DutyList.values())
                    .filter(l -> d.isPresent() && l.department() == d.get())
                    .toList();
        }
        return role == Role.COUNTY || role == Role.CITY || role == Role.PROVINCE
                ? List.of(DutyList.values())
                : List.of();
    }

    /**
     * A page of a list as of {@code asOf} (null: today) over {@code region} (null: the caller's own), after the
     * person id {@code after} (null: from the first).
     */
    @Transactional(readOnly = true)
    public Page page(DutyList list, LocalDate asOf, String region, Long after, int limit) {
        Query q = query(list, asOf, region);
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        if (after != null) {
            q.params.put("after", after);
        }
        q.params.put("limit", n + 1);
        List<Row> rows = new ArrayList<>();
        Map<String, String> villageNames = new HashMap<>();
        jdbc.query(
                q.sql + (after != null ? " and p.person_id > :after" : "") + " order by p.person_id limit :limit",
                q.params,
                rs -> {
                    rows.add(row(list, rs, q, false, villageNames));
                });
        Long next = null;
        if (rows.size() > n) {
            rows.remove(n);
            next = rows.get(n - 1).personId();
        }
        return new Page(list, q.asOf, q.region.code(), rows, next);
    }

    /** A download, checked and resolved in the caller's request; written later (a response body streams). */
    public interface Download {
        String fileName();

        /** Writes the CSV and audits the download; returns the rows written. */
        long writeTo(OutputStream out);
    }

    /**
     * The whole list as CSV (UTF-8 with BOM, for Excel) with full ID numbers, checked now (list, region, date) and
     * written when the response streams; every download is audited. {@code asOf} and {@code region} as in {@link
     * #page}.
     */
    public Download download(DutyList list, LocalDate asOf, String region) {
        Query q = query(list, asOf, region);
        String fileName = list.label(q.locale) + "-" + q.region.code() + "-" + q.asOf + ".csv";
        return new Download() {
            @Override
            public String fileName() {
                return fileName;
            }

            @Override
            public long writeTo(OutputStream out) {
                // a transaction, so that PostgreSQL streams the rows through a cursor
                Long n = transactions.execute(status -> write(q, out));
                return n == null ? 0 : n;
            }
        };
    }

    private long write(Query q, OutputStream out) {
        DutyList list = q.list;
        // audited before a row leaves: a download cut off midway was still taken
        Long rows = jdbc.queryForObject("select count(*) from (" + q.sql + ") x", q.params, Long.class);
        events.publishEvent(new AuditableChange(
                "duty-list",
                list.name(),
                "DOWNLOAD",
                null,
                Map.of(
                        "list", list.name(),
                        "region", q.region.code(),
                        "asOf", q.asOf.toString(),
                        "rows", rows == null ? 0 : rows,
                        "fullIdNumbers", true),
                q.region.code()));
        long[] count = {0};
        try {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\uFEFF');
            CsvCells.Printer printer = CsvCells.printer(w);
            printer.printRecord(
                    list.columns().stream().map(c -> c.label(q.locale)).toList());
            Map<String, String> villageNames = new HashMap<>();
            Consumer<Row> write = r -> {
                try {
                    printer.printRecord(list.columns().stream()
                            .map(c -> r.values().getOrDefault(c, ""))
                            .toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            jdbc.query(
                    q.sql + " order by h.village_code, h.household_no, p.relation = 'HEAD' desc, p.person_id",
                    q.params,
                    rs -> {
                        write.accept(row(list, rs, q, true, villageNames));
                        count[0]++;
                    });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count[0];
    }

    private record Query(
            DutyList list, String sql, Map<String, Object> params, LocalDate asOf, Region region, Locale locale) {}

    private Query query(DutyList list, LocalDate asOf, String regionCode) {
        if (!mine().contains(list)) {
            throw ApiException.notFound("duty.list.not-yours", list.label(messages.locale()));
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate d = asOf == null ? today : asOf;
        if (d.isAfter(today)) {
            throw ApiException.invalid("asOf", messages.get("duty.error.future"));
        }
        DataScope.Scope scope = dataScope.current();
        Optional<Actor> me = actor.get();
        if (scope instanceof DataScope.Scope.Nothing
                && me.isPresent()
                && me.get().role() == Role.DEPARTMENT
                && me.get().regionCode() != null) {
            // a department holds no household data: its lists are what it gets back, over its own region
            scope = regions.find(me.get().regionCode())
                    .<DataScope.Scope>map(DataScope.Scope.Subtree::new)
                    .orElse(scope);
        }
        DataScope.Scope reach = scope;
        Region region = Optional.ofNullable(regionCode)
                .map(c -> regions.find(c).orElseThrow(() -> ApiException.notFound("region.not-found", c)))
                .or(reach::home)
                .orElseThrow(() -> ApiException.invalid("region", messages.get("duty.error.region")));
        RegionCode.CodeRange range = reach.within(region)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.FORBIDDEN, "out-of-scope", "scope.outside", List.of(), region.code()));
        // asking for a region above one's own narrows to one's own
        Region effective =
                range.equals(region.subtree()) ? region : reach.home().orElse(region);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("asOf", d);
        params.put("lo", range.low());
        params.put("hi", range.high());
        String sql = """
                select p.person_id, p.household_id, p.name, p.id_number_masked, p.id_number_enc, p.sex, p.birth_date,
                       p.relation, p.health, p.disability_grade, p.labour_capacity, p.work_status, p.work_place,
                       p.work_months, p.school_status, p.medical_insurance, p.dibao, p.tekun, p.disability_subsidy,
                       h.household_no, h.village_code, h.monitoring_state, h.monitoring_category, h.housing_grade
                from household h
                join person p on p.household_id = h.household_id
                 and p.valid_from <= :asOf and (p.valid_to is null or p.valid_to > :asOf) and not p.deleted
                where h.valid_from <= :asOf and (h.valid_to is null or h.valid_to > :asOf) and not h.deleted
                  and h.village_code between :lo and :hi
                  and (%s)""".formatted(list.condition());
        return new Query(list, sql, params, d, effective, messages.locale());
    }

    private Row row(DutyList list, ResultSet rs, Query q, boolean fullIds, Map<String, String> villageNames)
            throws SQLException {
        Locale locale = q.locale;
        LocalDate asOf = q.asOf;
        Map<DutyList.DutyColumn, String> v = new LinkedHashMap<>();
        for (DutyList.DutyColumn c : list.columns()) {
            String text = switch (c) {
                case NAME -> rs.getString("name");
                case ID_NUMBER ->
                    fullIds ? identifiers.openId(rs.getBytes("id_number_enc")) : rs.getString("id_number_masked");
                case SEX -> label(Sex.class, rs.getString("sex"), locale);
                // by year of birth (DutyList.AGE): an age in days would give the birth date away
                case AGE ->
                    String.valueOf(asOf.getYear()
                            - rs.getObject("birth_date", LocalDate.class).getYear());
                case RELATION -> label(Relation.class, rs.getString("relation"), locale);
                case VILLAGE ->
                    villageNames.computeIfAbsent(
                            rs.getString("village_code"),
                            code -> regions.find(code).map(Region::name).orElse(code));
                case HOUSEHOLD_NO -> rs.getString("household_no");
                case GROUPS -> groups(rs, locale);
                case CATEGORY -> label(MonitoringCategory.class, rs.getString("monitoring_category"), locale);
                case MEDICAL_INSURANCE -> yesNo(rs.getBoolean("medical_insurance"), locale);
                case SCHOOL_STATUS -> label(SchoolStatus.class, rs.getString("school_status"), locale);
                case LABOUR_CAPACITY -> label(LabourCapacity.class, rs.getString("labour_capacity"), locale);
                case WORK_STATUS -> label(WorkStatus.class, rs.getString("work_status"), locale);
                case WORK_PLACE -> rs.getString("work_place");
                case WORK_MONTHS -> str(rs.getObject("work_months"));
                case HEALTH -> label(Health.class, rs.getString("health"), locale);
                case DISABILITY_GRADE -> str(rs.getObject("disability_grade"));
                case DISABILITY_SUBSIDY -> yesNo(rs.getBoolean("disability_subsidy"), locale);
                case DIBAO -> yesNo(rs.getBoolean("dibao"), locale);
                case TEKUN -> yesNo(rs.getBoolean("tekun"), locale);
                case HOUSING_GRADE -> label(HousingGrade.class, rs.getString("housing_grade"), locale);
            };
            v.put(c, text == null ? "" : text);
        }
        return new Row(rs.getLong("person_id"), rs.getLong("household_id"), v);
    }

    /** 农村低收入人口 groups the person belongs to (003:51): 易返贫致贫人口 (monitored), 低保对象, 特困人员. */
    private String groups(ResultSet rs, Locale locale) throws SQLException {
        List<String> out = new ArrayList<>();
        if (MonitoringState.MONITORED.name().equals(rs.getString("monitoring_state"))) {
            out.add(messages.get(locale, "duty.group.monitored"));
        }
        if (rs.getBoolean("dibao")) {
            out.add(messages.get(locale, "duty.group.dibao"));
        }
        if (rs.getBoolean("tekun")) {
            out.add(messages.get(locale, "duty.group.tekun"));
        }
        return String.join("、", out);
    }

    private String yesNo(boolean b, Locale locale) {
        return messages.get(locale, b ? "yes" : "no");
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static <E extends Enum<E> & Labelled> String label(Class<E> type, String code, Locale locale) {
        return code == null ? "" : Enum.valueOf(type, code).label(locale);
    }
}
