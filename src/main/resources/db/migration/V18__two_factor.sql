-- T-ID1: TOTP two-factor for local accounts. The secret is sealed by SecretBox (never stored in
-- clear); until confirmed_at is set the row is an enrolment in progress and does not count.
create table two_factor_enrolments (
    user_id        uuid        primary key references users (id) on delete cascade,
    secret         text        not null,
    created_at     timestamptz not null,
    confirmed_at   timestamptz,
    -- The newest 30-second step a code was accepted for: a code (its step) works once (RFC 6238 5.2).
    last_used_step bigint
);

-- Recovery codes: only their SHA-256 (each carries 50 random bits); each works once.
create table two_factor_recovery_codes (
    user_id   uuid        not null references users (id) on delete cascade,
    code_hash text        not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

-- Spaces whose people must sign in with a second factor (or through SSO); a row means "required".
create table space_two_factor_requirements (
    space_id    uuid        primary key references spaces (id) on delete cascade,
    required_at timestamptz not null,
    required_by uuid
);
