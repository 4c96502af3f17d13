package org.fangpin.ip.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.PageActions;
import org.fangpin.ip.Inventions;
import org.fangpin.ip.IpTerms;
import org.fangpin.ip.Patents;
import org.fangpin.ip.Universities;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
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
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    IpPageController(
            Universities universities,
            Inventions inventions,
            Patents patents,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.universities = universities;
        this.inventions = inventions;
        this.patents = patents;
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
        model.addAttribute("patents", patents.list());
        model.addAttribute("fundings", IpTerms.Funding.values());
        model.addAttribute("today", today());
        return "ip";
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
