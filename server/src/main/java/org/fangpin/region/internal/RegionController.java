package org.fangpin.region.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ImportResponses;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDesignations;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionImporter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/regions")
@Tag(name = "regions", description = "行政区划（五级） · The five-level region tree")
class RegionController {

    private final RegionDirectory regions;
    private final RegionImporter importer;
    private final RegionDesignations designations;
    private final Messages messages;
    private final Clock clock;
    private final Path workDir;

    RegionController(
            RegionDirectory regions,
            RegionImporter importer,
            RegionDesignations designations,
            Messages messages,
            Clock clock,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir) {
        this.regions = regions;
        this.importer = importer;
        this.designations = designations;
        this.messages = messages;
        this.clock = clock;
        this.workDir = workDir;
    }

    @GetMapping
    @Operation(operationId = "listRegions", summary = "行政区划查询 · Top-level regions, or regions whose name starts with q")
    List<Region> list(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        if (q != null && !q.isBlank()) {
            return regions.searchByNamePrefix(q.strip(), Math.max(1, Math.min(limit, 500)));
        }
        return regions.roots(asOf == null ? LocalDate.now(clock) : asOf);
    }

    @GetMapping("/{code}")
    @Operation(operationId = "getRegion", summary = "行政区划详情 · A region by its 12-digit code")
    Region get(@PathVariable String code) {
        return regions.find(code).orElseThrow(() -> ApiException.notFound("region.not-found", code));
    }

    @GetMapping("/{code}/children")
    @Operation(operationId = "listRegionChildren", summary = "下级区划 · The regions directly below")
    List<Region> children(
            @PathVariable String code,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        get(code);
        return regions.children(code, asOf == null ? LocalDate.now(clock) : asOf);
    }

    @GetMapping("/{code}/ancestors")
    @Operation(operationId = "listRegionAncestors", summary = "上级区划 · The path from the province down to this region")
    List<Region> ancestors(@PathVariable String code) {
        get(code);
        return regions.ancestors(code);
    }

    @GetMapping("/{code}/designations")
    @Operation(
            operationId = "listRegionDesignations",
            summary = "县的认定 · A county's designations (脱贫县, 国家乡村振兴重点帮扶县) and their periods")
    List<RegionDesignations.Held> designations(@PathVariable String code) {
        get(code);
        return designations.of(code);
    }

    @PostMapping("/{code}/designations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "designateRegion",
            summary = "认定县 · Designate a county of the caller's reach for a period, with the document")
    RegionDesignations.Held designate(@PathVariable String code, @RequestBody RegionDesignations.NewDesignation body) {
        return designations.designate(code, body);
    }

    @PostMapping(value = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "importRegions",
            summary =
                    "导入行政区划 · Import a region file (code,name,parent_code,level[,valid_from,valid_to]); all-or-nothing")
    ResponseEntity<?> importFile(@RequestPart("file") MultipartFile file, HttpServletRequest request, Locale locale)
            throws IOException {
        Path saved = RequestSupport.save(file, workDir);
        try {
            return ImportResponses.of(
                    importer.importFile(saved, RequestSupport.originalName(file), RequestSupport.user(request), locale),
                    messages);
        } finally {
            Files.deleteIfExists(saved);
        }
    }
}
