package dev.toolyard.sso;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import com.onelogin.saml2.settings.Saml2Settings;

import dev.toolyard.shared.SpaceId;

/**
 * CPU time per SAML response of what the ACS does with java-saml before it touches the database
 * ({@code SamlAuthenticationProvider.verifyOrRefuse}): read the response, the SAML schema, java-saml's
 * checks and signature verification, then the assertion id, its NotOnOrAfter, the NameID, its
 * format, the session index and the attributes as the person they name. No database, no HTTP, one
 * thread: the figure is this thread's CPU time (ThreadMXBean), which other work on a shared
 * machine slows down but does not add to, unlike wall time.
 *
 * <p>{@code pool} responses are signed by {@link TestIdentityProvider} before anything is measured
 * (RSA-SHA256, assertion signed, each with its own assertion id, the same attributes as
 * {@link SamlSignInBenchmark}) and then verified over and over: {@code warmup} seconds for the JIT,
 * then {@code rounds} rounds of {@code seconds} seconds each. Every response must pass.
 *
 * <pre>
 * ./mvnw -B -Pbench -DskipTests package exec:exec -Dbench.main=dev.toolyard.sso.SamlResponseCpu \
 *     -Dbench.args="warmup=30 rounds=5 seconds=10 pool=2000"
 * </pre>
 */
public final class SamlResponseCpu {

    private static final String PERSON = "grace@saml-response-cpu.bench";

    private SamlResponseCpu() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = option(args, "warmup", 30);
        int rounds = option(args, "rounds", 5);
        int seconds = option(args, "seconds", 10);
        int pool = option(args, "pool", 2000);

        var space = new SpaceId(UUID.randomUUID());
        var serviceProvider = TestServiceProviders.at("https://toolyard.bench");
        var idp = TestIdentityProvider.trusted("https://idp.saml-response-cpu.bench");
        var provider = new SamlProviderSettings(new IdentityProviderId(UUID.randomUUID()), space, "Bench IdP",
                idp.entityId(), "https://idp.saml-response-cpu.bench/sso", List.of(idp.certificatePem()), "mail",
                "givenName", "sn", "memberOf");
        Saml2Settings settings = serviceProvider.forProvider(space, provider);
        String acsUrl = serviceProvider.acsUrl(space);
        Instant now = Instant.now();
        Duration validity = Duration.ofSeconds(warmup + (long) rounds * seconds).plus(Duration.ofMinutes(10));
        String[] responses = IntStream.range(0, pool).parallel().mapToObj(i -> idp.response(acsUrl,
                serviceProvider.entityId(space), PERSON, now).issuedAt(now, validity)
                .attribute("mail", PERSON).attribute("givenName", "Grace").attribute("sn", "Hopper")
                .attribute("memberOf", "devops", "navy").encoded()).toArray(String[]::new);
        var verifier = new Verifier(settings, acsUrl, provider, responses);

        System.out.printf("%s, %d processors, load average %.2f at start; %d responses signed%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), pool);
        Round warm = verifier.run(Duration.ofSeconds(warmup));
        System.out.printf("warm-up   %s%n", warm);
        double[] perResponse = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Round round = verifier.run(Duration.ofSeconds(seconds));
            perResponse[r] = round.cpuMicrosPerResponse();
            System.out.printf("round %d   %s%n", r + 1, round);
        }
        Arrays.sort(perResponse);
        System.out.printf("CPU per response: median %.1f µs (min %.1f, max %.1f) over %d rounds; load average %.2f at end%n",
                perResponse[rounds / 2], perResponse[0], perResponse[rounds - 1], rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** verifyOrRefuse's java-saml part, response by response, round after round. */
    private static final class Verifier {

        private final Saml2Settings settings;
        private final String acsUrl;
        private final SamlProviderSettings provider;
        private final String[] responses;
        private int next;

        Verifier(Saml2Settings settings, String acsUrl, SamlProviderSettings provider, String[] responses) {
            this.settings = settings;
            this.acsUrl = acsUrl;
            this.provider = provider;
            this.responses = responses;
        }

        Round run(Duration length) throws Exception {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long thread = Thread.currentThread().getId();
            long wallStart = System.nanoTime();
            long end = wallStart + length.toNanos();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long allocatedStart = threads.getThreadAllocatedBytes(thread);
            long count = 0;
            long[] phases = new long[4];
            while (System.nanoTime() < end) {
                verify(responses[next], phases, threads);
                next = (next + 1) % responses.length;
                count++;
            }
            return new Round(count, threads.getCurrentThreadCpuTime() - cpuStart, System.nanoTime() - wallStart,
                    threads.getThreadAllocatedBytes(thread) - allocatedStart, phases);
        }

        /** The steps of verifyOrRefuse up to the replay check, each step's CPU time added to {@code phases}. */
        private void verify(String encoded, long[] phases, java.lang.management.ThreadMXBean threads) throws Exception {
            long t0 = threads.getCurrentThreadCpuTime();
            var response = new SamlResponseMessage(settings, acsUrl, encoded);
            long t1 = threads.getCurrentThreadCpuTime();
            if (!response.matchesSchema()) {
                throw new IllegalStateException("schema refused a response");
            }
            long t2 = threads.getCurrentThreadCpuTime();
            String answered = response.inResponseTo();
            if (!response.isValid(answered)) {
                throw new IllegalStateException("java-saml refused a response", response.getValidationException());
            }
            long t3 = threads.getCurrentThreadCpuTime();
            if (response.getAssertionId() == null || response.getAssertionNotOnOrAfter().isEmpty()) {
                throw new IllegalStateException("no assertion id or NotOnOrAfter");
            }
            var identity = SamlIdentities.of(provider, response.getNameId(), response.getNameIdFormat(),
                    response.getSessionIndex(), response.getAttributes());
            if (!PERSON.equals(identity.email()) || !identity.groups().contains("devops")) {
                throw new IllegalStateException("unexpected identity " + identity);
            }
            long t4 = threads.getCurrentThreadCpuTime();
            phases[0] += t1 - t0;
            phases[1] += t2 - t1;
            phases[2] += t3 - t2;
            phases[3] += t4 - t3;
        }
    }

    private record Round(long responses, long cpuNanos, long wallNanos, long allocatedBytes, long[] phases) {

        double cpuMicrosPerResponse() {
            return cpuNanos / 1e3 / Math.max(1, responses);
        }

        @Override
        public String toString() {
            double n = Math.max(1, responses);
            return String.format("%6d responses, CPU %7.1f µs/response (wall %.1f µs), %6.1f KiB allocated/response;"
                    + " read %.0f, schema %.0f, isValid %.0f, NameID+attributes %.0f µs", responses,
                    cpuMicrosPerResponse(), wallNanos / 1e3 / n, allocatedBytes / 1024.0 / n, phases[0] / 1e3 / n,
                    phases[1] / 1e3 / n, phases[2] / 1e3 / n, phases[3] / 1e3 / n);
        }
    }

    private static int option(String[] args, String name, int fallback) {
        return Arrays.stream(args).filter(arg -> arg.startsWith(name + "=")).findFirst()
                .map(arg -> Integer.parseInt(arg.substring(name.length() + 1))).orElse(fallback);
    }
}
