package org.fangpin.assessment.internal;

import java.util.Locale;
import java.util.Map;
import org.fangpin.assessment.CheckVerdict;
import org.fangpin.casework.CaseChannel;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryFigures;

/** The words for the values an indicator's figure is broken down by (户属性, 监测类别, 纳入时长 …). */
final class GroupLabels {

    private GroupLabels() {}

    static Map<String, String> of(Messages messages, Locale locale) {
        Map<String, String> m = Labelled.labels(
                locale,
                MonitoringCategory.class,
                HouseholdIdentity.class,
                MonitoringState.class,
                CheckVerdict.class,
                CaseChannel.class);
        // how long a risk has lasted: the groups and words of the statistics
        RegistryFigures.RISK_AGES.forEach(age -> m.put(age, messages.get(locale, "statistics.key.risk-age." + age)));
        m.put("", messages.get(locale, "assessment.group.none"));
        return m;
    }
}
