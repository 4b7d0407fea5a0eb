/**
 * Where the data lives: an external PostgreSQL when {@code TOOLYARD_DB_URL} is set, otherwise an
 * embedded PostgreSQL under the data directory. It provides the one {@code DataSource} and must
 * never hold feature logic or a second SQL dialect.
 */
package dev.toolyard.database;
