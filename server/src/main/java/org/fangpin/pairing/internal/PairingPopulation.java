package org.fangpin.pairing.internal;

import java.time.ZoneId;
import org.fangpin.assessment.IndicatorPopulation;
import org.fangpin.assessment.PopulationRows;
import org.fangpin.pairing.PairingLedgers;
import org.fangpin.registry.RegistryLedgers;
import org.springframework.stereotype.Component;

/**
 * The rows of the assessment's {@link IndicatorPopulation#PAIRING}: each household monitored or 脱贫 on the day, with
 * whether a helper was paired with it then (a pairing begun on or before the day and not ended by it) and for how many
 * days. Which of them must have a helper is the indicator's filter (the switch {@code helper_for_exited_households}
 * for 脱贫户), as {@code HelperCoverage} decides it for today.
 */
@Component
class PairingPopulation implements PopulationRows {

    @Override
    public IndicatorPopulation population() {
        return IndicatorPopulation.PAIRING;
    }

    @Override
    public String sql(ZoneId zone) {
        return """
                select h.household_id, h.village_code, h.members as persons, h.identity, h.monitoring_state,
                       h.monitoring_category as category, x.paired_on is not null as paired,
                       cast(:asOf as date) - x.paired_on as days_paired
                from (%s) h
                left join lateral (
                    select x.paired_on from helper_pairing x where %s
                    order by x.paired_on desc limit 1) x on true
                where h.monitoring_state = 'MONITORED' or h.identity = 'EXITED'""".formatted(RegistryLedgers.AS_OF, PairingLedgers.IN_FORCE_ON_DAY);
    }
}
