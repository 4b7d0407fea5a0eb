/**
 * Folders and apps of a space (T-AP1): created, renamed, moved and deleted under the access rules
 * (T-A1–T-A3). So far apps are access objects with a name and a place; their documents, editor,
 * runtime and releases come with the apps issue. Every decision is the access engine's.
 */
package dev.toolyard.apps;
