package dev.toolyard.resources.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import dev.toolyard.resources.BoundQuery;
import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.ResultWriter;
import dev.toolyard.resources.RunLimits;
import dev.toolyard.resources.RunSummary;
import dev.toolyard.resources.connector.ResourceConnector;
import dev.toolyard.resources.connector.Scrubber;
import dev.toolyard.resources.connector.Settings;
import dev.toolyard.resources.connector.Target;
import dev.toolyard.resources.connector.TargetKey;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.SourceFailedException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * REST API resources through the JDK's HTTP client. The answer is read up to the run's byte
 * limit: JSON becomes one {@link ResultWriter#document}, other text a string. A JSON array cut
 * by the limit gives the elements read whole, flagged truncated by "bytes"; any other answer over
 * the limit fails with {@code source.response_too_large}, since half an object means nothing.
 * Redirects are not followed: the credentials are the configured server's only.
 */
@Component
class RestConnector implements ResourceConnector {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Reads one element of an array at a time: what follows it is the next element, not an error. */
    private static final ObjectReader ELEMENT = JSON.readerFor(Object.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int ERROR_SNIPPET = 300;
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "resource-rest-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private record Client(String revision, HttpClient http) {
    }

    private final ConcurrentHashMap<TargetKey, Client> clients = new ConcurrentHashMap<>();

    @Override
    public ResourceKind kind() {
        return ResourceKind.REST;
    }

    @Override
    public Settings settings(Map<String, Object> submitted, Settings stored) {
        return RestSettings.validate(submitted, stored);
    }

    @Override
    public Map<String, Object> view(Settings settings) {
        return RestSettings.view(settings);
    }

    @Override
    public void test(Target target) {
        var settings = RestSettings.of(target.settings());
        var scrubber = Scrubber.of(target.settings(), null);
        var timeout = Duration.ofSeconds(settings.connectTimeoutSeconds() * 2L);
        var request = request(settings, new RestRequest("GET", "", Map.of(), Map.of(), null), timeout);
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(settings.connectTimeoutSeconds()))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            String snippet = snippet(response.body());
            // 404 and 405 at the base address still prove the server answers with these settings.
            if (status >= 400 && status != 404 && status != 405) {
                throw scrubber.failed(status == 401 || status == 403 ? "source.authentication_failed" : "source.error",
                        "The API answered " + status + (snippet.isEmpty() ? "" : ": " + snippet), false);
            }
        } catch (IOException e) {
            throw failure(e, scrubber, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw scrubber.failed("source.error", "Interrupted while testing the connection.", false);
        }
    }

    @Override
    public RunSummary run(Target target, BoundQuery query, RunLimits limits, ResultWriter out) throws IOException {
        var settings = RestSettings.of(target.settings());
        var scrubber = Scrubber.of(target.settings(), query);
        var request = request(settings, RestRequest.of(query), limits.timeout());
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        HttpResponse<InputStream> response;
        try {
            response = client(target, settings).send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw failure(e, scrubber, limits.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw scrubber.failed("source.error", "Interrupted while waiting for the API.", false);
        }
        var expired = new AtomicBoolean();
        try (var body = response.body()) {
            // The request's timeout ends when the headers arrive; the body is read against the same deadline.
            var close = DEADLINES.schedule(() -> {
                expired.set(true);
                try {
                    body.close();
                } catch (IOException e) {
                    // Closing is how the read is stopped; a failure to close leaves it to the read itself.
                }
            }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            try {
                int status = response.statusCode();
                if (status < 200 || status > 299) {
                    String snippet = snippet(body);
                    throw scrubber.failed("source.error", "The API answered " + status
                            + (snippet.isEmpty() ? "" : ": " + snippet), false);
                }
                return answer(response, read(body, limits.maxBytes() + 1), limits, out, scrubber);
            } catch (IOException e) {
                if (expired.get()) {
                    throw scrubber.failed("source.timeout", "The API did not answer within "
                            + limits.timeout().toMillis() + " ms (the run's time limit).", true);
                }
                throw failure(e, scrubber, limits.timeout());
            } finally {
                close.cancel(false);
            }
        }
    }

    private RunSummary answer(HttpResponse<InputStream> response, byte[] bytes, RunLimits limits, ResultWriter out,
            Scrubber scrubber) throws IOException {
        boolean cut = bytes.length > limits.maxBytes();
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        char first = firstCharacter(bytes);
        boolean json = contentType.contains("json") || first == '{' || first == '[';
        if (!cut) {
            if (bytes.length == 0) {
                out.document(null);
                return RunSummary.complete(0);
            }
            Object document = json ? parsed(bytes) : null;
            if (document == null) {
                out.document(new String(bytes, StandardCharsets.UTF_8));
                return RunSummary.complete(1);
            }
            out.document(document);
            return RunSummary.complete(document instanceof List<?> list ? list.size() : 1);
        }
        if (json && first == '[') {
            var elements = elements(bytes, (int) limits.maxBytes());
            out.document(elements);
            return new RunSummary(elements.size(), true, "bytes");
        }
        throw scrubber.failed("source.response_too_large", "The API's answer is larger than the run's limit of "
                + limits.maxBytes() + " bytes.", false);
    }

    /** The complete elements of a JSON array cut short. */
    private static List<Object> elements(byte[] bytes, int length) {
        var elements = new ArrayList<Object>();
        try (var parser = JSON.createParser(bytes, 0, length)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return elements;
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                elements.add(ELEMENT.readValue(parser));
            }
        } catch (JacksonException e) {
            // The cut: what was read whole is the answer.
        }
        return elements;
    }

    private static Object parsed(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Object.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static char firstCharacter(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return (char) b;
            }
        }
        return ' ';
    }

    private static byte[] read(InputStream body, long limit) throws IOException {
        var buffer = new ByteArrayOutputStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.size() < limit && (read = body.read(chunk, 0, (int) Math.min(chunk.length, limit - buffer.size()))) != -1) {
            buffer.write(chunk, 0, read);
        }
        return buffer.toByteArray();
    }

    private static String snippet(InputStream body) {
        try (body) {
            var bytes = body.readNBytes(ERROR_SNIPPET);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Configuration first, then the query's own headers and parameters, then authentication, which nothing overrides. */
    private static HttpRequest request(RestSettings settings, RestRequest query, Duration timeout) {
        var parameters = new LinkedHashMap<String, String>();
        settings.queryParameters().forEach(pair -> parameters.put(pair.name(), pair.value()));
        parameters.putAll(query.query());
        var headers = new LinkedHashMap<String, String[]>();
        settings.headers().forEach(pair -> headers.put(pair.name().toLowerCase(Locale.ROOT),
                new String[] {pair.name(), pair.value()}));
        headers.putAll(query.headers());
        var auth = settings.auth();
        switch (auth.type()) {
            case "basic" -> headers.put("authorization", new String[] {"Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((auth.user() + ":" + (auth.secret() == null ? "" : auth.secret()))
                            .getBytes(StandardCharsets.UTF_8))});
            case "bearer" -> headers.put("authorization", new String[] {"Authorization", "Bearer " + auth.secret()});
            case "api_key" -> {
                if ("query".equals(auth.in())) {
                    parameters.put(auth.name(), auth.secret());
                } else {
                    headers.put(auth.name().toLowerCase(Locale.ROOT), new String[] {auth.name(), auth.secret()});
                }
            }
            default -> {
            }
        }
        if (query.body() != null && !headers.containsKey("content-type")) {
            headers.put("content-type", new String[] {"Content-Type", "application/json"});
        }
        String base = settings.baseUrl().toString();
        String path = query.path();
        var url = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (!path.isEmpty()) {
            url.append('/').append(path.startsWith("/") ? path.substring(1) : path);
        }
        if (!parameters.isEmpty()) {
            var joined = new StringJoiner("&", "?", "");
            parameters.forEach((name, value) -> joined.add(RestRequest.form(name) + "=" + RestRequest.form(value)));
            url.append(joined);
        }
        var builder = HttpRequest.newBuilder(URI.create(url.toString())).timeout(timeout)
                .method(query.method(), query.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(query.body()));
        try {
            headers.values().forEach(header -> builder.header(header[0], header[1]));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("query.restricted_header",
                    "A header of this query or configuration cannot be set: " + e.getMessage(), List.of());
        }
        return builder.build();
    }

    private HttpClient client(Target target, RestSettings settings) {
        return clients.compute(target.key(), (key, existing) -> existing != null
                && existing.revision().equals(target.revision()) ? existing
                        : new Client(target.revision(), HttpClient.newBuilder()
                                .connectTimeout(Duration.ofSeconds(settings.connectTimeoutSeconds()))
                                .followRedirects(HttpClient.Redirect.NEVER)
                                .version(HttpClient.Version.HTTP_1_1).build()))
                .http();
    }

    private static SourceFailedException failure(IOException e, Scrubber scrubber, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return scrubber.failed("source.unreachable", "Could not connect to the API in time.", false);
        }
        if (e instanceof HttpTimeoutException) {
            return scrubber.failed("source.timeout", "The API did not answer within " + timeout.toMillis()
                    + " ms (the run's time limit).", true);
        }
        if (e instanceof ConnectException) {
            return scrubber.failed("source.unreachable", "Could not connect to the API: "
                    + (e.getMessage() == null ? "connection refused" : e.getMessage()), false);
        }
        return scrubber.failed("source.unreachable", "The connection to the API failed: " + e, false);
    }

    @Override
    public void retire(Predicate<TargetKey> which) {
        clients.keySet().removeIf(which);
    }
}
