package org.fangpin.security.internal;

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

    AuditPageController(AuditLog audit, RegionDirectory regions, java.time.Clock clock) {
        this.audit = audit;
        this.regions = regions;
        this.zone = clock.getZone();
    }

    @GetMapping("/audit")
    String search(
            @RequestParam Optional<String> actor,
            @RequestParam Optional<String> entity,
            @RequestParam Optional<String> entityId,
            @RequestParam Optional<String> region,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) Optional<LocalDate> from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) Optional<LocalDate> to,
            @RequestParam Optional<Long> before,
            Model model) {
        Optional<Instant> fromAt = from.map(d -> d.atStartOfDay(zone).toInstant());
        Optional<Instant> toAt = to.map(d -> d.plusDays(1).atStartOfDay(zone).toInstant());
        List<AuditLog.Entry> entries = audit.search(new AuditLog.Query(
                blank(actor), blank(entity), blank(entityId), fromAt, toAt, before, PAGE + 1, blank(region)));
        model.addAttribute("entries", entries.size() > PAGE ? entries.subList(0, PAGE) : entries);
        model.addAttribute("next", entries.size() > PAGE ? entries.get(PAGE - 1).seq() : null);
        model.addAttribute("actor", actor.orElse(""));
        model.addAttribute("entity", entity.orElse(""));
        model.addAttribute("entityId", entityId.orElse(""));
        model.addAttribute("region", region.orElse(""));
        model.addAttribute(
                "regionName",
                blank(region).flatMap(regions::find).map(r -> r.name()).orElse(null));
        model.addAttribute("from", from.orElse(null));
        model.addAttribute("to", to.orElse(null));
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
        return search(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                model);
    }

    private static Optional<String> blank(Optional<String> s) {
        return s.map(String::strip).filter(v -> !v.isEmpty());
    }
}
