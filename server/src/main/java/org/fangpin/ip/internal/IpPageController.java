package org.fangpin.ip.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.PageActions;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.ip.Inventions;
import org.fangpin.ip.IpMonitoring;
import org.fangpin.ip.IpTerms;
import org.fangpin.ip.PatentListUpload;
import org.fangpin.ip.Patents;
import org.fangpin.ip.Reviews;
import org.fangpin.ip.TechAssistance;
import org.fangpin.ip.Universities;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * 高校知识产权 pages: the portfolio (decisions due, the years in charts, disclosures, patents), a disclosure with its
 * evaluations and the filing form, a patent with its fees, decisions, deals and the income split line by line.
 */
@Controller
class IpPageController {

    private static final String LABELS = "ip.field.";

    private final Universities universities;
    private final Inventions inventions;
    private final Patents patents;
    private final IpMonitoring monitoring;
    private final Reviews reviews;
    private final TechAssistance assistance;
    private final PatentListUpload upload;
    private final Path workDir;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    IpPageController(
            Universities universities,
            Inventions inventions,
            Patents patents,
            IpMonitoring monitoring,
            Reviews reviews,
            TechAssistance assistance,
            PatentListUpload upload,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.universities = universities;
        this.inventions = inventions;
        this.patents = patents;
        this.monitoring = monitoring;
        this.reviews = reviews;
        this.assistance = assistance;
        this.upload = upload;
        this.workDir = workDir;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/ip")
    String portfolio(Model model, Locale locale) {
        long mine = universities.mine();
        model.addAttribute("university", universities.name(mine).orElse(""));
        model.addAttribute("due", patents.due());
        List<Patents.Year> years = patents.years();
        model.addAttribute("years", years);
        if (!years.isEmpty()) {
            List<String> labels =
                    years.stream().map(y -> Integer.toString(y.year())).toList();
            Map<String, List<Long>> counts = new LinkedHashMap<>();
            counts.put(
                    messages.get("ip.filed"),
                    years.stream().map(Patents.Year::filed).toList());
            counts.put(
                    messages.get("ip.granted"),
                    years.stream().map(Patents.Year::granted).toList());
            counts.put(
                    messages.get("ip.deals"),
                    years.stream().map(Patents.Year::deals).toList());
            model.addAttribute(
                    "countChart",
                    json.writeValueAsString(
                            ChartOptions.groupedBars(labels, counts, List.of("#1565c0", "#2e7d32", "#ef6c00"))));
            Map<String, List<Long>> income = new LinkedHashMap<>();
            income.put(
                    messages.get("ip.incomeYuan"),
                    years.stream()
                            .map(y ->
                                    y.income().setScale(0, RoundingMode.HALF_UP).longValue())
                            .toList());
            model.addAttribute(
                    "incomeChart",
                    json.writeValueAsString(ChartOptions.groupedBars(labels, income, List.of("#6a1b9a"))));
        }
        model.addAttribute("disclosures", inventions.list());
        model.addAttribute("cleared", universities.cleared());
        List<Patents.Patent> all = patents.list();
        model.addAttribute("patents", all);
        Map<Long, Integer> versions = new HashMap<>();
        all.forEach(p -> versions.put(p.id(), p.version()));
        model.addAttribute("versions", versions);
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("fundings", IpTerms.Funding.values());
        model.addAttribute("today", today());
        IpMonitoring.FilingStatus filing = monitoring.filingStatus();
        model.addAttribute("filing", filing);
        model.addAttribute("filingDeals", monitoring.filingDeals(filing.year()));
        int year = today().getYear();
        model.addAttribute("irregular", List.of(monitoring.irregular(year), monitoring.irregular(year - 1)));
        model.addAttribute("unused", monitoring.unused());
        model.addAttribute("projects", monitoring.projects());
        return "ip";
    }

    @GetMapping("/ip/projects")
    String project(@RequestParam String name, Model model) {
        model.addAttribute("list", monitoring.project(name));
        model.addAttribute("cleared", universities.cleared());
        return "ip-project";
    }

    @GetMapping("/ip/reviews")
    String reviews(Model model) {
        model.addAttribute("reviews", reviews.list());
        model.addAttribute("subjects", IpTerms.ReviewSubject.values());
        model.addAttribute("researchTypes", IpTerms.ResearchType.values());
        model.addAttribute("workKinds", IpTerms.WorkKind.values());
        model.addAttribute("patents", patents.list());
        model.addAttribute("workRows", WORK_ROWS);
        model.addAttribute("reviewerRows", REVIEWER_ROWS);
        model.addAttribute("today", today());
        return "ip-reviews";
    }

    @GetMapping("/ip/reviews/{id}")
    String review(@PathVariable long id, Model model) {
        model.addAttribute("r", reviews.get(id));
        model.addAttribute("conclusions", IpTerms.ReviewConclusion.values());
        return "ip-review";
    }

    @GetMapping("/ip/assistance")
    String assistance(Model model) {
        model.addAttribute("items", assistance.list());
        return "ip-assistance";
    }

    /** The 备案 file of a finished year, or back to the portfolio with the deals that lack their contract. */
    @PostMapping("/ip/filing/{year}")
    ResponseEntity<byte[]> prepareFiling(
            @PathVariable int year, HttpServletRequest request, HttpServletResponse response) {
        try {
            byte[] file = monitoring.prepareFiling(year);
            return Downloads.attachment(IpMonitoring.filingName(year), MediaType.parseMediaType(IpMonitoring.XLSX))
                    .body(file);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                throw e;
            }
            FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
            flash.put(
                    "error",
                    e.fieldProblems().isEmpty()
                            ? messages.get(e.messageKey(), e.args())
                            : String.join(
                                    "；",
                                    e.fieldProblems().stream()
                                            .map(p -> p.reason())
                                            .toList()));
            RequestContextUtils.saveOutputFlashMap("/ip", request, response);
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(URI.create(request.getContextPath() + "/ip#filing"))
                    .build();
        }
    }

    @PostMapping("/ip/patents/{id}/transactions/{transaction}/contract")
    String contract(
            @PathVariable long id,
            @PathVariable long transaction,
            @RequestParam int version,
            @ModelAttribute Patents.Contract c,
            RedirectAttributes flash) {
        return PageActions.run(() -> patents.contract(id, transaction, version, c), flash, messages, LABELS)
                .map(d -> {
                    flash.addFlashAttribute("done", messages.get("ip.saved"));
                    return "redirect:/ip#filing";
                })
                .orElse("redirect:/ip#filing");
    }

    /** From the portfolio: the existing patents loaded, or each refused row's reason on the page. */
    @PostMapping("/ip/patents/import")
    String importPatents(@RequestParam("file") MultipartFile file, HttpServletRequest request, RedirectAttributes flash)
            throws IOException {
        Path saved = RequestSupport.save(file, workDir);
        try {
            ImportReport r = upload.upload(
                    saved,
                    RequestSupport.originalName(file),
                    RequestSupport.user(request),
                    LocaleContextHolder.getLocale());
            if (r.applied()) {
                flash.addFlashAttribute("done", messages.get("ip.upload.done", Messages.count(r.inserted())));
            } else {
                flash.addFlashAttribute(
                        "error",
                        r.errors().stream()
                                .limit(20)
                                .map(e -> messages.get(
                                        "project.uploadError",
                                        Long.toString(e.row()),
                                        e.column(),
                                        e.value(),
                                        e.reason()))
                                .collect(Collectors.joining("；")));
            }
        } finally {
            Files.deleteIfExists(saved);
        }
        return "redirect:/ip#patents";
    }

    @PostMapping("/ip/irregular")
    String notify(@ModelAttribute IpMonitoring.NewIrregular n, RedirectAttributes flash) {
        return PageActions.run(() -> monitoring.notify(n), flash, messages, LABELS)
                .map(x -> {
                    flash.addFlashAttribute("done", messages.get("ip.saved"));
                    return "redirect:/ip#irregular";
                })
                .orElse("redirect:/ip#irregular");
    }

    @PostMapping("/ip/patents/{id}/open-licence")
    String openLicence(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute IpMonitoring.OpenLicence o,
            RedirectAttributes flash) {
        return step(id, "unused", flash, () -> monitoring.openLicence(id, version, o));
    }

    @PostMapping("/ip/patents/{id}/unused-reason")
    String unusedReason(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute IpMonitoring.UnusedReason r,
            RedirectAttributes flash) {
        return step(id, "unused", flash, () -> monitoring.unusedReason(id, version, r));
    }

    /**
     * A review from its form: works in rows {@code works[i].kind|title|innovation|patentId} and reviewers in rows
     * {@code reviewers[i].name|affiliation|conflict|conflictNote}; a row without a title (a name) is left out.
     */
    @PostMapping("/ip/reviews")
    String addReview(@RequestParam Map<String, String> form, RedirectAttributes flash) {
        List<Reviews.NewWork> works = new ArrayList<>();
        for (int i = 0; i < WORK_ROWS; i++) {
            String title = form.get("works[" + i + "].title");
            if (title == null || title.isBlank()) {
                continue;
            }
            works.add(new Reviews.NewWork(
                    Labelled.parse(IpTerms.WorkKind.class, form.get("works[" + i + "].kind"))
                            .orElse(null),
                    title,
                    form.get("works[" + i + "].innovation"),
                    number(form.get("works[" + i + "].patentId")),
                    null));
        }
        List<Reviews.Reviewer> reviewers = new ArrayList<>();
        for (int i = 0; i < REVIEWER_ROWS; i++) {
            String name = form.get("reviewers[" + i + "].name");
            if (name == null || name.isBlank()) {
                continue;
            }
            String conflict = form.get("reviewers[" + i + "].conflict");
            reviewers.add(new Reviews.Reviewer(
                    name,
                    form.get("reviewers[" + i + "].affiliation"),
                    conflict == null || conflict.isBlank() ? null : Boolean.valueOf(conflict),
                    form.get("reviewers[" + i + "].conflictNote")));
        }
        Reviews.NewReview n = new Reviews.NewReview(
                Labelled.parse(IpTerms.ReviewSubject.class, form.get("subjectKind"))
                        .orElse(null),
                form.get("subject"),
                Labelled.parse(IpTerms.ResearchType.class, form.get("researchType"))
                        .orElse(null),
                form.get("purpose"),
                date(form.get("reviewedOn")),
                works,
                reviewers);
        return PageActions.run(() -> reviews.create(n), flash, messages, LABELS)
                .map(r -> {
                    flash.addFlashAttribute("done", messages.get("ip.saved"));
                    return "redirect:/ip/reviews/" + r.id();
                })
                .orElse("redirect:/ip/reviews#add");
    }

    @PostMapping("/ip/reviews/{id}/conclusion")
    String conclude(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Reviews.Conclusion c,
            RedirectAttributes flash) {
        return PageActions.run(() -> reviews.conclude(id, version, c), flash, messages, LABELS)
                .map(r -> {
                    flash.addFlashAttribute("done", messages.get("ip.saved"));
                    return "redirect:/ip/reviews/" + id;
                })
                .orElse("redirect:/ip/reviews/" + id + "#conclude");
    }

    /** The rows of work and reviewer a review's form offers. */
    static final int WORK_ROWS = 5;

    static final int REVIEWER_ROWS = 5;

    private static Long number(String s) {
        try {
            return s == null || s.isBlank() ? null : Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @GetMapping("/ip/disclosures/{id}")
    String disclosure(@PathVariable long id, Model model) {
        Inventions.Disclosure d = inventions.get(id);
        model.addAttribute("d", d);
        model.addAttribute(
                "patents",
                patents.list().stream().filter(p -> p.disclosureId() == id).toList());
        model.addAttribute("evaluatorKinds", IpTerms.EvaluatorKind.values());
        model.addAttribute("decisions", IpTerms.FilingDecision.values());
        model.addAttribute("types", IpTerms.PatentType.values());
        model.addAttribute("ownerships", IpTerms.Ownership.values());
        model.addAttribute("today", today());
        return "ip-disclosure";
    }

    @GetMapping("/ip/patents/{id}")
    String patent(@PathVariable long id, Model model) {
        Patents.Detail d = patents.detail(id);
        model.addAttribute("d", d);
        model.addAttribute("p", d.patent());
        model.addAttribute("rule", messages.get("ip.rule." + d.split().rule().name()));
        model.addAttribute(
                "open",
                d.patent().status() == IpTerms.PatentStatus.FILED
                        || d.patent().status() == IpTerms.PatentStatus.GRANTED);
        model.addAttribute("feeKinds", IpTerms.FeeKind.values());
        model.addAttribute("payers", IpTerms.Payer.values());
        model.addAttribute("funds", IpTerms.FeeFunds.values());
        model.addAttribute("maintenanceDecisions", IpTerms.MaintenanceDecision.values());
        model.addAttribute("forms", IpTerms.TransferForm.values());
        model.addAttribute("licenceKinds", IpTerms.LicenceKind.values());
        model.addAttribute("counterpartyKinds", IpTerms.CounterpartyKind.values());
        model.addAttribute("today", today());
        model.addAttribute("nextFeeYear", today().getYear());
        model.addAttribute("cleared", universities.cleared());
        return "ip-patent";
    }

    /**
     * A disclosure; its inventors one per line as "name staff-no share" (or "name share"), separated by spaces or
     * commas.
     */
    @PostMapping("/ip/disclosures")
    String disclose(
            @ModelAttribute Inventions.NewDisclosure n,
            @RequestParam(required = false) String inventorLines,
            RedirectAttributes flash) {
        Inventions.NewDisclosure withInventors = new Inventions.NewDisclosure(
                n.title(),
                n.college(),
                n.funding(),
                n.contractFiles(),
                n.disclosedOn(),
                n.classified(),
                n.researchProject(),
                n.note(),
                inventors(inventorLines, n.college()));
        return PageActions.run(() -> inventions.disclose(withInventors), flash, messages, LABELS)
                .map(d -> {
                    flash.addFlashAttribute("done", messages.get("ip.disclosed", d.title()));
                    return "redirect:/ip/disclosures/" + d.id();
                })
                .orElse("redirect:/ip#disclose");
    }

    @PostMapping("/ip/disclosures/{id}/evaluations")
    String evaluate(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Inventions.NewEvaluation e,
            RedirectAttributes flash) {
        return PageActions.run(() -> inventions.evaluate(id, version, e), flash, messages, LABELS)
                .map(d -> {
                    flash.addFlashAttribute("done", messages.get("ip.saved"));
                    return "redirect:/ip/disclosures/" + id;
                })
                .orElse("redirect:/ip/disclosures/" + id + "#evaluate");
    }

    @PostMapping("/ip/patents")
    String file(@ModelAttribute Patents.NewPatent n, RedirectAttributes flash) {
        return PageActions.run(() -> patents.file(n), flash, messages, LABELS)
                .map(p -> {
                    flash.addFlashAttribute("done", messages.get("ip.filedDone", p.number()));
                    return "redirect:/ip/patents/" + p.id();
                })
                .orElse("redirect:/ip/disclosures/" + n.disclosureId() + "#file");
    }

    @PostMapping("/ip/patents/{id}/grant")
    String grant(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Patents.Grant g,
            RedirectAttributes flash) {
        return step(id, "grant", flash, () -> patents.grant(id, version, g));
    }

    @PostMapping("/ip/patents/{id}/fees")
    String fee(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Patents.NewFee f,
            RedirectAttributes flash) {
        return step(id, "fees", flash, () -> patents.payFee(id, version, f));
    }

    @PostMapping("/ip/patents/{id}/maintenance")
    String maintain(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Patents.NewMaintenance m,
            RedirectAttributes flash) {
        return step(id, "maintain", flash, () -> patents.decide(id, version, m));
    }

    @PostMapping("/ip/patents/{id}/transactions")
    String transfer(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Patents.NewTransaction t,
            RedirectAttributes flash) {
        return step(id, "deal", flash, () -> patents.transfer(id, version, t));
    }

    @PostMapping("/ip/patents/{id}/transactions/{transaction}/receipts")
    String receive(
            @PathVariable long id,
            @PathVariable long transaction,
            @RequestParam int version,
            @ModelAttribute Patents.NewReceipt r,
            RedirectAttributes flash) {
        return step(id, "deals", flash, () -> patents.receive(id, transaction, version, r));
    }

    private String step(long id, String anchor, RedirectAttributes flash, Supplier<Patents.Detail> action) {
        return PageActions.run(action, flash, messages, LABELS)
                .map(d -> {
                    flash.addFlashAttribute("done", messages.get("ip.saved"));
                    return "redirect:/ip/patents/" + id + "#split";
                })
                .orElse("redirect:/ip/patents/" + id + "#" + anchor);
    }

    /** The inventors typed one per line: the name first, the share last, a staff number between when given. */
    static List<Inventions.Inventor> inventors(String lines, String college) {
        List<Inventions.Inventor> out = new ArrayList<>();
        if (lines == null) {
            return out;
        }
        for (String line : lines.strip().split("\\R")) {
            String[] t = line.strip().split("[\\s,，、;；]+");
            if (t.length == 0 || t[0].isEmpty()) {
                continue;
            }
            BigDecimal share = null;
            if (t.length > 1) {
                try {
                    share = new BigDecimal(t[t.length - 1].replace("%", ""));
                } catch (NumberFormatException e) {
                    share = null; // refused with the row's reason
                }
            }
            String staff = t.length > 2 ? t[1] : null;
            out.add(new Inventions.Inventor(t[0], staff, college, share));
        }
        return out;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
