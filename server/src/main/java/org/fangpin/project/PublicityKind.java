package org.fangpin.project;

import org.fangpin.common.Labelled;

/** What a publicity (公告公示) of this module was of: a project's listing, its results, an income distribution. */
public enum PublicityKind implements Labelled {
    PROJECT_LISTING("项目入库公示", "Project listing"),
    PROJECT_RESULT("项目结果公示", "Project results"),
    DISTRIBUTION("收益分配公示", "Income distribution");

    private final String zh;
    private final String en;

    PublicityKind(String zh, String en) {
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
