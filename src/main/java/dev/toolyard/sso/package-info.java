/**
 * Single sign-on (T-ID2–T-ID4, T-SP5, T-SP6): each space's identity providers (OpenID Connect and
 * SAML 2.0) and how their sign-ins treat its people — just-in-time provisioning, role mapping,
 * "Require SSO" with a break-glass admin, reuse of the admin space's provider. The protocols
 * verify responses with their libraries and hand this module an {@link dev.toolyard.sso.ExternalIdentity};
 * {@link dev.toolyard.sso.SsoSignIns} decides who that is here and starts the session through
 * identity. It depends on identity, access, spaces, secrets, audit and shared; nothing depends on it.
 */
package dev.toolyard.sso;
