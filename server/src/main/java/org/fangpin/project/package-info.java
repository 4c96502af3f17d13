/**
 * 衔接资金 · 项目库 · 扶贫项目资产 (issue 22; domain brief in docs/domain/funds-projects-assets.md): {@link
 * org.fangpin.project.Funds}, allocations to counties and the lines and payments that spend them, never beyond what is
 * left; {@link org.fangpin.project.Projects}, the county project library from a village's application through
 * reviews, 公告公示 (through {@code common.publicity}), 立项, works, 验收 and the results' publicity.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Projects 项目资金")
package org.fangpin.project;
