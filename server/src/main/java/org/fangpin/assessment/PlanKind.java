package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** 考核评估方式 (004:595): 年度考核, 平时掌握, 市州交叉考核, 第三方评估. */
public enum PlanKind implements Labelled {
    ANNUAL("年度考核", "Annual assessment"),
    REGULAR("平时考核", "Regular assessment"),
    CROSS("交叉考核", "Cross assessment"),
    THIRD_PARTY("第三方评估", "Third-party evaluation");

    private final String zh;
    private final String en;

    PlanKind(String zh, String en) {
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
