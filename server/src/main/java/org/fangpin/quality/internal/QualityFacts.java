package org.fangpin.quality.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringState;

/**
 * An issue's facts in words: each fact's label and value, the empty ones left out (a zero counts as empty but for the
 * registry's own figures and a village's or county's, where it is the finding).
 */
final class QualityFacts {

    private static final java.util.regex.Pattern KEPT_ZERO =
            java.util.regex.Pattern.compile("registry|village_|county_");

    private QualityFacts() {}

    static String describe(Map<String, Object> facts, Messages messages, Locale locale) {
        Map<String, String> states = new HashMap<>(Labelled.labels(locale, MonitoringState.class));
        states.putAll(Labelled.labels(locale, HouseholdIdentity.class));
        StringJoiner out = new StringJoiner("；");
        facts.forEach((k, v) -> {
            if (v == null
                    || (v instanceof Number n
                            && n.doubleValue() == 0
                            && !KEPT_ZERO.matcher(k).lookingAt())) {
                return;
            }
            String value = v instanceof Boolean b
                    ? messages.get(locale, b ? "yes" : "no")
                    : states.getOrDefault(String.valueOf(v), String.valueOf(v));
            out.add(messages.get(locale, "quality.fact." + k) + " " + value);
        });
        return out.toString();
    }
}
