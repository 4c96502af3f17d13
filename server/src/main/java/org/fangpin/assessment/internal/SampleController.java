package org.fangpin.assessment.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fangpin.assessment.CheckPhotos;
import org.fangpin.assessment.FieldChecks;
import org.fangpin.assessment.SampleDraws;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ImportResponses;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.RequestSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 抽查 over HTTP: draw a sample of a region's households, list the draws, read one with its households, record the
 * checks and their photos.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "assessment",
        description = "考核评估与抽查 · Assessment and sample draws (recomputable from the frame and the seed, ADR 0022)")
class SampleController {

    private final SampleDraws draws;
    private final FieldChecks checks;
    private final CheckPhotos photos;
    private final SampleWorkbook workbook;
    private final FieldCheckUpload upload;
    private final Messages messages;
    private final Path workDir;

    SampleController(
            SampleDraws draws,
            FieldChecks checks,
            CheckPhotos photos,
            SampleWorkbook workbook,
            FieldCheckUpload upload,
            Messages messages,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir) {
        this.draws = draws;
        this.checks = checks;
        this.photos = photos;
        this.workbook = workbook;
        this.upload = upload;
        this.messages = messages;
        this.workDir = workDir;
    }

    @PostMapping("/samples")
    @Operation(
            operationId = "drawSample",
            summary = "抽查抽样 · SampleDraw households of a region as they stood on a day, per stratum (township × 户属性"
                    + " × 监测状态): a share of each (sample_fraction, at least sample_min_per_stratum) or a number"
                    + " from each; the draw is kept as made")
    ResponseEntity<SampleDraws.SampleDraw> draw(@RequestBody SampleDraws.SampleRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(draws.draw(body));
    }

    @GetMapping("/samples")
    @Operation(operationId = "listSamples", summary = "抽查记录 · Draws of regions in the caller's reach, newest first")
    List<SampleDraws.SampleDraw> list(@RequestParam(defaultValue = "50") int limit) {
        return draws.list(limit);
    }

    @GetMapping("/samples/{id}")
    @Operation(operationId = "getSample", summary = "抽查详情 · A draw with its strata and the households drawn")
    SampleDraws.SampleDraw get(@PathVariable long id) {
        return draws.get(id);
    }

    @GetMapping("/samples/{id}/households")
    @Operation(
            operationId = "listSampleHouseholds",
            summary = "核查清单 · The households drawn, each with where it stood on the frame's day and its check so far")
    List<FieldChecks.DrawnHousehold> households(@PathVariable long id) {
        return checks.households(id);
    }

    @GetMapping("/samples/{id}/export")
    @Operation(
            operationId = "exportSample",
            summary = "抽查名单 · The households drawn, with their checks so far, as an XLSX sheet for the field")
    ResponseEntity<byte[]> export(@PathVariable long id) {
        Locale locale = LocaleContextHolder.getLocale();
        return Downloads.attachment(workbook.fileName(id, locale), MediaType.parseMediaType(FindingLedger.XLSX))
                .body(workbook.write(id, locale));
    }

    @PostMapping(value = "/samples/{id}/checks", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "uploadFieldChecks",
            summary = "上传核查结果 · Upload the draw's list (its XLSX export) filled in offline: all or nothing, each"
                    + " rejected row with its line and reason; a check changed since the export is not overwritten")
    ResponseEntity<?> upload(
            @PathVariable long id, @RequestPart("file") MultipartFile file, HttpServletRequest request, Locale locale)
            throws IOException {
        Path saved = RequestSupport.save(file, workDir);
        try {
            return ImportResponses.of(
                    upload.upload(id, saved, RequestSupport.originalName(file), RequestSupport.user(request), locale),
                    messages);
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    @GetMapping("/samples/{id}/households/{household}")
    @Operation(
            operationId = "getCheckSheet",
            summary = "核查表 · A drawn household's facts in the registry on the frame's day (what a check starts from)"
                    + " and its check; ETag = the check's version once recorded")
    ResponseEntity<FieldChecks.CheckSheet> sheet(@PathVariable long id, @PathVariable long household) {
        FieldChecks.CheckSheet s = checks.sheet(id, household);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (s.check() != null) {
            ok.eTag(RequestSupport.etag(s.check().version()));
        }
        return ok.body(s);
    }

    @PutMapping("/samples/{id}/households/{household}/check")
    @Operation(
            operationId = "recordFieldCheck",
            summary = "记录实地核查 · Record what was found at a drawn household; a fact left out keeps the registry's"
                    + " value. Replacing a check requires If-Match")
    ResponseEntity<FieldChecks.FieldCheck> check(
            @PathVariable long id,
            @PathVariable long household,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody FieldChecks.CheckRecord body) {
        FieldChecks.FieldCheck c =
                checks.record(id, household, ifMatch == null ? null : RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(c.version())).body(c);
    }

    @PostMapping(value = "/samples/{id}/households/{household}/photos", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "addCheckPhoto",
            summary = "上传核查照片 · Add a photo (JPEG, PNG or a scanned PDF; multipart field 'file') to a drawn"
                    + " household's field check")
    CheckPhotos.CheckPhoto addPhoto(
            @PathVariable long id, @PathVariable long household, @RequestParam("file") MultipartFile file)
            throws IOException {
        try (var in = file.getInputStream()) {
            return photos.add(id, household, file.getOriginalFilename(), in);
        }
    }

    @GetMapping("/samples/{id}/households/{household}/photos")
    @Operation(operationId = "listCheckPhotos", summary = "核查照片 · The photos of a drawn household's field check")
    List<CheckPhotos.CheckPhoto> photos(@PathVariable long id, @PathVariable long household) {
        return photos.of(id, household);
    }

    @GetMapping("/samples/{id}/households/{household}/photos/{photo}")
    @Operation(operationId = "downloadCheckPhoto", summary = "下载核查照片 · A photo's file (audited)")
    ResponseEntity<Resource> photo(@PathVariable long id, @PathVariable long household, @PathVariable UUID photo) {
        CheckPhotos.Content c = photos.open(id, household, photo);
        return Downloads.attachment(
                        c.photo().fileName(), MediaType.parseMediaType(c.photo().contentType()))
                .contentLength(c.photo().sizeBytes())
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(c.file()));
    }

    @GetMapping("/samples/{id}/results")
    @Operation(
            operationId = "getSampleResults",
            summary = "抽查结果 · 错退率, 漏评率 and 认可度 of a draw's checks against their policy limits, in all and"
                    + " per county")
    FieldChecks.SampleResults results(@PathVariable long id) {
        return checks.results(id);
    }
}
