package org.fangpin.common.importing;

import java.nio.file.Files;
import java.nio.file.Path;
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
class ImportController {

    private final ImportRunner runner;

    ImportController(ImportRunner runner) {
        this.runner = runner;
    }

    @GetMapping(value = "/{id}/errors.csv", produces = "text/csv")
    ResponseEntity<Resource> errors(@PathVariable UUID id, java.security.Principal principal) {
        Path file = runner.errorFile(id, principal.getName())
                .filter(Files::isReadable)
                .orElseThrow(() -> ApiException.notFound("import.not-found", id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-errors.csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(new FileSystemResource(file));
    }
}
