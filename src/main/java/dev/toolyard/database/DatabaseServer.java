package dev.toolyard.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.postgresql.Driver;

/**
 * The PostgreSQL server Toolyard's own database is on, for a feature that keeps a database of its
 * own beside it (T-D2's sample database). It connects with Toolyard's own credentials, which it
 * never shows.
 */
public final class DatabaseServer {

    private final boolean embedded;
    private final String url;
    private final Properties credentials = new Properties();
    private final String host;
    private final int port;
    private final String database;

    DatabaseServer(boolean embedded, String url, String user, String password) {
        this.embedded = embedded;
        this.url = url;
        if (user != null && !user.isBlank()) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isBlank()) {
            credentials.setProperty("password", password);
        }
        var parsed = Driver.parseURL(url, null);
        if (parsed == null) {
            throw new IllegalStateException("Not a PostgreSQL JDBC URL: " + url.replaceAll("\\?.*", ""));
        }
        // A URL may list several hosts for failover; the first is the one a feature's database is made on.
        this.host = parsed.getProperty("PGHOST").split(",")[0];
        this.port = Integer.parseInt(parsed.getProperty("PGPORT").split(",")[0]);
        this.database = parsed.getProperty("PGDBNAME");
    }

    /** Whether this is the embedded server Toolyard started (no {@code TOOLYARD_DB_URL}). */
    public boolean embedded() {
        return embedded;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The name of Toolyard's own database: one a connection can always be made to, to make others. */
    public String database() {
        return database;
    }

    /** A new connection, as Toolyard's own user, to another database on the same server. */
    public Connection connect(String database) throws SQLException {
        var parsed = Driver.parseURL(url, null);
        var properties = new Properties();
        properties.putAll(parsed);
        properties.remove("PGDBNAME");
        properties.remove("PGHOST");
        properties.remove("PGPORT");
        properties.putAll(credentials);
        return DriverManager.getConnection("jdbc:postgresql://" + hostPort(parsed) + "/" + database, properties);
    }

    private static String hostPort(Properties parsed) {
        var hosts = parsed.getProperty("PGHOST").split(",");
        var ports = parsed.getProperty("PGPORT").split(",");
        var joined = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            if (i > 0) {
                joined.append(',');
            }
            String host = hosts[i].contains(":") ? "[" + hosts[i] + "]" : hosts[i];
            joined.append(host).append(':').append(ports[Math.min(i, ports.length - 1)]);
        }
        return joined.toString();
    }
}
