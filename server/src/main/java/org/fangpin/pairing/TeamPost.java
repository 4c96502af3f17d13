package org.fangpin.pairing;

import org.fangpin.common.Labelled;

/** 驻村职务. */
public enum TeamPost implements Labelled {
    FIRST_SECRETARY("第一书记", "First secretary"),
    LEADER("队长", "Team leader"),
    MEMBER("队员", "Member");

    private final String zh;
    private final String en;

    TeamPost(String zh, String en) {
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
