package dev.toolyard.sso;

/** T-ID2: the protocols a space's identity provider may speak; at most one provider of each per space. */
public enum SsoProtocol { OIDC, SAML }
