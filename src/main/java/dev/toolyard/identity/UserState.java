package dev.toolyard.identity;

/** T-U1: the state of a user record in one space. */
public enum UserState { INVITED, SUGGESTED, ENABLED, DISABLED }
