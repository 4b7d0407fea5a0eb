package dev.toolyard.identity;

import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * Whether a console session may be in a space, given how it signed in (T-ID2): told by the module
 * that owns single sign-on ("Require SSO", which provider vouched for the session), asked by
 * {@link CurrentCaller} on every request and by password sign-in. Without an implementation every
 * session may enter every space its person is enabled in.
 */
public interface SpaceEntryPolicy {

    /**
     * @param ssoSpace the space whose identity provider signed the session in; null for a
     *        password sign-in
     */
    boolean admits(SpaceId space, UserId user, SignInMethod method, SpaceId ssoSpace);
}
