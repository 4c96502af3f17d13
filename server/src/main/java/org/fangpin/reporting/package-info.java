/**
 * 统计报表 — statistics, ledgers and the reports offices send upward, generated from the registry, monitoring and
 * case data (never typed again). Figures for a past day come from a frozen snapshot of the whole installation
 * (computed once, never changed: a backdated edit does not alter a month already counted); figures for today are
 * computed live over the caller's scope. API: {@link org.fangpin.reporting.Statistics} and {@link
 * org.fangpin.reporting.Period}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reporting 统计报表")
package org.fangpin.reporting;
