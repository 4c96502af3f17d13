/**
 * 考核评估 — assessment and sampling (抽查): {@link org.fangpin.assessment.Sampling}, the
 * documented algorithm anyone holding the frame and the seed can recompute (ADR 0022), and {@link
 * org.fangpin.assessment.SampleDraws}, draws of a region's households kept as made and read only by the level that drew
 * them and above; {@link org.fangpin.assessment.FieldChecks}, 实地核查 of the drawn households and the 错退率, 漏评率
 * and 认可度 they add up to; {@link org.fangpin.assessment.Findings}, 问题整改 issued to a region below and signed off
 * only by the issuing level; {@link org.fangpin.assessment.Interviews}, 约谈. Assessment plans, indicators and the
 * data-quality checks follow (issue 21; domain brief in docs/domain/assessment-and-quality.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assessment 考核评估")
package org.fangpin.assessment;
