package org.fangpin.project;

import org.fangpin.common.Labelled;

/** What a step of a project's timeline did. */
public enum ProjectAction implements Labelled {
    APPLIED("村级申报", "Applied"),
    AMENDED("修改申报", "Application changed"),
    TOWNSHIP_APPROVED("乡镇审核通过", "Township review passed"),
    TOWNSHIP_RETURNED("乡镇退回修改", "Returned by the township"),
    DEPARTMENT_APPROVED("行业部门审核通过", "Department review passed"),
    DEPARTMENT_RETURNED("行业部门退回修改", "Returned by the department"),
    DECIDED("县级审定，开始公示", "Decided by the county, publicised"),
    REJECTED("县级审定不予入库", "Refused by the county"),
    OBJECTION("登记公示异议", "Objection recorded"),
    OBJECTION_UPHELD("异议成立", "Objection upheld"),
    OBJECTION_DISMISSED("异议不成立", "Objection dismissed"),
    PUBLICITY_ENDED("公示期满入库", "Publicity ended, listed"),
    APPROVED("立项", "Approved"),
    PROGRESS("报告进度", "Progress reported"),
    SUSPENDED("停工", "Suspended"),
    RESUMED("复工", "Resumed"),
    COMPLETED("完工", "Completed"),
    ACCEPTED("验收合格", "Accepted"),
    ACCEPTANCE_FAILED("验收不合格", "Acceptance failed"),
    RESULT_OBJECTION("登记结果公示异议", "Objection to the results recorded"),
    RESULT_UPHELD("结果公示异议成立", "Objection to the results upheld"),
    RESULT_DISMISSED("结果公示异议不成立", "Objection to the results dismissed"),
    CLOSED("结果公示期满结项", "Results publicity ended, closed"),
    FUNDED("安排资金", "Funds assigned"),
    PAID("拨付资金", "Paid"),
    REVERSED("冲销拨付", "Payment reversed"),
    BENEFICIARIES("登记受益农户", "Beneficiaries recorded");

    private final String zh;
    private final String en;

    ProjectAction(String zh, String en) {
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
