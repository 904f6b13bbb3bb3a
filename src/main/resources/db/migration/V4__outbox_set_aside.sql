-- A row the broker or the serializer can never accept (larger than the producer's limit, not
-- encodable) is set aside instead of being retried forever in front of every row behind it: the
-- relay records when and why, and skips it until an operator releases or discards it.
alter table outbox_message
    add column set_aside_at     timestamptz,
    add column set_aside_reason text;

-- The relay claims only rows that are neither sent nor set aside; the set-aside rows, normally
-- none, are counted for the gauge and the health detail.
drop index outbox_message_unsent_idx;
create index outbox_message_unsent_idx on outbox_message (id) where sent_at is null and set_aside_at is null;
create index outbox_message_set_aside_idx on outbox_message (id) where sent_at is null and set_aside_at is not null;
