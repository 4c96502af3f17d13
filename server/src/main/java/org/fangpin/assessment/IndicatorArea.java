package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** What an indicator is about: 两不愁三保障 (may be hard), exit (退出, may be hard) or the work (reference only, 004:381). */
public enum IndicatorArea implements Labelled {
    GUARANTEE("两不愁三保障", "两不愁三保障"),
    EXIT("退出指标", "Exit"),
    WORK("工作成效", "Work");

    private final String zh;
    private final String en;

    IndicatorArea(String zh, String en) {
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
