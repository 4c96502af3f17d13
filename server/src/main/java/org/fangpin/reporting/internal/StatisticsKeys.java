package org.fangpin.reporting.internal;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.registry.Health;
import org.fangpin.registry.IdentityFlag;
import org.fangpin.registry.LabourCapacity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.RegistryFigures;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.registry.RiskCause;
import org.springframework.stereotype.Component;

/** The words for the values of each statistics dimension, shared by the statistics pages and the lists behind them. */
@Component
class StatisticsKeys {

    /** The dimensions of members: a household counts under a value when one of its members has it. */
    static final Set<Dimension> MEMBERS =
            EnumSet.of(Dimension.AGE, Dimension.LABOUR, Dimension.HEALTH, Dimension.LOW_INCOME);

    private final AssistancePlans plans;
    private final Messages messages;

    StatisticsKeys(AssistancePlans plans, Messages messages) {
        this.plans = plans;
        this.messages = messages;
    }

    /** The values of a dimension in their order, with their labels ("" = not recorded / none). */
    public Map<String, String> labels(Dimension d, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        switch (d) {
            case CATEGORY -> {
                enumLabels(out, MonitoringCategory.class, locale);
                out.put("", messages.get("statistics.key.no-category"));
            }
            case CAUSE -> enumLabels(out, RiskCause.class, locale);
            case FLAG -> enumLabels(out, IdentityFlag.class, locale);
            case AGE -> RegistryFigures.AGE_GROUPS.forEach(g -> out.put(g, messages.get("statistics.key.age", g)));
            case LABOUR -> {
                enumLabels(out, LabourCapacity.class, locale);
                out.put("", messages.get("statistics.key.not-recorded"));
            }
            case HEALTH -> {
                enumLabels(out, Health.class, locale);
                out.put("", messages.get("statistics.key.not-recorded"));
            }
            case LOW_INCOME -> {
                out.put("DIBAO", messages.get("duty.group.dibao"));
                out.put("TEKUN", messages.get("duty.group.tekun"));
            }
            case INCOME ->
                RegistryFigures.INCOME_BANDS.forEach(b -> out.put(b, messages.get("statistics.key.income." + b)));
            case MEASURE -> {
                boolean en = locale.getLanguage().equals("en");
                plans.measureTypes(null).forEach(t -> out.put(t.code(), en ? t.nameEn() : t.nameZh()));
                out.put("NONE", messages.get("statistics.key.no-measure"));
            }
            case RISK_AGE ->
                RegistryFigures.RISK_AGES.forEach(a -> out.put(a, messages.get("statistics.key.risk-age." + a)));
        }
        return out;
    }

    private static <E extends Enum<E> & Labelled> void enumLabels(
            Map<String, String> out, Class<E> type, Locale locale) {
        for (E e : type.getEnumConstants()) {
            out.put(e.name(), e.label(locale));
        }
    }
}
