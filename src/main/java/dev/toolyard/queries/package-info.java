/**
 * Queries: the queries of apps and the shared query library (T-Q1), and how a query's
 * {@code {{ }}} become bound values for a run (T-CU4) with {@code current_user} computed on the
 * server from the authenticated request (T-CU1, T-CU5). It must never splice a value into a
 * query's text, never take current_user or anything derived from it from a request, and never let
 * a server-side expression reach the host (Java, files, network, other evaluations).
 */
package dev.toolyard.queries;
