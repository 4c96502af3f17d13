package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 健康状况. */
public enum Health implements Labelled {
    HEALTHY("健康", "Healthy"),
    CHRONIC("长期慢性病", "Chronic illness"),
    SERIOUS_ILLNESS("患有大病", "Serious illness"),
    DISABLED("残疾", "Disabled");

    private final String zh;
    private final String en;

    Health(String zh, String en) {
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
