package org.fangpin.casework;

import org.fangpin.common.Labelled;

/** How a household at risk was found: the three discovery channels of seed 003, 三(二). */
public enum CaseChannel implements Labelled {
    APPLICATION("农户自主申报", "Household's own application"),
    ALERT("部门筛查预警", "Department screening alert"),
    CADRE_CHECK("基层干部排查", "Cadre's door-to-door check");

    private final String zh;
    private final String en;

    CaseChannel(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }
}
