-- The compacted users topic (docs/design.md §11). An erased user's tombstone is a key without a value:
-- an outbox row without a payload.
alter table outbox_message alter column payload drop not null;

-- The topic's one-time backfill of the users that existed before it: one row, claimed with
-- "for update skip locked" by the one instance working on it, a page of users at a time. The last user
-- published commits with each page, so a crash or a second instance resumes after it, and the row
-- records when the backfill was done.
create table user_feed_backfill (
    id            integer primary key check (id = 1),
    after_user_id uuid,
    published     bigint not null default 0,
    completed_at  timestamptz
);

insert into user_feed_backfill (id) values (1);
