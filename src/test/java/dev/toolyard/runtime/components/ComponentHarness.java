package dev.toolyard.runtime.components;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the component modules as the app frame gets them — /runtime/** from the application's
 * static resources, /webjars/** from the webjars on the class path — next to a test page that
 * plays the runtime's host (/harness/**), without starting Toolyard. The page is served under a
 * strict Content-Security-Policy (no inline script but the hashed import map, no inline style, no
 * eval), so a component that needs more fails its test through a console error.
 */
final class ComponentHarness implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json");
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private final HttpServer server;

    private ComponentHarness(HttpServer server) {
        this.server = server;
    }

    static ComponentHarness start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/runtime/", exchange -> serve(exchange, "static" + exchange.getRequestURI().getPath()));
            server.createContext("/webjars/", exchange -> serve(exchange, "META-INF/resources" + exchange.getRequestURI().getPath()));
            server.createContext("/harness/", exchange -> serve(exchange,
                    "component-harness/" + exchange.getRequestURI().getPath().substring("/harness/".length())));
            server.start();
            return new ComponentHarness(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String pageUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/harness/index.html";
    }

    private static void serve(HttpExchange exchange, String resource) throws IOException {
        try (exchange) {
            if (resource.contains("..")) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            byte[] body;
            try (InputStream in = ComponentHarness.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                body = in.readAllBytes();
            }
            String extension = resource.substring(resource.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
            if ("html".equals(extension)) {
                exchange.getResponseHeaders().set("Content-Security-Policy", policy(new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String policy(String html) {
        Matcher importMap = IMPORT_MAP.matcher(html);
        String hash = importMap.find() ? " 'sha256-" + sha256(importMap.group(1)) + "'" : "";
        return "default-src 'self'; script-src 'self'" + hash + "; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; object-src 'none'; base-uri 'none'";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
