-- T-G1: every space has the four built-in groups; custom groups come with the access issue.
create table permission_groups (
    id         uuid        primary key,
    space_id   uuid        not null references spaces (id) on delete cascade,
    name       text        not null,
    built_in   text        check (built_in in ('ALL_USERS', 'VIEWER', 'EDITOR', 'ADMIN')),
    created_at timestamptz not null
);

create unique index permission_groups_name_unique on permission_groups (space_id, lower(name));
create unique index permission_groups_built_in_unique on permission_groups (space_id, built_in) where built_in is not null;

create table group_memberships (
    group_id   uuid        not null references permission_groups (id) on delete cascade,
    user_id    uuid        not null references users (id) on delete cascade,
    created_at timestamptz not null,
    primary key (group_id, user_id)
);

create index group_memberships_user on group_memberships (user_id);
