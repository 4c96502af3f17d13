package org.fangpin.project;

import java.time.LocalDate;
import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.Designation;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDesignations;
import org.springframework.stereotype.Component;

/**
 * 涉农资金统筹整合试点 (003:71): in the 过渡期's first three years every 脱贫县 integrates agricultural funds, after that only
 * 国家乡村振兴重点帮扶县 do — which, for a year, the switch {@value #SWITCH} says (on 2021–2023, off after) and the
 * county's designations decide.
 */
@Component
class IntegrationPilot {

    /** On: every 脱贫县 may integrate; off: only 重点帮扶县. */
    static final String SWITCH = "integration_pilot_all_poverty_counties";

    private final PolicyParameters parameters;
    private final RegionDesignations designations;
    private final Messages messages;

    IntegrationPilot(PolicyParameters parameters, RegionDesignations designations, Messages messages) {
        this.parameters = parameters;
        this.designations = designations;
        this.messages = messages;
    }

    /**
     * Why a county may not receive integrated agricultural funds for a year (the switch as of the year's first day, the
     * designation held on any day of the year); empty when it may.
     */
    Optional<String> refusal(String county, int year) {
        LocalDate on = LocalDate.of(year, 1, 1);
        String province = RegionCode.province(county);
        Designation needed =
                parameters.isOn(SWITCH, province, on) ? Designation.POVERTY_COUNTY : Designation.KEY_ASSISTANCE_COUNTY;
        return designations.heldDuring(county, needed, on, LocalDate.of(year, 12, 31))
                ? Optional.empty()
                : Optional.of(messages.get(
                        "project.funds.integration", Integer.toString(year), needed.label(messages.locale())));
    }
}
