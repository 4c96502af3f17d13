package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 户标识 — further facts about who a household is, beside its {@link HouseholdIdentity}; a set that history keeps. */
public enum IdentityFlag implements Labelled {
    RELOCATED("易地扶贫搬迁户", "Relocated for poverty alleviation");

    private final String zh;
    private final String en;

    IdentityFlag(String zh, String en) {
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
