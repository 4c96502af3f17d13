package org.fangpin.assessment.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.fangpin.assessment.CheckPhotos;
import org.fangpin.assessment.CheckVerdict;
import org.fangpin.assessment.FieldChecks;
import org.fangpin.assessment.SampleDraws;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.PageActions;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.beans.factory.annotation.Value;
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

/**
 * 考核抽查 pages: the draws of the caller's reach and the form to draw (for those who organise assessments); a draw
 * with its strata, its results against the limits (per county, and a chart of the checks per county or township) and the households to check;
 * the check sheet of one household, prefilled from the registry; the upload of the draw's list filled in offline.
 */
@Controller
class AssessmentPageController {

    /** 准确, 错退, 漏评, 未核查. */
    private static final List<String> VERDICT_COLORS = List.of("#2e7d32", "#c62828", "#ef6c00", "#b0bec5");

    private final SampleDraws draws;
    private final FieldChecks checks;
    private final CheckPhotos photos;
    private final RegionDirectory regions;
    private final Registry registry;
    private final RegionChoices choices;
    private final Permissions permissions;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;
    private final FieldCheckUpload upload;
    private final Path workDir;

    AssessmentPageController(
            SampleDraws draws,
            FieldChecks checks,
            CheckPhotos photos,
            RegionDirectory regions,
            Registry registry,
            RegionChoices choices,
            Permissions permissions,
            Messages messages,
            JsonMapper json,
            Clock clock,
            FieldCheckUpload upload,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir) {
        this.upload = upload;
        this.workDir = workDir;
        this.draws = draws;
        this.checks = checks;
        this.photos = photos;
        this.regions = regions;
        this.registry = registry;
        this.choices = choices;
        this.permissions = permissions;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/assessment")
    String list(Model model) {
        List<SampleDraws.SampleDraw> list = draws.list(100);
        model.addAttribute("draws", list);
        model.addAttribute(
                "names",
                regions.names(list.stream().map(SampleDraws.SampleDraw::region).toList()));
        model.addAttribute("canDraw", permissions.has(Permission.ASSESSMENT_MANAGE));
        model.addAttribute("regionOptions", choices.ownDownToCounties());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("zone", clock.getZone());
        return "assessment";
    }

    @PostMapping("/assessment/samples")
    String draw(
            @ModelAttribute SampleDraws.SampleRequest r,
            @RequestParam(defaultValue = "share") String mode,
            RedirectAttributes flash) {
        SampleDraws.SampleRequest asked = "fixed".equals(mode)
                ? new SampleDraws.SampleRequest(r.region(), r.asOf(), r.seed(), null, null, r.perStratum())
                : new SampleDraws.SampleRequest(r.region(), r.asOf(), r.seed(), r.fraction(), r.minimum(), null);
        return PageActions.run(() -> draws.draw(asked), flash, messages, "assessment.field.")
                .map(d -> "redirect:/assessment/samples/" + d.id())
                .orElse("redirect:/assessment");
    }

    @GetMapping("/assessment/samples/{id}")
    String draw(@PathVariable long id, Model model, Locale locale) {
        SampleDraws.SampleDraw d = draws.get(id);
        List<FieldChecks.DrawnHousehold> households = checks.households(id);
        FieldChecks.SampleResults results = checks.results(id);
        Set<String> codes = new HashSet<>();
        codes.add(d.region());
        households.forEach(h -> codes.add(h.villageCode()));
        results.counties().forEach(c -> codes.add(c.region()));
        d.strata().forEach(s -> codes.add(s.key().substring(0, 12)));
        Map<String, String> names = regions.names(codes);
        model.addAttribute("d", d);
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("households", households);
        Map<Long, String> nos = new HashMap<>();
        registry.standings(households.stream()
                        .map(FieldChecks.DrawnHousehold::householdId)
                        .toList())
                .forEach((hid, st) -> nos.put(hid, st.householdNo()));
        model.addAttribute("nos", nos);
        model.addAttribute(
                "flaggedNos",
                households.stream()
                        .filter(h -> h.verdict() == CheckVerdict.WRONG_EXIT || h.verdict() == CheckVerdict.MISSED)
                        .map(h -> nos.get(h.householdId()))
                        .filter(Objects::nonNull)
                        .toList());
        model.addAttribute("results", results);
        // one row per county, and the total under them when there are several
        List<FieldChecks.CheckTally> tallies = new ArrayList<>(results.counties());
        if (tallies.size() > 1) {
            tallies.add(results.total());
        }
        model.addAttribute("tallies", tallies);
        model.addAttribute("names", names);
        model.addAttribute(
                "strata",
                d.strata().stream().map(s -> stratumLabel(s, names, locale)).toList());
        model.addAttribute("canCheck", permissions.has(Permission.FIELD_CHECK));
        model.addAttribute("canIssue", permissions.has(Permission.FINDING_ISSUE));
        // how the checks came out and what is left to check: per county, or per township in a draw of one county
        boolean byTownship = results.counties().size() == 1;
        Map<String, long[]> groups = new TreeMap<>();
        for (FieldChecks.DrawnHousehold h : households) {
            String key = byTownship
                    ? h.villageCode().substring(0, 9) + "000"
                    : h.villageCode().substring(0, 6) + "000000";
            long[] v = groups.computeIfAbsent(key, k -> new long[4]);
            v[h.verdict() == null ? 3 : h.verdict().ordinal()]++;
        }
        Map<String, String> groupNames = regions.names(groups.keySet());
        List<String> categories = new ArrayList<>();
        groups.keySet().forEach(code -> categories.add(groupNames.getOrDefault(code, code)));
        Map<String, List<Long>> series = new LinkedHashMap<>();
        List<String> keys = List.of("correct", "wrong-exit", "missed", "unchecked");
        for (int i = 0; i < keys.size(); i++) {
            int k = i;
            series.put(
                    messages.get("assessment.verdict-series." + keys.get(i)),
                    groups.values().stream().map(v -> v[k]).toList());
        }
        model.addAttribute(
                "chartTitle", messages.get(byTownship ? "assessment.chart.township" : "assessment.chart.county"));
        model.addAttribute(
                "chart", json.writeValueAsString(ChartOptions.stackedBars(categories, series, VERDICT_COLORS)));
        return "assessment-sample";
    }

    /** 离线核查回传: the draw's page again, with the upload's outcome and every rejected row above its households. */
    @PostMapping("/assessment/samples/{id}/checks")
    String upload(
            @PathVariable long id,
            @RequestParam("file") MultipartFile file,
            HttpServletRequest request,
            Model model,
            Locale locale)
            throws IOException {
        Path saved = RequestSupport.save(file, workDir);
        try {
            model.addAttribute(
                    "report",
                    upload.upload(id, saved, RequestSupport.originalName(file), RequestSupport.user(request), locale));
        } finally {
            Files.deleteIfExists(saved);
        }
        return draw(id, model, locale);
    }

    @GetMapping("/assessment/samples/{id}/households/{household}")
    String sheet(@PathVariable long id, @PathVariable long household, Model model) {
        FieldChecks.CheckSheet s = checks.sheet(id, household);
        model.addAttribute("s", s);
        model.addAttribute("d", draws.header(id));
        model.addAttribute("village", regions.names(List.of(s.villageCode())).get(s.villageCode()));
        List<CheckVerdict> verdicts = new ArrayList<>(List.of(CheckVerdict.CORRECT));
        if (s.monitoringState() == MonitoringState.ELIMINATED) {
            verdicts.add(CheckVerdict.WRONG_EXIT);
        }
        if (s.monitoringState() == MonitoringState.NONE) {
            verdicts.add(CheckVerdict.MISSED);
        }
        model.addAttribute("verdicts", verdicts);
        model.addAttribute("facts", List.of("foodClothing", "education", "medical", "housing", "water"));
        model.addAttribute("registered", facts(s.registry()));
        model.addAttribute(
                "current", facts(s.check() == null ? s.registry() : s.check().found()));
        model.addAttribute("canCheck", permissions.has(Permission.FIELD_CHECK));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("photos", photos.of(id, household));
        model.addAttribute("zone", clock.getZone());
        return "assessment-check";
    }

    @PostMapping("/assessment/samples/{id}/households/{household}/photos")
    String photo(
            @PathVariable long id,
            @PathVariable long household,
            @RequestParam("file") MultipartFile file,
            RedirectAttributes flash) {
        PageActions.run(
                () -> {
                    try (var in = file.getInputStream()) {
                        return photos.add(id, household, file.getOriginalFilename(), in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                flash,
                messages,
                "assessment.field.");
        return "redirect:/assessment/samples/" + id + "/households/" + household + "#photos";
    }

    @PostMapping("/assessment/samples/{id}/households/{household}")
    String check(
            @PathVariable long id,
            @PathVariable long household,
            @RequestParam(required = false) Integer version,
            @ModelAttribute FieldChecks.CheckRecord r,
            RedirectAttributes flash) {
        return PageActions.run(() -> checks.record(id, household, version, r), flash, messages, "assessment.field.")
                .map(c -> {
                    flash.addFlashAttribute("saved", household);
                    return "redirect:/assessment/samples/" + id + "#h" + household;
                })
                .orElse("redirect:/assessment/samples/" + id + "/households/" + household);
    }

    /** A stratum in words (township name · 户属性 · 监测状态) with its counts, for the page. */
    private static Map<String, Object> stratumLabel(
            SampleDraws.SampleStratum s, Map<String, String> names, Locale locale) {
        String[] parts = s.key().split("/");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("township", names.getOrDefault(parts[0], parts[0]));
        row.put("identity", HouseholdIdentity.valueOf(parts[1]).label(locale));
        row.put("state", MonitoringState.valueOf(parts[2]).label(locale));
        row.put("households", s.households());
        row.put("drawn", s.drawn());
        return row;
    }

    private static Map<String, Object> facts(FieldChecks.CheckFacts f) {
        Map<String, Object> m = new HashMap<>();
        m.put("perCapitaIncome", f.perCapitaIncome());
        m.put("foodClothing", f.foodClothing());
        m.put("education", f.education());
        m.put("medical", f.medical());
        m.put("housing", f.housing());
        m.put("water", f.water());
        return m;
    }
}
