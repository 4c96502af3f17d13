package org.fangpin.feed.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.CsvCells;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.ImportResponses;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.feed.FeedBatch;
import org.fangpin.feed.FeedBatches;
import org.fangpin.feed.FeedColumn;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
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
@Tag(name = "feeds", description = "部门数据：数据类型、模板、批次报送和质量反馈 · Department feeds: types, templates, batches and feedback")
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
    record FeedSchema(
            String type,
            String name,
            String nameEn,
            String department,
            String subject,
            int schemaVersion,
            List<Column> columns) {}

    record Column(String header, String field, String kind, boolean required, List<FeedColumn.Choice> choices) {}

    @GetMapping("/types")
    @Operation(
            operationId = "listFeedTypes",
            summary = "部门数据类型 · Every feed type with its versioned schema (columns, kinds, required, allowed values)")
    List<FeedSchema> types() {
        return Arrays.stream(FeedType.values()).map(FeedController::schema).toList();
    }

    private static FeedSchema schema(FeedType t) {
        return new FeedSchema(
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
    @Operation(
            operationId = "downloadFeedTemplate",
            summary = "部门数据模板 · The import template of a feed (csv or xlsx), Chinese headers")
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
                var w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                w.write('\uFEFF');
                CsvCells.Printer p = CsvCells.printer(w);
                p.printRecord(headers);
                p.flush();
            }
        };
        return Downloads.attachment(
                        name,
                        xlsx
                                ? MediaType.parseMediaType(
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                                : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    /** A JSON batch: its id, period, optional department and the rows (fields as in {@code GET /types}). */
    record JsonBatch(
            @Schema(example = "YB-2026-11-001") String batchId,
            @Schema(example = "2026-11") String period,
            String department,

            @Schema(
                    description =
                            "每行一个对象，字段名见 GET /api/v1/feeds/types · One object per row, fields as GET /api/v1/feeds/types names them")
            List<Map<String, Object>> rows) {}

    /** What became of a batch that was accepted (now or before). */
    record Receipt(FeedBatch batch, boolean alreadyReceived, ImportReport report) {}

    static final String CSV_EXAMPLE = """
            公民身份号码,就诊日期,医疗总费用,报销金额,个人自付,是否大病,医疗机构
            421122198001010016,2026-11-02,12000.50,7200.25,4800.25,是,县人民医院
            421122201203050029,2026-11-05,300,180,120,否,镇卫生院""";

    static final String JSON_EXAMPLE = """
            {"batchId": "YB-2026-11-001", "period": "2026-11", "rows": [
              {"idNumber": "421122198001010016", "visitDate": "2026-11-02", "totalCost": "12000.50",
               "reimbursed": "7200.25", "outOfPocket": "4800.25", "majorIllness": true, "hospital": "县人民医院"},
              {"idNumber": "421122201203050029", "visitDate": "2026-11-05", "totalCost": "300",
               "reimbursed": "180", "outOfPocket": "120", "majorIllness": false, "hospital": "镇卫生院"}]}""";

    @PostMapping(value = "/types/{type}/batches", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "sendFeedBatch",
            summary = "报送部门数据批次 · Send a department feed batch",
            description = "以文件（CSV/XLSX，列同模板，multipart 字段 file）或 JSON 行报送一个批次；全部通过才导入，"
                    + "同一 batchId 重发返回原批次（200，alreadyReceived=true）。医保结算 CSV 示例："
                    + "\n\n```\n" + CSV_EXAMPLE + "\n```\n\n"
                    + "A batch as a file (CSV/XLSX in the template, multipart field file) or as JSON rows; nothing is "
                    + "imported unless every row passes; re-sending a batchId answers the batch received before (200,"
                    + " alreadyReceived=true).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                        schema =
                                                @Schema(
                                                        type = "object",
                                                        requiredProperties = {"file", "batchId", "period"}),
                                        schemaProperties = {
                                            @SchemaProperty(
                                                    name = "file",
                                                    schema =
                                                            @Schema(
                                                                    type = "string",
                                                                    format = "binary",
                                                                    description =
                                                                            "CSV (UTF-8) 或 XLSX，列同模板 · CSV (UTF-8) or XLSX with the template's columns")),
                                            @SchemaProperty(
                                                    name = "batchId",
                                                    schema =
                                                            @Schema(
                                                                    type = "string",
                                                                    example = "YB-2026-11-001",
                                                                    description =
                                                                            "批次号：同一部门内唯一，重发不会重复导入 · Unique per department; re-sending it imports nothing twice")),
                                            @SchemaProperty(
                                                    name = "period",
                                                    schema =
                                                            @Schema(
                                                                    type = "string",
                                                                    example = "2026-11",
                                                                    description =
                                                                            "数据所属月份 yyyy-MM · The month the data is about")),
                                            @SchemaProperty(
                                                    name = "department",
                                                    schema =
                                                            @Schema(
                                                                    type = "string",
                                                                    description =
                                                                            "部门（省、市、县用户代报时填写） · The department, when a province, city or county sends for it"))
                                        }),
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema =
                                                @Schema(
                                                        implementation = JsonBatch.class,
                                                        requiredProperties = {"batchId", "period", "rows"}),
                                        examples =
                                                @ExampleObject(
                                                        name = "medical_claim",
                                                        summary = "医保结算两行 · Two medical claims",
                                                        value = JSON_EXAMPLE))
                            }))
    @ApiResponse(
            responseCode = "201",
            description = "批次已接收并匹配 · The batch was received and matched",
            content = @Content(schema = @Schema(implementation = Receipt.class)))
    @ApiResponse(
            responseCode = "200",
            description = "该 batchId 已接收过：返回原批次 · This batchId was received before: the earlier batch",
            content = @Content(schema = @Schema(implementation = Receipt.class)))
    @ApiResponse(responseCode = "422", description = "有行未通过校验，未导入 · Rows failed the checks; nothing imported")
    ResponseEntity<?> upload(
            @PathVariable String type,
            @RequestPart("file") MultipartFile file,
            @Parameter(hidden = true) @RequestParam String batchId,
            @Parameter(hidden = true) @RequestParam String period,
            @Parameter(hidden = true) @RequestParam(required = false) String department,
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

    /** The JSON form of {@link #upload}; described there (one operation, two request bodies). */
    @PostMapping(value = "/types/{type}/batches", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(hidden = true)
    ResponseEntity<?> push(@PathVariable String type, @RequestBody JsonBatch batch, Locale locale) {
        FeedType t = type(type);
        List<Map<String, Object>> rows = batch.rows() == null ? List.of() : batch.rows();
        return respond(
                intake.receiveRows(t, header(batch.batchId(), batch.period(), batch.department()), rows, locale));
    }

    /** The path before 2026-12-05 (ambiguous with {@code /batches/{id}}): still answered, not described. */
    @Deprecated
    @PostMapping(value = "/{type}/batches", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(hidden = true)
    ResponseEntity<?> uploadAtEarlierPath(
            @PathVariable String type,
            @RequestPart("file") MultipartFile file,
            @RequestParam String batchId,
            @RequestParam String period,
            @RequestParam(required = false) String department,
            Locale locale)
            throws IOException {
        return upload(type, file, batchId, period, department, locale);
    }

    /** The JSON form at the earlier path. */
    @Deprecated
    @PostMapping(value = "/{type}/batches", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(hidden = true)
    ResponseEntity<?> pushAtEarlierPath(@PathVariable String type, @RequestBody JsonBatch batch, Locale locale) {
        return push(type, batch, locale);
    }

    private ResponseEntity<?> respond(FeedIntake.Result r) {
        if (!r.report().applied() || r.batch().isEmpty()) {
            return ImportResponses.of(r.report(), messages);
        }
        return ResponseEntity.status(r.alreadyReceived() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new Receipt(r.batch().get(), r.alreadyReceived(), r.report()));
    }

    @GetMapping("/batches")
    @Operation(
            operationId = "listFeedBatches",
            summary = "部门数据批次列表 · Batches the caller may see (a department: its own), newest first")
    List<FeedBatch> list(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "100") int limit) {
        return batches.list(type == null ? null : type(type), period == null ? null : period(period), limit);
    }

    @GetMapping("/batches/{id}")
    @Operation(operationId = "getFeedBatch", summary = "批次详情 · A batch: its rows, matches, period and status")
    FeedBatch get(@PathVariable UUID id) {
        return batches.get(id);
    }

    @GetMapping(value = "/batches/{id}/feedback.csv", produces = "text/csv")
    @Operation(
            operationId = "downloadFeedFeedback",
            summary = "批次数据质量反馈 · Data-quality feedback of a batch: every unmatched row (masked) with its reason")
    ResponseEntity<Resource> feedback(@PathVariable UUID id) {
        Path file = batches.feedback(id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"feed-" + id + "-feedback.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(new FileSystemResource(file));
    }

    private FeedIntake.BatchHeader header(String batchId, String period, String department) {
        Department dept = department == null || department.isBlank()
                ? null
                : Labelled.parse(Department.class, department)
                        .orElseThrow(() -> ApiException.invalid(
                                "department",
                                messages.get(
                                        "import.error.choice",
                                        String.join(
                                                "/",
                                                Arrays.stream(Department.values())
                                                        .map(Enum::name)
                                                        .toList()))));
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
