package org.fangpin.security.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.AuditLog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 审计日志 page: inspectors and administrators search the entries of their reach by user, record, region and
 * time; holders of the verify permission check the chain and its anchors.
 */
@Controller
@ConditionalOnWebApplication
class AuditPageController {

    static final int PAGE = 50;

    private final AuditLog audit;
    private final RegionDirectory regions;
    private final ZoneId zone;

    AuditPageController(AuditLog audit, RegionDirectory regions, Clock clock) {
        this.audit = audit;
        this.regions = regions;
        this.zone = clock.getZone();
    }

    @GetMapping("/audit")
    String search(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String entity,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long before,
            Model model) {
        Instant fromAt = from == null ? null : from.atStartOfDay(zone).toInstant();
        Instant toAt = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
        List<AuditLog.Entry> entries = audit.search(new AuditLog.Query(
                blank(actor), blank(entity), blank(entityId), fromAt, toAt, before, PAGE + 1, blank(region)));
        model.addAttribute("entries", entries.size() > PAGE ? entries.subList(0, PAGE) : entries);
        model.addAttribute("next", entries.size() > PAGE ? entries.get(PAGE - 1).seq() : null);
        model.addAttribute("actor", actor == null ? "" : actor);
        model.addAttribute("entity", entity == null ? "" : entity);
        model.addAttribute("entityId", entityId == null ? "" : entityId);
        model.addAttribute("region", region == null ? "" : region);
        model.addAttribute(
                "regionName",
                Optional.ofNullable(blank(region))
                        .flatMap(regions::find)
                        .map(r -> r.name())
                        .orElse(null));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("zone", zone);
        return "audit";
    }

    /** The whole chain recomputed and every anchor checked. */
    @GetMapping("/audit/verify")
    String verify(Model model) {
        model.addAttribute("broken", audit.verify().orElse(null));
        model.addAttribute("anchorProblems", audit.checkAnchors());
        model.addAttribute("anchorFile", audit.anchorFile().toAbsolutePath().toString());
        model.addAttribute("verified", true);
        return search(null, null, null, null, null, null, null, model);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
