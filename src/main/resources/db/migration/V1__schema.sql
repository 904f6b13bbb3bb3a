-- Reference data: maintained by migrations (demo) or an admin path, read on every request.
create table organisation (
    id            text primary key,
    name          text    not null,
    locale        text    not null,
    mitid_enabled boolean not null default false,
    active        boolean not null default true
);

create table department (
    id              text primary key,
    organisation_id text    not null references organisation (id),
    name            text    not null,
    active          boolean not null default true
);

create table role (
    id              text primary key,
    organisation_id text    not null references organisation (id),
    name            text    not null,
    active          boolean not null default true
);

create table role_user_type (
    role_id   text not null references role (id) on delete cascade,
    user_type text not null check (user_type in ('EMPLOYEE', 'RELATIVE', 'ADMINISTRATOR')),
    primary key (role_id, user_type)
);

-- Users. Uniqueness lives in constraints so that concurrent instances can never create two
-- users for one username, CPR or external id (DESIGN.md §5, scale-out).
create table app_user (
    id              uuid primary key,
    request_id      text        not null unique,
    organisation_id text        not null references organisation (id),
    department_id   text        not null references department (id),
    role_id         text        not null references role (id),
    user_type       text        not null,
    login_method    text        not null,
    status          text        not null,
    name            text,
    email           text,
    phone           text,
    external_id     text,
    locale          text        not null,
    created_at      timestamptz not null
);

create unique index app_user_external_id_uk on app_user (organisation_id, external_id) where external_id is not null;

create table password_credential (
    user_id              uuid primary key references app_user (id),
    username             text        not null check (username = lower(username)),
    password_hash        text        not null,
    must_change_password boolean     not null,
    created_at           timestamptz not null
);

create unique index password_credential_username_uk on password_credential (username);

-- The CPR number itself is never stored: only its ciphertext (with the key id, for rotation) and
-- a keyed blind index that makes "same CPR in this organisation" a constraint.
create table mitid_identity (
    user_id         uuid primary key references app_user (id),
    organisation_id text not null,
    cpr_ciphertext  text not null,
    cpr_blind_index text not null,
    unique (organisation_id, cpr_blind_index)
);

create table invitation (
    id         uuid primary key,
    user_id    uuid        not null references app_user (id),
    token_hash text        not null unique,
    phone      text        not null,
    locale     text        not null,
    status     text        not null,
    attempts   integer     not null default 0,
    expires_at timestamptz not null,
    created_at timestamptz not null
);

create index invitation_user_idx on invitation (user_id);

-- One row per requestId ever processed: the idempotency record, holding the outcome event exactly
-- as first published so a re-sent request re-publishes the same event (same eventId).
create table processed_request (
    request_id    text primary key,
    fingerprint   text        not null,
    outcome       text        not null check (outcome in ('CREATED', 'FAILED')),
    user_id       uuid references app_user (id),
    event_id      uuid        not null,
    event_topic   text        not null,
    event_type    text        not null,
    event_payload bytea       not null,
    processed_at  timestamptz not null
);

-- Transactional outbox: written with the business rows, published by the relay, marked sent only
-- after the broker acknowledged.
create table outbox_message (
    id          bigserial primary key,
    topic       text        not null,
    message_key text        not null,
    event_type  text        not null,
    payload     bytea       not null,
    created_at  timestamptz not null,
    sent_at     timestamptz
);

create index outbox_message_unsent_idx on outbox_message (id) where sent_at is null;

-- Append-only audit trail: who asked for what, when, and what came of it. Never holds a secret.
create table audit_entry (
    id              bigserial primary key,
    occurred_at     timestamptz not null,
    request_id      text        not null,
    source          text,
    requested_by    text,
    organisation_id text,
    outcome         text        not null,
    error_codes     text,
    user_id         uuid
);

create function audit_entry_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_entry is append-only';
end;
$$;

create trigger audit_entry_append_only
    before update or delete
    on audit_entry
    for each row
execute function audit_entry_is_append_only();
