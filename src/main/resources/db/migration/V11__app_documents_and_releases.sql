-- T-AP2: an app's draft document, T-R1: its releases. Documents are kept as the text of their
-- canonical JSON (not jsonb, which reorders keys): the same document is always the same bytes,
-- which source control (T-SC2) and the runtime's caches rely on.

create table app_documents (
    app_id           uuid        primary key references apps (id) on delete cascade,
    space_id         uuid        not null references spaces (id) on delete cascade,
    document         text        not null,
    version          integer     not null check (version > 0),
    updated_by       uuid,
    updated_by_label text        not null,
    updated_at       timestamptz not null
);

-- Apps made before documents existed start with the one-page empty document a new app gets.
insert into app_documents (app_id, space_id, document, version, updated_by, updated_by_label, updated_at)
select id, space_id,
       '{"schemaVersion":1,"pages":[{"id":"page1","title":"Page 1","components":[]}],"queries":[],"transformers":[],"state":[],"settings":{"theme":null}}',
       1, null, 'migration', created_at
from apps;

-- A release freezes the draft under a semantic version; exactly one release of an app is live
-- (the partial unique index), and before the first release the draft is.
create table app_releases (
    app_id          uuid        not null references apps (id) on delete cascade,
    space_id        uuid        not null references spaces (id) on delete cascade,
    major           integer     not null check (major >= 0),
    minor           integer     not null check (minor >= 0),
    patch           integer     not null check (patch >= 0),
    version         text        not null,
    notes           text        not null,
    document        text        not null,
    live            boolean     not null,
    created_by      uuid,
    created_by_label text       not null,
    created_at      timestamptz not null,
    primary key (app_id, version),
    unique (app_id, major, minor, patch)
);
create unique index app_releases_one_live on app_releases (app_id) where live;

-- T-R1: what was released stays as it was; only the live flag moves.
create function app_releases_frozen() returns trigger language plpgsql as $$
begin
    if (new.app_id, new.space_id, new.major, new.minor, new.patch, new.version, new.notes, new.document,
        new.created_by, new.created_by_label, new.created_at)
       is distinct from
       (old.app_id, old.space_id, old.major, old.minor, old.patch, old.version, old.notes, old.document,
        old.created_by, old.created_by_label, old.created_at) then
        raise exception 'a release is frozen: only its live flag changes';
    end if;
    return new;
end $$;
create trigger app_releases_frozen before update on app_releases
    for each row execute function app_releases_frozen();
