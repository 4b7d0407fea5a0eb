package dev.toolyard.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: keeps cookies, picks up the CSRF token of the last page it saw and
 * sends it with the next form, and never follows redirects, so tests see where they lead.
 */
public class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    public ConsoleSession(int port) {
        this("http://localhost:" + port);
    }

    public ConsoleSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A client holding only this session cookie, as someone who stole or planted it would. */
    public static ConsoleSession withSessionCookie(int port, String value) {
        var session = new ConsoleSession(port);
        var cookie = new HttpCookie("SESSION", value);
        cookie.setPath("/");
        cookie.setVersion(0);
        session.cookies.getCookieStore().add(URI.create("http://localhost:" + port), cookie);
        return session;
    }

    /** The same cookies, sent to another server: a second node behind a load balancer. */
    public ConsoleSession on(int otherPort) {
        var other = new ConsoleSession(otherPort);
        cookies.getCookieStore().getCookies().forEach(cookie -> {
            var copy = (HttpCookie) cookie.clone();
            other.cookies.getCookieStore().add(URI.create("http://localhost:" + otherPort), copy);
        });
        other.csrf = csrf;
        return other;
    }

    public HttpResponse<String> get(String path) {
        return remember(send(HttpRequest.newBuilder(uri(path)).GET()));
    }

    public HttpResponse<String> post(String path, Map<String, String> form) {
        var withToken = new LinkedHashMap<>(form);
        if (csrf != null) {
            withToken.putIfAbsent("_csrf", csrf);
        }
        return postWithoutCsrf(path, withToken);
    }

    /** Where a redirect leads, fetched as a browser would; a flash message shows there once. */
    public HttpResponse<String> follow(HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("not a redirect: " + redirect.statusCode()));
        return get(location.startsWith(baseUrl) ? location.substring(baseUrl.length()) : location);
    }

    /** A form whose fields may repeat (checkboxes of one name), in order, with the CSRF token. */
    public HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) {
        var withToken = new ArrayList<>(fields);
        if (csrf != null && fields.stream().noneMatch(field -> field.getKey().equals("_csrf"))) {
            withToken.add(Map.entry("_csrf", csrf));
        }
        return postEncoded(path, withToken);
    }

    public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> form) {
        return postEncoded(path, List.copyOf(form.entrySet()));
    }

    private HttpResponse<String> postEncoded(String path, List<Map.Entry<String, String>> fields) {
        String body = fields.stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return remember(send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    /** A JSON API call with the session cookie and, as the console's scripts do, the CSRF header. */
    public HttpResponse<String> api(String method, String path, String json) {
        var request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> signIn(String email, String password) {
        get("/login");
        return post("/login", Map.of("email", email, "password", password));
    }

    public HttpResponse<String> signOut() {
        get("/");
        return post("/logout", Map.of());
    }

    public Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("SESSION"))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        var matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
        return response;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
