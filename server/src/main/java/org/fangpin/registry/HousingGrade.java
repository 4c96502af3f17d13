package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 住房安全等级 — housing safety appraisal grade (C and D are unsafe). */
public enum HousingGrade implements Labelled {
    A("A级", "Grade A"),
    B("B级", "Grade B"),
    C("C级", "Grade C"),
    D("D级", "Grade D");

    private final String zh;
    private final String en;

    HousingGrade(String zh, String en) {
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
