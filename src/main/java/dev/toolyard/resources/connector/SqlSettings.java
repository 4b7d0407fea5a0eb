package dev.toolyard.resources.connector;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration of a SQL database (PostgreSQL, MySQL/MariaDB): where it is, who connects,
 * TLS, the pool's size and how long connecting may take. The password is the one secret.
 */
public record SqlSettings(String host, int port, String database, String user, String password, String tlsMode,
        int poolSize, int connectTimeoutSeconds) {

    public static final List<String> TLS_MODES = List.of("disable", "require", "verify-full");
    public static final int MAX_POOL_SIZE = 20;
    public static final String PASSWORD = "password";

    /** Host names and IP addresses only: the host goes into a JDBC URL, where anything else could add settings. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]{2,45}");
    /** Database names go into the URL too (MariaDB's), so the same strict rule holds for both kinds. */
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$-]{1,64}");
    private static final Set<String> FIELDS = Set.of("host", "port", "database", "user", PASSWORD, "tlsMode", "poolSize",
            "connectTimeoutSeconds");

    public static SqlSettings of(Settings settings) {
        return new SqlSettings(settings.text("host"), settings.number("port", 0), settings.text("database"),
                settings.text("user"), settings.secret(PASSWORD), settings.text("tlsMode"), settings.number("poolSize", 5),
                settings.number("connectTimeoutSeconds", 10));
    }

    /** Host and port name the server; a stored password goes only where it was saved for. */
    public static Settings validate(Map<String, Object> submitted, Settings stored, int defaultPort) {
        var form = new Submission(submitted);
        form.rejectUnknown(FIELDS);
        String host = form.text("host", true, 253);
        if (host != null && !HOST.matcher(host).matches()) {
            form.problem("host", "field.invalid_host", "must be a host name or an IP address");
        }
        int port = form.integer("port", 1, 65535, defaultPort);
        String database = form.text("database", true, 64);
        if (database != null && !DATABASE.matcher(database).matches()) {
            form.problem("database", "field.invalid_database",
                    "may contain only letters, digits, '_', '$' and '-'");
        }
        String user = form.text("user", true, 128);
        String tls = form.choice("tlsMode", TLS_MODES, "require");
        int poolSize = form.integer("poolSize", 1, MAX_POOL_SIZE, 5);
        int connectTimeout = form.integer("connectTimeoutSeconds", 1, 60, 10);
        var secrets = new HashMap<String, String>();
        boolean sameServer = Objects.equals(host, stored.text("host")) && port == stored.number("port", -1);
        keepOrSet(form, PASSWORD, form.secret(PASSWORD), stored, sameServer, secrets, false);
        form.check();
        var values = new LinkedHashMap<String, Object>();
        values.put("host", host);
        values.put("port", port);
        values.put("database", database);
        values.put("user", user);
        values.put("tlsMode", tls);
        values.put("poolSize", poolSize);
        values.put("connectTimeoutSeconds", connectTimeout);
        return new Settings(values, secrets);
    }

    public static Map<String, Object> view(Settings settings) {
        var view = new LinkedHashMap<>(settings.values());
        view.put(PASSWORD + "Set", settings.secret(PASSWORD) != null);
        return view;
    }

    /**
     * The rule for every write-only field: set, clear or keep; keeping needs the same server as
     * before, otherwise whoever may edit the configuration could send the stored secret to a
     * server of their own and read it there.
     */
    public static void keepOrSet(Submission form, String name, SecretInput input, Settings stored, boolean sameServer,
            Map<String, String> secrets, boolean required) {
        keepOrSet(form, name, name, input, stored, sameServer, secrets, required);
    }

    public static void keepOrSet(Submission form, String field, String slot, SecretInput input, Settings stored,
            boolean sameServer, Map<String, String> secrets, boolean required) {
        String kept = stored.secret(slot);
        if (input.action() == SecretInput.Action.SET) {
            secrets.put(slot, input.value());
        } else if (input.action() == SecretInput.Action.KEEP && kept != null) {
            if (sameServer) {
                secrets.put(slot, kept);
            } else {
                form.problem(field, "field.secret_required",
                        "must be entered again: the configuration now points at another server");
            }
        } else if (required) {
            form.problem(field, "field.required", "is required");
        }
    }

    /** Never shows the password, whatever prints this record. */
    @Override
    public String toString() {
        return "SqlSettings[" + user + "@" + host + ":" + port + "/" + database + ", tls " + tlsMode + "]";
    }
}
