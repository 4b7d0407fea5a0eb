package dev.toolyard.sso;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

import dev.toolyard.shared.InvalidInputException;

/** Checks of what admins type into SSO settings, each failing as a problem on its field. */
final class SsoInput {

    private SsoInput() {
    }

    static String required(String field, String value, int max) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw InvalidInputException.of(field, "field.required", field + " must be given");
        }
        if (text.length() > max) {
            throw InvalidInputException.of(field, "field.size", field + " must be at most " + max + " characters");
        }
        return text;
    }

    static String optional(String field, String value, int max) {
        return value == null || value.isBlank() ? null : required(field, value, max);
    }

    /**
     * An absolute https URL without credentials or fragment. Plain http only on a loopback host:
     * a provider on the same machine (development, tests) is reached without a network to spy on.
     */
    static String webUrl(String field, String value) {
        String text = required(field, value, 2000);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw notUrl(field);
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw notUrl(field);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && loopback(uri.getHost());
        if (!https && !loopbackHttp) {
            throw InvalidInputException.of(field, "sso.https_required", field + " must be an https URL");
        }
        return text;
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static InvalidInputException notUrl(String field) {
        return InvalidInputException.of(field, "field.url", field + " must be an absolute URL");
    }
}
