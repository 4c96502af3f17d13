package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** 问题来源 — where a finding comes from (004:399, 004:603, 004:644). */
public enum FindingSource implements Labelled {
    INSPECTION("巡视巡察", "Inspection tour"),
    SUPERVISION("督查", "Supervision"),
    UNANNOUNCED("暗访", "Unannounced visit"),
    ASSESSMENT("考核评估", "Assessment"),
    AUDIT("审计", "Audit"),
    SAMPLE_CHECK("抽查", "Sample check"),
    DATA_QUALITY("数据质量核查", "Data-quality check"),
    LEADER_VISIT("书记遍访", "Secretaries' visits");

    private final String zh;
    private final String en;

    FindingSource(String zh, String en) {
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
