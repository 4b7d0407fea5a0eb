package dev.toolyard.audit;

public enum AuditOutcome { SUCCESS, FAILURE, DENIED }
