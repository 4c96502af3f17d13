package org.fangpin.project;

import org.fangpin.common.Labelled;

/** 利益联结 / 联农带农方式: how a project reaches households (004:125, 004:143, 004:261, 004:479). */
public enum BenefitLink implements Labelled {
    HOUSEHOLD_SUBSIDY("到户补助", "Subsidy to households"),
    EMPLOYMENT("务工就业", "Jobs"),
    WORK_RELIEF_LABOUR("以工代赈务工", "Work-for-relief labour"),
    DIVIDEND("入股分红", "Dividends on shares"),
    ORDER_SALES("订单帮扶·产销对接", "Orders and sales"),
    LAND_TRANSFER("土地流转", "Land transfer"),
    TRUSTEESHIP("生产托管", "Production trusteeship"),
    PUBLIC_WELFARE_POST("公益岗位", "Public-welfare posts"),
    COLLECTIVE_INCOME("村集体经济增收", "Village collective income"),
    VILLAGE_WIDE("普惠受益", "Benefits the whole village");

    private final String zh;
    private final String en;

    BenefitLink(String zh, String en) {
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
