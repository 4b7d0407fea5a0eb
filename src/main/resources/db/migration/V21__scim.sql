-- T-ID5: what SCIM keeps about the users and groups an identity provider provisions in a space.
-- The people and groups themselves are identity's and access's; these rows hold the provider's
-- external ids, versions (ETags) and times, and a copy of the attributes SCIM filters search, so a
-- filter is one indexed query with bound parameters. A row here is what makes a user "managed".
create table scim_users (
    space_id      uuid        not null references spaces (id) on delete cascade,
    user_id       uuid        not null references users (id) on delete cascade,
    external_id   text,
    user_name     text        not null,
    given_name    text        not null default '',
    family_name   text        not null default '',
    display_name  text,
    emails        jsonb       not null default '[]',
    enterprise    jsonb       not null default '{}',
    active        boolean     not null,
    version       bigint      not null,
    created_at    timestamptz not null,
    last_modified timestamptz not null,
    primary key (space_id, user_id)
);

create unique index scim_users_user_name on scim_users (space_id, lower(user_name));
create index scim_users_external_id on scim_users (space_id, external_id);
create index scim_users_created on scim_users (space_id, created_at, user_id);
create index scim_users_user on scim_users (user_id);

create table scim_groups (
    space_id      uuid        not null references spaces (id) on delete cascade,
    group_id      uuid        not null references permission_groups (id) on delete cascade,
    external_id   text,
    display_name  text        not null,
    version       bigint      not null,
    created_at    timestamptz not null,
    last_modified timestamptz not null,
    primary key (space_id, group_id)
);

create index scim_groups_display_name on scim_groups (space_id, lower(display_name));
create index scim_groups_external_id on scim_groups (space_id, external_id);
create index scim_groups_group on scim_groups (group_id);
