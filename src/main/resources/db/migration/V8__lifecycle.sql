-- A user's life after creation (docs/lifecycle.md): every applied change raises the version, which
-- producers pass back as expectedVersion; a leaver is DEACTIVATED, remembering the status to return
-- to; an erased user keeps ids, placement, status and timestamps only.
alter table app_user
    add column version                    bigint not null default 1,
    add column updated_at                 timestamptz,
    add column status_before_deactivation text,
    add column deactivated_at             timestamptz;

update app_user set updated_at = created_at;

-- Writers that name no updated_at (seeders, tests, older code) get the time of their transaction.
alter table app_user
    alter column updated_at set default now(),
    alter column updated_at set not null,
    add constraint app_user_status_ck
        check (status in ('PENDING_SELF_REGISTRATION', 'ACTIVE', 'DEACTIVATED', 'ERASED')),
    add constraint app_user_status_before_deactivation_ck
        check (status_before_deactivation in ('PENDING_SELF_REGISTRATION', 'ACTIVE'));

-- Retention finds deactivated users by when they left.
create index app_user_deactivated_at_idx on app_user (deactivated_at) where status = 'DEACTIVATED';

-- The outcomes of changes share the idempotency records with creation: requestIds are global.
alter table processed_request drop constraint processed_request_outcome_check;
alter table processed_request add constraint processed_request_outcome_check
    check (outcome in ('CREATED', 'FAILED', 'CHANGED', 'CHANGE_FAILED', 'SCHEDULED', 'CANCELLED'));

-- Changes accepted for later (effectiveAt in the future). A scheduler claims due rows with
-- "for update skip locked" and applies each in the transaction that marks it applied, so a change is
-- applied exactly once however many instances run. The change's own fields are kept until it is
-- applied, failed or cancelled, then cleared: contact details are personal data.
create table scheduled_change (
    request_id      text primary key,
    user_id         uuid        not null references app_user (id),
    organisation_id text        not null,
    state           text        not null check (state in ('PENDING', 'APPLIED', 'FAILED', 'CANCELLED')),
    due_at          timestamptz not null,
    change_kind     text        not null check (change_kind in ('UPDATE_CONTACT', 'MOVE', 'DEACTIVATE', 'REACTIVATE', 'ERASE')),
    correlation_id  text,
    source          text        not null,
    requested_by    text,
    requested_at    timestamptz,
    department_id   text,
    role_id         text,
    name            text,
    email           text,
    phone           text,
    locale          text,
    reason          text,
    created_at      timestamptz not null,
    closed_at       timestamptz,
    closed_by       text
);

create index scheduled_change_due_idx on scheduled_change (due_at) where state = 'PENDING';
create index scheduled_change_user_idx on scheduled_change (user_id);
