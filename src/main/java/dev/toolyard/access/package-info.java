/**
 * Permission groups and, as the product grows, grants and the access engine (T-G, T-A). So far it
 * keeps each space's four built-in groups and their members. It must never read another
 * module's tables; spaces and users reach it only through {@link dev.toolyard.access.PermissionGroups}.
 */
package dev.toolyard.access;
