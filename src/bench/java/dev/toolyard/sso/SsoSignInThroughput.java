package dev.toolyard.sso;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * Issue 7's target "SSO sign-in handling on the Toolyard side: at least 200 per second", for the
 * protocol-neutral part every OIDC and SAML sign-in pays once the IdP's response is verified:
 * {@link SsoSignIns#signIn} — finding the person, JIT provisioning, names and picture, role
 * mapping (two rules, removal mode), each change audited.
 *
 * <p>Starts Toolyard in this JVM on an embedded PostgreSQL in a fresh data directory, gives the
 * admin space a SAML provider, JIT and the rules, then lets {@code threads} threads sign in
 * {@code users} new people (first sign-ins: a user, a membership and a group membership made, each
 * audited) and then the same people {@code rounds} more times (the everyday case: nothing to
 * change). Prints sign-ins per second and latency percentiles for both. Not included: the
 * protocol's own work (token exchange and signature checks, or the SAML response's) and starting
 * the session (a session row, the last sign-in and one audit entry on the instance chain).
 *
 * <pre>
 * ./mvnw -Pbench -DskipTests package exec:exec -Dbench.main=dev.toolyard.sso.SsoSignInThroughput \
 *     -Dbench.args="users=2000 rounds=3 threads=4"
 * </pre>
 */
public final class SsoSignInThroughput {

    private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIDGTCCAgGgAwIBAgIUCnhD9YR5uaUOtzTTO/Xyvjx/FOowDQYJKoZIhvcNAQEL\nBQAwHDEaMBgGA1UEAwwRVG9vbHlhcmQgdGVzdCBJZFAwHhcNMjYxMjAyMDgwODUx\nWhcNMzYxMTI5MDgwODUxWjAcMRowGAYDVQQDDBFUb29seWFyZCB0ZXN0IElkUDCC\nASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBALTnHEQid4hazoiHKjhRUTM1\ndtUQDidvU2OnFQmPBMzKV504cGVYdghvBOOyLUn6yTGVd7Kw09aO44dIjVvPboG4\n3iDV7MDtHYOUz5smMQ5gv8d3yBD5K1DCPgYKmtacd7mt90vckbR9ai3GmnrQ5nJ8\necQXU/E9KOqjqjjaUt+PPfJcz9Yk7P8RU5NeXEI8qQtoJL5KWkWi+kNL1pqj7XVz\n68USj648ooH6BCsyme9hDQ1W6Poq/4v8LTDjBIrVqlw0Awkv5EXlTAvwhu8Z2QF1\naV/I2v1lPXwamk3Go0/manLDfTGyhD1fdzquS3sr3Ghn0jvKnU5JTFuRFfekFOcC\nAwEAAaNTMFEwHQYDVR0OBBYEFCGNmb3DmPW4DaG8AKnb+TDsGx+VMB8GA1UdIwQY\nMBaAFCGNmb3DmPW4DaG8AKnb+TDsGx+VMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZI\nhvcNAQELBQADggEBAEi/3cgOrdWzipQGQuPtcPKS9J6n2lOYzK9e19V0Aux9tmVE\nScXcYcRjjcbSKYBqdvUGTrOsqjKmnRR5CvpwjRgTZCne197hBZw2ZzsYuELa8KCq\nznBszzvzmc54adADT+Qlxw+UH1rOS6P6oMLt2fxBNVvxTKViafJ9uOR+WT0h+Yp9\nTjzkUYGDUpjv4C6AUXtJx6vYkxuvn7M8VNAl8OeRI4bij4HHZ3Zgaf3qHZh3kCyd\nKdiH2/q4xw2LYWeccPtwUhAuYP9A/G/5B4AevBbqNAz5up0LvVAWLrksFUUDSIw2\nyYiKYwILyPqAWkrBUAOEen9vdAsELmbhpjRytvM=\n-----END CERTIFICATE-----\n";

    private SsoSignInThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int users = option(args, "users", 2000);
        int rounds = option(args, "rounds", 3);
        int threads = option(args, "threads", 4);
        String stamp = Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14);
        Path dataDir = Files.createDirectories(Path.of("target", "bench", "sso", stamp));
        var context = new SpringApplicationBuilder(ToolyardApplication.class).run("--server.port=0",
                "--toolyard.admin.email=admin@sso.bench", "--toolyard.admin.password=sso benchmark " + stamp,
                "--toolyard.data-dir=" + dataDir, "--toolyard.sample.enabled=false", "--logging.level.root=WARN");
        try {
            var space = context.getBean(SpaceManagement.class).adminSpaceId();
            var system = Caller.system(space);
            var provider = context.getBean(IdentityProviders.class).saveSaml(system, new SamlProviderChange("Bench IdP",
                    true, "https://idp.example.com/bench", "https://idp.example.com/sso", List.of(CERTIFICATE), null,
                    null, null));
            context.getBean(SsoSettings.class).save(system, new SsoSettingsChange(JitMode.ENABLED,
                    List.of(new SsoSettingsChange.Rule("devops", "Editor"), new SsoSettingsChange.Rule("support", "Viewer")),
                    false, true, null, null, null));
            var signIns = context.getBean(SsoSignIns.class);
            var pool = Executors.newFixedThreadPool(threads);
            try {
                System.out.printf("users=%d rounds=%d threads=%d, %d cores%n", users, rounds, threads,
                        Runtime.getRuntime().availableProcessors());
                measure("warm-up (first sign-ins, not counted)", pool, threads, 200, "warm", signIns, space, provider);
                measure("first sign-ins (JIT, mapping)", pool, threads, users, "person", signIns, space, provider);
                for (int round = 1; round <= rounds; round++) {
                    measure("repeat sign-ins, round " + round, pool, threads, users, "person", signIns, space, provider);
                }
            } finally {
                pool.shutdownNow();
            }
        } finally {
            context.close();
        }
    }

    private static void measure(String label, ExecutorService pool, int threads, int users, String prefix,
            SsoSignIns signIns, SpaceId space, IdentityProvider provider) throws Exception {
        long[] nanos = new long[users];
        var work = new ArrayList<Future<?>>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            work.add(pool.submit(() -> {
                for (int i = first; i < users; i += threads) {
                    var identity = new ExternalIdentity("subject-" + i, prefix + i + "@sso.bench", "First" + i,
                            "Last" + i, null, List.of(i % 2 == 0 ? "devops" : "support"),
                            Map.of("department", "D" + (i % 10)));
                    long before = System.nanoTime();
                    signIns.signIn(space, provider.id(), SsoProtocol.SAML, identity, "127.0.0.1");
                    nanos[i] = System.nanoTime() - before;
                }
                return null;
            }));
        }
        for (var future : work) {
            future.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        System.out.printf("%-40s %6d sign-ins in %6.2f s = %7.1f /s; p50 %6.2f ms, p95 %6.2f ms, p99 %6.2f ms%n",
                label, users, seconds, users / seconds, nanos[users / 2] / 1e6, nanos[(int) (users * 0.95)] / 1e6,
                nanos[(int) (users * 0.99)] / 1e6);
    }

    private static int option(String[] args, String name, int fallback) {
        return Arrays.stream(args).filter(arg -> arg.startsWith(name + "=")).findFirst()
                .map(arg -> Integer.parseInt(arg.substring(name.length() + 1))).orElse(fallback);
    }
}
