package dev.toolyard.sso;

import java.util.List;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * How SSO sign-ins treat the people of one space: just-in-time provisioning (T-ID3), the ordered
 * role-mapping rules, same-name matching and removal of unmapped memberships (T-ID4), the
 * break-glass admin (a local user who keeps the Admin group whatever the IdP says), "Require SSO",
 * and whether the space signs in through the admin space's providers instead of its own (T-SP6).
 */
public record SpaceSsoSettings(SpaceId space, JitMode jit, List<RoleMapping> roleMappings, boolean sameNameMatching,
        boolean removeUnmapped, UserId breakGlassAdmin, boolean requireSso, boolean reuseAdminProvider) {

    public SpaceSsoSettings {
        roleMappings = List.copyOf(roleMappings);
    }

    static SpaceSsoSettings defaults(SpaceId space) {
        return new SpaceSsoSettings(space, JitMode.OFF, List.of(), false, false, null, false, false);
    }
}
