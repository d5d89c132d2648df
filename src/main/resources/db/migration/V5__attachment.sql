-- attachment: metadata of uploaded photos and documents; the bytes live content-addressed on disk.
create table attachment (
    id              uuid primary key,
    sha256          text not null,
    content_type    text not null,
    size            bigint not null,
    original_name   text,
    uploaded_by     text not null,
    uploader_org_id bigint,
    created_at      timestamp with time zone not null
);
create index attachment_sha_idx on attachment (sha256);
