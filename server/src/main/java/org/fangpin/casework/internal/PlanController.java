package org.fangpin.casework.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.registry.RiskCause;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** 一户一策 over HTTP: a monitored household's plan (by household id), its measures and follow-up visits. */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "assistance plans",
        description = "一户一策：帮扶责任人、措施、走访和佐证材料 · Assistance plans: the responsible cadre, measures, visits and evidence")
class PlanController {

    private final AssistancePlans plans;
    private final Attachments attachments;

    private final EliminationProposals proposals;

    PlanController(AssistancePlans plans, Attachments attachments, EliminationProposals proposals) {
        this.proposals = proposals;
        this.plans = plans;
        this.attachments = attachments;
    }

    @GetMapping("/plans/{id}/attachments")
    @Operation(operationId = "listAttachments", summary = "佐证材料列表 · The evidence files of a plan's visits and measures")
    List<Attachments.Attachment> attachments(@PathVariable long id) {
        return attachments.of(id);
    }

    @PostMapping(value = "/plans/{id}/{owner:visits|measures}/{ownerId}/attachments", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "attachFile",
            summary = "上传佐证材料 · Attach a PDF, JPEG or PNG to a visit or a measure (multipart field 'file')")
    Attachments.Attachment attach(
            @PathVariable long id,
            @PathVariable String owner,
            @PathVariable long ownerId,
            @RequestParam("file") MultipartFile file)
            throws IOException {
        try (var in = file.getInputStream()) {
            return attachments.add(
                    id,
                    owner.equals("visits") ? Attachments.Owner.VISIT : Attachments.Owner.MEASURE,
                    ownerId,
                    file.getOriginalFilename(),
                    in);
        }
    }

    @GetMapping("/attachments/{attachment}")
    @Operation(operationId = "downloadAttachment", summary = "下载佐证材料 · Download an evidence file (audited)")
    ResponseEntity<Resource> download(@PathVariable UUID attachment) {
        var c = attachments.open(attachment);
        return Downloads.attachment(
                        c.attachment().fileName(),
                        MediaType.parseMediaType(c.attachment().contentType()))
                .contentLength(c.attachment().sizeBytes())
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(c.file()));
    }

    @GetMapping("/measure-types")
    @Operation(
            operationId = "listMeasureTypes",
            summary = "帮扶措施目录 · The catalogue of assistance measures, or those for one risk cause")
    List<AssistancePlans.MeasureType> measureTypes(@RequestParam(required = false) RiskCause cause) {
        return plans.measureTypes(cause);
    }

    @GetMapping("/plans")
    @Operation(
            operationId = "listPlans",
            summary = "帮扶计划列表 · Plans in the caller's region; visitOverdue=true: households not visited in time")
    List<AssistancePlans.Plan> list(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) Boolean visitOverdue,
            @RequestParam(required = false) Boolean withoutResponsible,
            @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") int limit) {
        return plans.list(new AssistancePlans.Query(region, visitOverdue, withoutResponsible, before, limit));
    }

    @GetMapping("/plans/counts")
    @Operation(
            operationId = "countPlans",
            summary = "帮扶计划统计 · Plans, measures and overdue visits in the caller's region")
    AssistancePlans.Counts counts() {
        return plans.counts();
    }

    @GetMapping("/plans/{householdId}/elimination-criteria")
    @Operation(
            operationId = "assessElimination",
            summary = "风险消除条件 · A monitored household against every criterion of risk elimination, met or not, with the"
                    + " evidence")
    @Refusals(409)
    EliminationProposals.Assessment assessElimination(@PathVariable long householdId) {
        return proposals.assess(householdId);
    }

    @GetMapping("/plans/{id}")
    @Operation(
            operationId = "getPlan",
            summary = "帮扶计划详情 · A household's plan with its measures and visits; ETag = the plan's version")
    ResponseEntity<AssistancePlans.Detail> get(@PathVariable long id) {
        AssistancePlans.Detail d = plans.detail(id);
        return ResponseEntity.ok().eTag(RequestSupport.etag(d.plan().version())).body(d);
    }

    @PutMapping("/plans/{id}/responsible")
    @Operation(
            operationId = "assignResponsible",
            summary = "确定帮扶责任人 · Name the responsible cadre (township or county); If-Match once the plan exists")
    @Refusals(409)
    ResponseEntity<AssistancePlans.Plan> assign(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssistancePlans.Responsible body) {
        AssistancePlans.Plan p =
                plans.assign(id, ifMatch == null ? null : RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(p.version())).body(p);
    }

    @PostMapping("/plans/{id}/measures")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "addMeasure", summary = "新增帮扶措施 · Add a measure from the catalogue")
    @Refusals(409)
    AssistancePlans.Measure addMeasure(@PathVariable long id, @RequestBody AssistancePlans.NewMeasure body) {
        return plans.addMeasure(id, body);
    }

    @PutMapping("/plans/{id}/measures/{measure}")
    @Operation(
            operationId = "updateMeasure",
            summary =
                    "更新措施进度 · Record a measure's progress (status, actual dates, amount, evidence); requires If-Match")
    @Refusals(409)
    ResponseEntity<AssistancePlans.Measure> updateMeasure(
            @PathVariable long id,
            @PathVariable long measure,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssistancePlans.MeasureUpdate body) {
        AssistancePlans.Measure m = plans.updateMeasure(id, measure, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(m.version())).body(m);
    }

    @PostMapping("/plans/{id}/visits")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "recordVisit", summary = "登记走访 · Record a follow-up visit (走访)")
    @Refusals(409)
    AssistancePlans.Visit visit(@PathVariable long id, @RequestBody AssistancePlans.NewVisit body) {
        return plans.visit(id, body);
    }
}
