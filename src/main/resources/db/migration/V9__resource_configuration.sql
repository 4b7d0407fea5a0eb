-- T-RS3: the environments of a space. Production and staging are built in; admins add more.
-- A limited environment is used only by members of its groups (and admins); with no group left
-- (its groups deleted) it stays limited, to admins only, rather than opening to everyone.
create table environments (
    id         uuid        primary key,
    space_id   uuid        not null references spaces (id) on delete cascade,
    name       text        not null,
    built_in   boolean     not null default false,
    limited    boolean     not null default false,
    created_at timestamptz not null
);
create unique index environments_name_unique on environments (space_id, lower(name));

create table environment_groups (
    environment_id uuid not null references environments (id) on delete cascade,
    group_id       uuid not null references permission_groups (id) on delete cascade,
    primary key (environment_id, group_id)
);
create index environment_groups_group on environment_groups (group_id);

-- Every space has production and staging however it is made (the admin space at first start,
-- child spaces through the API): the database guarantees it, as cascades guarantee removal.
create function provision_built_in_environments() returns trigger language plpgsql as $$
begin
    insert into environments (id, space_id, name, built_in, created_at)
    values (gen_random_uuid(), new.id, 'production', true, new.created_at),
           (gen_random_uuid(), new.id, 'staging', true, new.created_at);
    return new;
end
$$;
create trigger spaces_built_in_environments after insert on spaces
    for each row execute function provision_built_in_environments();

insert into environments (id, space_id, name, built_in, created_at)
select gen_random_uuid(), s.id, e.name, true, s.created_at
from spaces s cross join (values ('production'), ('staging')) as e (name);

-- T-RS1–T-RS3: one configuration per (resource, environment). `settings` holds what may be shown;
-- `secrets` maps each write-only field to its SecretBox value (never returned, never logged).
-- `revision` changes with every save: a node whose pool was built from another revision drops it.
create table resource_configurations (
    resource_id    uuid        not null references resources (id) on delete cascade,
    environment_id uuid        not null references environments (id) on delete cascade,
    settings       jsonb       not null,
    secrets        jsonb       not null default '{}',
    revision       uuid        not null,
    updated_at     timestamptz not null,
    primary key (resource_id, environment_id)
);
create index resource_configurations_environment on resource_configurations (environment_id);
