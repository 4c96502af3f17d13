package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 监测状态 — where a household stands in monitoring, apart from who it is ({@link HouseholdIdentity}). */
public enum MonitoringState implements Labelled {
    NONE("未纳入监测", "Not monitored"),
    MONITORED("监测对象", "Monitored"),
    ELIMINATED("风险已消除", "Risk eliminated");

    private final String zh;
    private final String en;

    MonitoringState(String zh, String en) {
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
