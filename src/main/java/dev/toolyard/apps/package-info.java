/**
 * Folders and apps of a space (T-AP1): created, renamed, moved, duplicated and deleted under the
 * access rules (T-A1–T-A3); each app's document (T-AP2), validated against the component catalog
 * and stored canonical, and its releases (T-R1), of which exactly one is live. Every decision is
 * the access engine's; queries belong to the queries module, which this module must never reach
 * into (it asks through {@link dev.toolyard.apps.AppQueryNames} and announces releases and copies
 * by events).
 */
package dev.toolyard.apps;
