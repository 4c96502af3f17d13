/**
 * 考核评估 — assessment and sampling (抽查): so far the sample draw — {@link org.fangpin.assessment.Sampling}, the
 * documented algorithm anyone holding the frame and the seed can recompute (ADR 0022), and {@link
 * org.fangpin.assessment.SampleDraws}, draws of a region's households kept as made. Assessment plans, indicators,
 * field checks and findings (整改) follow (issue 21; domain brief in docs/domain/assessment-and-quality.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assessment 考核评估")
package org.fangpin.assessment;
