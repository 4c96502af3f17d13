package org.fangpin.project;

import org.fangpin.common.Labelled;

/** 资金来源 (003:71, 004:161, 003:67, 004:175): where an allocation's money comes from. */
public enum FundSource implements Labelled {
    CENTRAL_LINKAGE("中央财政衔接资金", "Central linkage fund"),
    PROVINCIAL_LINKAGE("省级财政衔接资金", "Provincial linkage fund"),
    CITY_LINKAGE("市级财政衔接资金", "City linkage fund"),
    COUNTY_LINKAGE("县级财政衔接资金", "County linkage fund"),
    INTEGRATED_AGRI("统筹整合涉农资金", "Integrated agricultural funds"),
    WORK_RELIEF("以工代赈资金", "Work-for-relief funds"),
    EAST_WEST("东西部协作资金", "East–west collaboration funds"),
    DESIGNATED_ASSISTANCE("定点帮扶资金", "Designated assistance funds"),
    SOCIAL("社会帮扶资金", "Social assistance funds"),
    LOTTERY("彩票公益金", "Lottery public-welfare funds"),
    LOCAL_BOND("地方政府债券资金", "Local government bonds"),
    OTHER("其他资金", "Other funds");

    private final String zh;
    private final String en;

    FundSource(String zh, String en) {
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
