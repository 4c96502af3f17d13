package org.fangpin.pairing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.PageActions;
import org.fangpin.ip.Universities;
import org.fangpin.pairing.PartnershipDeliveries;
import org.fangpin.pairing.PartnershipItem;
import org.fangpin.pairing.PartnershipKind;
import org.fangpin.pairing.Partnerships;
import org.fangpin.pairing.UnitKind;
import org.fangpin.pairing.WorkTeams;
import org.fangpin.project.Funds;
import org.fangpin.project.Projects;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.Registry;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** 协作帮扶 pages: the year's committed against delivered, the partnerships, one partnership's years and forms. */
@Controller
class PartnershipPageController {

    private static final String LABELS = "partnership.field.";

    private final Partnerships partnerships;
    private final PartnershipDeliveries deliveries;
    private final WorkTeams teams;
    private final Funds funds;
    private final Projects projects;
    private final Registry registry;
    private final RegionDirectory regions;
    private final DataScope dataScope;
    private final Permissions permissions;
    private final Actor.Current actor;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;
    private final Universities universities;

    PartnershipPageController(
            Partnerships partnerships,
            PartnershipDeliveries deliveries,
            WorkTeams teams,
            Funds funds,
            Projects projects,
            Registry registry,
            RegionDirectory regions,
            DataScope dataScope,
            Permissions permissions,
            Actor.Current actor,
            Messages messages,
            JsonMapper json,
            Clock clock,
            Universities universities) {
        this.universities = universities;
        this.partnerships = partnerships;
        this.deliveries = deliveries;
        this.teams = teams;
        this.funds = funds;
        this.projects = projects;
        this.registry = registry;
        this.regions = regions;
        this.dataScope = dataScope;
        this.permissions = permissions;
        this.actor = actor;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/partnerships")
    String list(
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) PartnershipKind kind,
            @RequestParam(defaultValue = "false") boolean ended,
            Model model,
            Locale locale) {
        int y = year == null ? today().getYear() : year;
        Partnerships.Summary s = partnerships.summary(y);
        model.addAttribute("s", s);
        model.addAttribute("year", y);
        model.addAttribute("years", years());
        model.addAttribute("kind", kind);
        model.addAttribute("ended", ended);
        model.addAttribute("kinds", PartnershipKind.values());
        model.addAttribute("rows", partnerships.list(kind, ended));
        if (s.items().stream()
                .anyMatch(i -> i.committed().signum() > 0 || i.delivered().signum() > 0)) {
            model.addAttribute("chart", json.writeValueAsString(chart(s.items(), locale)));
        }
        boolean edit = permissions.has(Permission.PARTNERSHIP_EDIT);
        model.addAttribute("canEdit", edit);
        if (edit) {
            model.addAttribute("units", teams.units());
            model.addAttribute("universities", universities.directory());
            model.addAttribute("unitKinds", UnitKind.values());
            model.addAttribute("regionsKept", kept());
        }
        return "partnerships";
    }

    @GetMapping("/partnerships/{id}")
    String detail(@PathVariable long id, Model model, Locale locale) {
        Partnerships.Detail d = deliveries.detail(id);
        model.addAttribute("d", d);
        model.addAttribute("x", d.partnership());
        model.addAttribute("items", PartnershipItem.values());
        model.addAttribute("today", today());
        model.addAttribute("zone", clock.getZone());
        Partnerships.Year latest = d.years().get(0);
        model.addAttribute("latest", latest);
        if (latest.items().stream()
                .anyMatch(i -> i.committed().signum() > 0 || i.delivered().signum() > 0)) {
            model.addAttribute("chart", json.writeValueAsString(chart(latest.items(), locale)));
        }
        if (d.editable()) {
            String county =
                    d.partnership().level() != null && d.partnership().level().digits() >= RegionLevel.COUNTY.digits()
                            ? RegionCode.padded(d.partnership().region().substring(0, RegionLevel.COUNTY.digits()))
                            : null;
            model.addAttribute("allocations", county == null ? List.of() : funds.allocations(county, null));
            model.addAttribute(
                    "projects",
                    county == null
                            ? List.of()
                            : projects.list(county, null, null, 0, 500).items());
            List<Integer> open = new ArrayList<>();
            for (int y = today().getYear() + 1; y >= d.partnership().startedOn().getYear(); y--) {
                int year = y;
                boolean closed = d.years().stream().anyMatch(v -> v.year() == year && v.reconciliation() != null);
                if (!closed) {
                    open.add(y);
                }
            }
            model.addAttribute("openYears", open);
            model.addAttribute("techDeals", deliveries.technologyOpen(id));
            if (d.partnership().unitKind() == UnitKind.UNIVERSITY) {
                model.addAttribute("universities", universities.directory());
                model.addAttribute(
                        "unitUniversity",
                        teams.units().stream()
                                .filter(u -> u.id() == d.partnership().unitId())
                                .findFirst()
                                .map(WorkTeams.Unit::universityId)
                                .orElse(null));
            }
            model.addAttribute(
                    "reconcilable",
                    open.stream().filter(y -> y <= today().getYear()).toList());
            // the commitments form opens on the latest year still open, with what that year has committed
            int commitYear = open.contains(latest.year()) || open.isEmpty() ? latest.year() : open.get(0);
            model.addAttribute("commitYear", commitYear);
            Map<String, String> committed = new LinkedHashMap<>();
            d.years().stream()
                    .filter(v -> v.year() == commitYear)
                    .flatMap(v -> v.items().stream())
                    .filter(i -> i.committed().signum() != 0)
                    .forEach(i -> committed.put(
                            i.item().name(), i.committed().stripTrailingZeros().toPlainString()));
            model.addAttribute("committed", committed);
        }
        model.addAttribute(
                "closedYears",
                d.years().stream()
                        .filter(v -> v.reconciliation() != null)
                        .map(Partnerships.Year::year)
                        .toList());
        return "partnership";
    }

    @PostMapping("/partnerships")
    String add(@ModelAttribute Partnerships.NewPartnership n, RedirectAttributes flash) {
        return PageActions.run(() -> partnerships.create(n), flash, messages, LABELS)
                .map(x -> {
                    flash.addFlashAttribute("done", messages.get("partnership.added", x.regionName()));
                    return "redirect:/partnerships/" + x.id();
                })
                .orElse("redirect:/partnerships#add");
    }

    @PostMapping("/partnerships/{id}/end")
    String end(
            @PathVariable long id,
            @RequestParam int version,
            @ModelAttribute Partnerships.End e,
            RedirectAttributes flash) {
        return step(id, flash, () -> partnerships.end(id, version, e));
    }

    /** The year's commitments: one field per item, named by the item's code; a blank one is not committed. */
    @PostMapping("/partnerships/{id}/commitments")
    String commit(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam int year,
            @RequestParam Map<String, String> form,
            RedirectAttributes flash) {
        List<PartnershipDeliveries.Commitment> items = new ArrayList<>();
        for (PartnershipItem i : PartnershipItem.values()) {
            String v = form.get(i.name());
            if (v != null && !v.isBlank()) {
                BigDecimal q;
                try {
                    q = new BigDecimal(v.strip());
                } catch (NumberFormatException e) {
                    q = BigDecimal.valueOf(-1); // refused below with the item's reason
                }
                items.add(new PartnershipDeliveries.Commitment(i, q));
            }
        }
        return step(
                id, flash, () -> deliveries.commit(id, year, version, new PartnershipDeliveries.Commitments(items)));
    }

    /**
     * A delivery; for 劳务协作 the households placed are named by their household numbers ({@code householdNos}, one
     * per line or separated by commas), each found in the caller's reach, or the form comes back with the number.
     */
    @PostMapping("/partnerships/{id}/deliveries")
    String deliver(
            @PathVariable long id,
            @ModelAttribute PartnershipDeliveries.NewDelivery n,
            @RequestParam(required = false) String householdNos,
            RedirectAttributes flash) {
        return step(id, flash, () -> deliveries.deliver(id, withHouseholds(n, householdNos)));
    }

    private PartnershipDeliveries.NewDelivery withHouseholds(PartnershipDeliveries.NewDelivery n, String numbers) {
        if (numbers == null || numbers.isBlank()) {
            return n;
        }
        List<String> typed = Arrays.stream(numbers.strip().split("[\\s,，、;；]+"))
                .filter(no -> !no.isEmpty())
                .toList();
        // one lookup for all; a number not found in the caller's reach comes back in words
        Map<String, Long> found = registry.idsByNumber(typed);
        List<Long> ids = new ArrayList<>();
        for (String no : typed) {
            Long id = found.get(no);
            if (id == null) {
                throw ApiException.invalid("householdIds", messages.get("partnership.household-no", no));
            }
            ids.add(id);
        }
        return n.withHouseholds(ids);
    }

    @PostMapping("/partnerships/{id}/deliveries/{delivery}/withdrawal")
    String withdraw(
            @PathVariable long id,
            @PathVariable long delivery,
            @RequestParam int version,
            @ModelAttribute PartnershipDeliveries.Withdrawal w,
            RedirectAttributes flash) {
        return step(id, flash, () -> deliveries.withdraw(id, delivery, version, w));
    }

    @PostMapping("/partnerships/{id}/reconciliations")
    String reconcile(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam int year,
            @RequestParam(required = false) String note,
            @RequestParam(value = "statement", required = false) MultipartFile statement,
            RedirectAttributes flash)
            throws IOException {
        if (statement == null || statement.isEmpty()) {
            return step(id, flash, () -> deliveries.reconcile(id, year, version, note, null, null));
        }
        try (InputStream in = statement.getInputStream()) {
            return step(
                    id,
                    flash,
                    () -> deliveries.reconcile(id, year, version, note, statement.getOriginalFilename(), in));
        }
    }

    /** Delivered as a share of committed per item, the commitment drawn as the mark: items differ in their measure. */
    private Map<String, Object> chart(List<Partnerships.ItemYear> items, Locale locale) {
        List<Partnerships.ItemYear> shown = items.stream()
                .filter(i -> i.committed().signum() > 0 || i.delivered().signum() > 0)
                .toList();
        List<Double> rates = shown.stream()
                .map(i -> i.rate() == null ? 0.0 : i.rate().doubleValue())
                .toList();
        Map<String, Object> o = ChartOptions.shares(
                shown.stream().map(i -> i.item().label(locale)).toList(),
                rates,
                shown.stream()
                        .map(i -> i.committed().signum() > 0 ? 100.0 : null)
                        .toList(),
                shown.stream()
                        .map(i -> i.rate() == null ? null : i.rate().compareTo(BigDecimal.valueOf(100)) >= 0)
                        .toList(),
                List.of(messages.get(locale, "partnership.rate"), messages.get(locale, "partnership.committed")));
        if (rates.stream().anyMatch(r -> r > 100)) {
            o.put("xAxis", Map.of("type", "value", "axisLabel", Map.of("formatter", "{value}%")));
        }
        return o;
    }

    /** The regions whose partnerships the user keeps: a county and its townships and villages; a province and cities. */
    private List<Region> kept() {
        Actor me = actor.get().orElse(null);
        Region home = dataScope.current().home().orElse(null);
        List<Region> out = new ArrayList<>();
        if (me == null || home == null) {
            return out;
        }
        LocalDate today = today();
        if (me.role() == Role.COUNTY && home.level() == RegionLevel.COUNTY) {
            out.add(home);
            for (Region t : regions.children(home.code(), today)) {
                out.add(t);
                out.addAll(regions.children(t.code(), today));
            }
        } else if (me.role() == Role.PROVINCE && home.level() == RegionLevel.PROVINCE) {
            out.add(home);
            out.addAll(regions.children(home.code(), today));
        }
        return out;
    }

    private List<Integer> years() {
        return PageYears.around(today(), 1);
    }

    private String step(long id, RedirectAttributes flash, Supplier<?> action) {
        PageActions.run(action, flash, messages, LABELS)
                .ifPresent(x -> flash.addFlashAttribute("done", messages.get("team.saved")));
        return "redirect:/partnerships/" + id;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
