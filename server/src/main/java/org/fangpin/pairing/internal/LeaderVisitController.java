package org.fangpin.pairing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.pairing.LeaderVisits;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 五级书记遍访 over HTTP: the secretaries of the caller's reach with their coverage, their visits. */
@RestController
@Tag(name = "leader-visits", description = "书记遍访 · Party secretaries' visits and their coverage")
class LeaderVisitController {

    private final LeaderVisits visits;
    private final Clock clock;

    LeaderVisitController(LeaderVisits visits, Clock clock) {
        this.visits = visits;
        this.clock = clock;
    }

    @GetMapping("/api/v1/leader-visits")
    @Operation(
            operationId = "listLeaders",
            summary = "遍访覆盖 · The secretaries of the caller's reach in office during a year (this year by default),"
                    + " each with the targets of their level, those visited, the visits and the coverage")
    List<LeaderVisits.Leader> list(@RequestParam(required = false) Integer year) {
        return visits.list(year == null ? LocalDate.now(clock).getYear() : year);
    }

    @GetMapping("/api/v1/leader-visits/leaders/{id}")
    @Operation(
            operationId = "getLeader",
            summary = "书记遍访 · One secretary's visits in a year and the targets not visited yet (500 at most)")
    ResponseEntity<LeaderVisits.Detail> get(@PathVariable long id, @RequestParam(required = false) Integer year) {
        LeaderVisits.Detail d =
                visits.get(id, year == null ? LocalDate.now(clock).getYear() : year);
        return ResponseEntity.ok()
                .eTag(RequestSupport.etag(d.leader().version()))
                .body(d);
    }

    @PostMapping("/api/v1/leader-visits/leaders")
    @Operation(operationId = "addLeader", summary = "登记书记 · Record a party secretary of the caller's own region")
    ResponseEntity<LeaderVisits.Leader> add(@RequestBody LeaderVisits.NewLeader body) {
        LeaderVisits.Leader l = visits.create(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(l.version()))
                .body(l);
    }

    @PostMapping("/api/v1/leader-visits/leaders/{id}/end")
    @Operation(operationId = "leaderLeaves", summary = "书记离任 · A secretary leaves office on a day")
    @Refusals({409, 412})
    ResponseEntity<LeaderVisits.Leader> end(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody LeaderVisits.End body) {
        LeaderVisits.Leader l = visits.end(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(l.version())).body(l);
    }

    @PostMapping("/api/v1/leader-visits/leaders/{id}/visits")
    @Operation(
            operationId = "addLeaderVisit",
            summary = "登记遍访 · A secretary's visit to a village or a household of their region, with the problems"
                    + " found (a city or province may open a finding from it)")
    ResponseEntity<LeaderVisits.Visit> visit(@PathVariable long id, @RequestBody LeaderVisits.NewVisit body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(visits.visit(id, body));
    }
}
