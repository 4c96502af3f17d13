package org.fangpin.pairing;

import org.fangpin.common.Labelled;

/** 帮扶单位类型. */
public enum UnitKind implements Labelled {
    CENTRAL_ORGAN("中央和国家机关", "Central state organ"),
    PROVINCIAL_ORGAN("省直机关", "Provincial organ"),
    CITY_ORGAN("市直机关", "City organ"),
    COUNTY_ORGAN("县直机关", "County organ"),
    STATE_ENTERPRISE("国有企业", "State-owned enterprise"),
    UNIVERSITY("高校", "University"),
    HOSPITAL("医院", "Hospital"),
    MILITARY("军队", "Military"),
    PRIVATE_ENTERPRISE("民营企业", "Private enterprise"),
    SOCIAL_ORGANISATION("社会组织", "Social organisation"),
    EASTERN_GOVERNMENT("东部协作地区党政机关", "Eastern partner government");

    private final String zh;
    private final String en;

    UnitKind(String zh, String en) {
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
