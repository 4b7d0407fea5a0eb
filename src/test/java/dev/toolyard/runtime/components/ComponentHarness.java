package dev.toolyard.runtime.components;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Properties;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the component modules as the app frame gets them — /runtime/** from the application's
 * static resources, /webjars/** from the webjars on the class path — next to a test page that
 * plays the runtime's host (/harness/**), without starting Toolyard. The page is served under a
 * strict Content-Security-Policy (no inline script, no inline style, no eval), so a component that
 * needs more fails its test through a console error.
 */
final class ComponentHarness implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json");
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'";

    private final HttpServer server;

    private ComponentHarness(HttpServer server) {
        this.server = server;
    }

    static ComponentHarness start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/runtime/", exchange -> serve(exchange, "static" + exchange.getRequestURI().getPath()));
            server.createContext("/webjars/", exchange -> serve(exchange, webjar(exchange.getRequestURI().getPath())));
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

    /** /webjars/name/file as Spring's webjars locator serves it: from the version on the class path. */
    private static String webjar(String path) throws IOException {
        String[] parts = path.split("/", 4);
        if (parts.length < 4) {
            return "META-INF/resources" + path;
        }
        String name = parts[2];
        Properties pom = new Properties();
        try (InputStream in = ComponentHarness.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/" + name + "/pom.properties")) {
            if (in == null) {
                return "META-INF/resources" + path;
            }
            pom.load(in);
        }
        return "META-INF/resources/webjars/" + name + "/" + pom.getProperty("version") + "/" + parts[3];
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
                exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
