package org.fangpin.project;

import org.fangpin.common.Labelled;

/** Who holds a share of an operating asset (折股量化, 004:143). */
public enum ShareHolder implements Labelled {
    HOUSEHOLD("农户", "Household"),
    VILLAGE_COLLECTIVE("村集体经济组织", "Village collective"),
    OTHER("其他", "Other");

    private final String zh;
    private final String en;

    ShareHolder(String zh, String en) {
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
