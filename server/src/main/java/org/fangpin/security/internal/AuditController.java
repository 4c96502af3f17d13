package org.fangpin.security.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fangpin.security.AuditLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log: administrators see all of it, inspectors their own region's entries (SecurityConfiguration). */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "审计日志：只追加、哈希链 · The append-only, hash-chained audit log")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    @Operation(
            operationId = "searchAudit",
            summary = "审计日志查询 · Search entries, newest first; page with before=<last seq>")
    List<AuditLog.Entry> search(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String entity,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String region) {
        return audit.search(new AuditLog.Query(actor, entity, entityId, from, to, before, limit, region));
    }

    /**
     * Whether the chain is intact (and if not, the first entry that breaks it) and whether every anchor written
     * outside the database still holds.
     */
    @Schema(name = "AuditVerification")
    record Verification(boolean intact, Long firstBrokenSeq, List<AuditLog.AnchorProblem> anchorProblems) {}

    @GetMapping("/verify")
    @Operation(operationId = "verifyAuditChain", summary = "校验审计链 · Verify the whole hash chain of the audit log")
    Verification verify() {
        Optional<Long> broken = audit.verify();
        List<AuditLog.AnchorProblem> anchors = audit.checkAnchors();
        return new Verification(broken.isEmpty() && anchors.isEmpty(), broken.orElse(null), anchors);
    }
}
