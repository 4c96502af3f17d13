package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** What an indicator counts: households or their members. */
public enum IndicatorUnit implements Labelled {
    HOUSEHOLDS("户", "Households"),
    PERSONS("人", "Persons");

    private final String zh;
    private final String en;

    IndicatorUnit(String zh, String en) {
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
