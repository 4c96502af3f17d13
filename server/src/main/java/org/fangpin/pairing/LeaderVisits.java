package org.fangpin.pairing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fangpin.assessment.FindingCategory;
import org.fangpin.assessment.FindingSeverity;
import org.fangpin.assessment.FindingSource;
import org.fangpin.assessment.Findings;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RegistryLedgers;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 五级书记遍访 (004:391, 004:589): each level's party secretaries, recorded by their own office, and their visits with the
 * problems found (a province's or city's may open a finding). Coverage per leader and year against the targets of
 * their level: a province's or city's secretary the counties under them, a county's the villages with 监测对象 or 脱贫户,
 * a township's and a village's those households.
 */
@Service
public class LeaderVisits {

    /** A household a township or village secretary must visit: a 监测对象 (any state) or a 脱贫户. */
    static final String TARGET = "(c.monitoring_state <> 'NONE' or c.identity = 'EXITED')";

    @Schema(name = "NewLeader")
    public record NewLeader(String name, String post, LocalDate fromOn) {}

    @Schema(name = "LeaderEnd")
    public record End(LocalDate on) {}

    /** A leader with their coverage in the year asked for: targets, those visited, visits, the share in percent. */
    @Schema(name = "Leader")
    public record Leader(
            long id,
            String region,
            String regionName,
            RegionLevel level,
            String name,
            String post,
            LocalDate fromOn,
            LocalDate toOn,
            int version,
            long targets,
            long visited,
            long visits,
            BigDecimal coverage) {}

    @Schema(name = "NewLeaderVisit")
    public record NewVisit(
            LocalDate visitedOn, String villageCode, Long householdId, String problems, Boolean openFinding) {}

    @Schema(name = "LeaderVisit")
    public record Visit(
            long id,
            LocalDate visitedOn,
            String villageCode,
            String villageName,
            Long householdId,
            String householdNo,
            String problems,
            Long findingId,
            String recordedBy) {}

    /** A target not visited in the year: a county or village by its code, or a household. */
    @Schema(name = "LeaderTarget")
    public record Target(String code, String name, Long householdId, String householdNo) {}

    @Schema(name = "LeaderDetail")
    public record Detail(Leader leader, int year, List<Visit> visits, List<Target> unvisited, boolean editable) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Registry registry;
    private final Findings findings;
    private final Permissions permissions;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Clock clock;

    LeaderVisits(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Registry registry,
            Findings findings,
            Permissions permissions,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.registry = registry;
        this.findings = findings;
        this.permissions = permissions;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    // ---- reads ----

    /** The leaders of the caller's reach in office during the year, by region, with their coverage that year. */
    @Transactional(readOnly = true)
    public List<Leader> list(int year) {
        return leaders(null, year, 2000);
    }

    /** Every leader in office during the year of a region of the caller's reach (and below it), for the 考核 figures. */
    @Transactional(readOnly = true)
    public List<Leader> within(Region region, int year) {
        return leaders(region, year, Integer.MAX_VALUE);
    }

    private List<Leader> leaders(Region region, int year, int limit) {
        PairingFields.year(messages, year);
        Map<String, Object> p = new HashMap<>();
        p.put("from", LocalDate.of(year, 1, 1));
        p.put("to", LocalDate.of(year, 12, 31));
        p.put("limit", limit);
        String where = dataScope.current().condition("l.region_code", p);
        if (region != null) {
            p.put("lo", region.subtree().low());
            p.put("hi", region.subtree().high());
            where += " and l.region_code between :lo and :hi";
        }
        List<Row> rows = jdbc.sql("select * from leader l where " + where
                        + " and l.from_on <= :to and (l.to_on is null or l.to_on >= :from)"
                        + " order by l.region_code, l.from_on, l.id limit :limit")
                .params(p)
                .query(this::row)
                .list();
        return coverage(rows, year);
    }

    /** One leader of the caller's reach (404 otherwise): the year's visits and the targets not visited (500 at most). */
    @Transactional(readOnly = true)
    public Detail get(long id, int year) {
        PairingFields.year(messages, year);
        Row r = find(id, false);
        Leader l = coverage(List.of(r), year).get(0);
        List<Visit> visits = jdbc.sql("""
                        select v.*, c.household_no from leader_visit v
                        left join (%s) c on c.household_id = v.household_id
                        where v.leader_id = ? and v.year = ? order by v.visited_on desc, v.id desc""".formatted(RegistryLedgers.CURRENT))
                .params(id, year)
                .query(this::visit)
                .list();
        return new Detail(l, year, visits, unvisited(r, year), editable(r));
    }

    private List<Target> unvisited(Row r, int year) {
        RegionLevel level = r.level();
        if (level == RegionLevel.TOWNSHIP || level == RegionLevel.VILLAGE) {
            return jdbc.sql("""
                            select c.household_id, c.household_no, c.village_code from (%s) c
                            where %s and c.village_code like ? and not exists (select 1 from leader_visit v
                                where v.leader_id = ? and v.year = ? and v.household_id = c.household_id)
                            order by c.village_code, c.household_no limit 500""".formatted(RegistryLedgers.CURRENT, TARGET))
                    .params(prefix(r) + "%", r.id(), year)
                    .query((rs, i) -> new Target(
                            rs.getString("village_code"),
                            name(rs.getString("village_code")),
                            rs.getLong("household_id"),
                            rs.getString("household_no")))
                    .list();
        }
        Set<String> seen = visitedPlaces(List.of(r), year).getOrDefault(r.id(), Set.of());
        Map<String, Long> perVillage = r.level() == RegionLevel.COUNTY ? targetsPerVillage(List.of(r)) : Map.of();
        return targetPlaces(r, perVillage).stream()
                .filter(code -> !seen.contains(code))
                .limit(500)
                .map(code -> new Target(code, name(code), null, null))
                .toList();
    }

    /**
     * Each leader's targets and those visited in the year, in a few queries for all of them: households counted per
     * village once over the caller's reach, visits grouped per leader.
     */
    private List<Leader> coverage(List<Row> rows, int year) {
        Map<Long, long[]> counts = new HashMap<>(); // id -> targets, visited
        List<Row> households = rows.stream()
                .filter(r -> r.level() == RegionLevel.TOWNSHIP || r.level() == RegionLevel.VILLAGE)
                .toList();
        List<Row> counted = rows.stream()
                .filter(r -> r.level().digits() >= RegionLevel.COUNTY.digits())
                .toList();
        Map<String, Long> perVillage = counted.isEmpty() ? Map.of() : targetsPerVillage(counted);
        if (!households.isEmpty()) {
            for (Row r : households) {
                String prefix = prefix(r);
                long targets = perVillage.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(prefix))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
                counts.put(r.id(), new long[] {targets, 0});
            }
            jdbc.sql("""
                            select v.leader_id, count(distinct v.household_id) from leader_visit v
                            join (%s) c on c.household_id = v.household_id
                            join unnest(cast(:ids as bigint[]), cast(:prefixes as text[])) as t(id, prefix)
                              on t.id = v.leader_id
                            where v.year = :year and %s and c.village_code like t.prefix || '%%'
                            group by v.leader_id""".formatted(RegistryLedgers.CURRENT, TARGET))
                    .param("ids", households.stream().map(Row::id).toArray(Long[]::new))
                    .param(
                            "prefixes",
                            households.stream().map(LeaderVisits::prefix).toArray(String[]::new))
                    .param("year", year)
                    .query(rs -> {
                        counts.get(rs.getLong(1))[1] = rs.getLong(2);
                    });
        }
        List<Row> places = rows.stream()
                .filter(r -> r.level() != RegionLevel.TOWNSHIP && r.level() != RegionLevel.VILLAGE)
                .toList();
        if (!places.isEmpty()) {
            Map<Long, Set<String>> visited = visitedPlaces(places, year);
            for (Row r : places) {
                Set<String> targets = new HashSet<>(targetPlaces(r, perVillage));
                long seen = visited.getOrDefault(r.id(), Set.of()).stream()
                        .filter(targets::contains)
                        .count();
                counts.put(r.id(), new long[] {targets.size(), seen});
            }
        }
        Map<Long, Long> visits = new HashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql("select leader_id, count(*) from leader_visit where year = ? and leader_id = any(?)"
                            + " group by leader_id")
                    .params(year, rows.stream().map(Row::id).toArray(Long[]::new))
                    .query(rs -> {
                        visits.put(rs.getLong(1), rs.getLong(2));
                    });
        }
        return rows.stream()
                .map(r -> {
                    long[] c = counts.getOrDefault(r.id(), new long[2]);
                    return new Leader(
                            r.id(),
                            r.region(),
                            name(r.region()),
                            r.level(),
                            r.name(),
                            r.post(),
                            r.fromOn(),
                            r.toOn(),
                            r.version(),
                            c[0],
                            c[1],
                            visits.getOrDefault(r.id(), 0L),
                            c[0] == 0
                                    ? null
                                    : BigDecimal.valueOf(c[1] * 100)
                                            .divide(BigDecimal.valueOf(c[0]), 1, RoundingMode.HALF_UP));
                })
                .toList();
    }

    /** Households a secretary must visit, per village of the leaders' regions (county level and below), in one pass. */
    private Map<String, Long> targetsPerVillage(List<Row> rows) {
        Map<String, Long> out = new HashMap<>();
        String[] prefixes = rows.stream().map(r -> prefix(r) + "%").distinct().toArray(String[]::new);
        jdbc.sql("select c.village_code, count(*) from (" + RegistryLedgers.CURRENT + ") c where " + TARGET
                        + " and c.village_code like any(?) group by c.village_code")
                .param(prefixes)
                .query(rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    /**
     * A province's or city's secretary's targets: the counties under them; a county's: the villages with a household
     * a township or village secretary must visit.
     */
    private List<String> targetPlaces(Row r, Map<String, Long> perVillage) {
        LocalDate today = today();
        if (r.level() == RegionLevel.COUNTY) {
            String prefix = prefix(r);
            return perVillage.keySet().stream()
                    .filter(v -> v.startsWith(prefix))
                    .sorted()
                    .toList();
        }
        List<String> counties = new ArrayList<>();
        List<Region> level = List.of(regions.find(r.region()).orElseThrow());
        while (!level.isEmpty() && level.get(0).level() != RegionLevel.COUNTY) {
            List<Region> next = new ArrayList<>();
            level.forEach(x -> next.addAll(regions.children(x.code(), today)));
            level = next;
        }
        level.forEach(x -> counties.add(x.code()));
        return counties;
    }

    /** The places each leader visited in the year: villages for a county's secretary, counties for those above. */
    private Map<Long, Set<String>> visitedPlaces(List<Row> rows, int year) {
        Map<Long, Set<String>> out = new HashMap<>();
        Map<Long, Row> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.id(), r));
        jdbc.sql("select distinct leader_id, village_code from leader_visit where year = ? and leader_id = any(?)")
                .params(year, rows.stream().map(Row::id).toArray(Long[]::new))
                .query(rs -> {
                    Row r = byId.get(rs.getLong(1));
                    String village = rs.getString(2);
                    String place = r.level() == RegionLevel.COUNTY
                            ? village
                            : RegionCode.padded(village.substring(0, RegionLevel.COUNTY.digits()));
                    out.computeIfAbsent(r.id(), k -> new HashSet<>()).add(place);
                });
        return out;
    }

    // ---- changes ----

    /** Records a leader of the caller's own region (each level records its own). */
    @Transactional
    public Leader create(NewLeader n) {
        Actor me = recorder();
        List<FieldProblem> problems = new ArrayList<>();
        PairingFields.text(messages, problems, "name", n.name(), 50, true);
        PairingFields.text(messages, problems, "post", n.post(), 100, true);
        if (n.fromOn() == null || n.fromOn().isAfter(today())) {
            problems.add(FieldProblem.of("fromOn", messages.get("team.not-future")));
        }
        PairingFields.raise(problems);
        long id = jdbc.sql("insert into leader (region_code, name, post, from_on, created_by) values (?, ?, ?, ?, ?)"
                        + " returning id")
                .params(me.regionCode(), n.name().strip(), n.post().strip(), n.fromOn(), me.username())
                .query(Long.class)
                .single();
        audit(
                id,
                me.regionCode(),
                "LEADER_ADDED",
                null,
                Map.of("name", n.name().strip(), "post", n.post().strip()));
        return coverage(List.of(find(id, false)), today().getYear()).get(0);
    }

    /** A leader leaves office on a day (If-Match: the version read). */
    @Transactional
    public Leader end(long id, int version, End e) {
        Row r = own(id, version);
        LocalDate on = e.on() == null ? today() : e.on();
        LocalDate last = jdbc.sql("select max(visited_on) from leader_visit where leader_id = ?")
                .param(id)
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        LocalDate earliest = last != null && last.isAfter(r.fromOn()) ? last : r.fromOn();
        if (on.isAfter(today()) || on.isBefore(earliest)) {
            throw ApiException.invalid("on", messages.get("leader.end-day", earliest.toString()));
        }
        jdbc.sql("update leader set to_on = ?, version = version + 1 where id = ?")
                .params(on, id)
                .update();
        audit(id, r.region(), "LEADER_LEFT", null, Map.of("on", on.toString()));
        return coverage(List.of(find(id, false)), on.getYear()).get(0);
    }

    /**
     * Records a leader's visit to a village or a household of their region while in office, with the problems found;
     * a province's or city's office may open a finding for the visited village's county from it.
     */
    @Transactional
    public Visit visit(long id, NewVisit v) {
        Actor me = recorder();
        // the leader locked: a visit and a leaving recorded at once wait for each other
        Row r = find(id, true);
        if (!editable(r)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "leader.not-yours", List.of(), r.name());
        }
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate until = r.toOn() == null ? today() : r.toOn();
        if (v.visitedOn() == null
                || v.visitedOn().isBefore(r.fromOn())
                || v.visitedOn().isAfter(until)) {
            problems.add(FieldProblem.of(
                    "visitedOn", messages.get("leader.visited-on", r.fromOn().toString(), until.toString())));
        }
        String village;
        Optional<HouseholdView> household = Optional.empty();
        if (v.householdId() != null) {
            household = registry.household(v.householdId()).filter(h -> !h.deleted());
            village = household.map(HouseholdView::villageCode).orElse(null);
            if (village == null || !village.startsWith(prefix(r))) {
                problems.add(FieldProblem.of("householdId", messages.get("leader.target")));
            }
        } else {
            village = PairingFields.strip(v.villageCode());
            Region place = village == null ? null : regions.find(village).orElse(null);
            if (place == null || place.level() != RegionLevel.VILLAGE || !village.startsWith(prefix(r))) {
                problems.add(FieldProblem.of("villageCode", messages.get("leader.target")));
            }
        }
        PairingFields.text(messages, problems, "problems", v.problems(), 2000, false);
        boolean finding = Boolean.TRUE.equals(v.openFinding());
        if (finding && PairingFields.strip(v.problems()) == null) {
            problems.add(FieldProblem.of("problems", messages.get("leader.finding-problems")));
        }
        if (finding && !permissions.has(Permission.FINDING_ISSUE)) {
            problems.add(FieldProblem.of("openFinding", messages.get("leader.finding-level")));
        }
        PairingFields.raise(problems);
        Long findingId = null;
        if (finding) {
            String text = v.problems().strip();
            String county = RegionCode.padded(village.substring(0, RegionLevel.COUNTY.digits()));
            findingId = findings.issue(new Findings.FindingIssue(
                            county,
                            messages.get(Locale.SIMPLIFIED_CHINESE, "leader.finding-unit", name(county)),
                            FindingSource.LEADER_VISIT,
                            FindingCategory.ASSISTANCE,
                            FindingSeverity.MINOR,
                            messages.get(
                                    Locale.SIMPLIFIED_CHINESE,
                                    "leader.finding-title",
                                    r.name(),
                                    text.length() > 40 ? text.substring(0, 40) + "…" : text),
                            text,
                            today().plusDays(30),
                            household.map(h -> List.of(h.id())).orElse(List.of()),
                            null))
                    .finding()
                    .id();
        }
        long visit = jdbc.sql("""
                        insert into leader_visit (leader_id, visited_on, village_code, household_id, problems, finding_id,
                                                  created_by)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        id,
                        v.visitedOn(),
                        village,
                        household.map(HouseholdView::id).orElse(null),
                        PairingFields.strip(v.problems()),
                        findingId,
                        me.username())
                .query(Long.class)
                .single();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("visitId", visit);
        after.put("visitedOn", v.visitedOn().toString());
        after.put("village", village);
        household.ifPresent(h -> after.put("householdNo", h.householdNo()));
        if (findingId != null) {
            after.put("findingId", findingId);
        }
        audit(id, r.region(), "LEADER_VISITED", null, after);
        return get(id, v.visitedOn().getYear()).visits().stream()
                .filter(x -> x.id() == visit)
                .findFirst()
                .orElseThrow();
    }

    // ---- the rules ----

    private record Row(
            long id,
            String region,
            RegionLevel level,
            String name,
            String post,
            LocalDate fromOn,
            LocalDate toOn,
            int version) {}

    private Row find(long id, boolean lock) {
        Map<String, Object> p = new HashMap<>();
        p.put("lid", id);
        return jdbc.sql("select * from leader l where l.id = :lid and "
                        + dataScope.current().condition("l.region_code", p) + (lock ? " for update" : ""))
                .params(p)
                .query(this::row)
                .optional()
                .orElseThrow(() -> ApiException.notFound("leader.not-found", id));
    }

    private Row own(long id, int version) {
        recorder();
        Row r = find(id, true);
        if (!editable(r)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "leader.not-yours", List.of(), r.name());
        }
        if (r.version() != version) {
            throw ApiException.preconditionFailed("leader.stale", id);
        }
        if (r.toOn() != null) {
            throw ApiException.conflict("leader.left", r.name());
        }
        return r;
    }

    /** Each office records its own leaders and their visits. */
    private boolean editable(Row r) {
        return permissions.has(Permission.LEADER_VISIT)
                && actor.get().map(a -> r.region().equals(a.regionCode())).orElse(false);
    }

    private Actor recorder() {
        Actor me = actor.get()
                .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", "leader.forbidden", List.of()));
        if (!permissions.has(Permission.LEADER_VISIT) || me.regionCode() == null) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "leader.forbidden", List.of());
        }
        return me;
    }

    private static String prefix(Row r) {
        return r.region().substring(0, r.level().digits());
    }

    private Row row(ResultSet rs, int i) throws SQLException {
        String region = rs.getString("region_code");
        return new Row(
                rs.getLong("id"),
                region,
                regions.find(region).map(Region::level).orElse(RegionLevel.VILLAGE),
                rs.getString("name"),
                rs.getString("post"),
                rs.getObject("from_on", LocalDate.class),
                rs.getObject("to_on", LocalDate.class),
                rs.getInt("version"));
    }

    private Visit visit(ResultSet rs, int i) throws SQLException {
        String village = rs.getString("village_code");
        return new Visit(
                rs.getLong("id"),
                rs.getObject("visited_on", LocalDate.class),
                village,
                name(village),
                (Long) rs.getObject("household_id"),
                rs.getString("household_no"),
                rs.getString("problems"),
                (Long) rs.getObject("finding_id"),
                rs.getString("created_by"));
    }

    private void audit(long id, String region, String action, Map<String, ?> before, Map<String, ?> after) {
        events.publishEvent(new AuditableChange("leader", Long.toString(id), action, before, after, region));
    }

    private String name(String code) {
        return regions.find(code).map(Region::name).orElse(code);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
