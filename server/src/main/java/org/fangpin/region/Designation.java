package org.fangpin.region;

import org.fangpin.common.Labelled;

/**
 * What a county has been named by the state for a period: 脱贫县 (the 832 counties lifted out of poverty by 2020) and
 * 国家乡村振兴重点帮扶县 (the 160 counties given key assistance in the 过渡期, 003:65). Policies follow them: the
 * 涉农资金统筹整合试点 ran in 脱贫县 for the 过渡期's first three years and in 重点帮扶县 after (003:71).
 */
public enum Designation implements Labelled {
    POVERTY_COUNTY("脱贫县", "County lifted out of poverty"),
    KEY_ASSISTANCE_COUNTY("国家乡村振兴重点帮扶县", "National key county for rural revitalisation assistance");

    private final String zh;
    private final String en;

    Designation(String zh, String en) {
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
