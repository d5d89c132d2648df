-- Personal data at rest (ADR 0028): names and phone numbers are sealed (SM4-GCM/AES-GCM) by the
-- application, which also seals the rows written before this (PersonalDataSealer, at startup);
-- phone numbers are looked up through a keyed hash (HMAC-SHA256), never by their plaintext.
alter table cases add column requester_phone_hash text;
create index cases_requester_phone_hash_idx on cases (requester_phone_hash) where requester_phone_hash is not null;

alter table account add column phone_hash text;
create index account_phone_hash_idx on account (phone_hash) where phone_hash is not null;

-- One-time codes keep only the keyed hash of the number they were sent to.
alter table channel_sms_code add column phone_hash text;
alter table channel_sms_code alter column phone drop not null;
drop index channel_sms_code_phone_idx;
create index channel_sms_code_phone_hash_idx on channel_sms_code (phone_hash, created_at desc);

-- attachment: photos are re-encoded on upload (ADR 0029); those stored before are re-encoded on first reading.
alter table attachment add column sanitized boolean not null default false;
update attachment set sanitized = true where content_type not in ('image/jpeg', 'image/png', 'image/webp');
