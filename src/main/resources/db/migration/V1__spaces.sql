-- T-SP1: one admin space per instance, any number of child spaces.
create table spaces (
    id             uuid        primary key,
    name           text        not null,
    is_admin_space boolean     not null default false,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create unique index spaces_name_unique on spaces (lower(name));
create unique index spaces_single_admin_space on spaces (is_admin_space) where is_admin_space;
