package dev.toolyard.access;

/** T-A6: what a group may reach besides apps and resources. */
public enum AdditionalAccess { WORKSPACE, QUERY_LIBRARY, USER_LIST, AUDIT_LOG, USAGE_ANALYTICS, THEMES }
