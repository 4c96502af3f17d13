package org.fangpin.casework.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fangpin.casework.CaseStage;
import org.fangpin.casework.Cases;
import org.fangpin.casework.Grievances;
import org.fangpin.casework.Inbox;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 识别认定 over HTTP: every step takes the case's ETag in If-Match, so a step on a stale view gets 412. */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "case work",
        description =
                "识别认定与申诉：从发现到县级审定，待办 · Case work: identification from discovery to the county's decision, grievances, the inbox")
class CaseController {

    private final Cases cases;
    private final Inbox inbox;
    private final EliminationProposals proposals;
    private final Grievances grievances;

    CaseController(Cases cases, Inbox inbox, EliminationProposals proposals, Grievances grievances) {
        this.grievances = grievances;
        this.cases = cases;
        this.inbox = inbox;
        this.proposals = proposals;
    }

    @GetMapping("/cases")
    @Operation(
            operationId = "listCases",
            summary = "识别认定案件列表 · Cases in the caller's region, newest first (keyset: before=<last id>)")
    List<Cases.CaseFile> list(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) CaseStage stage,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Long household,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") int limit) {
        return cases.list(new Cases.Query(region, stage, overdue, household, before, limit));
    }

    @GetMapping("/cases/counts")
    @Operation(
            operationId = "countCases",
            summary = "案件统计 · Open cases by stage, overdue cases, and cases decided in time or late")
    Cases.Counts counts() {
        return cases.counts();
    }

    @GetMapping("/cases/elimination-proposals")
    @Operation(
            operationId = "listEliminationProposals",
            summary =
                    "风险消除建议 · Monitored households in the caller's region that meet the criteria for elimination, with evidence")
    List<EliminationProposals.Proposal> proposals(@RequestParam(defaultValue = "100") int limit) {
        return proposals.list(Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/cases/{id}")
    @Operation(operationId = "getCase", summary = "案件详情 · A case with every step and objection; ETag = its version")
    ResponseEntity<Cases.Detail> get(@PathVariable long id) {
        Cases.Detail d = cases.detail(id);
        return ResponseEntity.ok().eTag(RequestSupport.etag(d.file().version())).body(d);
    }

    @PostMapping("/cases")
    @Operation(
            operationId = "openCase",
            summary = "发起识别认定 · Open a case: a household's application or a cadre's finding")
    @Refusals(409)
    ResponseEntity<Cases.CaseFile> open(@RequestBody Cases.Opening opening) {
        return tagged(HttpStatus.CREATED, cases.open(opening));
    }

    @PostMapping("/cases/{id}/verification")
    @Operation(
            operationId = "recordVerification",
            summary = "入户核实 · Record the field visit's findings (village or township)")
    @Refusals(409)
    ResponseEntity<Cases.CaseFile> verify(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Cases.Findings body) {
        return tagged(HttpStatus.OK, cases.verify(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/cases/{id}/council")
    @Operation(
            operationId = "recordCouncil",
            summary = "村民主评议 · The council's vote; approved starts the publicity (village)")
    @Refusals(409)
    ResponseEntity<Cases.CaseFile> council(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Cases.Council body) {
        return tagged(HttpStatus.OK, cases.council(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/cases/{id}/objections")
    @Operation(
            operationId = "recordObjection",
            summary = "登记公示异议 · Record an objection raised during the publicity (village or township)")
    @Refusals(409)
    ResponseEntity<Cases.CaseFile> object(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Publicities.NewObjection body) {
        return tagged(HttpStatus.CREATED, cases.object(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/cases/{id}/objections/{objection}/resolution")
    @Operation(
            operationId = "resolveObjection",
            summary = "处理公示异议 · Settle an objection: upheld sends the case back to field verification")
    @Refusals(409)
    ResponseEntity<Cases.CaseFile> resolve(
            @PathVariable long id,
            @PathVariable long objection,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Publicities.Resolution body) {
        return tagged(HttpStatus.OK, cases.resolve(id, RequestSupport.ifMatchVersion(ifMatch), objection, body));
    }

    @PostMapping("/cases/{id}/publicity-end")
    @Operation(
            operationId = "endPublicity",
            summary = "结束公示 · End the publicity after its last day, all objections settled (village)")
    @Refusals(409)
    ResponseEntity<Cases.CaseFile> endPublicity(
            @PathVariable long id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return tagged(HttpStatus.OK, cases.endPublicity(id, RequestSupport.ifMatchVersion(ifMatch)));
    }

    @PostMapping("/cases/{id}/township-review")
    @Operation(
            operationId = "reviewCase",
            summary = "乡镇审核 · Approve to the county or return to field verification (township)")
    @Refusals(409)
    ResponseEntity<Cases.CaseFile> townshipReview(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Cases.Review body) {
        return tagged(HttpStatus.OK, cases.townshipReview(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/cases/{id}/county-decision")
    @Operation(
            operationId = "decideCase",
            summary = "县审定 · Include as monitored (category, causes) or reject with a reason (county)")
    @Refusals(409)
    ResponseEntity<Cases.CaseFile> decide(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Cases.Decision body) {
        return tagged(HttpStatus.OK, cases.decide(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @GetMapping("/grievances")
    @Operation(operationId = "listGrievances", summary = "申诉纠错列表 · Grievances in the caller's region, newest first")
    List<Grievances.Grievance> grievances(
            @RequestParam(required = false) Grievances.Status status,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Long household,
            @RequestParam(defaultValue = "50") int limit) {
        return grievances.list(new Grievances.Query(status, overdue, household, limit));
    }

    @GetMapping("/grievances/counts")
    @Operation(operationId = "countGrievances", summary = "申诉统计 · Grievances by status in the caller's region")
    Grievances.Counts grievanceCounts() {
        return grievances.counts();
    }

    @GetMapping("/grievances/{id}")
    @Operation(operationId = "getGrievance", summary = "申诉详情 · A grievance; ETag = its version")
    ResponseEntity<Grievances.Grievance> grievance(@PathVariable long id) {
        var g = grievances.get(id);
        return ResponseEntity.ok().eTag(RequestSupport.etag(g.version())).body(g);
    }

    @PostMapping("/grievances")
    @Operation(
            operationId = "lodgeGrievance",
            summary = "登记申诉 · Lodge a grievance (a household's, entered by a cadre, or a cadre's own)")
    @Refusals(409)
    ResponseEntity<Grievances.Grievance> lodge(@RequestBody Grievances.NewGrievance body) {
        var g = grievances.lodge(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(g.version()))
                .body(g);
    }

    @PostMapping("/grievances/{id}/decision")
    @Operation(
            operationId = "decideGrievance",
            summary =
                    "县级申诉处理 · The county's decision on a grievance (upheld or dismissed, with reasons); requires If-Match")
    @Refusals(409)
    ResponseEntity<Grievances.Grievance> decideGrievance(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Grievances.Ruling body) {
        var g = grievances.decide(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(g.version())).body(g);
    }

    @GetMapping("/inbox")
    @Operation(
            operationId = "listTasks",
            summary = "待办事项 · The tasks waiting for the caller, by kind with counts (decisions first); one page of"
                    + " one kind (default: the first), most overdue and oldest first")
    Inbox.Tasks tasks(
            @RequestParam(required = false) Inbox.Action action,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        return inbox.tasks(action, offset, limit);
    }

    private static ResponseEntity<Cases.CaseFile> tagged(HttpStatus status, Cases.CaseFile c) {
        return ResponseEntity.status(status)
                .eTag(RequestSupport.etag(c.version()))
                .body(c);
    }
}
