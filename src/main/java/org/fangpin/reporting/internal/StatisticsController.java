package org.fangpin.reporting.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.reporting.Activity;
import org.fangpin.reporting.Period;
import org.fangpin.reporting.Statistics;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 统计: the figures of the statistics pages as an API, for upper-level platforms and offices' own tools. */
@RestController
@RequestMapping("/api/v1/statistics")
@Tag(name = "statistics", description = "统计：本区域农户与人口、监测状态变化、趋势 · Statistics of the caller's region")
class StatisticsController {

    private final Statistics statistics;
    private final Snapshots snapshots;

    private final Clock clock;

    StatisticsController(Statistics statistics, Snapshots snapshots, Clock clock) {
        this.statistics = statistics;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @GetMapping("/households")
    @Operation(
            operationId = "householdStatistics",
            summary = "农户与人口统计 · Households and persons by identity, monitoring state and one more dimension,"
                    + " per child region, as of a day (a past day from its frozen snapshot)")
    Statistics.Stock households(
            @RequestParam(required = false) @Parameter(description = "区划代码（默认本人区域）· Region (default one's own)")
                    String region,
            @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    @Parameter(description = "统计日期（默认今天）· The day (default today)")
                    LocalDate asOf,
            @RequestParam(required = false) @Parameter(description = "分组维度（默认监测类别）· The dimension (default CATEGORY)")
                    Dimension by) {
        return statistics.stock(region, asOf, by);
    }

    @GetMapping("/changes")
    @Operation(
            operationId = "monitoringChanges",
            summary = "监测对象增减 · Households included, re-included, eliminated or withdrawn in a month, quarter or"
                    + " year, per child region; each household once per kind of change")
    Statistics.Changes changes(
            @RequestParam(required = false) @Parameter(description = "区划代码（默认本人区域）· Region (default one's own)")
                    String region,
            @RequestParam(required = false)
                    @Parameter(
                            description = "统计期：2026-11、2026-Q4 或 2026（默认本月）· 2026-11, 2026-Q4 or 2026 (default"
                                    + " this month)")
                    String period) {
        return statistics.changes(region, Period.of(period, LocalDate.now(clock)));
    }

    @GetMapping("/activity")
    @Operation(
            operationId = "alertAndCaseActivity",
            summary = "预警与案件办理 · Alerts raised, verified, confirmed, dismissed and handed over, and cases opened,"
                    + " decided in time or late and overdue, in a month, quarter or year, per child region")
    Activity activity(
            @RequestParam(required = false) @Parameter(description = "区划代码（默认本人区域）· Region (default one's own)")
                    String region,
            @RequestParam(required = false)
                    @Parameter(
                            description = "统计期：2026-11、2026-Q4 或 2026（默认本月）· 2026-11, 2026-Q4 or 2026 (default"
                                    + " this month)")
                    String period) {
        return statistics.activity(region, Period.of(period, LocalDate.now(clock)));
    }

    @GetMapping("/trend")
    @Operation(
            operationId = "monitoringTrend",
            summary = "监测趋势 · Households by monitoring state and by income against the monitoring line at each"
                    + " month's end, then today")
    List<Statistics.TrendPoint> trend(
            @RequestParam(required = false) String region, @RequestParam(defaultValue = "12") int months) {
        return statistics.trend(region, months);
    }

    @GetMapping("/snapshots")
    @Operation(
            operationId = "listStatisticsSnapshots",
            summary = "统计快照 · The frozen snapshots (month ends, and the last week's nightly closes), newest first")
    List<Snapshots.Snapshot> snapshots(@RequestParam(defaultValue = "24") int limit) {
        return snapshots.list(limit);
    }
}
