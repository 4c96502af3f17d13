package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An asset's whole record as one read — its shares, 管护 records, incomes and their distributions, disposals,
 * evidence files and timeline — and its evidence files, added and opened only by those who reach the asset.
 */
@Service
public class AssetRecords {

    /** An asset with its shares, upkeep, income and distributions, disposals, files and timeline. */
    @Schema(name = "AssetDetail")
    public record Detail(
            Assets.Asset asset,
            List<Assets.Share> shares,
            List<Assets.Upkeep> upkeep,
            List<AssetIncomes.Income> incomes,
            List<AssetDisposals.Disposal> disposals,
            List<ProjectFiles.File> files,
            List<Assets.Step> steps) {}

    private final AssetRows assets;
    private final AssetIncomes incomes;
    private final AssetDisposals disposals;
    private final ProjectFiles files;

    AssetRecords(AssetRows assets, AssetIncomes incomes, AssetDisposals disposals, ProjectFiles files) {
        this.assets = assets;
        this.incomes = incomes;
        this.disposals = disposals;
        this.files = files;
    }

    /** An asset of the caller's reach (404 otherwise) with everything recorded about it. */
    @Transactional(readOnly = true)
    public Detail detail(long id) {
        Assets.Asset a = assets.get(id);
        return new Detail(
                a,
                assets.shares(id),
                assets.upkeep(id),
                incomes.of(id),
                disposals.of(id),
                files.of(ProjectFiles.Subject.ASSET, id),
                assets.steps(id));
    }

    /** Adds an evidence file to an asset a village, township or county user of the caller's reach may change. */
    @Transactional
    public ProjectFiles.File addFile(long id, String name, InputStream in) {
        Assets.Asset a = assets.get(id);
        if (!AssetRows.mayEdit(assets.editor(), a.titleLevel())) {
            throw new org.fangpin.common.problem.ApiException(
                    org.springframework.http.HttpStatus.FORBIDDEN,
                    "forbidden",
                    "asset.level",
                    List.of(),
                    a.titleLevel().label(AssetRows.locale()));
        }
        return files.add(ProjectFiles.Subject.ASSET, id, a.region(), name, in);
    }

    /** An evidence file of an asset of the caller's reach. */
    @Transactional
    public ProjectFiles.Content openFile(long id, UUID file) {
        Assets.Asset a = assets.get(id);
        return files.open(ProjectFiles.Subject.ASSET, id, a.region(), file);
    }
}
