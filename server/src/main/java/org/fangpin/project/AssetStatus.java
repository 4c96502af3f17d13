package org.fangpin.project;

import org.fangpin.common.Labelled;

/** An asset's state (在用, 闲置, 损毁, 已处置); an asset is never deleted, a disposed one is kept with its disposal. */
public enum AssetStatus implements Labelled {
    IN_USE("在用", "In use"),
    IDLE("闲置", "Idle"),
    DAMAGED("损毁", "Damaged"),
    DISPOSED("已处置", "Disposed of");

    private final String zh;
    private final String en;

    AssetStatus(String zh, String en) {
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
