package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 文化程度 — highest education attained. */
public enum Education implements Labelled {
    PRESCHOOL("学龄前儿童", "Pre-school child"),
    ILLITERATE("文盲或半文盲", "Illiterate"),
    PRIMARY("小学", "Primary school"),
    JUNIOR("初中", "Junior secondary"),
    SENIOR("高中", "Senior secondary"),
    VOCATIONAL("中专", "Secondary vocational"),
    COLLEGE("大专及以上", "College or above");

    private final String zh;
    private final String en;

    Education(String zh, String en) {
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
