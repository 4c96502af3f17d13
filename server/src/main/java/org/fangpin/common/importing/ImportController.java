package org.fangpin.common.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.UUID;
import org.fangpin.common.problem.ApiException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Downloads the per-row error report of any import. */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "imports", description = "导入结果：逐行错误报告 · Imports: the row-by-row error report")
class ImportController {

    private final ImportRunner runner;

    ImportController(ImportRunner runner) {
        this.runner = runner;
    }

    @GetMapping(value = "/{id}/errors.csv", produces = "text/csv")
    @Operation(
            operationId = "downloadImportErrors",
            summary = "导入错误明细 · Every rejected row of an import with its line and reason (CSV)")
    ResponseEntity<Resource> errors(@PathVariable UUID id, Principal principal) {
        Path file = runner.errorFile(id, principal.getName())
                .filter(Files::isReadable)
                .orElseThrow(() -> ApiException.notFound("import.not-found", id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-errors.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(new FileSystemResource(file));
    }
}
