-- T-ID2: a space's identity providers, at most one per protocol. OIDC providers keep what
-- discovery answered at save (endpoints, key set), so a sign-in never waits for discovery; SAML
-- providers keep the IdP's entity id, single sign-on URL and signing certificates, and the
-- metadata URL or XML they were read from. The claim names are SAML attribute names for SAML.
create table identity_providers (
    id                  uuid        primary key,
    space_id            uuid        not null references spaces (id) on delete cascade,
    protocol            text        not null check (protocol in ('OIDC', 'SAML')),
    display_name        text        not null,
    enabled             boolean     not null default true,
    issuer              text,
    client_id           text,
    client_secret       text,
    scopes              text[]      not null default '{}',
    discovery           jsonb,
    idp_entity_id       text,
    idp_sso_url         text,
    idp_certificates    text[]      not null default '{}',
    metadata_url        text,
    metadata_xml        text,
    email_claim         text        not null,
    first_name_claim    text        not null,
    last_name_claim     text        not null,
    groups_claim        text        not null,
    picture_claim       text        not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    unique (space_id, protocol)
);

-- T-ID3, T-ID4, T-SP6: how SSO sign-ins treat the people of a space.
create table space_sso_settings (
    space_id             uuid        primary key references spaces (id) on delete cascade,
    jit                  text        not null default 'OFF' check (jit in ('OFF', 'ENABLED', 'SUGGESTED')),
    same_name_matching   boolean     not null default false,
    remove_unmapped      boolean     not null default false,
    break_glass_user_id  uuid        references users (id) on delete set null,
    require_sso          boolean     not null default false,
    reuse_admin_provider boolean     not null default false,
    updated_at           timestamptz not null
);

-- T-ID4: ordered rules "IdP value -> permission group"; a deleted group takes its rules along.
create table sso_role_mappings (
    space_id  uuid not null references spaces (id) on delete cascade,
    position  int  not null,
    idp_value text not null,
    group_id  uuid not null references permission_groups (id) on delete cascade,
    primary key (space_id, position)
);

create index sso_role_mappings_group on sso_role_mappings (group_id);

-- T-ID3, T-CU1: the picture an identity provider gave for the person.
alter table users add column picture_url text;

-- Every console request asks whether its session may be in its space (Require SSO): the answer is
-- cached on each node until this table changes on any node (V14's notification).
create trigger space_sso_settings_changed after insert or update or delete or truncate on space_sso_settings
    for each statement execute function toolyard_table_changed();
