package dev.toolyard.identity;

import java.io.IOException;

import org.springframework.stereotype.Component;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The access-token authentication of the API for other filter chains that speak another error
 * language (SCIM, RFC 7644): the same lookup and revocation check, their own refusal.
 */
@Component
public class BearerTokens {

    /** Writes the answer to a request whose token is unknown, revoked or expired. */
    @FunctionalInterface
    public interface Refusal {
        void write(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private final ApiTokenManagement tokens;

    BearerTokens(ApiTokenManagement tokens) {
        this.tokens = tokens;
    }

    public Filter filter(Refusal refusal) {
        return new ApiTokenAuthenticationFilter(tokens, refusal);
    }
}
