package org.fangpin.ip.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ImportResponses;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.ip.Inventions;
import org.fangpin.ip.IpMonitoring;
import org.fangpin.ip.PatentListUpload;
import org.fangpin.ip.Patents;
import org.fangpin.ip.Reviews;
import org.fangpin.ip.TechAssistance;
import org.fangpin.ip.Universities;
import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** 高校知识产权 over HTTP: universities and their users (administrators), disclosures, patents, 转化 and the split. */
@RestController
@Tag(name = "ip", description = "高校知识产权 · University IP: disclosures, evaluation, patents, fees, 转化 and income split")
class IpController {

    private final Universities universities;
    private final Inventions inventions;
    private final Patents patents;
    private final IpMonitoring monitoring;
    private final Reviews reviews;
    private final TechAssistance assistance;
    private final PatentListUpload upload;
    private final Messages messages;
    private final Path workDir;
    private final Clock clock;

    IpController(
            Universities universities,
            Inventions inventions,
            Patents patents,
            IpMonitoring monitoring,
            Reviews reviews,
            TechAssistance assistance,
            PatentListUpload upload,
            Messages messages,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir,
            Clock clock) {
        this.upload = upload;
        this.messages = messages;
        this.workDir = workDir;
        this.universities = universities;
        this.inventions = inventions;
        this.patents = patents;
        this.monitoring = monitoring;
        this.reviews = reviews;
        this.assistance = assistance;
        this.clock = clock;
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

    @GetMapping("/api/v1/ip/universities/{id}/users")
    @Operation(operationId = "listUniversityUsers", summary = "高校用户 · A university's office users and their clearance")
    List<Universities.Member> universityUsers(@PathVariable long id) {
        return universities.members(id);
    }

    @PutMapping("/api/v1/ip/universities/{id}/users/{username}/clearance")
    @Operation(
            operationId = "setUniversityUserClearance",
            summary = "涉密知悉 · Clear an office user to read classified results, or withdraw it")
    List<Universities.Member> clearance(
            @PathVariable long id, @PathVariable String username, @RequestBody Universities.Clearance body) {
        return universities.clear(id, username, body);
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

    @PostMapping("/api/v1/ip/patents/{id}/grant")
    @Operation(operationId = "grantIpPatent", summary = "授权 · Record the grant of a patent filed")
    @Refusals({409, 412})
    ResponseEntity<Patents.Detail> grant(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Patents.Grant body) {
        return tagged(patents.grant(id, RequestSupport.ifMatchVersion(ifMatch), body));
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

    @PostMapping("/api/v1/ip/patents/{id}/transactions/{transaction}/contract")
    @Operation(operationId = "setPatentContract", summary = "合同编号 · Set a deal's contract number (e.g. for the 备案)")
    @Refusals({409, 412})
    ResponseEntity<Patents.Detail> contract(
            @PathVariable long id,
            @PathVariable long transaction,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Patents.Contract body) {
        return tagged(patents.contract(id, transaction, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping(value = "/api/v1/ip/patents/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            operationId = "importIpPatents",
            summary = "导入存量专利 · Load the university's existing patents from a list (XLSX or CSV: 专利号, 专利名称, 专利类型,"
                    + " 申请日, 授权日, 权属, 发明人产权比例, 发明人收益比例, 发明人 as 张三:60；李四:40, 学院, 经费来源, 科研项目):"
                    + " all or nothing, each rejected row with its line and reason")
    ResponseEntity<?> importPatents(@RequestPart("file") MultipartFile file, HttpServletRequest request, Locale locale)
            throws IOException {
        Path saved = RequestSupport.save(file, workDir);
        try {
            return ImportResponses.of(
                    upload.upload(saved, RequestSupport.originalName(file), RequestSupport.user(request), locale),
                    messages);
        } finally {
            Files.deleteIfExists(saved);
        }
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

    @GetMapping("/api/v1/ip/filing")
    @Operation(
            operationId = "ipFilingStatus",
            summary = "备案 · Last year's 转化 to file with CNIPA by 31 March: deals, whether prepared, reminder")
    IpMonitoring.FilingStatus filing() {
        return monitoring.filingStatus();
    }

    @GetMapping("/api/v1/ip/filing/{year}/deals")
    @Operation(operationId = "ipFilingDeals", summary = "备案 · The 转让, 许可, 作价入股 and 共有 deals signed in a year")
    List<IpMonitoring.FilingDeal> filingDeals(@PathVariable int year) {
        return monitoring.filingDeals(year);
    }

    @PostMapping("/api/v1/ip/filing/{year}")
    @Operation(
            operationId = "prepareIpFiling",
            summary = "备案 · Prepare a finished year's file for the CNIPA system (XLSX; refused while a deal lacks its"
                    + " contract number); prepared, not submitted")
    ResponseEntity<byte[]> prepareFiling(@PathVariable int year) {
        byte[] file = monitoring.prepareFiling(year);
        return Downloads.attachment(IpMonitoring.filingName(year), MediaType.parseMediaType(IpMonitoring.XLSX))
                .body(file);
    }

    @GetMapping("/api/v1/ip/irregular")
    @Operation(
            operationId = "ipIrregular",
            summary = "非正常专利申请 · A year's notices per quarter and share of the applications, against the lines"
                    + " of 000:126 (this year by default)")
    IpMonitoring.IrregularYear irregular(@RequestParam(required = false) Integer year) {
        return monitoring.irregular(year == null ? LocalDate.now(clock).getYear() : year);
    }

    @PostMapping("/api/v1/ip/irregular")
    @Operation(operationId = "addIpIrregular", summary = "非正常专利申请 · Record an application CNIPA notified")
    @Refusals({409})
    ResponseEntity<IpMonitoring.Irregular> notify(@RequestBody IpMonitoring.NewIrregular body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(monitoring.notify(body));
    }

    @GetMapping("/api/v1/ip/unused")
    @Operation(
            operationId = "ipUnusedPatents",
            summary = "开放许可 · Patents granted three years ago or more, never used, with no reason recorded")
    List<IpMonitoring.Unused> unused() {
        return monitoring.unused();
    }

    @PostMapping("/api/v1/ip/patents/{id}/open-licence")
    @Operation(operationId = "openLicencePatent", summary = "开放许可 · The terms and the day they were published")
    @Refusals({409, 412})
    ResponseEntity<Patents.Detail> openLicence(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody IpMonitoring.OpenLicence body) {
        return tagged(monitoring.openLicence(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/api/v1/ip/patents/{id}/unused-reason")
    @Operation(operationId = "unusedReasonPatent", summary = "未实施的正当理由 · Why a granted patent is not used")
    @Refusals({409, 412})
    ResponseEntity<Patents.Detail> unusedReason(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody IpMonitoring.UnusedReason body) {
        return tagged(monitoring.unusedReason(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @GetMapping("/api/v1/ip/projects")
    @Operation(operationId = "ipProjects", summary = "科研项目 · The research projects the disclosures name")
    List<String> projects() {
        return monitoring.projects();
    }

    @GetMapping("/api/v1/ip/projects/list")
    @Operation(
            operationId = "ipProjectList",
            summary = "项目成果知识产权清单 · A research project's disclosures and patents, for its 验收 (000:84)")
    IpMonitoring.ProjectList projectList(@RequestParam String name) {
        return monitoring.project(name);
    }

    @GetMapping("/api/v1/ip/reviews")
    @Operation(operationId = "listIpReviews", summary = "代表作评价 · The university's reviews, newest first (never ranked)")
    List<Reviews.Review> reviews() {
        return reviews.list();
    }

    @PostMapping("/api/v1/ip/reviews")
    @Operation(
            operationId = "addIpReview",
            summary = "代表作评价 · Record a review: representative works with their 创新点和意义, reviewers with their"
                    + " declarations of interest")
    ResponseEntity<Reviews.Review> addReview(@RequestBody Reviews.NewReview body) {
        Reviews.Review r = reviews.create(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(r.version()))
                .body(r);
    }

    @GetMapping("/api/v1/ip/reviews/{id}")
    @Operation(operationId = "getIpReview", summary = "代表作评价 · One review")
    ResponseEntity<Reviews.Review> review(@PathVariable long id) {
        Reviews.Review r = reviews.get(id);
        return ResponseEntity.ok().eTag(RequestSupport.etag(r.version())).body(r);
    }

    @PostMapping("/api/v1/ip/reviews/{id}/conclusion")
    @Operation(
            operationId = "concludeIpReview",
            summary = "评价结论 · The peers' opinion and conclusion (only with a reviewer who declared no interest)")
    @Refusals({409, 412})
    ResponseEntity<Reviews.Review> conclude(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Reviews.Conclusion body) {
        Reviews.Review r = reviews.conclude(id, RequestSupport.ifMatchVersion(ifMatch), body);
        return ResponseEntity.ok().eTag(RequestSupport.etag(r.version())).body(r);
    }

    @GetMapping("/api/v1/ip/assistance")
    @Operation(
            operationId = "ipTechAssistance",
            summary = "科技帮扶 · Universities' transfers and licences to enterprises, cooperatives and villages of the"
                    + " caller's region (no fees, inventors or split)")
    List<TechAssistance.Item> assistance() {
        return assistance.list();
    }

    private static ResponseEntity<Patents.Detail> tagged(Patents.Detail d) {
        return ResponseEntity.ok()
                .eTag(RequestSupport.etag(d.patent().version()))
                .body(d);
    }
}
