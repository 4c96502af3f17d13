package org.fangpin.reporting.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.Downloads;
import org.fangpin.reporting.Reports;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 上报报表: the monthly reports of one's region — listed, downloaded, generated or corrected with progress. */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "reports", description = "上报报表：县、乡统计月报（PDF 与 XLSX），每月1日生成，更正为新版本 · Monthly reports")
class ReportController {

    private final Reports reports;
    private final Messages messages;
    private final Clock clock;

    ReportController(Reports reports, Messages messages, Clock clock) {
        this.reports = reports;
        this.messages = messages;
        this.clock = clock;
    }

    /** What to generate: the month, the region (default one's own), and for a correction its reason. */
    record ReportRunRequest(String month, String region, String reason) {}

    @GetMapping
    @Operation(operationId = "listReports", summary = "月报列表 · A month's reports of a region and below, every version")
    List<Reports.MonthlyReport> list(
            @RequestParam(required = false) @Parameter(description = "区划代码（默认本人区域）· Region") String region,
            @RequestParam(required = false) @Parameter(description = "月份，如 2026-11（默认上月）· Month (default last)")
                    String month) {
        return reports.list(region, month(month, messages, clock));
    }

    @GetMapping("/pdf/{id}")
    @Operation(operationId = "reportPdf", summary = "月报 PDF · A report as PDF")
    ResponseEntity<byte[]> pdf(@PathVariable long id) {
        return file(reports.file(id, true));
    }

    @GetMapping("/xlsx/{id}")
    @Operation(operationId = "reportXlsx", summary = "月报 XLSX · A report as XLSX")
    ResponseEntity<byte[]> xlsx(@PathVariable long id) {
        return file(reports.file(id, false));
    }

    @PostMapping("/runs")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "generateReports",
            summary = "生成月报 · Generate the month's reports of the region's counties and townships that have none;"
                    + " with a reason, a corrected version of each. Runs in the background: poll the run")
    Reports.ReportRun start(@RequestBody ReportRunRequest body) {
        return reports.start(body.region(), month(body.month(), messages, clock), body.reason());
    }

    @GetMapping("/runs")
    @Operation(operationId = "listReportRuns", summary = "生成记录 · The latest generations one may see")
    List<Reports.ReportRun> runs() {
        return reports.runs(10);
    }

    @GetMapping("/runs/{id}")
    @Operation(operationId = "getReportRun", summary = "生成进度 · How far a generation has come")
    Reports.ReportRun run(@PathVariable UUID id) {
        return reports.run(id);
    }

    /** {@code 2026-11}; none: last month. 400 when not a month. */
    static YearMonth month(String text, Messages messages, Clock clock) {
        if (text == null || text.isBlank()) {
            return YearMonth.from(LocalDate.now(clock)).minusMonths(1);
        }
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("month", messages.get("report.error.month"));
        }
    }

    private static ResponseEntity<byte[]> file(Reports.ReportFile f) {
        return Downloads.attachment(f.name(), MediaType.parseMediaType(f.contentType()))
                .body(f.bytes());
    }
}
