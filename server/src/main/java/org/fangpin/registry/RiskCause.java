package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 致贫/返贫风险 — causes of (re)impoverishment risk; a household may have several. */
public enum RiskCause implements Labelled {
    ILLNESS("因病", "Illness"),
    DISABILITY("因残", "Disability"),
    EDUCATION("因学", "Education costs"),
    DISASTER("因灾", "Disaster"),
    ACCIDENT("因意外事故", "Accident"),
    INDUSTRY_FAILURE("因产业失败", "Failed production"),
    UNSTABLE_EMPLOYMENT("因务工就业不稳", "Unstable employment"),
    LACK_OF_LABOUR("缺劳动力", "Lack of labour"),
    HOUSING("住房出现安全问题", "Unsafe housing"),
    WATER("饮水安全问题", "Unsafe drinking water"),
    EPIDEMIC("因疫", "Epidemic"),
    OTHER("其他", "Other");

    private final String zh;
    private final String en;

    RiskCause(String zh, String en) {
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
