package org.fangpin.reporting.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.casework.CaseKind;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.registry.RegistryFigures.MonitoringChange;
import org.fangpin.reporting.Activity;
import org.fangpin.reporting.Activity.AlertFigure;
import org.fangpin.reporting.Activity.CaseFigure;
import org.fangpin.reporting.Period;
import org.fangpin.reporting.Statistics;
import org.fangpin.reporting.StatisticsLists;
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
    private final StatisticsLists lists;
    private final Snapshots snapshots;

    private final Clock clock;

    StatisticsController(Statistics statistics, StatisticsLists lists, Snapshots snapshots, Clock clock) {
        this.statistics = statistics;
        this.lists = lists;
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

    @GetMapping("/households/list")
    @Operation(
            operationId = "householdsBehindStatistics",
            summary = "统计明细：户 · The households behind a figure of householdStatistics (as of its day; of an identity,"
                    + " a state, a dimension's key), a page at a time; total and persons are the figure's")
    StatisticsLists.FigureHouseholds householdsBehind(
            @RequestParam(required = false) @Parameter(description = "区划代码（默认本人区域）· Region (default one's own)")
                    String region,
            @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    @Parameter(description = "统计日期（默认今天）· The day (default today)")
                    LocalDate asOf,
            @RequestParam(required = false) @Parameter(description = "分组维度 · The dimension of the key") Dimension by,
            @RequestParam(required = false)
                    @Parameter(description = "维度取值（空串：未填报或非监测对象）· The dimension's value (empty: none)")
                    String key,
            @RequestParam(required = false) HouseholdIdentity identity,
            @RequestParam(required = false) MonitoringState state,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return lists.stock(region, asOf, by, key, identity, state, offset, limit);
    }

    @GetMapping("/changes/households")
    @Operation(
            operationId = "householdsBehindChanges",
            summary = "统计明细：增减户 · The households behind a figure of monitoringChanges, each once; row: a child"
                    + " region of the table; after: of those eliminated, how long their risk had lasted")
    StatisticsLists.FigureHouseholds changesBehind(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String period,
            @RequestParam MonitoringChange change,
            @RequestParam(required = false) String row,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return lists.changes(region, Period.of(period, LocalDate.now(clock)), change, row, after, offset, limit);
    }

    @GetMapping("/activity/alerts")
    @Operation(
            operationId = "alertsBehindActivity",
            summary = "统计明细：预警 · The alerts behind a figure of alertAndCaseActivity, the newest first")
    StatisticsLists.FigureEntries alertsBehind(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String period,
            @RequestParam AlertFigure figure,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return lists.alerts(region, Period.of(period, LocalDate.now(clock)), figure, offset, limit);
    }

    @GetMapping("/activity/cases")
    @Operation(
            operationId = "casesBehindActivity",
            summary = "统计明细：案件 · The cases behind a figure of alertAndCaseActivity, of one kind or both")
    StatisticsLists.FigureEntries casesBehind(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) CaseKind kind,
            @RequestParam CaseFigure figure,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        return lists.cases(region, Period.of(period, LocalDate.now(clock)), kind, figure, offset, limit);
    }

    @GetMapping("/snapshots")
    @Operation(
            operationId = "listStatisticsSnapshots",
            summary = "统计快照 · The frozen snapshots (month ends, and the last week's nightly closes), newest first")
    List<Snapshots.Snapshot> snapshots(@RequestParam(defaultValue = "24") int limit) {
        return snapshots.list(limit);
    }
}
