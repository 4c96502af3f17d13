package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** 问题类别 — what kind of shortcoming a finding names. */
public enum FindingCategory implements Labelled {
    IDENTIFICATION("识别不精准（漏评、错退）", "Inaccurate identification (missed, wrongly exited)"),
    ASSISTANCE("帮扶措施不到位", "Assistance falling short"),
    DATA("数据不真实、不准确", "Untrue or inaccurate data"),
    FUNDS("资金项目管理", "Funds and projects"),
    WORK_STYLE("形式主义、官僚主义", "Formalism and bureaucratism"),
    OTHER_ISSUE("其他问题", "Other shortcoming");

    private final String zh;
    private final String en;

    FindingCategory(String zh, String en) {
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
