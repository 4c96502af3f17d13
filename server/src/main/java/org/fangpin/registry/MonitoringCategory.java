package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 监测类别 — the three classes of monitored household (seed 003 l.27–29). */
public enum MonitoringCategory implements Labelled {
    UNSTABLE("脱贫不稳定户", "Unstable exited household"),
    MARGINAL("边缘易致贫户", "Marginal household at risk"),
    SUDDEN_HARDSHIP("突发严重困难户", "Sudden severe hardship");

    private final String zh;
    private final String en;

    MonitoringCategory(String zh, String en) {
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
