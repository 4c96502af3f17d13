package org.fangpin.project;

import org.fangpin.common.Labelled;

/** Where an asset's income of a period stands: recorded, its distribution planned and publicised, ready to pay, paid. */
public enum IncomeStage implements Labelled {
    RECORDED("待制定分配方案", "Awaiting a distribution plan"),
    PUBLICITY("分配方案公示中", "Plan publicised"),
    READY("公示期满待发放", "Publicity over, to be paid"),
    PAID("已发放", "Paid");

    private final String zh;
    private final String en;

    IncomeStage(String zh, String en) {
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
