package org.fangpin.monitoring.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.expression.RuleExpression;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The passes of a monitoring run: the provinces grouped by the rule set and parameter values in force for them on
 * the run's date, each group's rules compiled; each group is one pass of the engine.
 */
@Component
public class RunPasses {

    private static final Logger log = LoggerFactory.getLogger(RunPasses.class);

    private final RegionDirectory regions;
    private final RuleSets ruleSets;
    private final PolicyParameters parameters;

    RunPasses(RegionDirectory regions, RuleSets ruleSets, PolicyParameters parameters) {
        this.regions = regions;
        this.ruleSets = ruleSets;
        this.parameters = parameters;
    }

    /**
     * Groups the provinces by the rule set and parameter values in force for them (a draft replaces the set of its
     * own province, or the national set where that applies); each group is one pass of the engine. {@code draft}
     * is null for the rules in force; {@code overrides} (what-if values, empty for none) replace resolved values.
     */
    public List<PassInfo> plan(LocalDate asOf, RuleSets.RuleSet draft, Map<String, BigDecimal> overrides) {
        List<String> provinces =
                regions.atLevel(RegionLevel.PROVINCE).stream().map(Region::code).toList();
        Map<String, RuleExpression.Type> vocabulary = ruleSets.vocabulary();
        Map<String, PassInfo> groups = new LinkedHashMap<>();
        for (String province : provinces) {
            Optional<RuleSets.RuleSet> inForce = ruleSets.inForce(province, asOf);
            Optional<RuleSets.RuleSet> set = inForce;
            if (draft != null
                    && (province.equals(draft.provinceCode())
                            || (draft.provinceCode() == null
                                    && inForce.map(r -> r.provinceCode() == null)
                                            .orElse(true)))) {
                set = Optional.of(draft);
            }
            if (set.isEmpty()) {
                log.warn(
                        "No rule set in force for province {} on {}: its households are not evaluated", province, asOf);
                continue;
            }
            Map<String, PolicyParameters.Value> resolved = parameters.resolve(province, asOf);
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            resolved.forEach((k, v) -> values.put(k, v.value()));
            values.putAll(overrides);
            String key = set.get().id() + "|" + values;
            PassInfo existing = groups.get(key);
            if (existing != null) {
                existing.provinces().add(province.substring(0, 2));
                continue;
            }
            Map<String, RuleExpression> compiled = new LinkedHashMap<>();
            for (RuleSets.Rule r : set.get().rules()) {
                compiled.put(r.code(), RuleExpression.parse(r.expression(), vocabulary));
                for (String ident : compiled.get(r.code()).identifiers()) {
                    if (Indicator.byId(ident).isEmpty() && !values.containsKey(ident)) {
                        throw new IllegalStateException(
                                "parameter " + ident + " has no value for province " + province + " on " + asOf);
                    }
                }
            }
            List<String> ps = new ArrayList<>();
            ps.add(province.substring(0, 2));
            groups.put(key, new PassInfo(groups.size(), ps, set.get(), resolved, values, compiled));
        }
        return List.copyOf(groups.values());
    }

    /** The passes as the engine's SQL takes them: each with the filter of its provinces. */
    public static List<MonitoringSql.Pass> sql(List<PassInfo> passes) {
        List<MonitoringSql.Pass> out = new ArrayList<>();
        for (PassInfo p : passes) {
            String filter = passes.size() == 1
                    ? "village_code IS NOT NULL"
                    : "SUBSTR(village_code, 1, 2) IN ('" + String.join("', '", p.provinces()) + "')";
            out.add(new MonitoringSql.Pass(filter, p.values(), p.rules(), String.valueOf(p.index())));
        }
        return out;
    }

    /**
     * The sources step of these passes as of a day: the longest look-back and region window among them, so that each
     * pass's facts are covered; {@code freshOnly}: over the households listed in {@code fresh} only.
     */
    public static String sourcesSql(LocalDate asOf, List<PassInfo> passes, boolean freshOnly) {
        int lookback = passes.stream()
                .mapToInt(p -> p.values().get("lookback_months").intValue())
                .max()
                .orElse(12);
        int region = passes.stream()
                .mapToInt(p -> Math.max(
                        p.values().get("disaster_window_months").intValue(),
                        p.values().get("epidemic_window_months").intValue()))
                .max()
                .orElse(12);
        return MonitoringSql.sources(asOf, lookback, region, freshOnly);
    }
}
