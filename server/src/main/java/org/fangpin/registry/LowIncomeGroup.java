package org.fangpin.registry;

import org.fangpin.common.Labelled;

/**
 * 农村低收入人口 groups a person belongs to by 民政's record (003:51), kept as the person's flags with history; the
 * third group, 易返贫致贫人口, is membership of a monitored household.
 */
public enum LowIncomeGroup implements Labelled {
    DIBAO("农村低保对象", "Rural minimum living allowance"),
    TEKUN("农村特困人员", "Rural extreme-poverty support");

    private final String zh;
    private final String en;

    LowIncomeGroup(String zh, String en) {
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
