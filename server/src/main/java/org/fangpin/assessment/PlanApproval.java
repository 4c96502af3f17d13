package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** Whether a plan may go ahead: a 第三方评估 below the province waits for the province's approval (004:399). */
public enum PlanApproval implements Labelled {
    NOT_NEEDED("无需审批", "No approval needed"),
    PENDING("待省级审批", "Awaiting the province"),
    APPROVED("省级已批准", "Approved by the province"),
    REFUSED("省级不予批准", "Refused by the province");

    private final String zh;
    private final String en;

    PlanApproval(String zh, String en) {
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
