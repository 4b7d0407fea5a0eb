package dev.toolyard.resources.mysql;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

import org.springframework.stereotype.Component;

import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.connector.JdbcDialect;
import dev.toolyard.resources.connector.SqlConnector;
import dev.toolyard.resources.connector.SqlSettings;

/** MySQL and MariaDB resources through the MariaDB JDBC driver, which speaks to both. */
@Component
class MySqlConnector extends SqlConnector {

    MySqlConnector() {
        super(new Dialect(), 3306);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.MYSQL;
    }

    static final class Dialect implements JdbcDialect {

        private static final Driver DRIVER = new org.mariadb.jdbc.Driver();

        @Override
        public Driver driver() {
            return DRIVER;
        }

        @Override
        public String url(SqlSettings settings) {
            String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
            return "jdbc:mariadb://" + host + ":" + settings.port() + "/" + settings.database();
        }

        @Override
        public Properties properties(SqlSettings settings) {
            var properties = new Properties();
            properties.setProperty("user", settings.user());
            if (settings.password() != null) {
                properties.setProperty("password", settings.password());
            }
            properties.setProperty("sslMode", switch (settings.tlsMode()) {
                case "disable" -> "disable";
                case "verify-full" -> "verify-full";
                default -> "trust";
            });
            properties.setProperty("connectTimeout", Integer.toString(settings.connectTimeoutSeconds() * 1000));
            // Values are bound by the server (T-CU4), not escaped into the text by the driver.
            properties.setProperty("useServerPrepStmts", "true");
            // A server chosen by whoever edits the configuration must not read files of this host.
            properties.setProperty("allowLocalInfile", "false");
            properties.setProperty("allowMultiQueries", "false");
            return properties;
        }

        @Override
        public boolean timeoutOnServer() {
            return true;
        }

        @Override
        public boolean streamsInTransaction() {
            return false;
        }

        /** 1969: max_statement_time exceeded; 1317: query interrupted (KILL QUERY, from a cancel). */
        @Override
        public boolean cancelled(SQLException e) {
            return e.getErrorCode() == 1969 || e.getErrorCode() == 1317 || "70100".equals(e.getSQLState());
        }

        @Override
        public boolean json(String typeName) {
            return typeName.equals("json");
        }

        /** 1045: access denied; 1044: no access to the database; 1049: unknown database. */
        @Override
        public boolean authentication(SQLException e) {
            return e.getErrorCode() == 1045 || e.getErrorCode() == 1044 || e.getErrorCode() == 1049
                    || JdbcDialect.super.authentication(e);
        }
    }
}
