-- ReadCaches (database module): a statement that changes a table some node caches tells every node
-- at commit, naming the table. Statement-level, so a bulk change (or a cascade) sends one
-- notification; PostgreSQL folds identical notifications of one transaction into one.
create function toolyard_table_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('toolyard_table_changed', tg_table_name);
    return null;
end;
$$;

create trigger app_queries_changed after insert or update or delete or truncate on app_queries
    for each statement execute function toolyard_table_changed();
create trigger resources_changed after insert or update or delete or truncate on resources
    for each statement execute function toolyard_table_changed();
create trigger environments_changed after insert or update or delete or truncate on environments
    for each statement execute function toolyard_table_changed();
create trigger environment_groups_changed after insert or update or delete or truncate on environment_groups
    for each statement execute function toolyard_table_changed();
create trigger resource_configurations_changed after insert or update or delete or truncate on resource_configurations
    for each statement execute function toolyard_table_changed();
create trigger app_releases_changed after insert or update or delete or truncate on app_releases
    for each statement execute function toolyard_table_changed();
create trigger released_queries_changed after insert or update or delete or truncate on released_queries
    for each statement execute function toolyard_table_changed();
