package org.fangpin.common;

/** 行业部门 — the departments that share data with the platform or are in charge of projects of their sector. */
public enum Department implements Labelled {
    MEDICAL_SECURITY("医疗保障局", "Healthcare Security Administration"),
    HUMAN_RESOURCES("人力资源和社会保障局", "Human Resources and Social Security"),
    CIVIL_AFFAIRS("民政局", "Civil Affairs"),
    EDUCATION("教育局", "Education"),
    HOUSING("住房和城乡建设局", "Housing and Urban-Rural Development"),
    WATER_RESOURCES("水利局", "Water Resources"),
    DISABLED_PERSONS("残疾人联合会", "Disabled Persons' Federation"),
    PUBLIC_SECURITY("公安局", "Public Security"),
    EMERGENCY("应急管理局", "Emergency Management"),
    AGRICULTURE("农业农村局", "Agriculture and Rural Affairs"),
    HEALTH("卫生健康委员会", "Health Commission"),
    TRANSPORT("交通运输局", "Transport"),
    DEVELOPMENT_REFORM("发展和改革局", "Development and Reform");

    private final String zh;
    private final String en;

    Department(String zh, String en) {
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
