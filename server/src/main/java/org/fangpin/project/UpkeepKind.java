package org.fangpin.project;

import org.fangpin.common.Labelled;

/** What a 管护记录 records. */
public enum UpkeepKind implements Labelled {
    INSPECTION("巡查", "Inspection"),
    MAINTENANCE("日常维护", "Routine upkeep"),
    REPAIR("维修", "Repair");

    private final String zh;
    private final String en;

    UpkeepKind(String zh, String en) {
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
