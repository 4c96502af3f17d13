package org.fangpin.registry.internal;

import io.swagger.v3.oas.annotations.Operation;
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
import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ImportResponses;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdExporter;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdStatus;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.Page;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.PersonView;
import org.fangpin.registry.Registry;
import org.fangpin.registry.TimelineEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
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
@Tag(name = "registry", description = "建档立卡户 households and 家庭成员 persons, with history")
class RegistryController {

    private final Registry registry;
    private final HouseholdImporter importer;
    private final HouseholdExporter exporter;
    private final RegionDirectory regions;
    private final Messages messages;
    private final Path workDir;
    private final DataScope dataScope;

    RegistryController(
            Registry registry,
            HouseholdImporter importer,
            HouseholdExporter exporter,
            RegionDirectory regions,
            Messages messages,
            DataScope dataScope,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir) {
        this.dataScope = dataScope;
        this.registry = registry;
        this.importer = importer;
        this.exporter = exporter;
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
    @Operation(summary = "Search current households; keyset pagination via cursor")
    Page<HouseholdView> search(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String idNumber,
            @RequestParam(required = false) HouseholdStatus status,
            @RequestParam(required = false) MonitoringCategory category,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        return registry.search(new HouseholdQuery(
                nonBlank(region),
                nonBlank(name),
                nonBlank(idNumber),
                Optional.ofNullable(status),
                Optional.ofNullable(category),
                nonBlank(cursor),
                limit));
    }

    @GetMapping("/households/{id}")
    @Operation(summary = "A household with its members, now or as of a date")
    ResponseEntity<HouseholdView> household(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        HouseholdView h = registry.household(id, Optional.ofNullable(asOf))
                .orElseThrow(() -> asOf == null
                        ? ApiException.notFound("registry.household.not-found", id)
                        : ApiException.notFound("registry.household.not-found-as-of", id, asOf));
        return ResponseEntity.ok().eTag(RequestSupport.etag(h.version())).body(h);
    }

    @GetMapping("/households/{id}/history")
    @Operation(summary = "The household's timeline: every version of it and of its members, with changes")
    List<TimelineEntry> history(@PathVariable long id) {
        return registry.timeline(id);
    }

    @PostMapping("/households")
    ResponseEntity<HouseholdView> create(@Valid @RequestBody CreateHouseholdRequest body, HttpServletRequest request) {
        HouseholdView h = registry.createHousehold(
                body.household(), body.members(), change(request, body.effectiveDate(), body.reason()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(h.version()))
                .header(HttpHeaders.LOCATION, "/api/v1/households/" + h.id())
                .body(h);
    }

    @PutMapping("/households/{id}")
    @Operation(summary = "Change a household; requires If-Match with the version read")
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
    @Operation(summary = "Soft-delete a household and its members, with a reason; requires If-Match")
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
    ResponseEntity<PersonView> addMember(
            @PathVariable long id, @Valid @RequestBody PersonRequest body, HttpServletRequest request) {
        PersonView p = registry.addMember(id, body.person(), change(request, body.effectiveDate(), body.reason()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(p.version()))
                .header(HttpHeaders.LOCATION, "/api/v1/persons/" + p.id())
                .body(p);
    }

    @GetMapping("/persons")
    @Operation(summary = "Search current persons by region, name prefix or ID number; keyset pagination via cursor")
    Page<PersonView> searchPersons(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String idNumber,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        return registry.searchPersons(nonBlank(region), nonBlank(name), nonBlank(idNumber), nonBlank(cursor), limit);
    }

    @GetMapping("/persons/{id}/sensitive")
    @Operation(summary = "The person's ID and phone numbers in full; needs the permission, and every view is audited")
    Registry.SensitiveView sensitive(@PathVariable long id) {
        return registry.sensitive(id);
    }

    @GetMapping("/persons/{id}")
    ResponseEntity<PersonView> person(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        PersonView p = registry.person(id, Optional.ofNullable(asOf))
                .orElseThrow(() -> ApiException.notFound("registry.person.not-found", id));
        return ResponseEntity.ok().eTag(RequestSupport.etag(p.version())).body(p);
    }

    @PutMapping("/persons/{id}")
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
    @Operation(summary = "Import households and members (CSV or XLSX template); all-or-nothing and idempotent")
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
    @Operation(summary = "Export a region's households and members in the import template (csv or xlsx)")
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
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .contentType(mediaType(f))
                .body(out -> exporter.export(scopedRange, f, out));
    }

    @GetMapping("/households/template")
    @Operation(summary = "An empty import template (csv or xlsx)")
    ResponseEntity<StreamingResponseBody> template(@RequestParam(defaultValue = "xlsx") String format) {
        HouseholdExporter.Format f = parseFormat(format);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("建档立卡户导入模板." + f.name().toLowerCase(Locale.ROOT), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .contentType(mediaType(f))
                .body(out -> exporter.export(HouseholdExporter.EMPTY, f, out));
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

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
