package dev.toolyard.identity;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 3's users page target: {@code GET /api/v1/users} with search, filter and sort over a space of
 * 100,000 users answers within 50 ms at the 95th percentile, measured through HTTP against a running
 * server on PostgreSQL.
 *
 * <p>Starts Toolyard in this JVM (embedded PostgreSQL in a fresh data directory, or a fresh database
 * on the server whose admin URL is given), loads the users and their memberships of the admin space
 * with COPY (not through the API), makes 20 of them space admins, then sends the same requests one
 * after another, round-robin over every combination of search text, filter and sort (first pages,
 * and second pages without search), and prints percentiles per combination and over all requests.
 *
 * <pre>
 * ./mvnw -Pbench -DskipTests package exec:exec -Dbench.main=dev.toolyard.identity.UsersPageLatency \
 *     -Dbench.args="embedded"            # or: jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres
 * </pre>
 * Further arguments: {@code rounds=N} (measured requests per combination, default 40), {@code keep}
 * (leave the external database in place, e.g. for EXPLAIN ANALYZE).
 */
public final class UsersPageLatency {

    private static final int USERS = 100_000;
    private static final int ADMINS = 20;
    private static final int LIMIT = 50;
    private static final String ADMIN_EMAIL = "admin@users-page.bench";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String[] FIRST_NAMES = { "Aaliyah", "Adam", "Adriana", "Ahmed", "Aiko", "Alejandro", "Alex",
            "Alice", "Amara", "Amir", "Ana", "Andrea", "Andrew", "Anna", "Antonio", "Aria", "Arjun", "Ben", "Bianca",
            "Carlos", "Carmen", "Charlotte", "Chen", "Chloe", "Daniel", "David", "Diego", "Elena", "Eli", "Emma", "Eric",
            "Fatima", "Felix", "Fernando", "Freya", "Gabriel", "Grace", "Hana", "Hannah", "Hugo", "Ibrahim", "Ines",
            "Isabel", "Ivan", "Jack", "James", "Jana", "Javier", "Jin", "John", "Jose", "Julia", "Karim", "Kate", "Kenji",
            "Lara", "Laura", "Leo", "Liam", "Lina", "Lucas", "Luis", "Maria", "Marco", "Mariam", "Mark", "Marta", "Mateo",
            "Maya", "Mei", "Mia", "Michael", "Mohammed", "Nadia", "Noah", "Nora", "Olga", "Oliver", "Omar", "Paula",
            "Pedro", "Priya", "Rafael", "Ravi", "Rosa", "Sam", "Sara", "Sofia", "Sven", "Tariq", "Thomas", "Tomas",
            "Valentina", "Victor", "Wei", "Yara", "Yusuf", "Zara", "Zoe", "" };
    private static final String[] LAST_NAMES = { "Abbott", "Adeyemi", "Ahmed", "Alvarez", "Andersen", "Bauer", "Becker",
            "Bianchi", "Brown", "Campbell", "Castro", "Chen", "Clarke", "Costa", "Cruz", "Dubois", "Dupont", "Edwards",
            "Eriksson", "Evans", "Fernandez", "Fischer", "Fontaine", "Garcia", "Gomez", "Gonzalez", "Gupta", "Hansen",
            "Hernandez", "Hoffmann", "Hughes", "Ito", "Jansen", "Jensen", "Johnson", "Jones", "Kato", "Khan", "Kim",
            "Kowalski", "Kumar", "Larsen", "Lee", "Lewis", "Li", "Lopez", "Martin", "Martinez", "Meyer", "Moreau",
            "Moreno", "Muller", "Murphy", "Nakamura", "Nguyen", "Nielsen", "Novak", "Okafor", "Olsen", "Ortiz",
            "Patel", "Perez", "Petrov", "Ramirez", "Reyes", "Ricci", "Rossi", "Ruiz", "Sanchez", "Santos", "Sato",
            "Schmidt", "Schneider", "Silva", "Singh", "Smith", "Suzuki", "Takahashi", "Tanaka", "Taylor", "Torres",
            "Van Dijk", "Wagner", "Walker", "Wang", "Weber", "Williams", "Wilson", "Wong", "Wright", "Yamamoto",
            "Yilmaz", "Young", "Zhang", "Zhou", "" };
    private static final String[] DOMAINS = { "example.com", "acme.test", "globex.test", "initech.test", "umbrella.test",
            "hooli.test", "stark.test", "wayne.test" };

    /** Search texts by kind: none, two letters (too short for trigrams), common, one surname, nothing matches. */
    private static final Map<String, String> SEARCHES = new LinkedHashMap<>();
    static {
        SEARCHES.put("none", "");
        SEARCHES.put("two letters", "an");
        SEARCHES.put("common", "mar");
        SEARCHES.put("surname", "nakamura");
        SEARCHES.put("e-mail", "olsen.4");
        SEARCHES.put("no match", "qxzv");
    }
    private static final List<String> FILTERS = List.of("all", "enabled", "invited", "suggested", "disabled", "admins");
    private static final List<String> SORTS = List.of("name", "last_activity");

    private record Case(String search, String filter, String sort, boolean secondPage) {

        String label() {
            return String.format("%-11s %-8s %-13s %s", search, filter, sort, secondPage ? "page 2" : "page 1");
        }
    }

    private UsersPageLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: embedded | <jdbc admin url> [rounds=N] [keep]");
        }
        int rounds = Arrays.stream(args).filter(arg -> arg.startsWith("rounds=")).findFirst()
                .map(arg -> Integer.parseInt(arg.substring(7))).orElse(40);
        boolean keep = Arrays.asList(args).contains("keep");
        String stamp = Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14);
        var arguments = new ArrayList<>(List.of("--server.port=0", "--toolyard.admin.email=" + ADMIN_EMAIL,
                "--toolyard.admin.password=users page benchmark " + stamp, "--logging.level.root=WARN"));
        String database = null;
        String adminUrl = null;
        if ("embedded".equals(args[0])) {
            Path dataDir = Files.createDirectories(Path.of("target", "bench", "users-page", stamp));
            arguments.add("--toolyard.data-dir=" + dataDir);
            System.out.println("Embedded PostgreSQL, data in " + dataDir);
        } else {
            adminUrl = args[0];
            database = "toolyard_users_page_" + stamp;
            execute(adminUrl, "create database " + database);
            Path dataDir = Files.createDirectories(Path.of("target", "bench", "users-page", stamp));
            arguments.add("--toolyard.data-dir=" + dataDir);
            arguments.add("--toolyard.db.url=" + withDatabase(adminUrl, database));
            System.out.println("External PostgreSQL, fresh database " + database);
        }
        var context = new SpringApplicationBuilder(ToolyardApplication.class).run(arguments.toArray(String[]::new));
        try {
            run(context, rounds);
        } finally {
            context.close();
            if (database != null && !keep) {
                execute(adminUrl, "drop database " + database);
            }
        }
    }

    private static void run(ConfigurableApplicationContext context, int rounds) throws Exception {
        var jdbc = context.getBean(JdbcClient.class);
        var space = new SpaceId(jdbc.sql("select id from spaces where is_admin_space").query(UUID.class).single());
        var admin = new UserId(jdbc.sql("select id from users where email = ?").param(ADMIN_EMAIL).query(UUID.class)
                .single());
        System.out.println("PostgreSQL: " + jdbc.sql("select version()").query(String.class).single());

        long started = System.nanoTime();
        var users = load(context.getBean(DataSource.class), space);
        var groups = context.getBean(PermissionGroups.class);
        for (int i = 0; i < ADMINS; i++) {
            groups.addMember(space, BuiltInGroup.ADMIN, users.get(i * (USERS / ADMINS)));
        }
        jdbc.sql("analyze users").update();
        jdbc.sql("analyze space_memberships").update();
        System.out.printf("Loaded %,d users into the space in %d ms%n", USERS, (System.nanoTime() - started) / 1_000_000);
        jdbc.sql("select state, count(*) from space_memberships where space_id = ? group by state order by state")
                .param(space.value()).query((rs, n) -> rs.getString(1) + " " + rs.getLong(2)).list()
                .forEach(line -> System.out.println("  " + line));

        var caller = Caller.session(admin, ADMIN_EMAIL, space, true, true, "127.0.0.1");
        String token = context.getBean(ApiTokenManagement.class)
                .create(caller, "users page latency", Set.of(ApiScope.USERS_READ), null).secret();
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        measure(port, token, rounds);
    }

    /** Users and their memberships of the space, by COPY; states and last activity drawn from a fixed seed. */
    private static List<UserId> load(DataSource dataSource, SpaceId space) throws SQLException, IOException {
        var random = new Random(100_000);
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var people = new StringBuilder();
        var memberships = new StringBuilder();
        var ids = new ArrayList<UserId>(USERS);
        for (int i = 0; i < USERS; i++) {
            var id = UUID.randomUUID();
            ids.add(new UserId(id));
            String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
            String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
            String local = (first + "." + last).toLowerCase().replace(' ', '-').replaceAll("^\\.|\\.$", "");
            String email = (local.isEmpty() ? "user" : local) + "." + i + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
            var joined = now.minus(30 + random.nextInt(1_000), ChronoUnit.DAYS);
            people.append(id).append(',').append(email).append(',').append(csv(first)).append(',').append(csv(last))
                    .append(',').append(joined.atOffset(ZoneOffset.UTC)).append('\n');
            int draw = random.nextInt(100);
            String state = draw < 85 ? "ENABLED" : draw < 91 ? "INVITED" : draw < 94 ? "SUGGESTED" : "DISABLED";
            String lastActive = "";
            if (("ENABLED".equals(state) || "DISABLED".equals(state)) && random.nextInt(10) > 0) {
                lastActive = now.minusSeconds(random.nextInt(365 * 24 * 3600)).atOffset(ZoneOffset.UTC).toString();
            }
            memberships.append(space).append(',').append(id).append(',').append(state).append(',')
                    .append(joined.atOffset(ZoneOffset.UTC)).append(',').append(lastActive).append('\n');
        }
        try (var connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy users (id, email, first_name, last_name, created_at) from stdin (format csv)",
                    new StringReader(people.toString()));
            copy.copyIn("copy space_memberships (space_id, user_id, state, created_at, last_active_at)"
                    + " from stdin (format csv)", new StringReader(memberships.toString()));
        }
        return ids;
    }

    private static String csv(String value) {
        return value.isEmpty() ? "\"\"" : value;
    }

    private static void measure(int port, String token, int rounds) throws IOException, InterruptedException {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var cases = new ArrayList<Case>();
        for (String search : SEARCHES.keySet()) {
            for (String filter : FILTERS) {
                for (String sort : SORTS) {
                    cases.add(new Case(search, filter, sort, false));
                }
            }
        }
        for (String filter : FILTERS) {
            for (String sort : SORTS) {
                cases.add(new Case("none", filter, sort, true));
            }
        }
        var cursors = new LinkedHashMap<Case, String>();
        var rows = new LinkedHashMap<Case, Integer>();
        for (var c : cases) {
            if (!c.secondPage()) {
                var page = JSON.readTree(get(http, port, token, url(c, null)));
                rows.put(c, page.get("items").size());
                var next = page.get("nextCursor");
                if ("none".equals(c.search())) {
                    cursors.put(new Case(c.search(), c.filter(), c.sort(), true),
                            next == null || next.isNull() ? null : next.asString());
                }
            }
        }
        int warmup = Math.max(5, rounds / 4);
        System.out.printf("Warm-up: %d rounds over %d combinations%n", warmup, cases.size());
        for (int round = 0; round < warmup; round++) {
            for (var c : cases) {
                get(http, port, token, url(c, cursors.get(c)));
            }
        }
        var timings = new LinkedHashMap<Case, long[]>();
        cases.forEach(c -> timings.put(c, new long[rounds]));
        var all = new long[rounds * cases.size()];
        int n = 0;
        long measuring = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (var c : cases) {
                long start = System.nanoTime();
                get(http, port, token, url(c, cursors.get(c)));
                long took = System.nanoTime() - start;
                timings.get(c)[round] = took;
                all[n++] = took;
            }
        }
        System.out.printf("Measured %,d requests (%d per combination, one at a time) in %d s%n%n", all.length, rounds,
                (System.nanoTime() - measuring) / 1_000_000_000);
        System.out.printf("%-46s %5s %8s %8s %8s%n", "search      filter   sort          page", "rows", "p50 ms",
                "p95 ms", "max ms");
        Case worst = null;
        double worstP95 = 0;
        for (var entry : timings.entrySet()) {
            var c = entry.getKey();
            double p95 = percentile(entry.getValue(), 95);
            if (p95 > worstP95) {
                worstP95 = p95;
                worst = c;
            }
            Integer count = c.secondPage() ? (cursors.get(c) == null ? 0 : LIMIT) : rows.get(c);
            System.out.printf("%-46s %5d %8.1f %8.1f %8.1f%n", c.label(), count, percentile(entry.getValue(), 50), p95,
                    percentile(entry.getValue(), 100));
        }
        System.out.printf("%nAll requests: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", percentile(all, 50),
                percentile(all, 95), percentile(all, 99), percentile(all, 100));
        System.out.printf("Slowest combination by p95: %s (%.1f ms)%n", worst.label().replaceAll(" +", " "), worstP95);
    }

    private static String url(Case c, String cursor) {
        var url = new StringBuilder("/api/v1/users?limit=" + LIMIT + "&filter=" + c.filter() + "&sort=" + c.sort());
        String text = SEARCHES.get(c.search());
        if (!text.isEmpty()) {
            url.append("&q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        if (cursor != null) {
            url.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    private static String get(HttpClient http, int port, String token, String path)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double percentile(long[] nanos, double percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }
}
