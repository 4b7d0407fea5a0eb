package dev.toolyard.resources.connector;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** What differs between SQL databases for connecting and running; {@link SqlConnector} does the rest. */
public interface JdbcDialect {

    Driver driver();

    /** The JDBC URL: server and database only, never a user or password. */
    String url(SqlSettings settings);

    /** Credentials, TLS and timeouts, passed beside the URL. */
    Properties properties(SqlSettings settings);

    /** PostgreSQL streams rows through a cursor only inside a transaction. */
    boolean streamsInTransaction();

    /** The database stopped the statement because of a timeout or a cancel. */
    boolean cancelled(SQLException e);

    /** The column holds JSON text (e.g. json, jsonb), returned parsed. */
    boolean json(String typeName);

    /** Source failed to let us in (wrong password, unknown user, database missing). */
    default boolean authentication(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("28");
    }

    /** Source could not be reached or the connection broke. */
    default boolean connection(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }
}
