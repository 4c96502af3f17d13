package org.fangpin.pairing;

import org.fangpin.common.Labelled;

/** 帮扶责任人状态. */
public enum HelperStatus implements Labelled {
    ACTIVE("在岗", "At work"),
    DEPARTED("已调离", "Departed");

    private final String zh;
    private final String en;

    HelperStatus(String zh, String en) {
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
