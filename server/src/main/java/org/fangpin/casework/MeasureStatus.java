package org.fangpin.casework;

import org.fangpin.common.Labelled;

/** Where an assistance measure stands; done and cancelled are final. */
public enum MeasureStatus implements Labelled {
    PLANNED("计划中", "Planned"),
    IN_PROGRESS("实施中", "In progress"),
    DONE("已落实", "Done"),
    CANCELLED("已取消", "Cancelled");

    private final String zh;
    private final String en;

    MeasureStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public boolean open() {
        return this == PLANNED || this == IN_PROGRESS;
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
