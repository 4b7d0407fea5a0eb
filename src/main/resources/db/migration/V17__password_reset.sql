-- T-ID1: password reset by e-mail. A link works once and expires; only the hash of its secret is kept.
create table password_reset_links (
    token_hash text        primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    revoked_at timestamptz
);

create index password_reset_links_user on password_reset_links (user_id) where used_at is null and revoked_at is null;

-- Every reset request, for an existing account or not, counted per e-mail and per client address.
create table password_reset_requests (
    id             bigint      generated always as identity primary key,
    email          text        not null,
    client_address text        not null,
    requested_at   timestamptz not null
);

create index password_reset_requests_email on password_reset_requests (email, requested_at);
create index password_reset_requests_address on password_reset_requests (client_address, requested_at);
