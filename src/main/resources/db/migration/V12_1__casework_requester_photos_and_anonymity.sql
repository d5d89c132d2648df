-- casework: the requester's photos given with the request, and the wish to stay anonymous to handlers.
alter table cases add column anonymous boolean not null default false;
alter table cases add column attachment_ids uuid[] not null default '{}';
create index cases_attachments_idx on cases using gin (attachment_ids);
create index cases_channel_created_idx on cases (channel, created_at desc);
create index cases_updated_idx on cases (updated_at desc);
