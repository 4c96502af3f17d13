package org.fangpin.project;

import org.fangpin.common.Labelled;

/** 扶贫项目资产类别 (国办函〔2021〕51号; 003:35): 经营性, 公益性, 到户类. */
public enum AssetClass implements Labelled {
    OPERATING("经营性资产", "Operating asset"),
    PUBLIC_WELFARE("公益性资产", "Public-welfare asset"),
    HOUSEHOLD("到户类资产", "Household asset");

    private final String zh;
    private final String en;

    AssetClass(String zh, String en) {
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
