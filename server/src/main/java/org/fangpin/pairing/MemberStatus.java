package org.fangpin.pairing;

import org.fangpin.common.Labelled;

/** 队员状态. */
public enum MemberStatus implements Labelled {
    ON_DUTY("在岗", "On duty"),
    RECALLED("召回", "Recalled"),
    ROTATED("轮换", "Rotated"),
    EXPIRED("期满", "Term ended");

    private final String zh;
    private final String en;

    MemberStatus(String zh, String en) {
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
