package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 劳动技能 — labour capacity. */
public enum LabourCapacity implements Labelled {
    SKILLED("技能劳动力", "Skilled labour"),
    ORDINARY("普通劳动力", "Ordinary labour"),
    WEAK("弱劳动力或半劳动力", "Weak or half labour"),
    LOST("丧失劳动力", "Lost labour capacity"),
    NONE("无劳动力", "No labour capacity");

    private final String zh;
    private final String en;

    LabourCapacity(String zh, String en) {
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
