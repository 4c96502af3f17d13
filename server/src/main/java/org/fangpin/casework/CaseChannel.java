package org.fangpin.casework;

import org.fangpin.common.Labelled;

/**
 * How a case began: the three discovery channels of seed 003, 三(二), and — for risk elimination — the system's
 * proposal of a household that meets the criteria.
 */
public enum CaseChannel implements Labelled {
    APPLICATION("农户自主申报", "Household's own application"),
    ALERT("部门筛查预警", "Department screening alert"),
    CADRE_CHECK("基层干部排查", "Cadre's door-to-door check"),
    PROPOSAL("系统比对提出", "Proposed by the system's check");

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
