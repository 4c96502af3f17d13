package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** 问题程度. */
public enum FindingSeverity implements Labelled {
    MINOR("一般", "Minor"),
    SERIOUS("较重", "Serious"),
    GRAVE("严重", "Grave");

    private final String zh;
    private final String en;

    FindingSeverity(String zh, String en) {
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
