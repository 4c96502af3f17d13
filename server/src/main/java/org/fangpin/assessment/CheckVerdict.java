package org.fangpin.assessment;

import org.fangpin.common.Labelled;

/** 核查结论 — what a field check concludes about a drawn household's standing. */
public enum CheckVerdict implements Labelled {
    CORRECT("认定准确", "Correct"),
    /** The risk was called eliminated (风险消除) though it was not: counted only for households so recorded. */
    WRONG_EXIT("错退", "Wrongly exited"),
    /** The household should have been monitored and was not: counted only for households not monitored. */
    MISSED("漏评", "Missed");

    private final String zh;
    private final String en;

    CheckVerdict(String zh, String en) {
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
