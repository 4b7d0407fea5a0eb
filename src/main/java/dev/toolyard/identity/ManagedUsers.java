package dev.toolyard.identity;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * Says which user records of a space an identity provider keeps (T-ID5): their e-mail, names and
 * state are changed only through that provider, and the console and the API say so. Implemented
 * by the module that provisions them (scim), so the dependency keeps pointing at identity.
 */
public interface ManagedUsers {

    /** Whether the user's record in the space is provisioned by an identity provider. */
    boolean isManaged(SpaceId space, UserId user);

    /** How the console and the API name who keeps it, e.g. "SCIM". */
    String managerName();
}
