/**
 * T-D2's sample: at the first start of a new instance on the embedded PostgreSQL, a database of
 * employees and orders beside Toolyard's own, the "Sample database" resource over it and the
 * released "Employees" app, all in the admin space and made by Toolyard itself. It only adds
 * through the other modules' services, once per instance, and never changes or deletes anything
 * that was there before.
 */
package dev.toolyard.sample;
