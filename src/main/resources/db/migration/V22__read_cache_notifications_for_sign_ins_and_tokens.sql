-- Two more read caches (V14's mechanism): the cache on each node is cleared when one of its tables
-- changes on any node.
--
-- Every SSO sign-in asks which provider signs people into the space and how the space treats them
-- (T-ID2–T-ID4, T-SP6); space_sso_settings has its trigger since V19. Role mappings name
-- permission groups, and a space that is deleted takes its providers with it.
create trigger identity_providers_changed after insert or update or delete or truncate on identity_providers
    for each statement execute function toolyard_table_changed();
create trigger sso_role_mappings_changed after insert or update or delete or truncate on sso_role_mappings
    for each statement execute function toolyard_table_changed();
create trigger permission_groups_changed after insert or update or delete or truncate on permission_groups
    for each statement execute function toolyard_table_changed();
create trigger spaces_changed after insert or update or delete or truncate on spaces
    for each statement execute function toolyard_table_changed();

-- Every API request presents a token (T-API2): the token with its owner's e-mail and standing is
-- cached until a token, a person or a membership changes (T-U4: revoked or disabled, it fails at once).
create trigger api_tokens_changed after insert or update or delete or truncate on api_tokens
    for each statement execute function toolyard_table_changed();
create trigger users_changed after insert or update or delete or truncate on users
    for each statement execute function toolyard_table_changed();
create trigger space_memberships_changed after insert or update or delete or truncate on space_memberships
    for each statement execute function toolyard_table_changed();
