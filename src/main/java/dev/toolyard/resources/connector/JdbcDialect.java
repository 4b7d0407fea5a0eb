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

    /**
     * Whether {@code setQueryTimeout} makes the database itself stop the statement (MariaDB's
     * driver sends it with the statement), a backstop should a cancel not arrive. PostgreSQL's
     * driver would only schedule a cancel from the client on a timer, as each run already does.
     */
    boolean timeoutOnServer();

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
