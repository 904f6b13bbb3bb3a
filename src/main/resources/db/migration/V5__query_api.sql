-- Every violation of a remembered rejection, as its UserCreationFailed lists them: the query API answers
-- "FAILED, with these codes at these fields" from here, and the operations page counts failures by code.
create table request_violation (
    request_id text    not null references processed_request (request_id),
    position   integer not null,
    code       text    not null,
    field      text,
    message    text    not null,
    primary key (request_id, position)
);

-- Rejections recorded before this table existed keep their codes, from the audit entry written with
-- them (same request, same instant); their fields were never stored outside the published event.
insert into request_violation (request_id, position, code, field, message)
select p.request_id, c.position, c.code, null, 'recorded before the field was kept'
from processed_request p
join audit_entry a on a.request_id = p.request_id and a.occurred_at = p.processed_at and a.outcome = 'FAILED'
cross join lateral unnest(string_to_array(a.error_codes, ',')) with ordinality as c (code, position)
where p.outcome = 'FAILED'
on conflict do nothing;

-- The users of an organisation page by id, which is UUIDv7 and so in creation order.
create index app_user_organisation_page_idx on app_user (organisation_id, id);

-- The operations page counts requests per minute over the last hours.
create index processed_request_processed_at_idx on processed_request (processed_at);
