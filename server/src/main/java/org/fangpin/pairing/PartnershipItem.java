package org.fangpin.pairing;

import java.math.BigDecimal;
import org.fangpin.common.Labelled;

/**
 * What a partner commits and delivers in a year (004:173, 004:175, 004:349; 001:203 劳务协作; 003:39, 004:261 消费帮扶),
 * each counted in its own measure: money in yuan, projects, enterprises and technology results by number, people by
 * head.
 */
public enum PartnershipItem implements Labelled {
    FUNDS("帮扶资金", "Funds", "元", "yuan", "yuan"),
    PROJECTS("援建项目", "Projects built", "个", "projects", "project"),
    CADRES("挂职干部和专业人才", "Seconded cadres and professionals", "人", "persons", "person"),
    LABOUR("劳务协作转移就业", "Workers placed (labour collaboration)", "人", "persons", "person"),
    CONSUMPTION("消费帮扶", "Consumption assistance", "元", "yuan", "yuan"),
    TRAINING("培训", "Persons trained", "人次", "person-times", "person-time"),
    ENTERPRISES("引进企业", "Enterprises brought in", "个", "enterprises", "enterprise"),
    /** A university's patent assigned or licensed to an enterprise, cooperative or village of the region (004:169). */
    TECHNOLOGY("科技成果转化", "Technology results transferred", "项", "results", "result");

    private final String zh;
    private final String en;
    private final String unitZh;
    private final String unitEn;
    private final String unitEnOne;

    PartnershipItem(String zh, String en, String unitZh, String unitEn, String unitEnOne) {
        this.zh = zh;
        this.en = en;
        this.unitZh = unitZh;
        this.unitEn = unitEn;
        this.unitEnOne = unitEnOne;
    }

    /** Whether the item is counted in yuan (two decimals) rather than whole things or people. */
    public boolean money() {
        return this == FUNDS || this == CONSUMPTION;
    }

    public String unitZh() {
        return unitZh;
    }

    public String unitEn() {
        return unitEn;
    }

    /** The English unit after a quantity: "1 project", "3 projects". */
    public String unitEn(BigDecimal quantity) {
        return quantity != null && quantity.compareTo(BigDecimal.ONE) == 0 ? unitEnOne : unitEn;
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
