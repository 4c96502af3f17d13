package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 户类型 — where a registered household stands. */
public enum HouseholdStatus implements Labelled {
    EXITED("脱贫户", "Exited from poverty"),
    MONITORED("监测对象", "Monitored"),
    ELIMINATED("风险已消除", "Risk eliminated"),
    ORDINARY("一般农户", "Ordinary rural household");

    private final String zh;
    private final String en;

    HouseholdStatus(String zh, String en) {
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
