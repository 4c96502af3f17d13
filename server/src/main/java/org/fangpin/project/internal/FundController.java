package org.fangpin.project.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.project.Funds;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 衔接资金 over HTTP: allocations to counties and each county's money of a year. */
@RestController
@RequestMapping("/api/v1/funds")
@Tag(name = "funds", description = "衔接资金 · Allocations to counties, and what each county received, assigned, paid")
class FundController {

    private final Funds funds;

    FundController(Funds funds) {
        this.funds = funds;
    }

    @PostMapping("/allocations")
    @Operation(
            operationId = "recordAllocation",
            summary = "资金下达 · An allocation of one source's money to a county of the caller's reach, by a document")
    @Refusals({409})
    ResponseEntity<Funds.Allocation> allocate(@RequestBody Funds.NewAllocation body) {
        Funds.Allocation a = funds.allocate(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(a.version()))
                .body(a);
    }

    @GetMapping("/allocations")
    @Operation(
            operationId = "listAllocations",
            summary = "资金下达台账 · Allocations of the caller's reach (a county, a year), with what is assigned and paid")
    List<Funds.Allocation> list(
            @RequestParam(required = false) String county, @RequestParam(required = false) Integer year) {
        return funds.allocations(county, year);
    }

    @GetMapping("/allocations/{id}")
    @Operation(operationId = "getAllocation", summary = "资金下达 · One allocation with what is assigned and paid")
    Funds.Allocation get(@PathVariable long id) {
        return funds.allocation(id);
    }

    @GetMapping("/summary")
    @Operation(
            operationId = "fundSummary",
            summary = "资金支出进度 · Each county of the caller's reach (a region in it) in a year: received, assigned,"
                    + " disbursed, balance, 支出进度 against 序时进度, per source")
    List<Funds.CountyYear> summary(
            @RequestParam(required = false) String region,
            @RequestParam int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        return funds.summary(region, year, asOf);
    }
}
