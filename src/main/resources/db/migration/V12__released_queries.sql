-- T-R1: a release freezes the app's queries and library imports as they were when it was
-- published, so end users never run a draft query. One row per app query (kind 'app') or import
-- (kind 'import', with the library version it resolved to then). source_id is the app query's or
-- import's id, so the runtime's run URLs stay the same across releases.
create table released_queries (
    app_id          uuid    not null,
    release_version text    not null,
    space_id        uuid    not null references spaces (id) on delete cascade,
    kind            text    not null check (kind in ('app', 'import')),
    source_id       uuid    not null,
    name            text    not null,
    resource_id     uuid    references resources (id) deferrable initially deferred,
    resource_kind   text,
    fields          jsonb,
    timeout_ms      integer check (timeout_ms > 0),
    max_rows        integer check (max_rows > 0),
    max_bytes       bigint  check (max_bytes > 0),
    library_query_id uuid   references library_queries (id) deferrable initially deferred,
    library_version integer check (library_version > 0),
    primary key (app_id, release_version, source_id),
    foreign key (app_id, release_version) references app_releases (app_id, version) on delete cascade,
    check ((kind = 'app' and resource_id is not null and resource_kind is not null and fields is not null
            and timeout_ms is not null and max_rows is not null and max_bytes is not null
            and library_query_id is null)
        or (kind = 'import' and library_query_id is not null and library_version is not null
            and resource_id is null))
);
create index released_queries_resource on released_queries (resource_id);
create index released_queries_library on released_queries (library_query_id);
