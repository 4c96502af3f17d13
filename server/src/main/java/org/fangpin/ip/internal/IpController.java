package org.fangpin.ip.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.ip.Inventions;
import org.fangpin.ip.Patents;
import org.fangpin.ip.Universities;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** 高校知识产权 over HTTP: universities and their users (administrators), disclosures, patents, 转化 and the split. */
@RestController
@Tag(name = "ip", description = "高校知识产权 · University IP: disclosures, evaluation, patents, fees, 转化 and income split")
class IpController {

    private final Universities universities;
    private final Inventions inventions;
    private final Patents patents;

    IpController(Universities universities, Inventions inventions, Patents patents) {
        this.universities = universities;
        this.inventions = inventions;
        this.patents = patents;
    }

    @GetMapping("/api/v1/ip/universities")
    @Operation(operationId = "listUniversities", summary = "高校 · The universities an administrator manages")
    List<Universities.University> universities() {
        return universities.list();
    }

    @PostMapping("/api/v1/ip/universities")
    @Operation(operationId = "addUniversity", summary = "登记高校 · Record a university (name, 学校标识码, region)")
    @Refusals({409})
    ResponseEntity<Universities.University> addUniversity(@RequestBody Universities.NewUniversity body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(universities.create(body));
    }

    @PostMapping("/api/v1/ip/universities/{id}/users")
    @Operation(
            operationId = "addUniversityUser",
            summary = "高校用户 · Create an account (role UNIVERSITY) for a university; the one-time password is"
                    + " returned once")
    @Refusals({409})
    ResponseEntity<Universities.UserCreated> addUser(@PathVariable long id, @RequestBody Universities.NewUser body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(universities.addUser(id, body));
    }

    @GetMapping("/api/v1/ip/disclosures")
    @Operation(operationId = "listDisclosures", summary = "成果披露 · The university's disclosures, newest first")
    List<Inventions.Summary> disclosures() {
        return inventions.list();
    }

    @PostMapping("/api/v1/ip/disclosures")
    @Operation(
            operationId = "addDisclosure",
            summary = "成果披露 · Record a disclosure with its inventors and their shares (adding up to 100)")
    ResponseEntity<Inventions.Disclosure> disclose(@RequestBody Inventions.NewDisclosure body) {
        Inventions.Disclosure d = inventions.disclose(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(d.version()))
                .body(d);
    }

    @GetMapping("/api/v1/ip/disclosures/{id}")
    @Operation(operationId = "getDisclosure", summary = "成果披露 · One disclosure with its inventors and evaluations")
    ResponseEntity<Inventions.Disclosure> disclosure(@PathVariable long id) {
        Inventions.Disclosure d = inventions.get(id);
        return ResponseEntity.ok().eTag(RequestSupport.etag(d.version())).body(d);
    }

    @PostMapping("/api/v1/ip/disclosures/{id}/evaluations")
    @Operation(
            operationId = "evaluateDisclosure",
            summary = "申请前评估 · Record an evaluation and its decision (申请, 不申请, 转让申请权给发明人, 技术秘密)")
    @Refusals({412})
    ResponseEntity<Inventions.Disclosure> evaluate(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Inventions.NewEvaluation body) {
        Inventions.Disclosure d = inventions.evaluate(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(d.version())).body(d);
    }

    @GetMapping("/api/v1/ip/patents")
    @Operation(operationId = "listPatents", summary = "专利 · The university's patents with their deals and income")
    List<Patents.Patent> patents() {
        return patents.list();
    }

    @PostMapping("/api/v1/ip/patents")
    @Operation(
            operationId = "addPatent",
            summary = "专利 · Record a patent filed from a disclosure decided 申请 (or given to the inventors)")
    @Refusals({409})
    ResponseEntity<Patents.Patent> file(@RequestBody Patents.NewPatent body) {
        Patents.Patent p = patents.file(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(p.version()))
                .body(p);
    }

    @GetMapping("/api/v1/ip/patents/{id}")
    @Operation(
            operationId = "getPatent",
            summary = "专利 · One patent: fees, 维持/放弃 decisions, deals with receipts, and the income split line by line")
    ResponseEntity<Patents.Detail> patent(@PathVariable long id) {
        return tagged(patents.detail(id));
    }

    @PostMapping("/api/v1/ip/patents/{id}/fees")
    @Operation(
            operationId = "addPatentFee",
            summary = "专利费用 · Book a fee with who paid it from which funds (an inventor never from 财政 funds)")
    @Refusals({409, 412})
    ResponseEntity<Patents.Detail> fee(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Patents.NewFee body) {
        return tagged(patents.payFee(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/api/v1/ip/patents/{id}/maintenance")
    @Operation(
            operationId = "decidePatentMaintenance",
            summary = "维持/放弃 · The decision for a fee year, with its reason (放弃 ends the patent)")
    @Refusals({409, 412})
    ResponseEntity<Patents.Detail> maintenance(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Patents.NewMaintenance body) {
        return tagged(patents.decide(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/api/v1/ip/patents/{id}/transactions")
    @Operation(
            operationId = "addPatentTransaction",
            summary = "转化运用 · Record a 转让, 许可, 作价入股 or 共有 deal (a region code tags it 科技帮扶)")
    @Refusals({409, 412})
    ResponseEntity<Patents.Detail> transaction(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Patents.NewTransaction body) {
        return tagged(patents.transfer(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/api/v1/ip/patents/{id}/transactions/{transaction}/receipts")
    @Operation(operationId = "addPatentReceipt", summary = "到账 · Book money received under a deal")
    @Refusals({409, 412})
    ResponseEntity<Patents.Detail> receipt(
            @PathVariable long id,
            @PathVariable long transaction,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Patents.NewReceipt body) {
        return tagged(patents.receive(id, transaction, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @GetMapping("/api/v1/ip/decisions-due")
    @Operation(
            operationId = "ipDecisionsDue",
            summary = "待决策 · Annual fees falling due within 90 days with no 维持/放弃 decision yet")
    List<Patents.DecisionDue> due() {
        return patents.due();
    }

    @GetMapping("/api/v1/ip/years")
    @Operation(
            operationId = "ipYears",
            summary = "年度 · Per year: patents filed and granted, deals signed, money received")
    List<Patents.Year> years() {
        return patents.years();
    }

    private static ResponseEntity<Patents.Detail> tagged(Patents.Detail d) {
        return ResponseEntity.ok()
                .eTag(RequestSupport.etag(d.patent().version()))
                .body(d);
    }
}
