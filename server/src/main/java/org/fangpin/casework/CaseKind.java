package org.fangpin.casework;

import org.fangpin.common.Labelled;

/** What a case decides: whether to include a household in monitoring, or whether its risk is eliminated. */
public enum CaseKind implements Labelled {
    IDENTIFICATION("识别认定", "Identification"),
    ELIMINATION("风险消除", "Risk elimination");

    private final String zh;
    private final String en;

    CaseKind(String zh, String en) {
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
