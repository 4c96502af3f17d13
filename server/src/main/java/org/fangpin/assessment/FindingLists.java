package org.fangpin.assessment;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Findings many at a time, in the caller's reach: a page of them with counts per state, every one for the 整改台账,
 * the tally per sub-region, and what waits for the caller ({@link Findings} does the work on one).
 */
@Service
public class FindingLists {

    /**
     * What to list: a region within the caller's reach (none: all of it), a state, only overdue ones, only those
     * still with the region (待整改 or 整改中).
     */
    public record FindingQuery(
            String region, FindingState state, boolean overdueOnly, boolean openOnly, int offset, int limit) {

        public FindingQuery(String region, FindingState state, boolean overdueOnly, int offset, int limit) {
            this(region, state, overdueOnly, false, offset, limit);
        }
    }

    /** How many findings stand in each state, and how many of them are overdue, in the caller's reach. */
    public record FindingCounts(Map<FindingState, Long> byState, long overdue) {}

    /** A page of findings: the most overdue first, then the newest. */
    public record FindingPage(List<Findings.Finding> items, long total, int offset, FindingCounts counts) {}

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final FindingRows rows;
    private final Actor.Current actor;
    private final Clock clock;

    FindingLists(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            FindingRows rows,
            Actor.Current actor,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.rows = rows;
        this.actor = actor;
        this.clock = clock;
    }

    /** Findings of the caller's reach: the overdue first (the longest overdue first), then the newest. */
    @Transactional(readOnly = true)
    public FindingPage list(FindingQuery q) {
        Map<String, Object> p = new HashMap<>();
        StringBuilder where = where(q.region(), p);
        p.put("today", LocalDate.now(clock));
        Map<FindingState, Long> byState = new LinkedHashMap<>();
        for (FindingState s : FindingState.values()) {
            byState.put(s, 0L);
        }
        long[] overdue = {0};
        jdbc.sql("select state, count(*), count(*) filter (where " + FindingRows.OVERDUE + ") from finding where "
                        + where + " group by state")
                .params(p)
                .query((ResultSet rs) -> {
                    byState.put(FindingState.valueOf(rs.getString(1)), rs.getLong(2));
                    overdue[0] += rs.getLong(3);
                });
        if (q.state() != null) {
            where.append(" and state = :state");
            p.put("state", q.state().name());
        }
        if (q.overdueOnly()) {
            where.append(" and ").append(FindingRows.OVERDUE);
        }
        if (q.openOnly()) {
            where.append(" and state in ('TO_RECTIFY', 'RECTIFYING')");
        }
        long total = jdbc.sql("select count(*) from finding where " + where)
                .params(p)
                .query(Long.class)
                .single();
        p.put("offset", Math.max(0, q.offset()));
        p.put("limit", Math.max(1, Math.min(q.limit(), 500)));
        List<Findings.Finding> items = jdbc.sql("select * from finding where " + where + " order by case when "
                        + FindingRows.OVERDUE + " then deadline end nulls last, id desc offset :offset limit :limit")
                .params(p)
                .query(rows::finding)
                .list();
        return new FindingPage(
                rows.named(items), total, Math.max(0, q.offset()), new FindingCounts(byState, overdue[0]));
    }

    /**
     * What waits for the caller in 整改: findings its region answers for that are still to rectify (and how many of
     * them overdue), and requests to close findings its own region issued.
     */
    public record Waiting(long toRectify, long overdue, long toSignOff) {

        public boolean any() {
            return toRectify + toSignOff > 0;
        }
    }

    /** What waits for the caller in 整改 (nothing for a caller without a region). */
    @Transactional(readOnly = true)
    public Waiting waiting() {
        Optional<Actor> me = actor.get().filter(a -> a.regionCode() != null);
        if (me.isEmpty()) {
            return new Waiting(0, 0, 0);
        }
        Map<String, Object> p = new HashMap<>();
        String inScope = dataScope.current().condition("region_code", p);
        String[] w = waitingConditions(me.get(), p);
        return jdbc.sql("select count(*) filter (where " + w[0] + "), count(*) filter (where " + w[0] + " and "
                        + FindingRows.OVERDUE + "), count(*) filter (where " + w[1] + ") from finding where " + inScope)
                .params(p)
                .query((rs, i) -> new Waiting(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }

    /** Which of {@link #waiting}'s findings a page lists. */
    public enum WaitingFor {
        /** 待整改 or 整改中, issued to the caller's reach from above. */
        RECTIFY,
        /** 申请销号, issued by the caller's own region. */
        SIGN_OFF
    }

    /**
     * A page of the findings waiting for the caller (the deadline nearest or longest past first, then the oldest),
     * with how many there are; empty for a caller without a region.
     */
    @Transactional(readOnly = true)
    public FindingPage waitingPage(WaitingFor kind, int offset, int limit) {
        Optional<Actor> me = actor.get().filter(a -> a.regionCode() != null);
        if (me.isEmpty()) {
            return new FindingPage(List.of(), 0, offset, new FindingCounts(Map.of(), 0));
        }
        Map<String, Object> p = new HashMap<>();
        String where = dataScope.current().condition("region_code", p) + " and "
                + waitingConditions(me.get(), p)[kind.ordinal()];
        long total = jdbc.sql("select count(*) from finding where " + where)
                .params(p)
                .query(Long.class)
                .single();
        p.put("offset", Math.max(0, offset));
        p.put("limit", Math.max(1, Math.min(limit, 500)));
        List<Findings.Finding> items = jdbc.sql("select * from finding where " + where
                        + " order by deadline nulls last, id offset :offset limit :limit")
                .params(p)
                .query(rows::finding)
                .list();
        return new FindingPage(rows.named(items), total, Math.max(0, offset), new FindingCounts(Map.of(), 0));
    }

    /**
     * What a finding waiting for the caller meets: to rectify — still with the region, in the caller's reach, not
     * issued at or below the caller's own level; to sign off — its close requested, issued by the caller's region.
     */
    private String[] waitingConditions(Actor me, Map<String, Object> p) {
        String notIssuedHere = dataScope.current().condition("issuer_region", p);
        p.put("today", LocalDate.now(clock));
        p.put("mine", me.regionCode());
        return new String[] {
            "(state in ('TO_RECTIFY', 'RECTIFYING') and not (" + notIssuedHere + "))",
            "(state = 'CLOSE_REQUESTED' and issuer_region = :mine)"
        };
    }

    /** A sub-region's findings: how many stand in each state (in {@link FindingState} order), how many are overdue. */
    public record RegionTally(String region, String name, long[] byState, long overdue) {}

    /**
     * The findings of the caller's reach per region one level below the caller's own (the whole tree: per
     * province), sub-regions without findings left out: where the open work lies.
     */
    @Transactional(readOnly = true)
    public List<RegionTally> bySubRegion() {
        Map<String, Object> p = new HashMap<>();
        String where = dataScope.current().condition("region_code", p);
        int digits = dataScope
                .current()
                .home()
                .filter(h -> h.level() != RegionLevel.VILLAGE)
                .map(h -> RegionLevel.of(h.level().number() + 1).digits())
                .orElse(RegionLevel.PROVINCE.digits());
        p.put("digits", digits);
        p.put("today", LocalDate.now(clock));
        Map<String, long[]> rows = new LinkedHashMap<>();
        jdbc.sql("select rpad(substr(region_code, 1, :digits), 12, '0') as sub, state, count(*),"
                        + " count(*) filter (where " + FindingRows.OVERDUE + ") from finding where " + where
                        + " group by 1, 2 order by 1")
                .params(p)
                .query((ResultSet rs) -> {
                    long[] v = rows.computeIfAbsent(rs.getString(1), k -> new long[FindingState.values().length + 1]);
                    v[FindingState.valueOf(rs.getString(2)).ordinal()] += rs.getLong(3);
                    v[FindingState.values().length] += rs.getLong(4);
                });
        Map<String, String> names = regions.names(rows.keySet());
        List<RegionTally> out = new ArrayList<>();
        rows.forEach((code, v) -> out.add(new RegionTally(
                code,
                names.getOrDefault(code, code),
                Arrays.copyOf(v, FindingState.values().length),
                v[FindingState.values().length])));
        return out;
    }

    /** Every finding of the caller's reach, or of one region in it (a 整改台账), in the order issued. */
    @Transactional(readOnly = true)
    public List<Findings.Finding> all(String region) {
        Map<String, Object> p = new HashMap<>();
        StringBuilder where = where(region, p);
        return rows.named(jdbc.sql("select * from finding where " + where + " order by id")
                .params(p)
                .query(rows::finding)
                .list());
    }

    /**
     * The findings a 督查通报 reports: those of the caller's reach (or of one region in it) issued between two days,
     * from one source or all, in the order issued.
     */
    @Transactional(readOnly = true)
    public List<Findings.Finding> issued(String region, FindingSource source, LocalDate from, LocalDate to) {
        Map<String, Object> p = new HashMap<>();
        StringBuilder where = where(region, p);
        where.append(" and issued_on between :from and :to");
        p.put("from", from);
        p.put("to", to);
        if (source != null) {
            where.append(" and source = :source");
            p.put("source", source.name());
        }
        return rows.named(jdbc.sql("select * from finding where " + where + " order by id")
                .params(p)
                .query(rows::finding)
                .list());
    }

    /** The caller's reach, narrowed to a region in it when one is named (404 for a region that does not exist). */
    private StringBuilder where(String region, Map<String, Object> p) {
        StringBuilder where = new StringBuilder(dataScope.current().condition("region_code", p));
        if (region != null && !region.isBlank()) {
            Region r =
                    regions.find(region).orElseThrow(() -> ApiException.notFound("assessment.sample.region", region));
            where.append(" and region_code between :rlo and :rhi");
            p.put("rlo", r.subtree().low());
            p.put("rhi", r.subtree().high());
        }
        return where;
    }
}
