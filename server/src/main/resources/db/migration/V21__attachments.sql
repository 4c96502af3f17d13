-- Files attached to a follow-up visit or an assistance measure (photos, signed forms, receipts as evidence).
-- The bytes live in the lake under a generated name; the client's file name is kept, cleaned, for display only.
create table attachment (
    id            uuid primary key,
    household_id  bigint not null references assistance_plan (household_id),
    owner_kind    varchar(8) not null check (owner_kind in ('VISIT', 'MEASURE')),
    owner_id      bigint not null,
    file_name     text not null,
    content_type  varchar(40) not null,
    size_bytes    bigint not null check (size_bytes > 0),
    sha256        char(64) not null,
    uploaded_by   text not null,
    uploaded_at   timestamptz not null default now()
);
create index attachment_owner on attachment (household_id, owner_kind, owner_id);
