package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** 整改状态: 待整改 → 整改中 → 申请销号 → 已销号; a refused sign-off or a failed 回头看 returns to 整改中. */
public enum FindingState implements Labelled {
    TO_RECTIFY("待整改", "To rectify"),
    RECTIFYING("整改中", "Being rectified"),
    CLOSE_REQUESTED("申请销号", "Closure requested"),
    SIGNED_OFF("已销号", "Signed off");

    private final String zh;
    private final String en;

    FindingState(String zh, String en) {
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
