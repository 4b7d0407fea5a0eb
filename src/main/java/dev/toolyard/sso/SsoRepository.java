package dev.toolyard.sso;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.toolyard.access.GroupId;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import tools.jackson.databind.json.JsonMapper;

/** Plain SQL on V19's tables: identity providers, space SSO settings and role mappings. */
@Repository
class SsoRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    SsoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<IdentityProvider> provider(SpaceId space, SsoProtocol protocol) {
        return jdbc.sql("select * from identity_providers where space_id = ? and protocol = ?")
                .params(space.value(), protocol.name()).query(SsoRepository::mapProvider).optional();
    }

    Optional<IdentityProvider> provider(IdentityProviderId id) {
        return jdbc.sql("select * from identity_providers where id = ?")
                .param(id.value()).query(SsoRepository::mapProvider).optional();
    }

    List<IdentityProvider> providers(SpaceId space) {
        return jdbc.sql("select * from identity_providers where space_id = ? order by protocol")
                .param(space.value()).query(SsoRepository::mapProvider).list();
    }

    /** Every enabled provider with the spaces it signs into, for the sign-in page. */
    List<IdentityProvider> enabledProviders() {
        return jdbc.sql("select * from identity_providers where enabled order by display_name, id")
                .query(SsoRepository::mapProvider).list();
    }

    /** The OIDC client secret as sealed by SecretBox; empty when none was given. */
    Optional<String> sealedClientSecret(IdentityProviderId id) {
        return jdbc.sql("select client_secret from identity_providers where id = ? and client_secret is not null")
                .param(id.value()).query(String.class).optional();
    }

    void insert(IdentityProvider provider, String sealedSecret) {
        jdbc.sql("""
                insert into identity_providers (id, space_id, protocol, display_name, enabled, issuer, client_id,
                    client_secret, scopes, discovery, idp_entity_id, idp_sso_url, idp_certificates, metadata_url,
                    metadata_xml, email_claim, first_name_claim, last_name_claim, groups_claim, picture_claim,
                    created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(provider.id().value(), provider.space().value(), provider.protocol().name(),
                        provider.displayName(), provider.enabled(), provider.issuer(), provider.clientId(),
                        sealedSecret, provider.scopes().toArray(String[]::new), json(provider.endpoints()),
                        provider.idpEntityId(), provider.idpSsoUrl(),
                        provider.idpCertificatesPem().toArray(String[]::new), provider.metadataUrl(),
                        provider.metadataXml(), provider.claimNames().email(), provider.claimNames().firstName(),
                        provider.claimNames().lastName(), provider.claimNames().groups(),
                        provider.claimNames().picture(), utc(provider.updatedAt()), utc(provider.updatedAt()))
                .update();
    }

    /** Saves everything but the secret, which {@link #setClientSecret} changes only when a new one is given. */
    void update(IdentityProvider provider) {
        jdbc.sql("""
                update identity_providers set display_name = ?, enabled = ?, issuer = ?, client_id = ?, scopes = ?,
                    discovery = cast(? as jsonb), idp_entity_id = ?, idp_sso_url = ?, idp_certificates = ?,
                    metadata_url = ?, metadata_xml = ?, email_claim = ?, first_name_claim = ?, last_name_claim = ?,
                    groups_claim = ?, picture_claim = ?, updated_at = ?
                where id = ?""")
                .params(provider.displayName(), provider.enabled(), provider.issuer(), provider.clientId(),
                        provider.scopes().toArray(String[]::new), json(provider.endpoints()),
                        provider.idpEntityId(), provider.idpSsoUrl(),
                        provider.idpCertificatesPem().toArray(String[]::new), provider.metadataUrl(),
                        provider.metadataXml(), provider.claimNames().email(), provider.claimNames().firstName(),
                        provider.claimNames().lastName(), provider.claimNames().groups(),
                        provider.claimNames().picture(), utc(provider.updatedAt()), provider.id().value())
                .update();
    }

    void setClientSecret(IdentityProviderId id, String sealedSecret) {
        jdbc.sql("update identity_providers set client_secret = ? where id = ?")
                .params(sealedSecret, id.value()).update();
    }

    void delete(IdentityProviderId id) {
        jdbc.sql("delete from identity_providers where id = ?").param(id.value()).update();
    }

    SpaceSsoSettings settings(SpaceId space) {
        var mappings = jdbc.sql("""
                select m.idp_value, g.id, g.name from sso_role_mappings m join permission_groups g on g.id = m.group_id
                where m.space_id = ? order by m.position""")
                .param(space.value())
                .query((rs, n) -> new RoleMapping(rs.getString("idp_value"), new GroupId(rs.getObject("id", UUID.class)),
                        rs.getString("name")))
                .list();
        return jdbc.sql("select * from space_sso_settings where space_id = ?").param(space.value())
                .query((rs, n) -> new SpaceSsoSettings(space, JitMode.valueOf(rs.getString("jit")), mappings,
                        rs.getBoolean("same_name_matching"), rs.getBoolean("remove_unmapped"),
                        userId(rs.getObject("break_glass_user_id", UUID.class)), rs.getBoolean("require_sso"),
                        rs.getBoolean("reuse_admin_provider")))
                .optional()
                .orElseGet(() -> new SpaceSsoSettings(space, JitMode.OFF, mappings, false, false, null, false, false));
    }

    void saveSettings(SpaceSsoSettings settings, Instant at) {
        jdbc.sql("""
                insert into space_sso_settings (space_id, jit, same_name_matching, remove_unmapped, break_glass_user_id,
                    require_sso, reuse_admin_provider, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (space_id) do update set jit = excluded.jit,
                    same_name_matching = excluded.same_name_matching, remove_unmapped = excluded.remove_unmapped,
                    break_glass_user_id = excluded.break_glass_user_id, require_sso = excluded.require_sso,
                    reuse_admin_provider = excluded.reuse_admin_provider, updated_at = excluded.updated_at""")
                .params(settings.space().value(), settings.jit().name(), settings.sameNameMatching(),
                        settings.removeUnmapped(),
                        settings.breakGlassAdmin() == null ? null : settings.breakGlassAdmin().value(),
                        settings.requireSso(), settings.reuseAdminProvider(), utc(at))
                .update();
        jdbc.sql("delete from sso_role_mappings where space_id = ?").param(settings.space().value()).update();
        int position = 0;
        for (var mapping : settings.roleMappings()) {
            jdbc.sql("insert into sso_role_mappings (space_id, position, idp_value, group_id) values (?, ?, ?, ?)")
                    .params(settings.space().value(), position++, mapping.idpValue(), mapping.group().value())
                    .update();
        }
    }

    /** The spaces that sign in through the admin space's providers (T-SP6). */
    List<SpaceId> spacesReusingAdminProvider() {
        return jdbc.sql("select space_id from space_sso_settings where reuse_admin_provider")
                .query((rs, n) -> new SpaceId(rs.getObject("space_id", UUID.class))).list();
    }

    private static IdentityProvider mapProvider(ResultSet rs, int row) throws SQLException {
        String discovery = rs.getString("discovery");
        return new IdentityProvider(new IdentityProviderId(rs.getObject("id", UUID.class)),
                new SpaceId(rs.getObject("space_id", UUID.class)), SsoProtocol.valueOf(rs.getString("protocol")),
                rs.getString("display_name"), rs.getBoolean("enabled"), rs.getString("issuer"),
                rs.getString("client_id"), rs.getString("client_secret") != null, strings(rs.getArray("scopes")),
                discovery == null ? null : JSON.readValue(discovery, OidcEndpoints.class),
                rs.getString("idp_entity_id"), rs.getString("idp_sso_url"),
                strings(rs.getArray("idp_certificates")), rs.getString("metadata_url"),
                rs.getString("metadata_xml"),
                new ClaimNames(rs.getString("email_claim"), rs.getString("first_name_claim"),
                        rs.getString("last_name_claim"), rs.getString("groups_claim"), rs.getString("picture_claim")),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String json(OidcEndpoints endpoints) {
        return endpoints == null ? null : JSON.writeValueAsString(endpoints);
    }

    private static UserId userId(UUID id) {
        return id == null ? null : new UserId(id);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
