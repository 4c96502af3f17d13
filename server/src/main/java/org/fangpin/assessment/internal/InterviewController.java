package org.fangpin.assessment.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fangpin.assessment.Interviews;
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

/** 约谈 over HTTP: record an interview of a region below, list and read them, record the follow-up. */
@RestController
@RequestMapping("/api/v1/interviews")
@Tag(name = "findings", description = "问题整改 · Findings issued to the levels below and their rectification")
class InterviewController {

    private final Interviews interviews;

    InterviewController(Interviews interviews) {
        this.interviews = interviews;
    }

    @PostMapping
    @Operation(
            operationId = "recordInterview",
            summary = "记录约谈 · Record an interview of those answering for a region below, with the findings it"
                    + " concerns and what they undertook")
    ResponseEntity<Interviews.Interview> record(@RequestBody Interviews.InterviewRecord body) {
        Interviews.Interview i = interviews.record(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(i.version()))
                .body(i);
    }

    @GetMapping
    @Operation(
            operationId = "listInterviews",
            summary = "约谈记录 · Interviews of the caller's reach (or those concerning one finding), newest first")
    List<Interviews.Interview> list(
            @RequestParam(required = false) Long finding, @RequestParam(defaultValue = "100") int limit) {
        return interviews.list(finding, limit);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getInterview", summary = "约谈详情 · An interview; ETag = its version")
    ResponseEntity<Interviews.Interview> get(@PathVariable long id) {
        Interviews.Interview i = interviews.get(id);
        return ResponseEntity.ok().eTag(RequestSupport.etag(i.version())).body(i);
    }

    @PostMapping("/{id}/follow-up")
    @Operation(
            operationId = "recordInterviewFollowUp",
            summary = "约谈整改落实情况 · What became of the undertaking, recorded once by the interviewing level")
    @Refusals({409})
    ResponseEntity<Interviews.Interview> followUp(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Interviews.InterviewFollowUp body) {
        Interviews.Interview i = interviews.followUp(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(i.version())).body(i);
    }
}
