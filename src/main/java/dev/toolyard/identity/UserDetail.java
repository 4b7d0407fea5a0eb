package dev.toolyard.identity;

import java.util.List;
import java.util.Map;

/**
 * T-U6: a user record with what its detail page shows: whether their two-factor sign-in is on
 * (T-ID1), and the picture an identity provider gave ({@code pictureUrl}, or null, T-ID3).
 */
public record UserDetail(SpaceUser user, List<String> groups, Invitation pendingInvitation,
        Map<String, String> attributes, boolean twoFactorEnabled, String pictureUrl) {
}
