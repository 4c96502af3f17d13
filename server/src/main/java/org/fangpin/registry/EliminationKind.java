package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 风险消除方式 — how a monitored household's risk ended. */
public enum EliminationKind implements Labelled {
    ASSISTED("帮扶后消除", "Eliminated after assistance"),
    NATURAL("风险自然消失", "Risk disappeared by itself");

    private final String zh;
    private final String en;

    EliminationKind(String zh, String en) {
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
