-- T-U1–T-U7: invitations, suggested users from allowed domains, custom attributes, fast search.
create extension if not exists pg_trgm;

create table invitations (
    id          uuid        primary key,
    space_id    uuid        not null references spaces (id) on delete cascade,
    user_id     uuid        not null references users (id) on delete cascade,
    token_hash  text        not null unique,
    invited_by  uuid        references users (id) on delete set null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    revoked_at  timestamptz
);

-- At most one open invitation per user and space: resending replaces it.
create unique index invitations_open on invitations (space_id, user_id)
    where accepted_at is null and revoked_at is null;

create table space_allowed_domains (
    space_id uuid not null references spaces (id) on delete cascade,
    domain   text not null,
    primary key (space_id, domain)
);

create index space_allowed_domains_domain on space_allowed_domains (domain);

-- T-U7: attributes belong to the user record of a space, as apps of that space see them.
create table user_attributes (
    space_id uuid not null,
    user_id  uuid not null,
    key      text not null,
    value    text not null,
    primary key (space_id, user_id, key),
    foreign key (space_id, user_id) references space_memberships (space_id, user_id) on delete cascade
);

create index users_search on users using gin (lower(email || ' ' || first_name || ' ' || last_name) gin_trgm_ops);
create index space_memberships_activity on space_memberships (space_id, last_active_at desc nulls last, user_id);
create index space_memberships_state on space_memberships (space_id, state);
