package dev.toolyard.scim;

import com.unboundid.scim2.client.ScimService;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;

/**
 * UnboundID's SCIM 2 SDK on Jersey, as an identity provider's connector would use it, with the
 * space's access token. HttpURLConnection knows no PATCH; Jersey's workaround sets the method by
 * reflection (surefire opens java.net for it).
 */
final class ScimClients {

    private ScimClients() {
    }

    static ScimService scim(int port, String token) {
        Client client = ClientBuilder.newClient()
                .property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true)
                .property(ClientProperties.CONNECT_TIMEOUT, 10_000)
                .property(ClientProperties.READ_TIMEOUT, 60_000)
                .register((ClientRequestFilter) request -> request.getHeaders()
                        .putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        return new ScimService(client.target("http://localhost:" + port + "/scim/v2"));
    }
}
