package org.fangpin.monitoring.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.expression.RuleExpression;
import org.fangpin.monitoring.PolicyParameters;

/** One pass's rules and parameters, as recorded and as the alert writer needs them. */
public record PassInfo(
        int index,
        List<String> provinces,
        RuleSets.RuleSet ruleSet,
        Map<String, PolicyParameters.Value> parameters,
        Map<String, BigDecimal> values,
        Map<String, RuleExpression> compiled) {

    /** The rules in their set's order, compiled. */
    public List<MonitoringSql.CompiledRule> rules() {
        List<MonitoringSql.CompiledRule> rules = new ArrayList<>();
        compiled.forEach((code, e) -> rules.add(new MonitoringSql.CompiledRule(code, e)));
        return rules;
    }

    /** The indicators this pass computes. */
    public Set<String> computed() {
        return MonitoringSql.needed(rules());
    }
}
