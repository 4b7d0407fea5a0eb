/**
 * Queries (T-AP2, T-Q1, T-CU, T-A5): the queries of apps and the space's query library, with its
 * versions, permissions and imports into apps; how a query's {@code {{ }}} become bound values
 * for a run (T-CU4) with {@code current_user} computed on the server from the authenticated
 * request (T-CU1, T-CU5); and running it on its resource. Storage decides who may read, write and
 * run a stored query; binding never splices a value into a query's text, never takes
 * current_user or anything derived from it from a request, and never lets a server-side
 * expression reach the host (Java, files, network, other evaluations); no published library
 * version is ever edited. A released app's queries are frozen with the release (T-R1) and
 * runs of a released app use the frozen ones, so end users never run a draft query.
 */
package dev.toolyard.queries;
