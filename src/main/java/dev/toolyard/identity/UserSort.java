package dev.toolyard.identity;

/** T-U5: by name A–Z, or most recently active first. */
public enum UserSort { NAME, LAST_ACTIVITY }
