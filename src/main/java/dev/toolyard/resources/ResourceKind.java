package dev.toolyard.resources;

/** T-RS1: the kinds of data source a resource connects to. */
public enum ResourceKind { POSTGRESQL, MYSQL, REST }
