package org.fangpin.security;

import org.fangpin.common.Labelled;

/** The roles of SPEC §1. */
public enum Role implements Labelled {
    VILLAGE("村级信息员", "Village cadre"),
    TOWNSHIP("乡镇", "Township office"),
    COUNTY("县乡村振兴局", "County office"),
    CITY("市级", "City"),
    PROVINCE("省级", "Province"),
    DEPARTMENT("行业部门", "Department"),
    INSPECTOR("督查巡视", "Inspector"),
    /** 高校知识产权/技术转移部门: bound to one university (an organisation), no household data. */
    UNIVERSITY("高校知识产权部门", "University IP office"),
    ADMIN("系统管理员", "Administrator");

    private final String zh;
    private final String en;

    Role(String zh, String en) {
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
