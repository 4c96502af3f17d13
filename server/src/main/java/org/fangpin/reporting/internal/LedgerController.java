package org.fangpin.reporting.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.Downloads;
import org.fangpin.reporting.Ledger;
import org.fangpin.reporting.LedgerColumn;
import org.fangpin.reporting.Ledgers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** 台账: the standard ledgers as an API — what each holds, a page of one, and a whole one as XLSX or CSV. */
@RestController
@RequestMapping("/api/v1/ledgers")
@Tag(
        name = "ledgers",
        description = "台账：农户、人口、监测对象、风险消除、帮扶措施、走访、危房改造、饮水安全、控辍保学、三留守、预警处置 · The" + " eleven standard ledgers")
class LedgerController {

    private final Ledgers ledgers;
    private final Messages messages;

    LedgerController(Ledgers ledgers, Messages messages) {
        this.ledgers = ledgers;
        this.messages = messages;
    }

    /** A ledger as the API describes it. */
    record LedgerInfo(
            String code,
            String name,
            String note,
            String unit,
            String dateColumn,
            List<LedgerColumnInfo> columns,
            List<LedgerFilterInfo> filters) {}

    /** A column: its key in each row's values, its header, its kind, whether the totals sum it. */
    record LedgerColumnInfo(String key, String name, LedgerColumn.Kind kind, boolean total) {}

    /** A filter: its query parameter and the codes it takes. */
    record LedgerFilterInfo(String key, String name, List<LedgerOptionInfo> options) {}

    record LedgerOptionInfo(String code, String name) {}

    /** A page: the rows' values by column key (labels in the caller's language, ID numbers masked). */
    record LedgerPage(
            String ledger,
            String region,
            String regionName,
            LocalDate asOf,
            LocalDate from,
            LocalDate to,
            Map<String, String> filters,
            long total,
            Map<String, BigDecimal> totals,
            int page,
            int size,
            List<LedgerRow> rows) {}

    record LedgerRow(long householdId, Map<String, Object> values) {}

    @GetMapping
    @Operation(operationId = "listLedgers", summary = "台账目录 · The standard ledgers: columns and filters")
    List<LedgerInfo> list() {
        return ledgers.list().stream().map(this::info).toList();
    }

    @GetMapping("/{code}")
    @Operation(
            operationId = "getLedger",
            summary = "台账（分页，含合计）· A page of a ledger over a region, with the count and totals of all its rows;"
                    + " the ledger's filters are further query parameters by key (see listLedgers)")
    LedgerPage page(
            @PathVariable String code,
            @RequestParam(required = false) @Parameter(description = "区划代码（默认本人区域）· Region (default one's own)")
                    String region,
            @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    @Parameter(description = "起始日期（含）· First day of the span on the ledger's date column")
                    LocalDate from,
            @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    @Parameter(description = "截止日期（含）· Last day of the span")
                    LocalDate to,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam @Parameter(hidden = true) Map<String, String> params) {
        Ledger ledger = ledgers.find(code);
        Ledgers.Page p = ledgers.page(code, request(ledger, region, from, to, params), page, size);
        List<LedgerColumn> columns = ledger.columns();
        return new LedgerPage(
                ledger.code(),
                p.region().code(),
                p.region().name(),
                p.asOf(),
                p.from(),
                p.to(),
                p.filters(),
                p.total(),
                p.totals(),
                p.page(),
                p.size(),
                p.rows().stream()
                        .map(r -> {
                            Map<String, Object> values = new LinkedHashMap<>();
                            for (int i = 0; i < columns.size(); i++) {
                                values.put(columns.get(i).key(), r.values().get(i));
                            }
                            return new LedgerRow(r.householdId(), values);
                        })
                        .toList());
    }

    @GetMapping("/{code}/export")
    @Operation(
            operationId = "exportLedger",
            summary = "导出台账（XLSX 含标题、表头和合计行；CSV 供程序读取）· A whole ledger as XLSX (title, frozen header,"
                    + " totals) or CSV, streamed; audited")
    ResponseEntity<StreamingResponseBody> export(
            @PathVariable String code,
            @RequestParam(defaultValue = "xlsx") @Parameter(description = "xlsx 或 csv") String format,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam @Parameter(hidden = true) Map<String, String> params) {
        Ledger ledger = ledgers.find(code);
        Ledgers.Format f = format(format, messages);
        Ledgers.Export e = ledgers.export(code, request(ledger, region, from, to, params), f);
        return Downloads.attachment(e.fileName(), MediaType.parseMediaType(f.contentType()))
                .body(e::writeTo);
    }

    static Ledgers.Format format(String format, Messages messages) {
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "xlsx" -> Ledgers.Format.XLSX;
            case "csv" -> Ledgers.Format.CSV;
            default -> throw ApiException.invalid("format", messages.get("ledger.error.format", format));
        };
    }

    /** The request, with the ledger's filters picked from the query parameters. */
    static Ledgers.Request request(
            Ledger ledger, String region, LocalDate from, LocalDate to, Map<String, String> params) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (Ledger.Filter f : ledger.filters()) {
            String v = params.get(f.key());
            if (v != null && !v.isBlank()) {
                filters.put(f.key(), v);
            }
        }
        return new Ledgers.Request(region == null || region.isBlank() ? null : region.strip(), from, to, filters);
    }

    private LedgerInfo info(Ledger l) {
        Locale locale = messages.locale();
        return new LedgerInfo(
                l.code(),
                l.label(locale),
                l.note(locale),
                l.unit().label(locale),
                l.dateColumn(),
                l.columns().stream()
                        .map(c -> new LedgerColumnInfo(c.key(), c.label(locale), c.kind(), c.total()))
                        .toList(),
                l.filters().stream()
                        .map(f -> new LedgerFilterInfo(
                                f.key(),
                                f.label(locale),
                                f.options().stream()
                                        .map(o -> new LedgerOptionInfo(o.code(), o.label(locale)))
                                        .toList()))
                        .toList());
    }
}
