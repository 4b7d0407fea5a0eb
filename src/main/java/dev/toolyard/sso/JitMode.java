package dev.toolyard.sso;

/**
 * T-ID3: what a first SSO sign-in of someone who is not a user of the space does: nothing (they
 * are refused), make them an enabled user, or a suggested one whom an admin approves.
 */
public enum JitMode { OFF, ENABLED, SUGGESTED }
