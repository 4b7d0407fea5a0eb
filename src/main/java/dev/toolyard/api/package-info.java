/**
 * HTTP plumbing shared by every feature's API: the one error shape (T-API3) and its mapping,
 * request size limits, cursor pagination and the OpenAPI document. It knows no feature and must
 * never hold domain rules.
 */
package dev.toolyard.api;
