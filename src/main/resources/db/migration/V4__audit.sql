-- T-AU1, T-AU2: the append-only, hash-chained audit trail. One chain per space, plus the
-- instance chain ('instance') for sign-ins and space lifecycle. Entries outlive their space:
-- no foreign key, so deleting a space never deletes its history.
create table audit_entries (
    id             bigint      generated always as identity primary key,
    chain          text        not null,
    seq            bigint      not null,
    occurred_at    timestamptz not null,
    space_id       uuid,
    actor_id       uuid,
    actor_label    text        not null,
    client_address text,
    action         text        not null,
    target_type    text,
    target_id      text,
    target_label   text,
    outcome        text        not null,
    before_state   text,
    after_state    text,
    prev_hash      text        not null,
    hash           text        not null,
    unique (chain, seq)
);

create index audit_entries_space_time on audit_entries (space_id, occurred_at);

create table audit_chain_heads (
    chain text   primary key,
    seq   bigint not null,
    hash  text   not null
);

create function audit_entries_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit entries are append-only';
end
$$;

create trigger audit_entries_no_change
    before update or delete on audit_entries
    for each row execute function audit_entries_append_only();

create trigger audit_entries_no_truncate
    before truncate on audit_entries
    for each statement execute function audit_entries_append_only();
