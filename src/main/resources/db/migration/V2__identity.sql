-- T-SP3: a person has one identity on the instance and a user record (state) in each space.
create table users (
    id             uuid        primary key,
    email          text        not null,
    first_name     text        not null default '',
    last_name      text        not null default '',
    password_hash  text,
    created_at     timestamptz not null,
    last_sign_in_at timestamptz
);

create unique index users_email_unique on users (lower(email));

create table space_memberships (
    space_id       uuid        not null references spaces (id) on delete cascade,
    user_id        uuid        not null references users (id) on delete cascade,
    state          text        not null check (state in ('INVITED', 'SUGGESTED', 'ENABLED', 'DISABLED')),
    created_at     timestamptz not null,
    last_active_at timestamptz,
    primary key (space_id, user_id)
);

create index space_memberships_user on space_memberships (user_id);

-- T-D2: the one-time link that lets the first admin in; only the hash of its token is kept.
create table admin_setup_links (
    token_hash  text        primary key,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);

-- T-SEC3: failed sign-ins, counted per account and per client address to rate-limit guessing.
create table sign_in_failures (
    id             bigint      generated always as identity primary key,
    account        text        not null,
    client_address text        not null,
    failed_at      timestamptz not null
);

create index sign_in_failures_account on sign_in_failures (account, failed_at);
create index sign_in_failures_address on sign_in_failures (client_address, failed_at);

-- T-API2: access tokens belong to a user and a space; only a hash of the secret is stored.
create table api_tokens (
    id            uuid        primary key,
    space_id      uuid        not null references spaces (id) on delete cascade,
    user_id       uuid        not null references users (id) on delete cascade,
    name          text        not null,
    secret_hash   text        not null unique,
    secret_prefix text        not null,
    scopes        text[]      not null,
    created_at    timestamptz not null,
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);

create index api_tokens_owner on api_tokens (space_id, user_id);
