-- 行业部门 users belong to a department (feed.Department code); they see only their own department's batches.
alter table app_user add column department varchar(32);

-- One accepted batch of a department feed (部门数据批次). The rows live in Parquet under the lake
-- (feeds/<type>/period=<yyyy-MM>/<id>.parquet); this is their metadata and data-quality feedback.
create table feed_batch (
    id              uuid primary key,
    feed_type       varchar(32) not null,
    schema_version  int         not null,
    department      varchar(32) not null,
    batch_key       varchar(100) not null,          -- the sender's batch id: re-sending it is idempotent
    period          date        not null check (extract(day from period) = 1),
    content_hash    char(64)    not null,           -- SHA-256 of the normalised rows
    file_path       text        not null,
    feedback_path   text,
    row_count       bigint      not null,
    matched         bigint      not null,
    unmatched       bigint      not null,
    received_at     timestamptz not null default now(),
    received_by     text        not null,
    sender_region   varchar(12) collate "C",
    import_id       uuid        not null,
    unique (feed_type, department, batch_key)
);
create index feed_batch_period on feed_batch (feed_type, period);
