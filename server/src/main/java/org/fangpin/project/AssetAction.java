package org.fangpin.project;

import org.fangpin.common.Labelled;

/** What a step of an asset's timeline did. */
public enum AssetAction implements Labelled {
    REGISTERED("资产登记", "Registered"),
    AMENDED("修改登记信息", "Record changed"),
    SHARES_SET("折股量化", "Shares set"),
    UPKEEP("管护记录", "Upkeep recorded"),
    STATUS("状态变更", "Status changed"),
    INCOME("登记收益", "Income recorded"),
    PLANNED("制定分配方案并公示", "Distribution planned and publicised"),
    OBJECTION("登记公示异议", "Objection recorded"),
    UPHELD("异议成立", "Objection upheld"),
    DISMISSED("异议不成立", "Objection dismissed"),
    PUBLICITY_ENDED("分配方案公示期满", "Publicity of the plan ended"),
    PAID("收益已发放", "Distribution paid"),
    DISPOSAL_REQUESTED("申请处置", "Disposal requested"),
    DISPOSAL_REVIEWED("乡镇审核同意处置", "Disposal passed by the township"),
    DISPOSAL_RETURNED("处置申请退回", "Disposal returned"),
    DISPOSAL_APPROVED("县级批准处置", "Disposal approved by the county"),
    DISPOSAL_REFUSED("县级不予批准处置", "Disposal refused by the county"),
    DISPOSED("处置完成", "Disposed of"),
    FILE("上传佐证材料", "Evidence added");

    private final String zh;
    private final String en;

    AssetAction(String zh, String en) {
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
