-- The operations page of an administrator bound to some organisations counts that window's decided
-- requests from their audit entries, which alone name a rejected request's organisation. Audit entries
-- are written in time order, so this index grows at its right edge only.
create index audit_entry_occurred_at_idx on audit_entry (occurred_at);
