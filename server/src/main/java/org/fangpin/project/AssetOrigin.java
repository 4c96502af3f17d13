package org.fangpin.project;

import org.fangpin.common.Labelled;

/** How an asset came into the ledger: formed by an accepted project, or back-registered in an inventory (资产清查, 003:35). */
public enum AssetOrigin implements Labelled {
    PROJECT("项目形成", "Formed by a project"),
    INVENTORY("资产清查登记", "Registered in an inventory");

    private final String zh;
    private final String en;

    AssetOrigin(String zh, String en) {
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
