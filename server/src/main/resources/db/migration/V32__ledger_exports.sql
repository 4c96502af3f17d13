-- 后台导出 (issue 19): a whole ledger written in the background, with its progress, and kept for a week for the one
-- who asked for it (the file lies in the export directory under the job's id; this row says what it is). The process
-- that will write it (owner) says it is alive every half minute (heartbeat_at): a process starting up marks as
-- interrupted only the exports whose writer has stopped saying so, not those of another instance still at work.
create table ledger_export (
    id           uuid primary key,
    ledger       varchar(32) not null,
    format       varchar(4)  not null check (format in ('XLSX', 'CSV')),
    region_code  varchar(12) collate "C" not null,
    file_name    text        not null,
    requested_by text        not null,
    requested_at timestamptz not null default now(),
    status       varchar(12) not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'INTERRUPTED')),
    total        bigint      not null,
    written      bigint      not null default 0,
    size_bytes   bigint,
    sha256       char(64),
    finished_at  timestamptz,
    error        text,
    owner        uuid        not null,
    heartbeat_at timestamptz not null default now()
);
create index ledger_export_requester on ledger_export (requested_by, requested_at desc);
create index ledger_export_unfinished on ledger_export (heartbeat_at) where status in ('QUEUED', 'RUNNING');
