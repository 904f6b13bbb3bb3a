-- One row per dead letter replayed from the console: claimed before the original bytes are re-published,
-- so that a second click, a reload or a second operator cannot publish the same dead letter twice.
create table dead_letter_replay (
    topic       text        not null,
    partition   integer     not null,
    record_offset bigint    not null,
    replayed_at timestamptz not null,
    replayed_by text        not null,
    primary key (topic, partition, record_offset)
);
