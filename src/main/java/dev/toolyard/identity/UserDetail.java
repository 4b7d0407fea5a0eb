package dev.toolyard.identity;

import java.util.List;
import java.util.Map;

/** T-U6: a user record with what its detail page shows; {@code pictureUrl} from an identity provider, or null. */
public record UserDetail(SpaceUser user, List<String> groups, Invitation pendingInvitation,
        Map<String, String> attributes, String pictureUrl) {
}
