package org.fangpin.project;

import org.fangpin.common.Labelled;

/** How an asset is disposed of (处置). */
public enum DisposalKind implements Labelled {
    SCRAP("报废", "Scrapped"),
    TRANSFER("转让", "Transferred"),
    AUCTION("拍卖", "Auctioned"),
    DISASTER_LOSS("灾毁报损", "Lost to a disaster"),
    EQUITY_EXIT("股权退出", "Equity exit");

    private final String zh;
    private final String en;

    DisposalKind(String zh, String en) {
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
