package dev.toolyard.resources.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dev.toolyard.resources.connector.Settings;
import dev.toolyard.resources.connector.SqlSettings;
import dev.toolyard.resources.connector.Submission;

/**
 * A REST API's configuration: base URL, headers (any may be secret), default query parameters,
 * authentication (none, basic, bearer, API key in a header or the query) and a connect timeout.
 * Secrets are stored under {@code auth.password}, {@code auth.token}, {@code auth.value} and
 * {@code header:<name in lower case>}.
 */
record RestSettings(URI baseUrl, List<Pair> headers, List<Pair> queryParameters, Auth auth, int connectTimeoutSeconds) {

    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    static final List<String> AUTH_TYPES = List.of("none", "basic", "bearer", "api_key");
    private static final Set<String> FIELDS = Set.of("baseUrl", "headers", "queryParameters", "auth",
            "connectTimeoutSeconds");
    private static final int MAX_ENTRIES = 50;

    record Pair(String name, String value) {

        /** The name only: a header's value may be a secret. */
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code type} none, basic (user, secret), bearer (secret), api_key (name, in, secret). */
    record Auth(String type, String user, String name, String in, String secret) {

        /** The type only, never the secret. */
        @Override
        public String toString() {
            return type;
        }
    }

    static RestSettings of(Settings settings) {
        var headers = new ArrayList<Pair>();
        for (var header : maps(settings.values().get("headers"))) {
            String name = (String) header.get("name");
            String value = Boolean.TRUE.equals(header.get("secret")) ? settings.secret(headerSlot(name))
                    : (String) header.get("value");
            headers.add(new Pair(name, value == null ? "" : value));
        }
        var parameters = new ArrayList<Pair>();
        for (var parameter : maps(settings.values().get("queryParameters"))) {
            parameters.add(new Pair((String) parameter.get("name"), (String) parameter.get("value")));
        }
        var auth = settings.values().get("auth") instanceof Map<?, ?> map ? map : Map.of();
        String type = auth.get("type") == null ? "none" : auth.get("type").toString();
        String secret = switch (type) {
            case "basic" -> settings.secret("auth.password");
            case "bearer" -> settings.secret("auth.token");
            case "api_key" -> settings.secret("auth.value");
            default -> null;
        };
        return new RestSettings(URI.create(settings.text("baseUrl")), headers, parameters,
                new Auth(type, (String) auth.get("user"), (String) auth.get("name"), (String) auth.get("in"), secret),
                settings.number("connectTimeoutSeconds", 10));
    }

    static Settings validate(Map<String, Object> submitted, Settings stored) {
        var form = new Submission(submitted);
        form.rejectUnknown(FIELDS);
        String base = form.text("baseUrl", true, 2000);
        URI url = null;
        if (base != null) {
            url = baseUrl(form, base);
        }
        String storedBase = stored.text("baseUrl");
        boolean sameServer = url != null && storedBase != null && origin(url).equals(origin(URI.create(storedBase)));
        var secrets = new HashMap<String, String>();

        var headers = new ArrayList<Map<String, Object>>();
        var seen = new HashSet<String>();
        for (var header : form.objects("headers", MAX_ENTRIES)) {
            header.rejectUnknown(Set.of("name", "value", "secret"));
            String name = header.text("name", true, 100);
            if (name != null && !TOKEN.matcher(name).matches()) {
                header.problem("name", "field.invalid_header_name", "is not a valid header name");
                name = null;
            }
            if (name != null && !seen.add(name.toLowerCase(Locale.ROOT))) {
                header.problem("name", "field.duplicate", "is given twice");
            }
            boolean secret = header.flag("secret");
            var entry = new LinkedHashMap<String, Object>();
            entry.put("name", name);
            if (secret) {
                entry.put("secret", true);
                if (name != null) {
                    SqlSettings.keepOrSet(header, "value", headerSlot(name), header.secret("value"), stored, sameServer,
                            secrets, true);
                }
            } else {
                String value = header.text("value", false, 2000);
                entry.put("value", value == null ? "" : value);
            }
            headers.add(entry);
        }

        var parameters = new ArrayList<Map<String, Object>>();
        for (var parameter : form.objects("queryParameters", MAX_ENTRIES)) {
            parameter.rejectUnknown(Set.of("name", "value"));
            String name = parameter.text("name", true, 100);
            String value = parameter.text("value", false, 2000);
            var entry = new LinkedHashMap<String, Object>();
            entry.put("name", name);
            entry.put("value", value == null ? "" : value);
            parameters.add(entry);
        }

        var authForm = form.object("auth");
        authForm.rejectUnknown(Set.of("type", "user", "password", "token", "name", "in", "value"));
        String type = authForm.choice("type", AUTH_TYPES, "none");
        var auth = new LinkedHashMap<String, Object>();
        auth.put("type", type);
        switch (type) {
            case "basic" -> {
                auth.put("user", authForm.text("user", true, 200));
                SqlSettings.keepOrSet(authForm, "password", "auth.password", authForm.secret("password"), stored,
                        sameServer, secrets, true);
            }
            case "bearer" -> SqlSettings.keepOrSet(authForm, "token", "auth.token", authForm.secret("token"), stored,
                    sameServer, secrets, true);
            case "api_key" -> {
                String name = authForm.text("name", true, 100);
                if (name != null && !TOKEN.matcher(name).matches()) {
                    authForm.problem("name", "field.invalid_name", "may contain only letters, digits and -_.");
                }
                auth.put("name", name);
                auth.put("in", authForm.choice("in", List.of("header", "query"), "header"));
                SqlSettings.keepOrSet(authForm, "value", "auth.value", authForm.secret("value"), stored, sameServer,
                        secrets, true);
            }
            default -> {
            }
        }
        int connectTimeout = form.integer("connectTimeoutSeconds", 1, 60, 10);
        form.check();

        var values = new LinkedHashMap<String, Object>();
        values.put("baseUrl", url.toString());
        values.put("headers", headers);
        values.put("queryParameters", parameters);
        values.put("auth", auth);
        values.put("connectTimeoutSeconds", connectTimeout);
        return new Settings(values, secrets);
    }

    static Map<String, Object> view(Settings settings) {
        var view = new LinkedHashMap<String, Object>(settings.values());
        var headers = new ArrayList<Map<String, Object>>();
        for (var header : maps(settings.values().get("headers"))) {
            var shown = new LinkedHashMap<String, Object>(header);
            if (Boolean.TRUE.equals(header.get("secret"))) {
                shown.put("valueSet", settings.secret(headerSlot((String) header.get("name"))) != null);
            }
            headers.add(shown);
        }
        view.put("headers", headers);
        var auth = new LinkedHashMap<String, Object>();
        if (settings.values().get("auth") instanceof Map<?, ?> stored) {
            stored.forEach((key, value) -> auth.put(key.toString(), value));
        }
        switch (String.valueOf(auth.get("type"))) {
            case "basic" -> auth.put("passwordSet", settings.secret("auth.password") != null);
            case "bearer" -> auth.put("tokenSet", settings.secret("auth.token") != null);
            case "api_key" -> auth.put("valueSet", settings.secret("auth.value") != null);
            default -> {
            }
        }
        view.put("auth", auth);
        return view;
    }

    static String headerSlot(String name) {
        return "header:" + name.toLowerCase(Locale.ROOT);
    }

    private static URI baseUrl(Submission form, String text) {
        try {
            var url = new URI(text);
            if (url.getScheme() == null || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))
                    || url.getHost() == null) {
                form.problem("baseUrl", "field.invalid_url", "must be an http or https address with a host");
            } else if (url.getRawUserInfo() != null) {
                form.problem("baseUrl", "field.invalid_url", "must not carry a user or password; use auth");
            } else if (url.getRawQuery() != null || url.getRawFragment() != null) {
                form.problem("baseUrl", "field.invalid_url", "must not have a query or fragment; use queryParameters");
            } else {
                return url;
            }
        } catch (URISyntaxException e) {
            form.problem("baseUrl", "field.invalid_url", "is not a valid address");
        }
        return null;
    }

    /** Scheme, host and port: what decides which server receives the stored secrets. */
    static String origin(URI url) {
        String scheme = Objects.toString(url.getScheme(), "").toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + Objects.toString(url.getHost(), "").toLowerCase(Locale.ROOT) + ":" + port;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        var maps = new ArrayList<Map<String, Object>>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> map) {
                maps.add((Map<String, Object>) map);
            }
        }
        return maps;
    }
}
