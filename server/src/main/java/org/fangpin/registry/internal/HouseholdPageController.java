package org.fangpin.registry.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.Education;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.Health;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.HousingGrade;
import org.fangpin.registry.IdentityFlag;
import org.fangpin.registry.LabourCapacity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Page;
import org.fangpin.registry.Registry;
import org.fangpin.registry.Relation;
import org.fangpin.registry.RiskCause;
import org.fangpin.registry.SchoolStatus;
import org.fangpin.registry.TimelineEntry;
import org.fangpin.registry.WorkStatus;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages: the household search (keyset "more" via htmx) and a household with members and timeline. */
@Controller
class HouseholdPageController {

    private static final int PAGE = 30;

    /** Fields whose values are codes of a closed set: the timeline shows their labels. */
    private static final Map<String, Class<? extends Enum<?>>> CODED = Map.ofEntries(
            Map.entry("identity", HouseholdIdentity.class),
            Map.entry("identityFlags", IdentityFlag.class),
            Map.entry("monitoringState", MonitoringState.class),
            Map.entry("monitoringCategory", MonitoringCategory.class),
            Map.entry("riskCauses", RiskCause.class),
            Map.entry("eliminationKind", EliminationKind.class),
            Map.entry("housingGrade", HousingGrade.class),
            Map.entry("relation", Relation.class),
            Map.entry("education", Education.class),
            Map.entry("schoolStatus", SchoolStatus.class),
            Map.entry("health", Health.class),
            Map.entry("labourCapacity", LabourCapacity.class),
            Map.entry("workStatus", WorkStatus.class));

    private final Registry registry;
    private final RegionDirectory regions;
    private final Messages messages;

    HouseholdPageController(Registry registry, RegionDirectory regions, Messages messages) {
        this.registry = registry;
        this.regions = regions;
        this.messages = messages;
    }

    @GetMapping("/households")
    String search(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) HouseholdIdentity identity,
            @RequestParam(required = false) IdentityFlag flag,
            @RequestParam(required = false) MonitoringState state,
            @RequestParam(required = false) MonitoringCategory category,
            @RequestParam(required = false) String cursor,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        String name = q == null || q.isBlank() ? null : q.strip();
        boolean idNumber = name != null && name.length() == 18;
        Page<HouseholdView> page = registry.search(new HouseholdQuery(
                region == null || region.isBlank() ? null : region,
                idNumber ? null : name,
                idNumber ? name : null,
                identity,
                flag,
                // a category names monitored households unless a state is chosen
                state != null || category == null ? state : MonitoringState.MONITORED,
                category,
                cursor == null || cursor.isBlank() ? null : cursor,
                PAGE));
        model.addAttribute("page", page);
        model.addAttribute(
                "villages",
                regions.names(
                        page.items().stream().map(HouseholdView::villageCode).toList()));
        model.addAttribute(
                "region", region == null ? null : regions.find(region).orElse(null));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("identity", identity);
        model.addAttribute("flag", flag);
        model.addAttribute("state", state);
        model.addAttribute("category", category);
        model.addAttribute("identities", HouseholdIdentity.values());
        model.addAttribute("flags", IdentityFlag.values());
        model.addAttribute("states", MonitoringState.values());
        model.addAttribute("categories", MonitoringCategory.values());
        return htmx != null && cursor != null ? "households :: rows" : "households";
    }

    @GetMapping("/households/{id}")
    String household(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            Model model) {
        HouseholdView h = registry.household(id, asOf)
                .orElseThrow(() -> ApiException.notFound("registry.household.not-found", id));
        model.addAttribute("h", h);
        model.addAttribute("asOf", asOf);
        model.addAttribute("path", regions.ancestors(h.villageCode()));
        List<TimelineEntry> timeline = new ArrayList<>(
                registry.timeline(id).stream().map(this::labelled).toList());
        Collections.reverse(timeline); // newest first
        model.addAttribute("timeline", timeline);
        return "household";
    }

    /** The entry with its values in words: labels for codes (lists too), 是/否 for yes and no. */
    private TimelineEntry labelled(TimelineEntry e) {
        if (e.changes() == null || e.changes().isEmpty()) {
            return e;
        }
        return new TimelineEntry(
                e.entity(),
                e.entityId(),
                e.entityLabel(),
                e.version(),
                e.validFrom(),
                e.recordedAt(),
                e.recordedBy(),
                e.changeReason(),
                e.kind(),
                e.changes().stream()
                        .map(c -> new TimelineEntry.Change(
                                c.field(), label(c.field(), c.before()), label(c.field(), c.after())))
                        .toList());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private String label(String field, String value) {
        if (value == null) {
            return null;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return messages.get(Boolean.parseBoolean(value) ? "yes" : "no");
        }
        Class type = CODED.get(field);
        if (type == null) {
            return value;
        }
        boolean list = value.startsWith("[") && value.endsWith("]");
        String[] codes = list ? value.substring(1, value.length() - 1).split(", ") : new String[] {value};
        List<String> out = new ArrayList<>();
        for (String code : codes) {
            Optional<?> parsed = Labelled.parse(type, code);
            out.add(parsed.map(l -> ((Labelled) l).label(messages.locale())).orElse(code));
        }
        return String.join("、", out);
    }
}
