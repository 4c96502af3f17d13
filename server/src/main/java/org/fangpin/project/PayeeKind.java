package org.fangpin.project;

import org.fangpin.common.Labelled;

/** Who a disbursement is paid to (资金拨付对象). */
public enum PayeeKind implements Labelled {
    ENTERPRISE("企业", "Enterprise"),
    COOPERATIVE("合作社", "Cooperative"),
    VILLAGE_COLLECTIVE("村集体经济组织", "Village collective"),
    HOUSEHOLD("农户", "Household"),
    WORKER("务工人员", "Worker"),
    GOVERNMENT_UNIT("实施单位", "Implementing unit");

    private final String zh;
    private final String en;

    PayeeKind(String zh, String en) {
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
