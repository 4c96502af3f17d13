package org.fangpin.registry.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ImportResponses;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdExporter;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdStatus;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.IdentityFlag;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Page;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.PersonView;
import org.fangpin.registry.Registry;
import org.fangpin.registry.TimelineEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "registry",
        description = "农户和家庭成员，含历史、导入和导出 · Households and their members, with history, import and export")
class RegistryController {

    private final Registry registry;
    private final HouseholdImporter importer;
    private final HouseholdTemplate template;
    private final HouseholdExporter exporter;
    private final RegionDirectory regions;
    private final Messages messages;
    private final Path workDir;
    private final DataScope dataScope;

    RegistryController(
            Registry registry,
            HouseholdImporter importer,
            HouseholdExporter exporter,
            HouseholdTemplate template,
            RegionDirectory regions,
            Messages messages,
            DataScope dataScope,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir) {
        this.dataScope = dataScope;
        this.registry = registry;
        this.importer = importer;
        this.exporter = exporter;
        this.template = template;
        this.regions = regions;
        this.messages = messages;
        this.workDir = workDir;
    }

    record CreateHouseholdRequest(
            @Valid @NotNull HouseholdFields household,
            @Valid @NotEmpty List<PersonFields> members,
            LocalDate effectiveDate,
            String reason) {}

    record UpdateHouseholdRequest(@Valid @NotNull HouseholdFields household, LocalDate effectiveDate, String reason) {}

    record PersonRequest(@Valid @NotNull PersonFields person, LocalDate effectiveDate, String reason) {}

    // ---- households ----

    @GetMapping("/households")
    @Operation(
            operationId = "searchHouseholds",
            summary = "农户查询 · Search current households; keyset pagination via cursor")
    Page<HouseholdView> search(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String idNumber,
            @RequestParam(required = false) @Parameter(description = "户属性 · Who the household is")
                    HouseholdIdentity identity,
            @RequestParam(required = false) @Parameter(description = "户标识 · Households with this flag")
                    IdentityFlag flag,
            @RequestParam(required = false) @Parameter(description = "监测状态 · Monitoring state") MonitoringState state,
            @RequestParam(required = false) MonitoringCategory category,
            @RequestParam(required = false)
                    @Parameter(
                            deprecated = true,
                            description = "户类型 (v1, deprecated): EXITED and ORDINARY mean that identity, not monitored;"
                                    + " MONITORED and ELIMINATED that state")
                    HouseholdStatus status,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        if (category != null && state == null) {
            state = MonitoringState.MONITORED; // a category names monitored households, as in v1
        }
        if (status != null) {
            state = state == null ? status.state() : state;
            identity = identity == null && status.state() == MonitoringState.NONE ? status.identity(null) : identity;
        }
        return registry.search(new HouseholdQuery(
                nonBlank(region),
                nonBlank(name),
                nonBlank(idNumber),
                identity,
                flag,
                state,
                category,
                nonBlank(cursor),
                limit));
    }

    @GetMapping("/households/{id}")
    @Operation(operationId = "getHousehold", summary = "农户详情 · A household with its members, now or as of a date")
    ResponseEntity<HouseholdView> household(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        HouseholdView h = registry.household(id, asOf)
                .orElseThrow(() -> asOf == null
                        ? ApiException.notFound("registry.household.not-found", id)
                        : ApiException.notFound("registry.household.not-found-as-of", id, asOf));
        return ResponseEntity.ok().eTag(RequestSupport.etag(h.version())).body(h);
    }

    @GetMapping("/households/{id}/history")
    @Operation(
            operationId = "getHouseholdHistory",
            summary = "农户变更历史 · The household's timeline: every version of it and of its members, with changes")
    List<TimelineEntry> history(@PathVariable long id) {
        return registry.timeline(id);
    }

    @PostMapping("/households")
    @Operation(operationId = "createHousehold", summary = "新增农户 · Register a household with its members")
    @Refusals(409)
    ResponseEntity<HouseholdView> create(@Valid @RequestBody CreateHouseholdRequest body, HttpServletRequest request) {
        HouseholdView h = registry.createHousehold(
                body.household(), body.members(), change(request, body.effectiveDate(), body.reason()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(h.version()))
                .header(HttpHeaders.LOCATION, "/api/v1/households/" + h.id())
                .body(h);
    }

    @PutMapping("/households/{id}")
    @Operation(
            operationId = "updateHousehold",
            summary = "修改农户信息 · Change a household; requires If-Match with the version read")
    @Refusals(409)
    ResponseEntity<HouseholdView> update(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody UpdateHouseholdRequest body,
            HttpServletRequest request) {
        int expected = RequestSupport.ifMatchVersion(ifMatch);
        HouseholdView h = registry.updateHousehold(
                id, expected, body.household(), change(request, body.effectiveDate(), body.reason()));
        return ResponseEntity.ok().eTag(RequestSupport.etag(h.version())).body(h);
    }

    @DeleteMapping("/households/{id}")
    @Operation(
            operationId = "deleteHousehold",
            summary = "注销农户 · Soft-delete a household and its members, with a reason; requires If-Match")
    ResponseEntity<Void> delete(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveDate,
            HttpServletRequest request) {
        registry.deleteHousehold(id, RequestSupport.ifMatchVersion(ifMatch), change(request, effectiveDate, reason));
        return ResponseEntity.noContent().build();
    }

    // ---- persons ----

    @PostMapping("/households/{id}/members")
    @Operation(operationId = "addMember", summary = "新增家庭成员 · Add a member to a household")
    @Refusals(409)
    ResponseEntity<PersonView> addMember(
            @PathVariable long id, @Valid @RequestBody PersonRequest body, HttpServletRequest request) {
        PersonView p = registry.addMember(id, body.person(), change(request, body.effectiveDate(), body.reason()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(p.version()))
                .header(HttpHeaders.LOCATION, "/api/v1/persons/" + p.id())
                .body(p);
    }

    @GetMapping("/persons")
    @Operation(
            operationId = "searchPersons",
            summary = "人员查询 · Search current persons by region, name prefix or ID number; keyset pagination via cursor")
    Page<PersonView> searchPersons(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String idNumber,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        return registry.searchPersons(nonBlank(region), nonBlank(name), nonBlank(idNumber), nonBlank(cursor), limit);
    }

    @GetMapping("/persons/{id}/sensitive")
    @Operation(
            operationId = "getPersonSensitive",
            summary =
                    "查看完整证件号码 · The person's ID and phone numbers in full; needs the permission, and every view is audited")
    Registry.SensitiveView sensitive(@PathVariable long id) {
        return registry.sensitive(id);
    }

    @GetMapping("/persons/{id}")
    @Operation(operationId = "getPerson", summary = "人员详情 · A person (ID and phone masked); ETag = its version")
    ResponseEntity<PersonView> person(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        PersonView p =
                registry.person(id, asOf).orElseThrow(() -> ApiException.notFound("registry.person.not-found", id));
        return ResponseEntity.ok().eTag(RequestSupport.etag(p.version())).body(p);
    }

    @PutMapping("/persons/{id}")
    @Operation(
            operationId = "updatePerson",
            summary = "修改人员信息 · Change a person; requires If-Match with the version read")
    @Refusals(409)
    ResponseEntity<PersonView> updatePerson(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody PersonRequest body,
            HttpServletRequest request) {
        int expected = RequestSupport.ifMatchVersion(ifMatch);
        PersonView p = registry.updatePerson(
                id, expected, body.person(), change(request, body.effectiveDate(), body.reason()));
        return ResponseEntity.ok().eTag(RequestSupport.etag(p.version())).body(p);
    }

    @DeleteMapping("/persons/{id}")
    @Operation(
            operationId = "deletePerson",
            summary = "注销家庭成员 · Soft-delete a member, with a reason; requires If-Match")
    ResponseEntity<Void> deletePerson(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveDate,
            HttpServletRequest request) {
        registry.deletePerson(id, RequestSupport.ifMatchVersion(ifMatch), change(request, effectiveDate, reason));
        return ResponseEntity.noContent().build();
    }

    // ---- bulk ----

    @PostMapping(value = "/households/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "importHouseholds",
            summary = "导入农户 · Import households and members (CSV or XLSX template); all-or-nothing and idempotent")
    ResponseEntity<?> importFile(
            @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveDate,
            @RequestParam(required = false) String reason,
            HttpServletRequest request,
            Locale locale)
            throws IOException {
        Path saved = RequestSupport.save(file, workDir);
        try {
            return ImportResponses.of(
                    importer.importFile(
                            saved,
                            RequestSupport.originalName(file),
                            RequestSupport.user(request),
                            locale,
                            new HouseholdImporter.Options(effectiveDate, reason)),
                    messages);
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    @GetMapping("/households/export")
    @Operation(
            operationId = "exportHouseholds",
            summary = "导出农户 · Export a region's households and members in the import template (csv or xlsx)")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam String region, @RequestParam(defaultValue = "csv") String format) {
        Region r = regions.find(region).orElseThrow(() -> ApiException.notFound("region.not-found", region));
        RegionCode.CodeRange scopedRange = dataScope
                .current()
                .within(r)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.FORBIDDEN, "out-of-scope", "scope.outside", List.of(), r.code()));
        HouseholdExporter.Format f = parseFormat(format);
        String fileName = "households-" + r.code() + "." + f.name().toLowerCase(Locale.ROOT);
        return Downloads.attachment(fileName, mediaType(f)).body(out -> exporter.export(scopedRange, f, out));
    }

    @GetMapping("/households/template")
    @Operation(
            operationId = "downloadHouseholdTemplate",
            summary = "农户导入模板 · The import template (csv or xlsx): a note on each header, drop-down lists, codes as"
                    + " text, one example row that is never imported")
    ResponseEntity<StreamingResponseBody> template(@RequestParam(defaultValue = "xlsx") String format) {
        HouseholdExporter.Format f = parseFormat(format);
        return Downloads.attachment("建档立卡户导入模板." + f.name().toLowerCase(Locale.ROOT), mediaType(f))
                .body(out -> template.write(f == HouseholdExporter.Format.XLSX, out));
    }

    private static HouseholdExporter.Format parseFormat(String format) {
        try {
            return HouseholdExporter.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("problem.format.unsupported", format);
        }
    }

    private static MediaType mediaType(HouseholdExporter.Format f) {
        return f == HouseholdExporter.Format.XLSX
                ? MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                : new MediaType("text", "csv", StandardCharsets.UTF_8);
    }

    private static Registry.Change change(HttpServletRequest request, LocalDate effective, String reason) {
        return new Registry.Change(RequestSupport.user(request), effective, reason);
    }

    /** The value stripped, or null when blank. */
    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
