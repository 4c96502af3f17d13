package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 务工状况 — where a member works, if at all. */
public enum WorkStatus implements Labelled {
    NONE("未务工", "Not working away"),
    LOCAL("乡镇内务工", "In township"),
    IN_COUNTY("乡镇外县内务工", "Outside township, in county"),
    IN_PROVINCE("县外省内务工", "Outside county, in province"),
    OUT_OF_PROVINCE("省外务工", "Outside province");

    private final String zh;
    private final String en;

    WorkStatus(String zh, String en) {
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
