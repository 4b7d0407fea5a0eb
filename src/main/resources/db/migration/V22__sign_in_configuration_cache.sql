-- Every SSO sign-in asks which provider signs people into the space and how the space treats them
-- (T-ID2–T-ID4, T-SP6): the answer is cached on each node until one of these tables changes on any
-- node (V14's notification; space_sso_settings has its trigger since V19). Role mappings name
-- permission groups, and a space that is deleted takes its providers with it.
create trigger identity_providers_changed after insert or update or delete or truncate on identity_providers
    for each statement execute function toolyard_table_changed();
create trigger sso_role_mappings_changed after insert or update or delete or truncate on sso_role_mappings
    for each statement execute function toolyard_table_changed();
create trigger permission_groups_changed after insert or update or delete or truncate on permission_groups
    for each statement execute function toolyard_table_changed();
create trigger spaces_changed after insert or update or delete or truncate on spaces
    for each statement execute function toolyard_table_changed();
