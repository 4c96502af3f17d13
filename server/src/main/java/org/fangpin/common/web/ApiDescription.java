package org.fangpin.common.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API description as a department integrator reads it (and generates a client from): what the API is, the
 * RFC 9457 problem document every refusal is, and per operation each status it can answer with — derived from the
 * operation's shape (a body can be malformed or invalid, a path variable can name nothing, an {@code If-Match} can be
 * stale) plus the statuses its controller declares (409 where a record's state can refuse a step). Pagination
 * parameters and the {@code ETag} header are described once and referenced. Examples of refusals are the server's
 * own messages in both languages.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiDescription implements OpenApiCustomizer, OperationCustomizer {

    static final String PROBLEM = "application/problem+json";

    private final Messages messages;

    /** An example of each JSON request body, by schema name ({@code api/examples.json}). */
    private final Map<String, Object> examples;

    ApiDescription(Messages messages, JsonMapper json) throws IOException {
        this.messages = messages;
        try (var in = new ClassPathResource("api/examples.json").getInputStream()) {
            this.examples = json.readValue(in, new TypeReference<Map<String, Object>>() {});
        }
    }

    /** A refusal: its status, description, and the slug (with arguments) of the example problem. */
    private record Refusal(int status, String zh, String en, String slug, String detailKey, Object... args) {}

    private static final List<Refusal> REFUSALS = List.of(
            new Refusal(400, "请求格式或参数有误", "Malformed request or parameter", "http-400", "problem.http.400"),
            new Refusal(
                    401,
                    "未登录，或令牌无效",
                    "Not signed in, or the token is invalid",
                    "unauthenticated",
                    "problem.unauthenticated.detail"),
            new Refusal(
                    403,
                    "角色缺少权限、令牌范围不足或超出数据范围",
                    "The role lacks the permission, the token the scope, or the record is outside the caller's region",
                    "permission-denied",
                    "problem.permission-denied.detail",
                    "预警核实与帮扶|Alerts and case work"),
            new Refusal(404, "记录不存在或不在数据范围内", "No such record in the caller's region", "http-404", "problem.http.404"),
            new Refusal(
                    409,
                    "记录当前的状态不允许此操作",
                    "The record's state does not allow this step",
                    "conflict",
                    "problem.conflict.detail"),
            new Refusal(
                    412,
                    "If-Match 与当前版本不符（记录已被他人修改）",
                    "If-Match does not match the current version (changed by someone else)",
                    "precondition-failed",
                    "casework.stale",
                    42),
            new Refusal(413, "上传内容超过大小限制", "The upload is too large", "http-413", "problem.http.413"),
            new Refusal(415, "不支持的内容类型", "Unsupported content type", "http-415", "problem.http.415"),
            new Refusal(
                    422,
                    "字段未通过校验（见 errors）",
                    "A field failed validation (see errors)",
                    "validation",
                    "problem.validation.detail"),
            new Refusal(
                    428,
                    "缺少 If-Match 请求头",
                    "If-Match is required",
                    "precondition-required",
                    "problem.if-match-required"),
            new Refusal(
                    429,
                    "令牌每分钟请求数已达上限（见 Retry-After）",
                    "The token's requests per minute are used up (see Retry-After)",
                    "rate-limited",
                    "problem.rate-limited.detail"));

    private static final Map<String, String> PAGING = Map.of(
            "limit", "Limit",
            "cursor", "Cursor",
            "before", "Before",
            "after", "After");

    /** The refusals a handler declares ({@link Refusals}) beyond those its shape implies. */
    @Override
    public Operation customize(Operation op, HandlerMethod handler) {
        Refusals declared = handler.getMethodAnnotation(Refusals.class);
        if (declared != null) {
            ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
            for (int status : declared.value()) {
                responses.addApiResponse(String.valueOf(status), ref(String.valueOf(status)));
            }
            op.setResponses(responses);
        }
        return op;
    }

    @Override
    public void customise(OpenAPI api) {
        api.setInfo(new Info()
                .title("防返贫动态监测与帮扶平台 API · Fangpin API")
                .version("v1")
                .description("""
                        部门系统和上级平台通过本接口报送部门数据、查询农户和预警、办理识别认定与帮扶。\
                        认证：接口令牌（Bearer，范围 read/write）或 HTTP Basic；每条记录都按调用账号的区域范围过滤。\
                        所有错误都是 RFC 9457 问题文档（application/problem+json），语言随 Accept-Language（默认中文）。\
                        接入指南见 docs/api.md。

                        Department systems and higher-level platforms send department feeds, read households and \
                        alerts, and do case work through this API. Authenticate with an API token (Bearer, scopes \
                        read/write) or HTTP Basic; every record is filtered by the caller's region. Every error is an \
                        RFC 9457 problem document (application/problem+json) in the language of Accept-Language \
                        (Chinese by default). Integration guide: docs/api.md.""")
                .contact(new Contact().name("防返贫监测平台运维 · Fangpin operations"))
                .license(new License()
                        .name("内部使用，非开源 · For government use, not open source")
                        .url("https://www.gov.cn/zhengce/")));
        api.setServers(List.of(new Server().url("/").description("本服务器 · This server")));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSchemas("FieldProblem", fieldProblem());
        components.addSchemas("Problem", problem());
        for (Refusal r : REFUSALS) {
            components.addResponses(String.valueOf(r.status()), refusal(r));
        }
        components.addHeaders(
                "ETag",
                new Header()
                        .description("记录的版本；修改时放入 If-Match · The record's version; send it back in If-Match")
                        .schema(new StringSchema().example("\"3\"")));
        components.addHeaders(
                "Retry-After",
                new Header().description("几秒后可重试 · Seconds until a retry").schema(new IntegerSchema()));
        components.addParameters(
                "Limit", query("limit", "每页条数上限 · At most this many items per page", new IntegerSchema()));
        components.addParameters(
                "Cursor",
                query(
                        "cursor",
                        "上一页返回的 nextCursor；不填为第一页 · The previous page's nextCursor; none for the first page",
                        new StringSchema()));
        components.addParameters(
                "Before",
                query(
                        "before",
                        "上一页最后一条的编号；不填为最新一页 · The last id of the previous page; none for the newest page",
                        new IntegerSchema().format("int64")));
        components.addParameters(
                "After",
                query(
                        "after",
                        "上一页最后一条的键；不填为第一页 · The last key of the previous page; none for the first page",
                        new StringSchema()));
        components.getSchemas().values().forEach(ApiDescription::tidy);
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                    describe(path, method, op, api);
                }));
    }

    private void describe(String path, PathItem.HttpMethod method, Operation op, OpenAPI api) {
        List<Parameter> params = op.getParameters() == null ? new ArrayList<>() : new ArrayList<>(op.getParameters());
        boolean ifMatch = false;
        boolean queryParams = false;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            if ("query".equals(p.getIn()) && PAGING.containsKey(p.getName())) {
                params.set(i, new Parameter().$ref("#/components/parameters/" + PAGING.get(p.getName())));
            } else if ("header".equals(p.getIn()) && "If-Match".equalsIgnoreCase(p.getName())) {
                ifMatch = true;
                p.setDescription("读取时得到的 ETag；缺少时答 428（首次记录除外：首次确定帮扶责任人、首次实地核查） · The ETag the"
                        + " record was read with; 428 without it (except on a first record: a plan's first responsible"
                        + " cadre, a household's first field check)");
            } else if ("query".equals(p.getIn())) {
                queryParams = true;
            }
        }
        if (!params.isEmpty()) {
            op.setParameters(params);
        }
        boolean body = op.getRequestBody() != null;
        if (body && op.getRequestBody().getContent() != null) {
            MediaType json = op.getRequestBody().getContent().get("application/json");
            if (json != null && json.getExample() == null && json.getExamples() == null && json.getSchema() != null) {
                example(json.getSchema()).ifPresent(json::setExample);
            }
        }
        boolean multipart = body
                && op.getRequestBody().getContent() != null
                && op.getRequestBody().getContent().containsKey("multipart/form-data");
        ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
        op.setResponses(responses);
        List<Integer> statuses = new ArrayList<>(List.of(401, 403, 429));
        if (body || queryParams || path.contains("{")) {
            statuses.add(400);
        }
        if (path.contains("{")) {
            statuses.add(404);
        }
        if (body || queryParams) {
            statuses.add(422);
        }
        if (body) {
            statuses.add(415);
        }
        if (multipart) {
            statuses.add(413);
        }
        if (ifMatch) {
            statuses.add(412);
            statuses.add(428);
        }
        for (String ok : List.of("200", "201")) {
            ApiResponse r = responses.get(ok);
            MediaType json =
                    r == null || r.getContent() == null ? null : r.getContent().get("application/json");
            if (json != null && json.getExample() == null && json.getSchema() != null) {
                example(json.getSchema()).ifPresent(json::setExample);
            }
        }
        Map<String, ApiResponse> declared = new LinkedHashMap<>(responses);
        for (Map.Entry<String, ApiResponse> e : declared.entrySet()) {
            // a status the controller declares (e.g. 409) gets the common description and problem schema
            if (e.getKey().startsWith("4")
                    && e.getValue().get$ref() == null
                    && e.getValue().getContent() == null) {
                responses.addApiResponse(e.getKey(), ref(e.getKey()));
            }
        }
        for (int status : statuses) {
            responses.putIfAbsent(String.valueOf(status), ref(String.valueOf(status)));
        }
        // the success answers of reads that an If-Match elsewhere refers to carry the ETag
        if (method == PathItem.HttpMethod.GET && takesIfMatch(path, api)) {
            ApiResponse ok = responses.get("200");
            if (ok != null && ok.get$ref() == null) {
                ok.addHeaderObject("ETag", new Header().$ref("#/components/headers/ETag"));
            }
        }
    }

    /** The example of a named schema (or a list of one), when {@code api/examples.json} has one. */
    private Optional<Object> example(Schema<?> schema) {
        if (schema.getItems() != null && schema.getItems().get$ref() != null) {
            return example(schema.getItems()).map(List::of);
        }
        String ref = schema.get$ref();
        return ref == null
                ? Optional.empty()
                : Optional.ofNullable(examples.get(ref.substring(ref.lastIndexOf('/') + 1)));
    }

    /** Whether an operation on this path (or one below it) takes If-Match: then reading it gives an ETag. */
    private static boolean takesIfMatch(String path, OpenAPI api) {
        for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
            // the record itself, or a step on it (POST /cases/{id}/council), not a record below it (/households/{id})
            String rest = e.getKey().startsWith(path + "/") ? e.getKey().substring(path.length()) : null;
            if (!e.getKey().equals(path) && (rest == null || rest.contains("{"))) {
                continue;
            }
            for (Operation o : e.getValue().readOperations()) {
                if (o.getParameters() != null
                        && o.getParameters().stream()
                                .anyMatch(
                                        p -> "header".equals(p.getIn()) && "If-Match".equalsIgnoreCase(p.getName()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A map of any values ({@code Map<String, Object>}) takes any value, not only objects; a {@code false} exclusive
     * bound is the default and is left out, an exclusive integer bound becomes an inclusive one (example validators read
     * the boolean form of OpenAPI 3.0 as a JSON Schema 2020 number).
     */
    private static void tidy(Schema<?> schema) {
        if (schema == null) {
            return;
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        } else if (Boolean.TRUE.equals(schema.getExclusiveMinimum())
                && "integer".equals(schema.getType())
                && schema.getMinimum() != null) {
            // an integer above n is at least n + 1 (@Positive: minimum 1)
            schema.setMinimum(schema.getMinimum().add(BigDecimal.ONE));
            schema.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            if (values.get$ref() == null
                    && "object".equals(values.getType())
                    && (values.getProperties() == null || values.getProperties().isEmpty())) {
                schema.setAdditionalProperties(true);
            } else {
                tidy(values);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(ApiDescription::tidy);
        }
        tidy(schema.getItems());
    }

    private static ApiResponse ref(String status) {
        return new ApiResponse().$ref("#/components/responses/" + status);
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new Parameter()
                .in("query")
                .name(name)
                .required(false)
                .description(description)
                .schema(schema);
    }

    private ApiResponse refusal(Refusal r) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"));
        for (Locale locale : List.of(Locale.CHINA, Locale.ENGLISH)) {
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("type", "urn:fangpin:problem:" + r.slug());
            example.put(
                    "title",
                    r.slug().startsWith("http-")
                            ? messages.get(locale, "problem.http.title", r.status())
                            : messages.get(locale, "problem." + r.slug() + ".title"));
            // an argument "中文|English" is a label (a permission's name) in the example's language
            Object[] args = Arrays.stream(r.args())
                    .map(a -> a instanceof String s && s.contains("|")
                            ? s.split("\\|")[locale == Locale.CHINA ? 0 : 1]
                            : a)
                    .toArray();
            example.put("status", r.status());
            example.put("detail", messages.get(locale, r.detailKey(), args));
            example.put("instance", URI.create("/api/v1/cases/42").toString());
            if (r.status() == 422) {
                example.put(
                        "errors",
                        List.of(Map.of("field", "period", "reason", messages.get(locale, "problem.unreadable.value"))));
            }
            media.addExamples(
                    locale == Locale.CHINA ? "zh" : "en",
                    new Example()
                            .summary(locale == Locale.CHINA ? "中文 (默认)" : "English (Accept-Language: en)")
                            .value(example));
        }
        ApiResponse response = new ApiResponse()
                .description(r.zh() + " · " + r.en())
                .content(new Content().addMediaType(PROBLEM, media));
        if (r.status() == 429) {
            response.addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After"));
        }
        return response;
    }

    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("RFC 9457 问题文档 · An RFC 9457 problem document")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .description("问题类型，稳定可编程判断 · The kind of problem, stable for programs"))
                .addProperty("title", new StringSchema().description("简短标题 · A short title"))
                .addProperty("status", new IntegerSchema().description("HTTP 状态码 · The HTTP status"))
                .addProperty("detail", new StringSchema().description("给人看的说明 · An explanation for people"))
                .addProperty("instance", new StringSchema().description("请求的路径 · The path of the request"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/FieldProblem"))
                                .description("逐项原因（校验） · Each reason (validation)"))
                .addProperty("importId", new StringSchema().format("uuid").description("被拒绝的导入 · The rejected import"))
                .addProperty("rows", new IntegerSchema().description("文件行数 · Rows in the file"))
                .addProperty("errorCount", new IntegerSchema().description("错误数 · Errors found"))
                .addProperty(
                        "errorReport",
                        new StringSchema().description("逐行错误报告 (CSV) · The error report, row by row (CSV)"))
                .required(List.of("type", "title", "status"));
    }

    private static Schema<?> fieldProblem() {
        return new ObjectSchema()
                .description("一项原因：校验的字段，或导入文件的行与列 · One reason: a field, or an import file's row and column")
                .addProperty("field", new StringSchema().description("字段 · The field"))
                .addProperty("reason", new StringSchema().description("原因 · The reason"))
                .addProperty("value", new StringSchema().description("收到的值（已脱敏） · The value received (masked)"))
                .addProperty(
                        "row", new IntegerSchema().format("int64").description("导入文件的行号 · The row of an import file"))
                .addProperty("column", new StringSchema().description("导入文件的列 · The column of an import file"));
    }
}
