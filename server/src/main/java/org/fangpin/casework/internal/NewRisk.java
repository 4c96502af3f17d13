package org.fangpin.casework.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fangpin.common.Labelled;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.RiskCause;

/** What a household's new risk makes of it when it is included: its category and its causes. */
public final class NewRisk {

    private NewRisk() {}

    /** The category a new risk calls for, from who the household is: 脱贫不稳定户 for a 脱贫户, else 边缘易致贫户. */
    public static MonitoringCategory category(HouseholdView h) {
        return h.exitedFromPoverty() ? MonitoringCategory.UNSTABLE : MonitoringCategory.MARGINAL;
    }

    /** The causes a household had, with those named added (unknown names skipped); 其他 when none at all. */
    public static Set<RiskCause> causes(List<RiskCause> had, List<String> named) {
        LinkedHashSet<RiskCause> out = new LinkedHashSet<>(had);
        for (String cause : named) {
            Labelled.parse(RiskCause.class, cause).ifPresent(out::add);
        }
        if (out.isEmpty()) {
            out.add(RiskCause.OTHER);
        }
        return out;
    }
}
