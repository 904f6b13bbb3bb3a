-- Invitation dispatch (DESIGN.md §6). The plaintext token must reach the SMS, but only its SHA-256
-- may be kept: until the invitation leaves PENDING, the token is held AES-256-GCM encrypted under a
-- configured key (a JWE, bound to the invitation id) and wiped on every final status.
alter table invitation
    add column token_ciphertext    text,
    add column next_attempt_at     timestamptz,
    add column last_error          text,
    add column sent_at             timestamptz,
    add column closed_at           timestamptz,
    add column failed_redemptions  integer not null default 0;

-- Invitations issued before this migration have no token and no next_attempt_at: the dispatcher
-- never picks them up; they expire, or an administrator resends them.

-- The dispatcher's and the expiry job's queries: due pending rows first, then live rows by expiry.
create index invitation_due_idx on invitation (next_attempt_at) where status = 'PENDING';
create index invitation_live_expiry_idx on invitation (expires_at) where status in ('PENDING', 'SENT', 'DELIVERY_FAILED');

-- One row per delivery attempt: when, through which provider, and how it ended. The detail is the
-- provider's status (e.g. "HTTP 503"), never the message text, which holds the link.
create table invitation_attempt (
    id            bigserial primary key,
    invitation_id uuid        not null references invitation (id),
    attempt       integer     not null,
    attempted_at  timestamptz not null,
    provider      text        not null,
    outcome       text        not null check (outcome in ('SENT', 'TRANSIENT_FAILURE', 'PERMANENT_FAILURE')),
    detail        text
);

create index invitation_attempt_invitation_idx on invitation_attempt (invitation_id);
