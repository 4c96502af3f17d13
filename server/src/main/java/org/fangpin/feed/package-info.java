/**
 * 部门信息比对 — department data feeds: typed, versioned schemas with templates; intake by file or JSON push,
 * all-or-nothing and idempotent per batch; matching to registry persons and households by ID-number lookup hash;
 * batches stored as Parquet (partitioned by feed and period) with data-quality feedback for the sender. API:
 * {@link org.fangpin.feed.FeedType}, {@link org.fangpin.feed.FeedIntake}, {@link org.fangpin.feed.FeedBatches}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Department feeds 部门数据")
package org.fangpin.feed;
