-- T-ID2: a SAML assertion signs in once. Its id is remembered, per issuing identity provider, until
-- the assertion could no longer be accepted anyway (its latest NotOnOrAfter plus the allowed clock
-- drift); a second use while it is remembered is refused. Expired rows are deleted as sign-ins go.
create table saml_used_assertions (
    issuer       text        not null,
    assertion_id text        not null,
    expires_at   timestamptz not null,
    primary key (issuer, assertion_id)
);

create index saml_used_assertions_expiry on saml_used_assertions (expires_at);
