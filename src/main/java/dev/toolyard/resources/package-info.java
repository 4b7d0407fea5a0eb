/**
 * Resources (connections to data sources) and resource folders of a space (T-RS1, T-A4). So far
 * a resource is an access object with a name, a kind and a place; its configuration per
 * environment, secrets and query execution come with the resources issue.
 */
package dev.toolyard.resources;
