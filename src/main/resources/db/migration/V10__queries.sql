-- T-AP2 (queries of an app), T-A5, T-Q1 (the query library): queries as stored definitions.
-- Running them (binding, execution, run audit) belongs to other parts of the queries module and
-- to resources; these tables only hold what builders wrote.

-- A query of an app. Its fields are the ordered (name, template) pairs of the resource's kind,
-- kept as a JSON array so their order survives. resource_kind is the kind the fields were
-- checked against (a resource's kind never changes). A resource in use is not deleted
-- (ResourceManagement asks first), so resource_id has no cascade: the key only backs that check.
-- Such keys are checked at commit: deleting a whole space removes the referring and the referred
-- rows by separate cascades, in an order no statement-level check would accept.
create table app_queries (
    id            uuid        primary key,
    space_id      uuid        not null references spaces (id) on delete cascade,
    app_id        uuid        not null references apps (id) on delete cascade,
    name          text        not null,
    resource_id   uuid        not null references resources (id) deferrable initially deferred,
    resource_kind text        not null,
    fields        jsonb       not null,
    timeout_ms    integer     not null check (timeout_ms > 0),
    max_rows      integer     not null check (max_rows > 0),
    max_bytes     bigint      not null check (max_bytes > 0),
    version       integer     not null check (version > 0),
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create unique index app_queries_name_unique on app_queries (app_id, lower(name));
create index app_queries_resource on app_queries (resource_id);

-- A shared query of a space; its content lives in immutable versions.
create table library_queries (
    id              uuid        primary key,
    space_id        uuid        not null references spaces (id) on delete cascade,
    name            text        not null,
    description     text        not null,
    open_to_library boolean     not null,
    latest_version  integer     not null check (latest_version > 0),
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create unique index library_queries_name_unique on library_queries (space_id, lower(name));

create table library_query_versions (
    query_id           uuid        not null references library_queries (id) on delete cascade,
    version            integer     not null check (version > 0),
    resource_id        uuid        not null references resources (id) deferrable initially deferred,
    resource_kind      text        not null,
    fields             jsonb       not null,
    parameters         jsonb       not null,
    timeout_ms         integer     not null check (timeout_ms > 0),
    max_rows           integer     not null check (max_rows > 0),
    max_bytes          bigint      not null check (max_bytes > 0),
    notes              text        not null,
    published_at       timestamptz not null,
    published_by       uuid        not null,
    published_by_label text        not null,
    primary key (query_id, version)
);
create index library_query_versions_resource on library_query_versions (resource_id);

-- T-Q1: a published version is never edited; publishing makes a new one. Deleting the whole
-- library query (cascading) stays possible.
create function library_query_versions_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'library query versions are immutable: publish a new version instead';
end $$;
create trigger library_query_versions_no_update before update on library_query_versions
    for each row execute function library_query_versions_immutable();

-- T-Q1: each library query's own permissions: a group may use it or edit it.
create table library_query_grants (
    query_id uuid not null references library_queries (id) on delete cascade,
    group_id uuid not null references permission_groups (id) on delete cascade,
    level    text not null check (level in ('USE', 'EDIT')),
    primary key (query_id, group_id)
);
create index library_query_grants_group on library_query_grants (group_id);

-- An app's reference to a library query: pinned to a version, or following the latest (null).
-- A library query that apps import is not deleted (QueryLibrary refuses), hence no cascade.
create table library_imports (
    id             uuid        primary key,
    space_id       uuid        not null references spaces (id) on delete cascade,
    app_id         uuid        not null references apps (id) on delete cascade,
    query_id       uuid        not null references library_queries (id) deferrable initially deferred,
    name           text        not null,
    pinned_version integer     check (pinned_version > 0),
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create unique index library_imports_name_unique on library_imports (app_id, lower(name));
create index library_imports_query on library_imports (query_id);
