-- casework: the Case aggregate (cases + case_task + case_evaluation) and its append-only timeline.
create sequence case_tracking_seq;

create table cases (
    id                   uuid primary key,
    tracking_no          text not null unique,
    type                 text not null,
    status               text not null,
    outcome              text,
    round                int not null,
    green_channel        boolean not null,
    title                text not null,
    description          text not null,
    category_code        text,
    urgency              text not null,
    channel              text not null,
    town_id              bigint,
    lat                  double precision,
    lon                  double precision,
    address              text,
    requester_name       text,
    requester_phone      text,
    requester_username   text,
    created_by           text not null,
    creator_org_id       bigint,
    initiating_org_id    bigint,
    merged_into          uuid,
    consecutive_failures int not null,
    verification         text,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    version              bigint not null
);
create index cases_status_idx on cases (status, created_at desc);
create index cases_town_idx on cases (town_id, created_at desc);
create index cases_requester_idx on cases (requester_username) where requester_username is not null;
create index cases_created_by_idx on cases (created_by);
create index cases_initiating_idx on cases (initiating_org_id) where initiating_org_id is not null;
create index cases_created_idx on cases (created_at desc);

create table case_task (
    id              uuid primary key,
    case_id         uuid not null references cases (id),
    seq             int not null,
    org_id          bigint not null,
    role            text not null,
    round           int not null,
    status          text not null,
    duty_id         bigint,
    dispatched_at   timestamp with time zone not null,
    signed_at       timestamp with time zone,
    arrived_at      timestamp with time zone,
    completed_at    timestamp with time zone,
    result          text,
    attachment_ids  uuid[] not null default '{}',
    pending_kind    text,
    pending_reason  text,
    pending_days    int,
    extension_days  int not null default 0,
    unique (case_id, seq)
);
create index case_task_org_idx on case_task (org_id, status);
create index case_task_attachments_idx on case_task using gin (attachment_ids);

create table case_evaluation (
    case_id     uuid not null references cases (id),
    round       int not null,
    rating      text not null,
    comment     text,
    by_username text not null,
    by_org_id   bigint,
    at          timestamp with time zone not null,
    primary key (case_id, round)
);

create table case_timeline (
    id             bigint generated always as identity primary key,
    case_id        uuid not null references cases (id),
    at             timestamp with time zone not null,
    actor_username text not null,
    actor_org_id   bigint,
    action         text not null,
    from_status    text,
    to_status      text,
    note           text
);
create index case_timeline_case_idx on case_timeline (case_id, id);
