package org.fangpin.project;

import org.fangpin.common.Labelled;

/** A disposal's way: requested → township review → county approval → done (proceeds recorded); returned or refused on the way. */
public enum DisposalStage implements Labelled {
    REQUESTED("待乡镇审核", "Awaiting township review"),
    TOWNSHIP_APPROVED("待县级审批", "Awaiting county approval"),
    APPROVED("已批准待处置", "Approved, to be carried out"),
    DONE("已处置", "Done"),
    RETURNED("已退回", "Returned"),
    REFUSED("不予批准", "Refused");

    private final String zh;
    private final String en;

    DisposalStage(String zh, String en) {
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
