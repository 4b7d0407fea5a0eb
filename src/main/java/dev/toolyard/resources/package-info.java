/**
 * Resources (connections to data sources), resource folders and environments of a space (T-RS1–T-RS4,
 * T-A4): each resource's configuration per environment with its secrets sealed, the connectors of
 * each kind (one sub-package per kind behind {@code connector.ResourceConnector}), their pools, and
 * running a bound query. It must never return, log or audit a secret, never splice a value into a
 * query's text, and never hold a connection of a resource beyond a run.
 */
package dev.toolyard.resources;
