package org.fangpin.feed.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.CsvCells;
import org.fangpin.common.importing.ImportResponses;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.feed.FeedBatch;
import org.fangpin.feed.FeedBatches;
import org.fangpin.feed.FeedColumn;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/feeds")
@Tag(name = "Department feeds 部门数据")
class FeedController {

    private final FeedIntake intake;
    private final FeedBatches batches;
    private final Messages messages;
    private final Path workDir;

    FeedController(
            FeedIntake intake,
            FeedBatches batches,
            Messages messages,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir) {
        this.intake = intake;
        this.batches = batches;
        this.messages = messages;
        this.workDir = workDir;
    }

    /** A feed's schema as published to departments. */
    record Schema(
            String type,
            String name,
            String nameEn,
            String department,
            String subject,
            int schemaVersion,
            List<Column> columns) {}

    record Column(String header, String field, String kind, boolean required, List<FeedColumn.Choice> choices) {}

    @GetMapping("/types")
    @Operation(summary = "Every feed type with its versioned schema (columns, kinds, required, allowed values)")
    List<Schema> types() {
        return java.util.Arrays.stream(FeedType.values())
                .map(FeedController::schema)
                .toList();
    }

    private static Schema schema(FeedType t) {
        return new Schema(
                t.name(),
                t.zh(),
                t.en(),
                t.department().name(),
                t.subject().name(),
                t.schemaVersion(),
                t.columns().stream()
                        .map(c -> new Column(c.header(), c.jsonName(), c.kind().name(), t.required(c), c.choices()))
                        .toList());
    }

    @GetMapping("/types/{type}/template")
    @Operation(summary = "The import template of a feed (csv or xlsx), Chinese headers")
    ResponseEntity<StreamingResponseBody> template(
            @PathVariable String type, @RequestParam(defaultValue = "xlsx") String format) {
        FeedType t = type(type);
        List<String> headers = t.columns().stream().map(FeedColumn::header).toList();
        boolean xlsx = "xlsx".equalsIgnoreCase(format);
        String name =
                "feed-" + t.name().toLowerCase(Locale.ROOT) + "-v" + t.schemaVersion() + (xlsx ? ".xlsx" : ".csv");
        StreamingResponseBody body = out -> {
            if (xlsx) {
                Workbook wb = new Workbook(out, "Fangpin", "1.0");
                Worksheet ws = wb.newWorksheet(t.zh());
                for (int i = 0; i < headers.size(); i++) {
                    ws.value(0, i, headers.get(i));
                    ws.width(i, 16);
                }
                wb.finish();
            } else {
                var w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                w.write('\uFEFF');
                CsvCells.Printer p = CsvCells.printer(w);
                p.printRecord(headers);
                p.flush();
            }
        };
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .contentType(
                        xlsx
                                ? MediaType.parseMediaType(
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                                : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    @PostMapping(value = "/{type}/batches", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Send a batch as a file (CSV/XLSX in the template); all-or-nothing, idempotent per batchId")
    ResponseEntity<?> upload(
            @PathVariable String type,
            @RequestPart("file") MultipartFile file,
            @RequestParam String batchId,
            @RequestParam String period,
            @RequestParam(required = false) String department,
            Locale locale)
            throws IOException {
        FeedType t = type(type);
        Path saved = RequestSupport.save(file, workDir);
        try {
            return respond(intake.receiveFile(
                    t, header(batchId, period, department), saved, RequestSupport.originalName(file), locale));
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    /** A JSON batch: its id, period, optional department and the rows (fields as in {@code GET /types}). */
    record JsonBatch(String batchId, String period, String department, List<Map<String, Object>> rows) {}

    @PostMapping(value = "/{type}/batches", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Push a batch as JSON rows; same checks, matching and idempotency as a file")
    ResponseEntity<?> push(@PathVariable String type, @RequestBody JsonBatch batch, Locale locale) {
        FeedType t = type(type);
        List<Map<String, Object>> rows = batch.rows() == null ? List.of() : batch.rows();
        return respond(
                intake.receiveRows(t, header(batch.batchId(), batch.period(), batch.department()), rows, locale));
    }

    private ResponseEntity<?> respond(FeedIntake.Result r) {
        if (!r.report().applied() || r.batch().isEmpty()) {
            return ImportResponses.of(r.report(), messages);
        }
        Map<String, Object> body =
                Map.of("batch", r.batch().get(), "alreadyReceived", r.alreadyReceived(), "report", r.report());
        return ResponseEntity.status(r.alreadyReceived() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(body);
    }

    @GetMapping("/batches")
    @Operation(summary = "Batches the caller may see (a department: its own), newest first")
    List<FeedBatch> list(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "100") int limit) {
        return batches.list(
                Optional.ofNullable(type).map(this::type),
                Optional.ofNullable(period).map(this::period),
                limit);
    }

    @GetMapping("/batches/{id}")
    FeedBatch get(@PathVariable UUID id) {
        return batches.get(id);
    }

    @GetMapping(value = "/batches/{id}/feedback.csv", produces = "text/csv")
    @Operation(summary = "Data-quality feedback of a batch: every unmatched row (masked) with its reason")
    ResponseEntity<Resource> feedback(@PathVariable UUID id) {
        Path file = batches.feedback(id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"feed-" + id + "-feedback.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(new FileSystemResource(file));
    }

    private FeedIntake.BatchHeader header(String batchId, String period, String department) {
        Optional<Department> dept = Optional.ofNullable(department)
                .filter(d -> !d.isBlank())
                .map(d -> Labelled.parse(Department.class, d)
                        .orElseThrow(() -> ApiException.invalid(
                                "department",
                                messages.get(
                                        "import.error.choice",
                                        String.join(
                                                "/",
                                                java.util.Arrays.stream(Department.values())
                                                        .map(Enum::name)
                                                        .toList())))));
        return new FeedIntake.BatchHeader(batchId, period == null ? null : period(period), dept);
    }

    private YearMonth period(String text) {
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("period", messages.get("feed.error.period"));
        }
    }

    private FeedType type(String text) {
        try {
            return FeedType.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("feed.error.type", text);
        }
    }
}
