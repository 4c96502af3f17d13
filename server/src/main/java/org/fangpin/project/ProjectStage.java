package org.fangpin.project;

import org.fangpin.common.Labelled;

/** 项目库 stages (004:329, 004:593; docs/domain/funds-projects-assets.md §3): 村级申报 → 乡镇审核 → 行业部门审核 →
 * 县级审定 and 公告公示 → 入库 → 立项 (实施) ⇄ 停工 → 完工 → 验收 and 结果公示 → 结项; a review may return the
 * application (退回修改) or the county refuse it (未入库). */
public enum ProjectStage implements Labelled {
    APPLIED("待乡镇审核", "Awaiting township review"),
    TOWNSHIP_REVIEWED("待行业部门审核", "Awaiting department review"),
    DEPARTMENT_REVIEWED("待县级审定", "Awaiting the county's decision"),
    PUBLICITY("入库公示中", "Publicised for the library"),
    LISTED("已入库待立项", "In the library, not yet approved"),
    IN_PROGRESS("实施中", "Under way"),
    SUSPENDED("停工", "Suspended"),
    COMPLETED("已完工待验收", "Completed, awaiting acceptance"),
    RESULT_PUBLICITY("验收合格·结果公示中", "Accepted, results publicised"),
    CLOSED("已结项", "Closed"),
    RETURNED("已退回修改", "Returned for changes"),
    REJECTED("未入库", "Not listed");

    private final String zh;
    private final String en;

    ProjectStage(String zh, String en) {
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
