/**
 * Queries (T-AP2, T-Q1, T-CU): the queries of apps and the space's query library, with its
 * versions, permissions and imports into apps; and, in its own classes, turning a stored query
 * into a bound one with {@code current_user} evaluated on the server. Storage decides who may
 * read, write and run a stored query (T-A5) and hands the runner a {@link
 * dev.toolyard.queries.RunnableQuery}; it never runs a query itself, never edits a published
 * library version, and never reads another module's tables.
 */
package dev.toolyard.queries;
