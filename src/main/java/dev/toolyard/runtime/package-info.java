/**
 * The browser runtime of apps (T-AP3, T-CU1, T-CU2, T-SEC3): the end user's page {@code /run/{appId}},
 * the sandboxed frame the app's JavaScript runs in, and the runtime bundle (document, queries,
 * current_user) the page loads. It reads apps, queries and identity through their public APIs and
 * decides nothing about access itself; it must never evaluate a builder's expression on a page of
 * Toolyard's origin.
 */
package dev.toolyard.runtime;
