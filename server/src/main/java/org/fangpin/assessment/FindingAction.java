package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** What happened to a finding, as its timeline shows it. */
public enum FindingAction implements Labelled {
    ISSUED("交办", "Issued"),
    STEP("整改措施", "Rectification step"),
    CLOSE_REQUEST("申请销号", "Closure requested"),
    SIGN_OFF("审核销号", "Signed off"),
    SEND_BACK("退回整改", "Sent back"),
    REOPEN("回头看重新整改", "Reopened after review");

    private final String zh;
    private final String en;

    FindingAction(String zh, String en) {
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
