package org.fangpin.project;

import org.fangpin.common.Labelled;

/** 确权: to whom an asset belongs — the county, a township, a village's collective, a household or an operating entity (经营主体). */
public enum TitleLevel implements Labelled {
    COUNTY("县级", "County"),
    TOWNSHIP("乡镇级", "Township"),
    VILLAGE("村集体", "Village collective"),
    HOUSEHOLD("农户", "Household"),
    OPERATOR("经营主体", "Operating entity");

    private final String zh;
    private final String en;

    TitleLevel(String zh, String en) {
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
