-- T-AP1, T-RS1 (their first part): folders, apps, resource folders and resources as objects that
-- access is granted on. Their content comes with the apps and resources issues.
create table folders (
    id         uuid        primary key,
    space_id   uuid        not null references spaces (id) on delete cascade,
    name       text        not null,
    created_at timestamptz not null
);
create unique index folders_name_unique on folders (space_id, lower(name));

create table apps (
    id         uuid        primary key,
    space_id   uuid        not null references spaces (id) on delete cascade,
    folder_id  uuid        references folders (id),
    name       text        not null,
    created_at timestamptz not null
);
create index apps_space on apps (space_id, folder_id);

create table resource_folders (
    id         uuid        primary key,
    space_id   uuid        not null references spaces (id) on delete cascade,
    name       text        not null,
    created_at timestamptz not null
);
create unique index resource_folders_name_unique on resource_folders (space_id, lower(name));

create table resources (
    id         uuid        primary key,
    space_id   uuid        not null references spaces (id) on delete cascade,
    folder_id  uuid        references resource_folders (id),
    name       text        not null,
    kind       text        not null,
    created_at timestamptz not null
);
create unique index resources_name_unique on resources (space_id, lower(name));
create index resources_space on resources (space_id, folder_id);

-- T-G1–T-G3, T-A2, T-A4, T-A6: what each group may do.
alter table permission_groups
    add column global_app_level      text check (global_app_level in ('USE', 'EDIT', 'OWN')),
    add column global_resource_level text check (global_resource_level in ('USE', 'EDIT')),
    add column additional_access     text[] not null default '{}';

alter table group_memberships add column group_admin boolean not null default false;

-- The built-in groups of existing spaces get the defaults new spaces get (PermissionGroups).
update permission_groups set additional_access = '{WORKSPACE}' where built_in in ('ALL_USERS', 'VIEWER');
update permission_groups set additional_access = '{WORKSPACE,QUERY_LIBRARY,THEMES}' where built_in = 'EDITOR';

-- A folder grant is the folder's level and its default for apps placed in it later (T-A3);
-- app grants hold each app's own level, written when a folder level is applied or an app is
-- created in or moved into a folder.
create table app_grants (
    group_id    uuid not null references permission_groups (id) on delete cascade,
    target_kind text not null check (target_kind in ('FOLDER', 'APP')),
    target_id   uuid not null,
    level       text not null check (level in ('USE', 'EDIT', 'OWN')),
    primary key (group_id, target_kind, target_id)
);
create index app_grants_target on app_grants (target_kind, target_id);

create table resource_grants (
    group_id    uuid not null references permission_groups (id) on delete cascade,
    target_kind text not null check (target_kind in ('RESOURCE_FOLDER', 'RESOURCE')),
    target_id   uuid not null,
    level       text not null check (level in ('USE', 'EDIT')),
    primary key (group_id, target_kind, target_id)
);
create index resource_grants_target on resource_grants (target_kind, target_id);
