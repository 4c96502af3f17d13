package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 性别 — derived from the ID number's 17th digit. */
public enum Sex implements Labelled {
    M("男", "Male"),
    F("女", "Female");

    private final String zh;
    private final String en;

    Sex(String zh, String en) {
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
