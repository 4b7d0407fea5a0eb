-- T-TH1: the themes of a space. Apps name one in their document (settings.theme, an id) or take
-- the space's default; the runtime reads the theme at every load, so a change restyles every app
-- using it. Exactly one default per space (the partial unique index); tokens are validated by
-- the themes module (colours #rrggbb, font, radius and spacing in px).
create table themes (
    id               uuid        primary key,
    space_id         uuid        not null references spaces (id) on delete cascade,
    name             text        not null,
    mode             text        not null check (mode in ('light', 'dark')),
    tokens           jsonb       not null,
    is_default       boolean     not null default false,
    created_by       uuid,
    created_by_label text        not null,
    created_at       timestamptz not null,
    updated_by       uuid,
    updated_by_label text        not null,
    updated_at       timestamptz not null
);
create unique index themes_name_unique on themes (space_id, lower(name));
create unique index themes_one_default on themes (space_id) where is_default;

-- Every space has a default theme however it is made (the admin space at first start has no
-- event, child spaces through the API): the database guarantees it, as for environments. Its
-- tokens are the runtime's look before themes existed (ThemeTokens.LIGHT, checked by a test).
create function toolyard_default_theme_tokens() returns jsonb language sql immutable as $$
    select jsonb_build_object(
        'brand', '#2f5bd3', 'text', '#1d2330', 'mutedText', '#5b6577', 'surface', '#ffffff',
        'background', '#f4f6fa', 'border', '#d9dee7', 'danger', '#b42318', 'success', '#1f7a4d',
        'warning', '#9a6700', 'info', '#0b6aa2',
        'font', 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', 'radius', 6, 'spacing', 8)
$$;

create function provision_default_theme() returns trigger language plpgsql as $$
begin
    insert into themes (id, space_id, name, mode, tokens, is_default, created_by, created_by_label, created_at,
                        updated_by, updated_by_label, updated_at)
    values (gen_random_uuid(), new.id, 'Default', 'light', toolyard_default_theme_tokens(), true, null, 'system',
            new.created_at, null, 'system', new.created_at);
    return new;
end
$$;
create trigger spaces_default_theme after insert on spaces
    for each row execute function provision_default_theme();

insert into themes (id, space_id, name, mode, tokens, is_default, created_by, created_by_label, created_at,
                    updated_by, updated_by_label, updated_at)
select gen_random_uuid(), s.id, 'Default', 'light', toolyard_default_theme_tokens(), true, null, 'system',
       s.created_at, null, 'system', s.created_at
from spaces s;
