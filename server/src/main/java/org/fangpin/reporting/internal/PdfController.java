package org.fangpin.reporting.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.fangpin.common.i18n.Messages;
import org.fangpin.registry.HouseholdView;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Printable documents: a household's file (一户一档) and a region's monthly summary (统计月报), as PDF. */
@RestController
@Tag(name = "documents", description = "打印文档：一户一档、统计月报（PDF，A4，内嵌中文字体）· Printable documents")
class PdfController {

    private final HouseholdFiles files;
    private final MonthlySummaries summaries;
    private final Messages messages;

    PdfController(HouseholdFiles files, MonthlySummaries summaries, Messages messages) {
        this.files = files;
        this.summaries = summaries;
        this.messages = messages;
    }

    @GetMapping("/api/v1/households/{id}/file.pdf")
    @Operation(
            operationId = "householdFile",
            summary = "一户一档（PDF）· A household's file: who it is, income, members (ID numbers masked), plan,"
                    + " measures, visits and history; audited")
    ResponseEntity<StreamingResponseBody> householdFile(@PathVariable long id) {
        HouseholdView h = files.household(id);
        return pdf(messages.get("pdf.household.title") + "-" + h.householdNo() + ".pdf", out -> files.write(h, out));
    }

    @GetMapping("/api/v1/statistics/summary.pdf")
    @Operation(
            operationId = "monthlySummary",
            summary = "统计月报（PDF）· A region's figures at a month's end with the month's changes, per child region")
    ResponseEntity<StreamingResponseBody> summary(
            @RequestParam(required = false) @Parameter(description = "区划代码（默认本人区域）· Region (default one's own)")
                    String region,
            @RequestParam(required = false) @Parameter(description = "月份，如 2026-11（默认本月）· Month (default this one)")
                    String month) {
        MonthlySummaries.Summary s = summaries.read(region, month);
        return pdf(s.fileName(messages.locale()), out -> summaries.write(s, out));
    }

    private static ResponseEntity<StreamingResponseBody> pdf(String name, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(name, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .contentType(MediaType.APPLICATION_PDF)
                .body(body);
    }
}
