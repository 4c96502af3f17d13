package org.fangpin.pairing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.pairing.PartnershipDeliveries;
import org.fangpin.pairing.PartnershipKind;
import org.fangpin.pairing.Partnerships;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** 定点帮扶, 东西部协作, 万企帮万村, 对口支援 over HTTP: partnerships, their years, deliveries and reconciliations. */
@RestController
@Tag(
        name = "partnerships",
        description = "协作帮扶 · Designated assistance, east–west collaboration, enterprises and counterpart support")
class PartnershipController {

    private final Partnerships partnerships;
    private final PartnershipDeliveries deliveries;
    private final Clock clock;

    PartnershipController(Partnerships partnerships, PartnershipDeliveries deliveries, Clock clock) {
        this.partnerships = partnerships;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @GetMapping("/api/v1/partnerships")
    @Operation(
            operationId = "listPartnerships",
            summary = "协作帮扶 · The partnerships of the caller's region and of the regions it lies in (open ones unless"
                    + " ended=true)")
    List<Partnerships.Partnership> list(
            @RequestParam(required = false) PartnershipKind kind, @RequestParam(defaultValue = "false") boolean ended) {
        return partnerships.list(kind, ended);
    }

    @GetMapping("/api/v1/partnerships/summary")
    @Operation(
            operationId = "partnershipSummary",
            summary = "协作台账汇总 · Committed and delivered per item in a year (this year by default) over the open"
                    + " partnerships the caller sees")
    Partnerships.Summary summary(@RequestParam(required = false) Integer year) {
        return partnerships.summary(year == null ? LocalDate.now(clock).getYear() : year);
    }

    @GetMapping("/api/v1/partnerships/{id}")
    @Operation(
            operationId = "getPartnership",
            summary = "协作帮扶 · One partnership with each year's commitments, deliveries and reconciliation")
    ResponseEntity<Partnerships.Detail> get(@PathVariable long id) {
        Partnerships.Detail d = deliveries.detail(id);
        return ResponseEntity.ok()
                .eTag(RequestSupport.etag(d.partnership().version()))
                .body(d);
    }

    @PostMapping("/api/v1/partnerships")
    @Operation(
            operationId = "addPartnership",
            summary = "登记协作帮扶 · Record a partnership of a unit with a region the caller keeps (county: the county"
                    + " and below; province: the province and its cities)")
    @Refusals({409})
    ResponseEntity<Partnerships.Partnership> add(@RequestBody Partnerships.NewPartnership body) {
        Partnerships.Partnership x = partnerships.create(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(x.version()))
                .body(x);
    }

    @PostMapping("/api/v1/partnerships/{id}/end")
    @Operation(operationId = "endPartnership", summary = "结束协作帮扶 · End a partnership on a day, with the reason")
    @Refusals({409, 412})
    ResponseEntity<Partnerships.Partnership> end(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Partnerships.End body) {
        Partnerships.Partnership x = partnerships.end(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(x.version())).body(x);
    }

    @PutMapping("/api/v1/partnerships/{id}/commitments/{year}")
    @Operation(
            operationId = "setPartnershipCommitments",
            summary = "年度承诺 · Set a year's commitments per item (an item left out is not committed); refused once"
                    + " the year is reconciled")
    @Refusals({409, 412})
    ResponseEntity<Partnerships.Detail> commit(
            @PathVariable long id,
            @PathVariable int year,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody PartnershipDeliveries.Commitments body) {
        return tagged(deliveries.commit(id, year, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/api/v1/partnerships/{id}/deliveries")
    @Operation(
            operationId = "addPartnershipDelivery",
            summary = "登记到位 · Book a delivery: funds as the allocation received, a project built, cadres, workers"
                    + " placed (with their households where known), consumption purchases, training, enterprises")
    @Refusals({409})
    ResponseEntity<PartnershipDeliveries.Delivery> deliver(
            @PathVariable long id, @RequestBody PartnershipDeliveries.NewDelivery body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(deliveries.deliver(id, body));
    }

    @PostMapping("/api/v1/partnerships/{id}/deliveries/{delivery}/withdrawal")
    @Operation(
            operationId = "withdrawPartnershipDelivery",
            summary = "撤回到位登记 · Withdraw a wrong delivery with the reason (never edited)")
    @Refusals({409, 412})
    ResponseEntity<Partnerships.Detail> withdraw(
            @PathVariable long id,
            @PathVariable long delivery,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody PartnershipDeliveries.Withdrawal body) {
        return tagged(deliveries.withdraw(id, delivery, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping(value = "/api/v1/partnerships/{id}/reconciliations", consumes = "multipart/form-data")
    @Operation(
            operationId = "reconcilePartnership",
            summary = "年度对账 · Confirm a year's figures with the partner's signed statement (multipart: year, note,"
                    + " statement as PDF, JPEG or PNG); the year is closed")
    @Refusals({409, 412})
    ResponseEntity<Partnerships.Detail> reconcile(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam int year,
            @RequestParam(required = false) String note,
            @RequestParam(value = "statement", required = false) MultipartFile statement)
            throws IOException {
        int version = RequestSupport.ifMatchVersion(ifMatch);
        if (statement == null || statement.isEmpty()) {
            return tagged(deliveries.reconcile(id, year, version, note, null, null));
        }
        try (InputStream in = statement.getInputStream()) {
            return tagged(deliveries.reconcile(id, year, version, note, statement.getOriginalFilename(), in));
        }
    }

    @GetMapping("/api/v1/partnerships/{id}/reconciliations/{year}/statement")
    @Operation(
            operationId = "downloadPartnershipStatement",
            summary = "对账确认书 · The partner's signed statement of a reconciled year (audited)")
    ResponseEntity<Resource> statement(@PathVariable long id, @PathVariable int year) {
        PartnershipDeliveries.Statement s = deliveries.statement(id, year);
        return Downloads.attachment(s.fileName(), MediaType.parseMediaType(s.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(s.path()));
    }

    private static ResponseEntity<Partnerships.Detail> tagged(Partnerships.Detail d) {
        return ResponseEntity.ok()
                .eTag(RequestSupport.etag(d.partnership().version()))
                .body(d);
    }
}
