-- Photos (or scanned forms) taken at a field check (抽查 入户核查), kept as evidence beside the check: the bytes in
-- the lake through the shared evidence-file store, the rows here. A photo belongs to a drawn household of a draw and
-- may be taken before the check is recorded (the visit comes first).
create table field_check_photo (
    id            uuid primary key,
    draw_id       bigint not null,
    household_id  bigint not null,
    village_code  varchar(12) not null,
    file_name     text not null,
    content_type  varchar(40) not null,
    size_bytes    bigint not null check (size_bytes > 0),
    sha256        char(64) not null,
    uploaded_by   text not null,
    uploaded_at   timestamptz not null default now(),
    foreign key (draw_id, household_id) references sample_household (draw_id, household_id)
);
create index field_check_photo_household on field_check_photo (draw_id, household_id);
