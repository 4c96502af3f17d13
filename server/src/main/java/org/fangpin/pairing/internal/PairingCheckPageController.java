package org.fangpin.pairing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.pairing.PairingChecks;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * 帮扶力量考核数据: {@link PairingChecks} for a region and a year as a page — the region's shares as a chart against the
 * assessment's thresholds where it has one, and each region below with what meets of what is counted, to drill into.
 */
@Controller
class PairingCheckPageController {

    /** The checks in the order shown, with the threshold parameter the assessment holds them to (null: none). */
    private enum Check {
        PAIRED("helper_coverage_min"),
        VISITED("visit_compliance_min"),
        FIRST_SECRETARY(null),
        ATTENDANCE(null),
        TRAINED(null),
        FUNDS(null),
        LEADER_VISITS(null);

        final String threshold;

        Check(String threshold) {
            this.threshold = threshold;
        }

        Fraction of(PairingChecks.Row r) {
            return switch (this) {
                case PAIRED -> Fraction.of(r.paired(), r.mustHaveHelper());
                case VISITED -> Fraction.of(r.plansVisitedInTime(), r.plans());
                case FIRST_SECRETARY -> Fraction.of(r.teamsWithFirstSecretary(), r.teams());
                case ATTENDANCE -> Fraction.of(r.memberMonthsMet(), r.memberMonths());
                case TRAINED -> Fraction.of(r.membersTrained(), r.membersOnDuty());
                case FUNDS -> new Fraction(r.fundsDelivered(), r.fundsCommitted());
                case LEADER_VISITS -> Fraction.of(r.visitTargetsVisited(), r.visitTargets());
            };
        }
    }

    /** What meets of what is counted. */
    private record Fraction(BigDecimal met, BigDecimal of) {
        static Fraction of(long met, long of) {
            return new Fraction(BigDecimal.valueOf(met), BigDecimal.valueOf(of));
        }
    }

    /** One figure as shown: what meets, of what, the share in percent (null when nothing is counted). */
    record Cell(String met, String of, BigDecimal percent, boolean below) {}

    /** A region's figures as shown; {@code drill}: whether its own page shows the regions under it. */
    record Line(String region, String name, boolean drill, List<Cell> cells) {}

    private final PairingChecks checks;
    private final RegionDirectory regions;
    private final DataScope dataScope;
    private final PolicyParameters parameters;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    PairingCheckPageController(
            PairingChecks checks,
            RegionDirectory regions,
            DataScope dataScope,
            PolicyParameters parameters,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.checks = checks;
        this.regions = regions;
        this.dataScope = dataScope;
        this.parameters = parameters;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/pairing/checks")
    String page(
            @RequestParam(required = false) String region,
            @RequestParam(required = false) Integer year,
            Model model,
            Locale locale) {
        LocalDate today = LocalDate.now(clock);
        int y = year == null ? today.getYear() : year;
        PairingChecks.Checks c = checks.checks(region == null || region.isBlank() ? null : region.strip(), y);
        Map<String, PolicyParameters.Value> values = parameters.resolve(RegionCode.province(c.region()), c.asOf());
        BigDecimal[] thresholds = new BigDecimal[Check.values().length];
        for (Check k : Check.values()) {
            if (k.threshold != null && values.containsKey(k.threshold)) {
                thresholds[k.ordinal()] = values.get(k.threshold).value().multiply(BigDecimal.valueOf(100));
            }
        }
        Line total = line(c.total(), false, thresholds);
        List<Line> below = new ArrayList<>();
        boolean drill = regions.find(c.region())
                .map(r -> r.level().ordinal() < RegionLevel.TOWNSHIP.ordinal())
                .orElse(false);
        c.below().forEach(r -> below.add(line(r, drill, thresholds)));
        List<String> labels = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Check k : Check.values()) {
            labels.add(messages.get(locale, "pairingCheck." + k.name()));
            keys.add(k.name());
        }
        model.addAttribute("keys", keys);
        model.addAttribute("c", c);
        model.addAttribute("total", total);
        model.addAttribute("own", line(c.own(), false, thresholds));
        model.addAttribute(
                "hasOwn",
                c.own().fundsCommitted().signum() > 0
                        || c.own().fundsDelivered().signum() > 0
                        || c.own().visitTargets() > 0);
        model.addAttribute("below", below);
        model.addAttribute("labels", labels);
        model.addAttribute("thresholds", thresholds);
        model.addAttribute("crumbs", crumbs(c.region()));
        model.addAttribute("years", PageYears.around(today, 0));
        model.addAttribute("year", y);
        // the chart: the region's shares, each against its threshold where the assessment has one
        List<String> categories = new ArrayList<>();
        List<Double> percents = new ArrayList<>();
        List<Double> marks = new ArrayList<>();
        List<Boolean> met = new ArrayList<>();
        for (Check k : Check.values()) {
            Cell cell = total.cells().get(k.ordinal());
            if (cell.percent() == null) {
                continue;
            }
            categories.add(labels.get(k.ordinal()));
            percents.add(cell.percent().doubleValue());
            BigDecimal t = thresholds[k.ordinal()];
            marks.add(t == null ? null : t.doubleValue());
            met.add(t == null ? null : !cell.below());
        }
        if (!categories.isEmpty()) {
            model.addAttribute(
                    "chart",
                    json.writeValueAsString(ChartOptions.shares(
                            categories,
                            percents,
                            marks,
                            met,
                            List.of(
                                    messages.get(locale, "pairingCheck.share"),
                                    messages.get(locale, "pairingCheck.threshold")))));
        }
        return "pairing-checks";
    }

    private static Line line(PairingChecks.Row r, boolean drill, BigDecimal[] thresholds) {
        List<Cell> cells = new ArrayList<>();
        for (Check k : Check.values()) {
            Fraction f = k.of(r);
            BigDecimal percent = f.of().signum() == 0
                    ? null
                    : f.met().multiply(BigDecimal.valueOf(100)).divide(f.of(), 1, RoundingMode.HALF_UP);
            // below the threshold on the exact fraction, not the rounded share
            BigDecimal t = thresholds[k.ordinal()];
            boolean belowThreshold = percent != null
                    && t != null
                    && f.met().multiply(BigDecimal.valueOf(100)).compareTo(t.multiply(f.of())) < 0;
            cells.add(new Cell(number(f.met(), k), number(f.of(), k), percent, belowThreshold));
        }
        return new Line(r.region(), r.name(), drill, cells);
    }

    private static String number(BigDecimal v, Check k) {
        DecimalFormat f = new DecimalFormat(
                k == Check.FUNDS ? "#,##0.00" : "#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(v);
    }

    /** The regions above the one shown that the user may open, from the top of their reach down. */
    private List<Region> crumbs(String code) {
        DataScope.Scope scope = dataScope.current();
        return regions.ancestors(code).stream()
                .filter(r -> !r.code().equals(code) && scope.covers(r.code()))
                .toList();
    }
}
