package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 在校生状况 — current schooling of a member. */
public enum SchoolStatus implements Labelled {
    NOT_IN_SCHOOL("非在校生", "Not in school"),
    PRESCHOOL("学前教育", "Pre-school"),
    PRIMARY("小学", "Primary school"),
    JUNIOR("初中", "Junior secondary"),
    SENIOR("普通高中", "Senior secondary"),
    SECONDARY_VOCATIONAL("中职", "Secondary vocational"),
    HIGHER_VOCATIONAL("高职", "Higher vocational"),
    UNDERGRADUATE("本科及以上", "Undergraduate or above"),
    DROPOUT("辍学", "Dropped out");

    private final String zh;
    private final String en;

    SchoolStatus(String zh, String en) {
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
