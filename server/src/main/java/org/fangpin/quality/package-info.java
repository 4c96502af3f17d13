/**
 * 数据质量 — 防止数字脱贫 (001:209, 004:123, 卡内无硬伤 004:605): checks as data (rule expressions over the facts of each
 * household, from the lake beside the departments' feeds or from the database beside its plan, measures, visits and
 * cases), runs that send what they find to villages as issues and close those no longer found, each village's
 * score and worklist. API: {@link org.fangpin.quality.QualityChecks}, {@link org.fangpin.quality.QualityRuns},
 * {@link org.fangpin.quality.QualityIssues}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Quality 数据质量")
package org.fangpin.quality;
