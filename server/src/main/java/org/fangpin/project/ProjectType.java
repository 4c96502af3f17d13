package org.fangpin.project;

import org.fangpin.common.Labelled;

/** 项目类型 of the county project library (004:329). */
public enum ProjectType implements Labelled {
    INDUSTRY("产业发展", "Industry"),
    EMPLOYMENT("就业项目", "Employment"),
    INFRASTRUCTURE("乡村建设·基础设施", "Rural works: infrastructure"),
    PUBLIC_SERVICE("乡村建设·公共服务", "Rural works: public services"),
    RELOCATION_FOLLOWUP("易地搬迁后续扶持", "Follow-up support after relocation"),
    BASIC_GUARANTEES("巩固三保障成果", "Securing the three guarantees"),
    GOVERNANCE("乡村治理和精神文明建设", "Rural governance"),
    MANAGEMENT_FEE("项目管理费", "Project management fee"),
    OTHER("其他", "Other");

    private final String zh;
    private final String en;

    ProjectType(String zh, String en) {
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
