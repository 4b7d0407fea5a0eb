package dev.toolyard.identity;

/** T-U5: the users page's filters. {@code ALL} leaves disabled users out; only {@code DISABLED} shows them. */
public enum UserFilter { ALL, INVITED, SUGGESTED, ENABLED, DISABLED, ADMINS }
