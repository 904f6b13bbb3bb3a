-- Which system created each user: the source of its CreateUserRequest (docs/import.md, "Sync"). An HR
-- sync deactivates the users missing from its export only among those its own source created, never
-- those of the console or of another HR system in the same organisation. Published on the users topic.
alter table app_user add column source text;

-- Users created before: the source their creation's audit entry recorded (same requestId, CREATED).
update app_user u set source = a.source
from audit_entry a
where a.request_id = u.request_id and a.outcome = 'CREATED';
