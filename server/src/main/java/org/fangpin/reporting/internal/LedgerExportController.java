package org.fangpin.reporting.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.Downloads;
import org.fangpin.reporting.LedgerExports;
import org.fangpin.reporting.Ledgers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** 后台导出: a whole ledger written in the background, its progress, and its file once done — for its requester. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "ledgers")
class LedgerExportController {

    private final Ledgers ledgers;
    private final LedgerExports exports;
    private final Messages messages;

    LedgerExportController(Ledgers ledgers, LedgerExports exports, Messages messages) {
        this.ledgers = ledgers;
        this.exports = exports;
        this.messages = messages;
    }

    @PostMapping("/ledgers/{code}/export-jobs")
    @Operation(
            operationId = "startLedgerExport",
            summary = "后台导出台账 · Starts writing a whole ledger as XLSX or CSV in the background (checked and audited"
                    + " now); poll the job, then download its file")
    ResponseEntity<LedgerExports.Job> start(
            @PathVariable String code,
            @RequestParam(defaultValue = "xlsx") @Parameter(description = "xlsx 或 csv") String format,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam @Parameter(hidden = true) Map<String, String> params) {
        LedgerExports.Job job = exports.start(
                code,
                LedgerController.request(ledgers.find(code), region, from, to, params),
                LedgerController.format(format, messages));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(job);
    }

    @GetMapping("/export-jobs")
    @Operation(
            operationId = "listLedgerExports",
            summary = "我的后台导出 · One's background exports of the last 7 days, newest first")
    List<LedgerExports.Job> mine() {
        return exports.mine();
    }

    @GetMapping("/export-jobs/{id}")
    @Operation(operationId = "getLedgerExport", summary = "后台导出进度 · How far one's background export has come")
    LedgerExports.Job job(@PathVariable UUID id) {
        return exports.job(id);
    }

    @GetMapping("/export-jobs/{id}/file")
    @Operation(
            operationId = "downloadLedgerExport",
            summary = "下载后台导出的文件 · The file of one's finished export (409 while it is written)")
    ResponseEntity<StreamingResponseBody> file(@PathVariable UUID id) {
        LedgerExports.File f = exports.file(id);
        return Downloads.attachment(f.name(), MediaType.parseMediaType(f.contentType()))
                .contentLength(f.size())
                .body(out -> Files.copy(f.path(), out));
    }
}
