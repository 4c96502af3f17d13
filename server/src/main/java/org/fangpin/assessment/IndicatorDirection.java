package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** How an indicator keeps to its threshold. */
public enum IndicatorDirection implements Labelled {
    AT_MOST("不高于", "At most"),
    AT_LEAST("不低于", "At least");

    private final String zh;
    private final String en;

    IndicatorDirection(String zh, String en) {
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
