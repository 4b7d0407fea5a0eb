-- T-D2: whether this instance's sample (database, resource, app) was made, once for all.
create table sample_setup (
    singleton     boolean     primary key default true check (singleton),
    outcome       text        not null check (outcome in ('created', 'skipped')),
    database_name text,
    resource_id   uuid,
    app_id        uuid,
    -- The embedded server's port the resource was last configured with: it moves at each start.
    port          integer,
    decided_at    timestamptz not null
);

-- An instance that existed before the sample did already has its own data: it never gets one.
-- A new instance has no space yet when its migrations run (the admin space is made after them).
insert into sample_setup (outcome, decided_at)
select 'skipped', now() where exists (select 1 from spaces);
