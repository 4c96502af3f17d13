package org.fangpin.project.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.UUID;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.project.AssetCare;
import org.fangpin.project.AssetClass;
import org.fangpin.project.AssetDisposals;
import org.fangpin.project.AssetIncomes;
import org.fangpin.project.AssetRecords;
import org.fangpin.project.AssetStatus;
import org.fangpin.project.Assets;
import org.fangpin.project.ProjectFiles;
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

/** 扶贫项目资产 over HTTP: register, title, share, keep up, earn and distribute, dispose of; evidence files. */
@RestController
@RequestMapping("/api/v1/assets")
@Tag(name = "assets", description = "扶贫项目资产 · Project assets, their upkeep, income distribution and disposal")
class AssetController {

    private final Assets assets;
    private final AssetCare care;
    private final AssetIncomes incomes;
    private final AssetDisposals disposals;
    private final AssetRecords records;

    AssetController(
            Assets assets, AssetCare care, AssetIncomes incomes, AssetDisposals disposals, AssetRecords records) {
        this.assets = assets;
        this.care = care;
        this.incomes = incomes;
        this.disposals = disposals;
        this.records = records;
    }

    @PostMapping
    @Operation(
            operationId = "registerAsset",
            summary = "资产登记 · Register an asset formed by accepted projects (its sources name them) or found in an"
                    + " inventory")
    @Refusals({409})
    ResponseEntity<Assets.Asset> register(@RequestBody Assets.NewAsset body) {
        return tagged(HttpStatus.CREATED, assets.register(body));
    }

    @GetMapping
    @Operation(
            operationId = "listAssets",
            summary = "资产台账 · Assets of the caller's reach (a region in it), of a class and status, newest first,"
                    + " with count and original value by class and status")
    Assets.AssetPage list(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) AssetClass assetClass,
            @RequestParam(required = false) AssetStatus status,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        return assets.list(region, assetClass, status, offset, limit);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getAsset",
            summary = "资产详情 · An asset with its shares, upkeep, incomes and distributions, disposals, files and"
                    + " timeline; ETag = its version")
    ResponseEntity<AssetRecords.Detail> get(@PathVariable long id) {
        AssetRecords.Detail d = records.detail(id);
        return ResponseEntity.ok()
                .eTag(RequestSupport.etag(d.asset().version()))
                .body(d);
    }

    @PutMapping("/{id}")
    @Operation(
            operationId = "amendAsset",
            summary = "修改资产登记 · Change an asset's title (确权), operation, upkeep arrangements or description,"
                    + " with the reason")
    @Refusals({409})
    ResponseEntity<Assets.Asset> amend(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Assets.Change body) {
        return tagged(HttpStatus.OK, assets.amend(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PutMapping("/{id}/shares")
    @Operation(
            operationId = "setAssetShares",
            summary = "折股量化 · The shares of an operating asset from a day (Σ at most 100 %), replacing the set before")
    @Refusals({409})
    ResponseEntity<Assets.Asset> shares(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Assets.Shares body) {
        return tagged(HttpStatus.OK, care.share(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/upkeep")
    @Operation(operationId = "recordAssetUpkeep", summary = "管护记录 · An inspection, upkeep or repair of an asset")
    @Refusals({409})
    ResponseEntity<Assets.Asset> upkeep(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Assets.Upkeep body) {
        return tagged(HttpStatus.OK, care.upkeep(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/status")
    @Operation(
            operationId = "changeAssetStatus",
            summary = "资产状态 · 在用, 闲置 or 损毁 from a day, with the reason (已处置 only through a disposal)")
    @Refusals({409})
    ResponseEntity<Assets.Asset> status(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Assets.StatusChange body) {
        return tagged(HttpStatus.OK, care.status(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/incomes")
    @Operation(operationId = "recordAssetIncome", summary = "登记收益 · An operating asset's income of a period")
    @Refusals({409})
    ResponseEntity<Assets.Asset> income(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssetIncomes.NewIncome body) {
        return tagged(HttpStatus.CREATED, incomes.record(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/incomes/{income}/plan")
    @Operation(
            operationId = "planAssetDistribution",
            summary = "收益分配方案 · The village's plan (村民代表会议), rows summing to the income, publicised for at"
                    + " least project_publicity_days")
    @Refusals({409})
    ResponseEntity<Assets.Asset> plan(
            @PathVariable long id,
            @PathVariable long income,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssetIncomes.Plan body) {
        return tagged(HttpStatus.OK, incomes.plan(id, RequestSupport.ifMatchVersion(ifMatch), income, body));
    }

    @PostMapping("/{id}/incomes/{income}/objections")
    @Operation(operationId = "recordDistributionObjection", summary = "登记公示异议 · An objection to a publicised plan")
    @Refusals({409})
    ResponseEntity<Assets.Asset> object(
            @PathVariable long id,
            @PathVariable long income,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Publicities.NewObjection body) {
        return tagged(HttpStatus.OK, incomes.object(id, RequestSupport.ifMatchVersion(ifMatch), income, body));
    }

    @PostMapping("/{id}/incomes/{income}/objections/{objection}/resolution")
    @Operation(
            operationId = "resolveDistributionObjection",
            summary = "处理公示异议 · The township or county settles an objection; upheld sends the plan back")
    @Refusals({409})
    ResponseEntity<Assets.Asset> resolve(
            @PathVariable long id,
            @PathVariable long income,
            @PathVariable long objection,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody Publicities.Resolution body) {
        return tagged(
                HttpStatus.OK, incomes.resolve(id, RequestSupport.ifMatchVersion(ifMatch), income, objection, body));
    }

    @PostMapping("/{id}/incomes/{income}/publicity-end")
    @Operation(
            operationId = "endDistributionPublicity",
            summary = "公示期满 · Ends the plan's publicity after its last day, no objection open")
    @Refusals({409})
    ResponseEntity<Assets.Asset> endPublicity(
            @PathVariable long id,
            @PathVariable long income,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return tagged(HttpStatus.OK, incomes.endPublicity(id, RequestSupport.ifMatchVersion(ifMatch), income));
    }

    @PostMapping("/{id}/incomes/{income}/payment")
    @Operation(operationId = "payDistribution", summary = "收益发放 · The distribution paid, after its publicity")
    @Refusals({409})
    ResponseEntity<Assets.Asset> pay(
            @PathVariable long id,
            @PathVariable long income,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssetIncomes.Payment body) {
        return tagged(HttpStatus.OK, incomes.pay(id, RequestSupport.ifMatchVersion(ifMatch), income, body));
    }

    @PostMapping("/{id}/disposals")
    @Operation(
            operationId = "requestAssetDisposal",
            summary = "申请处置 · Request a disposal with its kind, valuation and reason (a village collective's after"
                    + " its 村民代表会议)")
    @Refusals({409})
    ResponseEntity<Assets.Asset> dispose(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssetDisposals.Request body) {
        return tagged(HttpStatus.CREATED, disposals.request(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/{id}/disposals/{disposal}/review")
    @Operation(
            operationId = "reviewAssetDisposal",
            summary = "乡镇审核处置 · The township passes a village's request to the county or returns it")
    @Refusals({409})
    ResponseEntity<Assets.Asset> review(
            @PathVariable long id,
            @PathVariable long disposal,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssetDisposals.Decision body) {
        return tagged(HttpStatus.OK, disposals.review(id, RequestSupport.ifMatchVersion(ifMatch), disposal, body));
    }

    @PostMapping("/{id}/disposals/{disposal}/decision")
    @Operation(
            operationId = "decideAssetDisposal",
            summary = "县级审批处置 · The county approves a disposal with its document or refuses it")
    @Refusals({409})
    ResponseEntity<Assets.Asset> decide(
            @PathVariable long id,
            @PathVariable long disposal,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssetDisposals.Decision body) {
        return tagged(HttpStatus.OK, disposals.decide(id, RequestSupport.ifMatchVersion(ifMatch), disposal, body));
    }

    @PostMapping("/{id}/disposals/{disposal}/completion")
    @Operation(
            operationId = "completeAssetDisposal",
            summary = "处置完成 · An approved disposal carried out, its proceeds and their use recorded")
    @Refusals({409})
    ResponseEntity<Assets.Asset> complete(
            @PathVariable long id,
            @PathVariable long disposal,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody AssetDisposals.Completion body) {
        return tagged(HttpStatus.OK, disposals.complete(id, RequestSupport.ifMatchVersion(ifMatch), disposal, body));
    }

    @PostMapping(value = "/{id}/files", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "addAssetFile",
            summary = "上传佐证材料 · A file (PDF, JPEG or PNG; multipart field 'file') of an asset: papers, 管护 photos,"
                    + " meeting minutes, valuations")
    ProjectFiles.File addFile(@PathVariable long id, @RequestParam("file") MultipartFile file) throws IOException {
        try (var in = file.getInputStream()) {
            return records.addFile(id, file.getOriginalFilename(), in);
        }
    }

    @GetMapping("/{id}/files/{file}")
    @Operation(operationId = "downloadAssetFile", summary = "下载佐证材料 · An asset's file (audited)")
    ResponseEntity<Resource> file(@PathVariable long id, @PathVariable UUID file) {
        ProjectFiles.Content c = records.openFile(id, file);
        return Downloads.attachment(
                        c.file().fileName(), MediaType.parseMediaType(c.file().contentType()))
                .contentLength(c.file().sizeBytes())
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(c.path()));
    }

    private static ResponseEntity<Assets.Asset> tagged(HttpStatus status, Assets.Asset a) {
        return ResponseEntity.status(status)
                .eTag(RequestSupport.etag(a.version()))
                .body(a);
    }
}
