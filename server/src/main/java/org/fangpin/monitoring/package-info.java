/**
 * 动态监测 — the monitoring engine: policy parameters and rule sets as data (versioned, effective-dated, per
 * province), indicators per household computed by a batch engine over the lake's Parquet files (DuckDB in process,
 * or the same SQL as an Apache Spark job — ADR 0031), monitoring and what-if runs, and explained, deduplicated risk
 * alerts (预警线索) with their workflow. API: {@link org.fangpin.monitoring.MonitoringRuns} (runs and what-ifs),
 * {@link org.fangpin.monitoring.EngineComparison} (the two engines on the same files), {@link
 * org.fangpin.monitoring.Alerts} (and its {@code Handed} event), {@link org.fangpin.monitoring.PolicyParameters},
 * {@link org.fangpin.monitoring.PolicyPeriods}. Rule sets, the rule language, the engine, the alert writer and the
 * parts of a run (its passes, execution, record and history) are internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring 动态监测")
package org.fangpin.monitoring;
