package org.fangpin.casework;

import org.fangpin.common.Labelled;

/** Where a case stands; the last three are final (an elimination case ends eliminated or rejected). */
public enum CaseStage implements Labelled {
    VERIFICATION("入户核实", "Field verification"),
    COUNCIL("村民主评议", "Village council review"),
    PUBLICITY("村公示", "Village publicity"),
    TOWNSHIP_REVIEW("乡镇审核", "Township review"),
    COUNTY_DECISION("县审定", "County decision"),
    INCLUDED("已纳入监测", "Included in monitoring"),
    ELIMINATED("风险已消除", "Risk eliminated"),
    REJECTED("不予纳入", "Not included");

    private final String zh;
    private final String en;

    CaseStage(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public boolean open() {
        return this != INCLUDED && this != ELIMINATED && this != REJECTED;
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
