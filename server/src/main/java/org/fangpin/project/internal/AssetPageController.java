package org.fangpin.project.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.PageActions;
import org.fangpin.project.AssetCare;
import org.fangpin.project.AssetClass;
import org.fangpin.project.AssetDisposals;
import org.fangpin.project.AssetIncomes;
import org.fangpin.project.AssetRecords;
import org.fangpin.project.AssetStatus;
import org.fangpin.project.Assets;
import org.fangpin.project.DisposalKind;
import org.fangpin.project.DisposalStage;
import org.fangpin.project.DistributionUse;
import org.fangpin.project.FundSource;
import org.fangpin.project.ProjectFiles;
import org.fangpin.project.ProjectStage;
import org.fangpin.project.Projects;
import org.fangpin.project.ShareHolder;
import org.fangpin.project.TitleLevel;
import org.fangpin.project.UpkeepKind;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * 扶贫项目资产 pages: the ledger of the caller's reach (original value by class as a chart with its table, by status,
 * the assets); the registration form (filled in from an accepted project: its place, final cost and sources); an
 * asset with its shares, 管护, incomes and their distributions, disposals, files and timeline, and the step the caller
 * may take next.
 */
@Controller
class AssetPageController {

    private static final String LABELS = "asset.field.";

    /** How many source, share and distribution rows a form offers. */
    static final int ROWS = 6;

    private final Assets assets;
    private final AssetCare care;
    private final AssetIncomes incomes;
    private final AssetDisposals disposals;
    private final AssetRecords records;
    private final Projects projects;
    private final RegionOptions options;
    private final Permissions permissions;
    private final Actor.Current actor;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    AssetPageController(
            Assets assets,
            AssetCare care,
            AssetIncomes incomes,
            AssetDisposals disposals,
            AssetRecords records,
            Projects projects,
            RegionOptions options,
            Permissions permissions,
            Actor.Current actor,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.assets = assets;
        this.care = care;
        this.incomes = incomes;
        this.disposals = disposals;
        this.records = records;
        this.projects = projects;
        this.options = options;
        this.permissions = permissions;
        this.actor = actor;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/assets")
    String list(
            @RequestParam(required = false) AssetClass assetClass,
            @RequestParam(required = false) AssetStatus status,
            @RequestParam(defaultValue = "0") int offset,
            Model model) {
        Assets.AssetPage all = assets.list(null, null, null, 0, 1);
        Assets.AssetPage page = assets.list(null, assetClass, status, offset, 50);
        model.addAttribute("all", all);
        model.addAttribute("page", page);
        model.addAttribute("assetClass", assetClass);
        model.addAttribute("status", status);
        model.addAttribute("offset", Math.max(0, offset));
        model.addAttribute("classes", AssetClass.values());
        model.addAttribute("statuses", AssetStatus.values());
        model.addAttribute("canEdit", permissions.has(Permission.ASSET_EDIT));
        model.addAttribute("check", all.total() > 0 ? assets.ledgerCheck().orElse(null) : null);
        model.addAttribute("ledgers", permissions.has(Permission.STATISTICS));
        if (all.total() > 0) {
            Map<String, Long> byClass = new LinkedHashMap<>();
            all.byClass()
                    .forEach((c, t) -> byClass.put(
                            c.label(LocaleContextHolder.getLocale()),
                            t.value()
                                    .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP)
                                    .longValue()));
            model.addAttribute(
                    "chart",
                    json.writeValueAsString(ChartOptions.pie(byClass, List.of("#ef6c00", "#1565c0", "#2e7d32"))));
        }
        return "assets";
    }

    @GetMapping("/assets/new")
    String newAsset(@RequestParam(required = false) Long project, Model model) {
        model.addAttribute(
                "regionOptions",
                options.of(RegionLevel.VILLAGE, RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE));
        model.addAttribute("classes", AssetClass.values());
        model.addAttribute("levels", TitleLevel.values());
        model.addAttribute("sources", FundSource.values());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("rows", ROWS);
        Map<String, Object> from = new LinkedHashMap<>();
        List<Assets.Source> prefill = new ArrayList<>();
        if (project != null) {
            Projects.Project p = projects.get(project);
            if (p.stage() == ProjectStage.CLOSED) {
                from.put("region", p.region());
                from.put("name", p.name());
                from.put("place", p.place());
                from.put("scale", p.content());
                from.put("formedOn", p.acceptedOn());
                // what is left of the final cost once the assets already registered from the project took theirs
                BigDecimal claimed = assets.ofProject(p.id()).stream()
                        .map(Assets.Formed::amount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal cost = (p.finalCost() == null ? p.budgetTotal() : p.finalCost()).subtract(claimed);
                from.put("value", cost);
                // the final cost shared out over the budget's sources, the last taking what rounding leaves
                BigDecimal left = cost;
                for (int i = 0; i < p.budget().size(); i++) {
                    Projects.Budget b = p.budget().get(i);
                    BigDecimal part = i == p.budget().size() - 1
                            ? left
                            : cost.multiply(b.amount()).divide(p.budgetTotal(), 2, RoundingMode.HALF_UP);
                    left = left.subtract(part);
                    prefill.add(new Assets.Source(p.id(), p.projectNo(), b.source(), part));
                }
                model.addAttribute("project", p);
            }
        }
        model.addAttribute("from", from);
        model.addAttribute("prefill", prefill);
        return "asset-new";
    }

    @PostMapping("/assets")
    String register(@RequestParam MultiValueMap<String, String> f, RedirectAttributes flash) {
        List<Assets.Source> sources = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String amount = f.getFirst("source_amount_" + i);
            String source = f.getFirst("source_" + i);
            if ((amount != null && !amount.isBlank()) || (source != null && !source.isBlank())) {
                sources.add(new Assets.Source(
                        FormValues.id(f.getFirst("source_project_" + i)),
                        null,
                        FormValues.parse(FundSource.class, source),
                        FormValues.number(amount)));
            }
        }
        Assets.NewAsset a = new Assets.NewAsset(
                f.getFirst("region"),
                f.getFirst("name"),
                FormValues.parse(AssetClass.class, f.getFirst("assetClass")),
                f.getFirst("subtype"),
                f.getFirst("place"),
                f.getFirst("scale"),
                FormValues.number(f.getFirst("value")),
                FormValues.date(f.getFirst("formedOn")),
                sources,
                FormValues.parse(TitleLevel.class, f.getFirst("titleLevel")),
                f.getFirst("holder"),
                FormValues.id(f.getFirst("holderHouseholdId")),
                f.getFirst("operator"),
                f.getFirst("operatingMode"),
                f.getFirst("distributionPlan"),
                f.getFirst("custodian"),
                f.getFirst("custodianPerson"),
                f.getFirst("custodyRule"),
                f.getFirst("note"));
        String project = f.getFirst("project");
        return PageActions.run(() -> assets.register(a), flash, messages, LABELS)
                .map(x -> {
                    flash.addFlashAttribute("done", messages.get("asset.registered", x.assetNo()));
                    return "redirect:/assets/" + x.id();
                })
                .orElse("redirect:/assets/new" + (project == null || project.isBlank() ? "" : "?project=" + project));
    }

    @GetMapping("/assets/{id}")
    String asset(@PathVariable long id, Model model) {
        AssetRecords.Detail d = records.detail(id);
        Assets.Asset a = d.asset();
        Role role = actor.get().map(Actor::role).orElse(null);
        boolean edit = permissions.has(Permission.ASSET_EDIT)
                && a.status() != AssetStatus.DISPOSED
                && switch (a.titleLevel()) {
                    case COUNTY -> role == Role.COUNTY;
                    case TOWNSHIP -> role == Role.COUNTY || role == Role.TOWNSHIP;
                    default -> true;
                };
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("d", d);
        model.addAttribute("a", a);
        model.addAttribute("today", today);
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("rows", ROWS);
        model.addAttribute("canEdit", edit);
        model.addAttribute("operating", a.assetClass() == AssetClass.OPERATING);
        model.addAttribute("canSettle", edit && role != Role.VILLAGE);
        model.addAttribute("upkeepKinds", UpkeepKind.values());
        model.addAttribute(
                "levels",
                a.assetClass() == AssetClass.HOUSEHOLD
                        ? List.of(TitleLevel.HOUSEHOLD)
                        : java.util.Arrays.stream(TitleLevel.values())
                                .filter(l -> l != TitleLevel.HOUSEHOLD)
                                .toList());
        model.addAttribute(
                "statuses",
                List.of(AssetStatus.IN_USE, AssetStatus.IDLE, AssetStatus.DAMAGED).stream()
                        .filter(s -> s != a.status())
                        .toList());
        model.addAttribute("holders", ShareHolder.values());
        model.addAttribute("uses", DistributionUse.values());
        model.addAttribute("kinds", DisposalKind.values());
        boolean open = d.disposals().stream()
                .anyMatch(x -> x.stage() == DisposalStage.REQUESTED
                        || x.stage() == DisposalStage.TOWNSHIP_APPROVED
                        || x.stage() == DisposalStage.APPROVED);
        model.addAttribute("canRequestDisposal", edit && !open);
        model.addAttribute("canReviewDisposal", edit && role == Role.TOWNSHIP);
        model.addAttribute("canDecideDisposal", edit && permissions.has(Permission.ASSET_DISPOSE));
        return "asset";
    }

    @PostMapping("/assets/{id}/shares")
    String shares(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam MultiValueMap<String, String> f,
            RedirectAttributes flash) {
        List<Assets.Share> shares = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            String kind = f.getFirst("share_kind_" + i);
            String percent = f.getFirst("share_percent_" + i);
            if ((kind != null && !kind.isBlank()) || (percent != null && !percent.isBlank())) {
                shares.add(new Assets.Share(
                        FormValues.parse(ShareHolder.class, kind),
                        FormValues.id(f.getFirst("share_household_" + i)),
                        f.getFirst("share_name_" + i),
                        FormValues.number(percent)));
            }
        }
        return step(
                id,
                flash,
                () -> care.share(id, version, new Assets.Shares(FormValues.date(f.getFirst("from")), shares)));
    }

    @PostMapping("/assets/{id}/amend")
    String amend(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Assets.Change c,
            RedirectAttributes flash) {
        return step(id, flash, () -> assets.amend(id, version, c));
    }

    @PostMapping("/assets/{id}/upkeep")
    String upkeep(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Assets.Upkeep u,
            RedirectAttributes flash) {
        return step(id, flash, () -> care.upkeep(id, version, u));
    }

    @PostMapping("/assets/{id}/status")
    String status(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Assets.StatusChange s,
            RedirectAttributes flash) {
        return step(id, flash, () -> care.status(id, version, s));
    }

    @PostMapping("/assets/{id}/incomes")
    String income(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute AssetIncomes.NewIncome i,
            RedirectAttributes flash) {
        return step(id, flash, () -> incomes.record(id, version, i));
    }

    @PostMapping("/assets/{id}/incomes/{income}/plan")
    String plan(
            @PathVariable long id,
            @PathVariable long income,
            @RequestParam int version,
            @RequestParam MultiValueMap<String, String> f,
            RedirectAttributes flash) {
        List<AssetIncomes.NewRow> rows = new ArrayList<>();
        for (int i = 0; i < ROWS * 2; i++) {
            String use = f.getFirst("row_use_" + i);
            String amount = f.getFirst("row_amount_" + i);
            if ((use != null && !use.isBlank()) || (amount != null && !amount.isBlank())) {
                String card = f.getFirst("row_card_" + i);
                rows.add(new AssetIncomes.NewRow(
                        FormValues.parse(DistributionUse.class, use),
                        FormValues.id(f.getFirst("row_household_" + i)),
                        FormValues.number(amount),
                        card == null || card.isBlank() ? null : Boolean.valueOf(card),
                        f.getFirst("row_note_" + i)));
            }
        }
        AssetIncomes.Plan plan = new AssetIncomes.Plan(
                FormValues.date(f.getFirst("meetingOn")),
                f.getFirst("meetingNote"),
                FormValues.date(f.getFirst("publicityFrom")),
                FormValues.date(f.getFirst("publicityTo")),
                f.getFirst("publicityPlace"),
                rows);
        return step(id, flash, () -> incomes.plan(id, version, income, plan));
    }

    @PostMapping("/assets/{id}/incomes/{income}/objections")
    String object(
            @PathVariable long id,
            @PathVariable long income,
            @RequestParam int version,
            @ModelAttribute Publicities.NewObjection o,
            RedirectAttributes flash) {
        return step(id, flash, () -> incomes.object(id, version, income, o));
    }

    @PostMapping("/assets/{id}/incomes/{income}/objections/{objection}/resolution")
    String resolve(
            @PathVariable long id,
            @PathVariable long income,
            @PathVariable long objection,
            @RequestParam int version,
            @ModelAttribute Publicities.Resolution r,
            RedirectAttributes flash) {
        return step(id, flash, () -> incomes.resolve(id, version, income, objection, r));
    }

    @PostMapping("/assets/{id}/incomes/{income}/publicity-end")
    String endPublicity(
            @PathVariable long id, @PathVariable long income, @RequestParam int version, RedirectAttributes flash) {
        return step(id, flash, () -> incomes.endPublicity(id, version, income));
    }

    @PostMapping("/assets/{id}/incomes/{income}/payment")
    String pay(
            @PathVariable long id,
            @PathVariable long income,
            @RequestParam int version,
            @ModelAttribute AssetIncomes.Payment p,
            RedirectAttributes flash) {
        return step(id, flash, () -> incomes.pay(id, version, income, p));
    }

    @PostMapping("/assets/{id}/disposals")
    String dispose(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute AssetDisposals.Request r,
            RedirectAttributes flash) {
        return step(id, flash, () -> disposals.request(id, version, r));
    }

    @PostMapping("/assets/{id}/disposals/{disposal}/review")
    String review(
            @PathVariable long id,
            @PathVariable long disposal,
            @RequestParam int version,
            @ModelAttribute AssetDisposals.Decision d,
            RedirectAttributes flash) {
        return step(id, flash, () -> disposals.review(id, version, disposal, d));
    }

    @PostMapping("/assets/{id}/disposals/{disposal}/decision")
    String decide(
            @PathVariable long id,
            @PathVariable long disposal,
            @RequestParam int version,
            @ModelAttribute AssetDisposals.Decision d,
            RedirectAttributes flash) {
        return step(id, flash, () -> disposals.decide(id, version, disposal, d));
    }

    @PostMapping("/assets/{id}/disposals/{disposal}/completion")
    String complete(
            @PathVariable long id,
            @PathVariable long disposal,
            @RequestParam int version,
            @ModelAttribute AssetDisposals.Completion c,
            RedirectAttributes flash) {
        return step(id, flash, () -> disposals.complete(id, version, disposal, c));
    }

    @PostMapping("/assets/{id}/files")
    String file(@PathVariable long id, @RequestParam("file") MultipartFile file, RedirectAttributes flash) {
        return step(id, flash, () -> {
            try (var in = file.getInputStream()) {
                return records.addFile(id, file.getOriginalFilename(), in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @GetMapping("/assets/{id}/files/{file}")
    ResponseEntity<Resource> download(@PathVariable long id, @PathVariable UUID file) {
        ProjectFiles.Content c = records.openFile(id, file);
        return Downloads.attachment(
                        c.file().fileName(), MediaType.parseMediaType(c.file().contentType()))
                .contentLength(c.file().sizeBytes())
                .header("X-Content-Type-Options", "nosniff")
                .body(new FileSystemResource(c.path()));
    }

    private String step(long id, RedirectAttributes flash, Supplier<?> action) {
        PageActions.run(action, flash, messages, LABELS)
                .ifPresent(x -> flash.addFlashAttribute("done", messages.get("project.saved")));
        return "redirect:/assets/" + id;
    }
}
