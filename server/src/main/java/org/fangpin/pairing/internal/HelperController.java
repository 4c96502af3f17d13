package org.fangpin.pairing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.pairing.HelperCoverage;
import org.fangpin.pairing.HelperStatus;
import org.fangpin.pairing.Helpers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 帮扶责任人 over HTTP: helpers, their pairings with households, departures, coverage and the unpaired list. */
@RestController
@Tag(name = "helpers", description = "帮扶责任人 · Helpers, pairings with households, coverage")
class HelperController {

    private final Helpers helpers;
    private final HelperCoverage coverage;

    HelperController(Helpers helpers, HelperCoverage coverage) {
        this.helpers = helpers;
        this.coverage = coverage;
    }

    @GetMapping("/api/v1/helpers")
    @Operation(
            operationId = "listHelpers",
            summary = "帮扶责任人 · The helpers the caller sees (a county's: its own and the levels above; its townships"
                    + " and villages too), newest first, with their households in the caller's reach")
    List<Helpers.Helper> list(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) HelperStatus status,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") int limit) {
        return helpers.list(new Helpers.Query(name, status, before, limit));
    }

    @GetMapping("/api/v1/helpers/coverage")
    @Operation(
            operationId = "helperCoverage",
            summary = "结对覆盖 · Households that must have a helper (监测对象 not eliminated; 脱贫户 while the province's"
                    + " switch helper_for_exited_households is on) and those paired, by the regions below one")
    HelperCoverage.Coverage coverage(@RequestParam(required = false) String region) {
        return coverage.coverage(region);
    }

    @GetMapping("/api/v1/helpers/unpaired")
    @Operation(
            operationId = "listUnpaired",
            summary = "未结对户 · Households that must have a helper and have none, with their last pairing")
    List<HelperCoverage.Unpaired> unpaired(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "100") int limit) {
        return coverage.unpaired(region, before, limit);
    }

    @GetMapping("/api/v1/helpers/{id}")
    @Operation(
            operationId = "getHelper",
            summary = "帮扶责任人 · One helper with the households paired now and before (in the caller's reach), their"
                    + " visits during the pairing and the next due")
    ResponseEntity<Helpers.Detail> get(@PathVariable long id) {
        Helpers.Detail d = helpers.get(id);
        return ResponseEntity.ok()
                .eTag(RequestSupport.etag(d.helper().version()))
                .body(d);
    }

    @PostMapping("/api/v1/helpers")
    @Operation(operationId = "addHelper", summary = "登记帮扶责任人 · Record a helper of a county in the caller's reach")
    @Refusals({409})
    ResponseEntity<Helpers.Helper> add(@RequestBody Helpers.NewHelper body) {
        Helpers.Helper h = helpers.create(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(h.version()))
                .body(h);
    }

    @PutMapping("/api/v1/helpers/{id}")
    @Operation(
            operationId = "amendHelper",
            summary = "更正帮扶责任人 · Correct a helper's name, unit, post, phone or account; the plans naming them follow")
    @Refusals({409, 412})
    ResponseEntity<Helpers.Helper> amend(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Helpers.Change body) {
        Helpers.Helper h = helpers.amend(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(h.version())).body(h);
    }

    @PostMapping("/api/v1/helpers/{id}/departure")
    @Operation(
            operationId = "helperDeparts",
            summary = "帮扶责任人调离 · A helper leaves with the reason; their households become unpaired")
    @Refusals({409, 412})
    ResponseEntity<Helpers.Helper> depart(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Helpers.Departure body) {
        Helpers.Helper h = helpers.depart(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(h.version())).body(h);
    }

    @PostMapping("/api/v1/helpers/{id}/households")
    @Operation(
            operationId = "pairHousehold",
            summary = "结对 · Pair a household (监测对象 or 脱贫户) of the helper's county with the helper; the reason is"
                    + " required when it replaces the household's helper")
    Helpers.Detail pair(@PathVariable long id, @RequestBody Helpers.NewPairing body) {
        return helpers.pair(id, body);
    }

    @PostMapping("/api/v1/helpers/{id}/households/{household}/end")
    @Operation(
            operationId = "endPairing",
            summary = "解除结对 · End a household's pairing with the helper, with the reason")
    Helpers.Detail unpair(@PathVariable long id, @PathVariable long household, @RequestBody Helpers.PairingEnd body) {
        return helpers.unpair(id, household, body);
    }
}
