package org.fangpin.assessment.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.Locale;
import org.fangpin.assessment.FindingLists;
import org.fangpin.assessment.FindingSource;
import org.fangpin.assessment.FindingState;
import org.fangpin.assessment.Findings;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 问题整改 over HTTP: issue a finding, rectify it step by step, ask to close, sign off or send back, reopen. */
@RestController
@RequestMapping("/api/v1/findings")
@Tag(name = "findings", description = "问题整改 · Findings issued to the levels below and their rectification")
class FindingController {

    private final Findings findings;
    private final FindingLists lists;
    private final FindingLedger ledger;
    private final FindingBulletin bulletin;

    FindingController(Findings findings, FindingLists lists, FindingLedger ledger, FindingBulletin bulletin) {
        this.findings = findings;
        this.lists = lists;
        this.ledger = ledger;
        this.bulletin = bulletin;
    }

    @PostMapping
    @Operation(
            operationId = "issueFinding",
            summary = "交办问题 · Issue a finding to a region below the caller's own, with the unit answering for it"
                    + " and a deadline; the caller's region is the issuing level")
    ResponseEntity<Findings.FindingDetail> issue(@RequestBody Findings.FindingIssue body) {
        Findings.FindingDetail d = findings.issue(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(d.finding().version()))
                .body(d);
    }

    @GetMapping
    @Operation(
            operationId = "listFindings",
            summary = "问题清单 · Findings of the caller's reach, the most overdue first, with counts per state")
    FindingLists.FindingPage list(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) FindingState state,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        return lists.list(new FindingLists.FindingQuery(region, state, overdue, offset, limit));
    }

    @GetMapping("/export")
    @Operation(
            operationId = "exportFindings",
            summary = "整改台账 · Every finding of a region in the caller's reach as an XLSX ledger")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String region) {
        Locale locale = LocaleContextHolder.getLocale();
        return Downloads.attachment(ledger.fileName(locale), MediaType.parseMediaType(FindingLedger.XLSX))
                .body(ledger.write(region, locale));
    }

    @GetMapping("/bulletin.pdf")
    @Operation(
            operationId = "findingBulletin",
            summary = "督查通报 · The findings issued in a period (default: this year to today), from one source or all, of"
                    + " the caller's reach or a region in it, as a printable PDF: the whole, each region's"
                    + " rectification (chart and table), the list with overdue ones marked, the requirements")
    ResponseEntity<byte[]> bulletin(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) FindingSource source,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Locale locale = LocaleContextHolder.getLocale();
        FindingBulletin.Scope scope = bulletin.scope(region, source, from, to);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bulletin.write(scope, out, locale);
        return Downloads.attachment(bulletin.fileName(scope, locale), MediaType.APPLICATION_PDF)
                .body(out.toByteArray());
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getFinding",
            summary = "问题详情 · A finding with the households it names and its timeline; ETag = its version")
    ResponseEntity<Findings.FindingDetail> get(@PathVariable long id) {
        return withEtag(findings.detail(id));
    }

    @PostMapping("/{id}/steps")
    @Operation(
            operationId = "recordRectificationStep",
            summary = "记录整改措施 · The responsible region records what it did and its evidence (→ 整改中)")
    @Refusals({409})
    ResponseEntity<Findings.FindingDetail> step(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Findings.RectificationStep body) {
        return withEtag(findings.step(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/close-request")
    @Operation(
            operationId = "requestFindingClosure",
            summary = "申请销号 · The responsible region asks the issuing level to close the finding")
    @Refusals({409})
    ResponseEntity<Findings.FindingDetail> requestClose(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Findings.FindingNote body) {
        return withEtag(findings.requestClose(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/sign-off")
    @Operation(
            operationId = "signOffFinding",
            summary = "审核销号 · The issuing level signs the finding off or sends it back with its reason; never the"
                    + " responsible region (403)")
    @Refusals({409})
    ResponseEntity<Findings.FindingDetail> signOff(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Findings.FindingSignOff body) {
        return withEtag(findings.signOff(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/reopen")
    @Operation(
            operationId = "reopenFinding",
            summary = "回头看重新整改 · The issuing level reopens a signed-off finding a review found not rectified")
    @Refusals({409})
    ResponseEntity<Findings.FindingDetail> reopen(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Findings.FindingNote body) {
        return withEtag(findings.reopen(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    private static ResponseEntity<Findings.FindingDetail> withEtag(Findings.FindingDetail d) {
        return ResponseEntity.ok()
                .eTag(RequestSupport.etag(d.finding().version()))
                .body(d);
    }
}
