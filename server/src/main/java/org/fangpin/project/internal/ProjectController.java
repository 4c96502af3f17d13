package org.fangpin.project.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ImportResponses;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.project.Funds;
import org.fangpin.project.ProjectBeneficiaries;
import org.fangpin.project.ProjectFiles;
import org.fangpin.project.ProjectStage;
import org.fangpin.project.Projects;
import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** 项目库 over HTTP: apply, review, decide and publicise, approve, report the works, accept; fund and pay. */
@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "projects", description = "项目库 · Projects from application to acceptance, their funds and payments")
class ProjectController {

    private final Projects projects;
    private final ProjectBeneficiaries beneficiaries;
    private final BeneficiaryUpload upload;
    private final Messages messages;
    private final java.nio.file.Path workDir;

    ProjectController(
            Projects projects,
            ProjectBeneficiaries beneficiaries,
            BeneficiaryUpload upload,
            Messages messages,
            @Value("${fangpin.import.work-dir:./data/imports}") java.nio.file.Path workDir) {
        this.projects = projects;
        this.beneficiaries = beneficiaries;
        this.upload = upload;
        this.messages = messages;
        this.workDir = workDir;
    }

    @PostMapping
    @Operation(
            operationId = "applyForProject",
            summary = "项目申报 · A village or township applies for a project in its region (a village's waits for the"
                    + " township's review)")
    ResponseEntity<Projects.Project> apply(@RequestBody Projects.Application body) {
        Projects.Project p = projects.apply(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(p.version()))
                .body(p);
    }

    @GetMapping
    @Operation(
            operationId = "listProjects",
            summary = "项目库 · Projects of the caller's reach (a region in it), of a stage and year, newest first")
    Projects.ProjectPage list(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) ProjectStage stage,
            @RequestParam(required = false) Integer year,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        return projects.list(region, stage, year, offset, limit);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getProject",
            summary = "项目详情 · A project with its timeline, objections, funding lines and payments; ETag = its version")
    ResponseEntity<Projects.Detail> get(@PathVariable long id) {
        Projects.Detail d = projects.detail(id);
        return ResponseEntity.ok()
                .eTag(RequestSupport.etag(d.project().version()))
                .body(d);
    }

    @PutMapping("/{id}")
    @Operation(
            operationId = "amendProject",
            summary = "修改申报 · Change an application not yet reviewed by the township, or returned for changes")
    @Refusals({409})
    ResponseEntity<Projects.Project> amend(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Projects.Application body) {
        return tagged(projects.amend(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/township-review")
    @Operation(
            operationId = "reviewProjectAsTownship",
            summary = "乡镇审核 · The township passes a village's application on or returns it with the reason")
    @Refusals({409})
    ResponseEntity<Projects.Project> townshipReview(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Projects.Review body) {
        return tagged(projects.townshipReview(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/department-review")
    @Operation(
            operationId = "reviewProjectAsDepartment",
            summary = "行业部门审核 · The sector's department (or the county on its behalf) passes the project on or"
                    + " returns it")
    @Refusals({409})
    ResponseEntity<Projects.Project> departmentReview(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Projects.Review body) {
        return tagged(projects.departmentReview(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/decision")
    @Operation(
            operationId = "decideProject",
            summary = "县级审定 · The county lists the project and publicises it (at least project_publicity_days), or"
                    + " refuses it")
    @Refusals({409})
    ResponseEntity<Projects.Project> decide(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Projects.Decision body) {
        return tagged(projects.decide(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/objections")
    @Operation(
            operationId = "recordProjectObjection",
            summary = "登记公示异议 · An objection to the project's listing or results, whichever is publicised")
    @Refusals({409})
    ResponseEntity<Projects.Project> object(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Publicities.NewObjection body) {
        return tagged(projects.object(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/objections/{objection}/resolution")
    @Operation(
            operationId = "resolveProjectObjection",
            summary =
                    "处理公示异议 · Upheld sends a listing back to the county's decision and results back to" + " acceptance")
    @Refusals({409})
    ResponseEntity<Projects.Project> resolve(
            @PathVariable long id,
            @PathVariable long objection,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Publicities.Resolution body) {
        return tagged(projects.resolve(id, RequestSupport.ifMatchVersion(ifMatch), objection, body));
    }

    @PostMapping("/{id}/publicity-end")
    @Operation(
            operationId = "endProjectPublicity",
            summary = "公示期满入库 · After the publicity's last day with no objection open, the project enters the"
                    + " library")
    @Refusals({409})
    ResponseEntity<Projects.Project> endPublicity(
            @PathVariable long id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return tagged(projects.endPublicity(id, RequestSupport.ifMatchVersion(ifMatch)));
    }

    @PostMapping("/{id}/approval")
    @Operation(operationId = "approveProject", summary = "立项 · The county approves a project of the library")
    @Refusals({409})
    ResponseEntity<Projects.Project> approve(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Projects.Approval body) {
        return tagged(projects.approve(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/progress")
    @Operation(operationId = "reportProjectProgress", summary = "报告进度 · The share of the works done and the milestone")
    @Refusals({409})
    ResponseEntity<Projects.Project> progress(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Projects.Progress body) {
        return tagged(projects.progress(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/suspension")
    @Operation(operationId = "suspendProject", summary = "停工 · The works stop, with the reason")
    @Refusals({409})
    ResponseEntity<Projects.Project> suspend(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Projects.Stoppage body) {
        return tagged(projects.suspend(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/resumption")
    @Operation(operationId = "resumeProject", summary = "复工 · The works go on")
    @Refusals({409})
    ResponseEntity<Projects.Project> resume(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Projects.Stoppage body) {
        return tagged(projects.resume(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/completion")
    @Operation(operationId = "completeProject", summary = "完工 · The works are done, at a final cost")
    @Refusals({409})
    ResponseEntity<Projects.Project> complete(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Projects.Completion body) {
        return tagged(projects.complete(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/acceptance")
    @Operation(
            operationId = "acceptProject",
            summary = "验收 · Completed works only: passed publicises the results, failed sends the works back")
    @Refusals({409})
    ResponseEntity<Projects.Project> accept(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Projects.Acceptance body) {
        return tagged(projects.accept(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/result-publicity-end")
    @Operation(
            operationId = "endProjectResultPublicity",
            summary = "结果公示期满结项 · After the results' publicity with no objection open, the project is closed")
    @Refusals({409})
    ResponseEntity<Projects.Project> endResultPublicity(
            @PathVariable long id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return tagged(projects.endResultPublicity(id, RequestSupport.ifMatchVersion(ifMatch)));
    }

    @PostMapping("/{id}/lines")
    @Operation(
            operationId = "assignProjectFunds",
            summary = "安排资金 · Part of an allocation of the county to a project in the library or beyond (409 with"
                    + " the allocation's balance when it has not that much left)")
    @Refusals({409})
    ResponseEntity<Funds.Line> assign(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Funds.NewLine body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(projects.assign(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/payments")
    @Operation(
            operationId = "payProject",
            summary = "拨付资金 · A payment from one of the project's lines, after 立项 (409 with the line's balance when"
                    + " it has not that much left)")
    @Refusals({409})
    ResponseEntity<Funds.Payment> pay(@PathVariable long id, @RequestBody Funds.NewPayment body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(projects.pay(id, body));
    }

    @PostMapping("/{id}/payments/{payment}/reversal")
    @Operation(
            operationId = "reverseProjectPayment",
            summary = "冲销 · A wrong payment is reversed in full by a negative entry, never edited")
    @Refusals({409})
    ResponseEntity<Funds.Payment> reverse(
            @PathVariable long id, @PathVariable long payment, @RequestBody Funds.Reversal body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(projects.reverse(id, payment, body));
    }

    private static ResponseEntity<Projects.Project> tagged(Projects.Project p) {
        return ResponseEntity.ok().eTag(RequestSupport.etag(p.version())).body(p);
    }

    @PostMapping(value = "/{id}/files", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "addProjectFile",
            summary = "上传佐证材料 · A file (PDF, JPEG or PNG; multipart field 'file') of a project: 验收 minutes and"
                    + " photos, publicity photos, contracts")
    ProjectFiles.File addFile(@PathVariable long id, @RequestParam("file") MultipartFile file) throws IOException {
        try (var in = file.getInputStream()) {
            return projects.addFile(id, file.getOriginalFilename(), in);
        }
    }

    @GetMapping("/{id}/files/{file}")
    @Operation(operationId = "downloadProjectFile", summary = "下载佐证材料 · A project's file (audited)")
    ResponseEntity<Resource> file(@PathVariable long id, @PathVariable UUID file) {
        ProjectFiles.Content c = projects.openFile(id, file);
        return Downloads.attachment(
                        c.file().fileName(), MediaType.parseMediaType(c.file().contentType()))
                .contentLength(c.file().sizeBytes())
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(c.path()));
    }

    @GetMapping("/{id}/beneficiaries")
    @Operation(
            operationId = "listProjectBeneficiaries",
            summary = "受益农户 · The households a project reaches and how, with the totals (a department: totals only)")
    ProjectBeneficiaries.Beneficiaries beneficiaries(@PathVariable long id) {
        return beneficiaries.of(id);
    }

    @GetMapping("/{id}/beneficiaries/sheet")
    @Operation(
            operationId = "downloadProjectBeneficiaries",
            summary = "下载受益农户名单 · A project's list as the XLSX sheet the upload reads (empty: the template), to change"
                    + " and upload again")
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> beneficiarySheet(
            @PathVariable long id, java.util.Locale locale) {
        Projects.Project p = projects.get(id);
        return org.fangpin.common.web.Downloads.attachment(
                        "受益农户-" + p.projectNo() + ".xlsx",
                        MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(out -> upload.sheet(id, locale, out));
    }

    @PutMapping("/{id}/beneficiaries")
    @Operation(
            operationId = "replaceProjectBeneficiaries",
            summary = "登记受益农户 · Replace the list of households a project reaches (利益联结), each by one of the"
                    + " project's ways")
    @Refusals({409})
    ResponseEntity<ProjectBeneficiaries.Beneficiaries> replaceBeneficiaries(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody List<ProjectBeneficiaries.NewBeneficiary> body) {
        ProjectBeneficiaries.Beneficiaries b = beneficiaries.replace(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok()
                .eTag(RequestSupport.etag(projects.get(id).version()))
                .body(b);
    }

    @PostMapping(value = "/{id}/beneficiaries/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "uploadProjectBeneficiaries",
            summary = "上传受益农户名单 · Replace a project's list by a sheet (XLSX or CSV: 户编号, 联农带农方式, 计划受益, 实际受益,"
                    + " 备注): all or nothing, each rejected row with its line and reason")
    ResponseEntity<?> uploadBeneficiaries(
            @PathVariable long id,
            @RequestPart("file") MultipartFile file,
            HttpServletRequest request,
            java.util.Locale locale)
            throws IOException {
        java.nio.file.Path saved = RequestSupport.save(file, workDir);
        try {
            return ImportResponses.of(
                    upload.upload(id, saved, RequestSupport.originalName(file), RequestSupport.user(request), locale),
                    messages);
        } finally {
            java.nio.file.Files.deleteIfExists(saved);
        }
    }
}
