package dev.toolyard.sso;

import java.util.List;

import dev.toolyard.shared.UserId;

/**
 * What an admin saves of the space's SSO settings; null keeps a setting as it is, except
 * {@code breakGlassAdmin}, which is always the whole choice (null: none).
 */
public record SsoSettingsChange(JitMode jit, List<Rule> roleMappings, Boolean sameNameMatching,
        Boolean removeUnmapped, UserId breakGlassAdmin, Boolean requireSso, Boolean reuseAdminProvider) {

    /** {@code idpValue -> group}, the group named as the space names it (any case). */
    public record Rule(String idpValue, String group) {
    }
}
