package dev.toolyard.resources.postgresql;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

import org.springframework.stereotype.Component;

import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.connector.JdbcDialect;
import dev.toolyard.resources.connector.SqlConnector;
import dev.toolyard.resources.connector.SqlSettings;

/** PostgreSQL resources through the PostgreSQL JDBC driver. */
@Component
class PostgresConnector extends SqlConnector {

    PostgresConnector() {
        super(new Dialect(), 5432);
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.POSTGRESQL;
    }

    static final class Dialect implements JdbcDialect {

        private static final Driver DRIVER = new org.postgresql.Driver();

        @Override
        public Driver driver() {
            return DRIVER;
        }

        @Override
        public String url(SqlSettings settings) {
            String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
            return "jdbc:postgresql://" + host + ":" + settings.port() + "/" + settings.database();
        }

        @Override
        public Properties properties(SqlSettings settings) {
            var properties = new Properties();
            properties.setProperty("user", settings.user());
            if (settings.password() != null) {
                properties.setProperty("password", settings.password());
            }
            properties.setProperty("sslmode", settings.tlsMode());
            properties.setProperty("connectTimeout", Integer.toString(settings.connectTimeoutSeconds()));
            properties.setProperty("loginTimeout", Integer.toString(settings.connectTimeoutSeconds()));
            properties.setProperty("ApplicationName", "Toolyard");
            // Text values are sent untyped and the server infers their type from the query,
            // so "where id = {{ id }}" works whether the value arrived as text or number.
            properties.setProperty("stringtype", "unspecified");
            return properties;
        }

        @Override
        public boolean timeoutOnServer() {
            return false;
        }

        @Override
        public boolean streamsInTransaction() {
            return true;
        }

        @Override
        public boolean cancelled(SQLException e) {
            return "57014".equals(e.getSQLState());
        }

        @Override
        public boolean json(String typeName) {
            return typeName.equals("json") || typeName.equals("jsonb");
        }

        @Override
        public boolean authentication(SQLException e) {
            // 3D000: the database does not exist, which is also the server refusing this login.
            return JdbcDialect.super.authentication(e) || "3D000".equals(e.getSQLState());
        }
    }
}
