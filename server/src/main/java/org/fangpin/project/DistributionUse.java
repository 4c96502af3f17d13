package org.fangpin.project;

import org.fangpin.common.Labelled;

/** Where a part of an asset's income goes (003:35: 项目运行管护、巩固拓展脱贫攻坚成果、村级公益事业等). */
public enum DistributionUse implements Labelled {
    HOUSEHOLD("分配到户", "To a household"),
    MAINTENANCE("项目运行管护", "Upkeep of the asset"),
    PUBLIC_WELFARE_POST("公益岗位", "Public-welfare posts"),
    VILLAGE_PUBLIC_WORKS("村级公益事业", "Village public works"),
    CONSOLIDATION("巩固拓展脱贫攻坚成果", "Consolidating poverty alleviation"),
    COLLECTIVE("壮大村集体经济", "Village collective economy");

    private final String zh;
    private final String en;

    DistributionUse(String zh, String en) {
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
