package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** What an indicator's share is of: the rows passing its filter, or the county's rural population of the year (统计部门). */
public enum IndicatorBase implements Labelled {
    POPULATION("考核范围", "The population filtered"),
    RURAL_POPULATION("农村人口", "Rural population");

    private final String zh;
    private final String en;

    IndicatorBase(String zh, String en) {
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
