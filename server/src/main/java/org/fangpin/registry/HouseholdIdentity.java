package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 户属性 — who a household is, whatever its monitoring state: a 脱贫户 (with its exit year) stays one when
 * it is included in monitoring or its risk is eliminated. History keeps every change. */
public enum HouseholdIdentity implements Labelled {
    EXITED("脱贫户", "Exited from poverty"),
    ORDINARY("一般农户", "Ordinary rural household");

    private final String zh;
    private final String en;

    HouseholdIdentity(String zh, String en) {
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
