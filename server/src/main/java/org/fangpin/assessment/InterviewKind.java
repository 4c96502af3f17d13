package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** 约谈形式 — how firmly those answering for a region are spoken to. */
public enum InterviewKind implements Labelled {
    REMINDER("提醒谈话", "Reminder talk"),
    ADMONITION("诫勉谈话", "Admonition"),
    INTERVIEW("约谈", "Interview");

    private final String zh;
    private final String en;

    InterviewKind(String zh, String en) {
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
