package org.fangpin.project;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fangpin.common.problem.ApiException;
import org.fangpin.project.Funds.CountyYear;
import org.fangpin.project.Funds.SourceYear;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A county's money of a year, as {@link Funds#summary} reports it: per county of the caller's reach and per source,
 * what was received (allocations issued by the day), assigned to projects (lines recorded by the day) and disbursed
 * (payments and reversals paid by the day), with 支出进度 (disbursed ÷ received) beside 序时进度 (the share of the year
 * gone on the day), both in per cent.
 */
@Component
class FundYears {

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Clock clock;

    FundYears(JdbcClient jdbc, DataScope dataScope, RegionDirectory regions, Clock clock) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.clock = clock;
    }

    /**
     * Each county of a region in the caller's reach (none: the whole reach) with allocations in a year, on a day
     * (none: today; 序时进度 is the share of the year gone then — the whole year for a year past).
     */
    List<CountyYear> summary(String region, int year, LocalDate asOf) {
        LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
        Map<String, Object> p = new HashMap<>();
        String where = where(region, p, "a.county_code");
        p.put("year", year);
        Map<String, Map<FundSource, BigDecimal[]>> rows = new TreeMap<>();
        jdbc.sql("""
                        select a.county_code, a.source, sum(a.amount) as received,
                               coalesce(sum((select sum(l.amount) from funding_line l where l.allocation_id = a.id
                                             and l.recorded_at < cast(:day as date) + 1)), 0)
                                   as assigned,
                               coalesce(sum((select sum(d.amount) from funding_line l
                                             join disbursement d on d.line_id = l.id
                                             where l.allocation_id = a.id and d.paid_on <= :day)), 0) as disbursed
                        from fund_allocation a
                        where a.year = :year and a.issued_on <= :day""" + " and " + where + " group by 1, 2")
                .params(p)
                .param("day", day)
                .query((ResultSet rs) -> {
                    rows.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(
                                    FundSource.valueOf(rs.getString(2)),
                                    new BigDecimal[] {rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5)});
                });
        Map<String, String> names = regions.names(rows.keySet());
        BigDecimal schedule = schedule(year, day);
        List<CountyYear> out = new ArrayList<>();
        rows.forEach((county, bySource) -> {
            BigDecimal received = BigDecimal.ZERO;
            BigDecimal assigned = BigDecimal.ZERO;
            BigDecimal disbursed = BigDecimal.ZERO;
            Map<FundSource, SourceYear> sources = new LinkedHashMap<>();
            for (Map.Entry<FundSource, BigDecimal[]> e : bySource.entrySet()) {
                BigDecimal[] v = e.getValue();
                received = received.add(v[0]);
                assigned = assigned.add(v[1]);
                disbursed = disbursed.add(v[2]);
                sources.put(e.getKey(), new SourceYear(v[0], v[1], v[2]));
            }
            out.add(new CountyYear(
                    county,
                    names.getOrDefault(county, county),
                    year,
                    received,
                    assigned,
                    disbursed,
                    received.subtract(assigned),
                    received.subtract(disbursed),
                    percent(disbursed, received),
                    schedule,
                    sources));
        });
        return out;
    }

    /** 序时进度 on a day of a year: the share of the year gone, in per cent (0 before it, 100 after it). */
    static BigDecimal schedule(int year, LocalDate day) {
        if (day.getYear() < year) {
            return BigDecimal.ZERO.setScale(1);
        }
        if (day.getYear() > year) {
            return BigDecimal.valueOf(100).setScale(1);
        }
        return BigDecimal.valueOf(day.getDayOfYear() * 100L)
                .divide(BigDecimal.valueOf(day.lengthOfYear()), 1, RoundingMode.HALF_UP);
    }

    /** A part of a whole in per cent, one decimal (0 of nothing). */
    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0
                ? BigDecimal.ZERO.setScale(1)
                : part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
    }

    /** The condition on a county column for a region of the caller's reach (none: the whole reach; 404 otherwise). */
    private String where(String region, Map<String, Object> p, String column) {
        if (region == null || region.isBlank()) {
            return dataScope.current().condition(column, p);
        }
        Region r = regions.find(region).orElse(null);
        RegionCode.CodeRange range =
                r == null ? null : dataScope.current().within(r).orElse(null);
        if (range == null) {
            throw ApiException.notFound("project.region", region);
        }
        p.put("low", range.low());
        p.put("high", range.high());
        return column + " between :low and :high";
    }
}
