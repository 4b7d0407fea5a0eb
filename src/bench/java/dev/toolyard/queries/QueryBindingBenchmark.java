package dev.toolyard.queries;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.toolyard.access.GroupId;
import dev.toolyard.queries.BindingRequest.AppQuery;
import dev.toolyard.queries.BindingRequest.LibraryQuery;
import dev.toolyard.queries.QueryTemplate.FieldText;
import dev.toolyard.resources.BoundQuery;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 4: what binding a query costs per run, on the paths a run takes. The binder and sandbox are
 * the real ones; {@code current_user} is built once (as {@link CurrentUsers} would from one query and
 * the access snapshot) and handed in, since its lookup is a database round trip measured elsewhere.
 *
 * <ul>
 * <li>{@code appQueryBrowserValue}: one expression whose value the browser sent (no JavaScript).
 * <li>{@code appQueryCurrentUserEmail}: {@code {{ current_user.email }}}, a plain member chain read in Java.
 * <li>{@code libraryQueryParameter}: {@code {{ status }}} of a library query, a parameter read in Java.
 * <li>{@code appQueryFinanceExpression}: the issue's
 *     {@code current_user.groups.map(g => g.name).includes('Finance')} in the GraalJS sandbox.
 * <li>{@code parseTemplate}: parsing and checking a one-expression SQL text.
 * </ul>
 *
 * <p>Warm-up is 15 s per fork: GraalJS's interpreter runs on HotSpot, which needs about ten seconds of
 * evaluations to compile it; with 6 s the expression measured 100–700 µs instead of its steady ~13 µs.
 */
@Fork(2)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class QueryBindingBenchmark {

    private static final String FINANCE_SQL = "select * from reports where finance_only = false or "
            + "{{ current_user.groups.map(g => g.name).includes('Finance') }}";
    private static final String BROWSER_SQL = "select * from orders where id = {{ table1.selectedRow.id }}";

    ExpressionSandbox sandbox;
    QueryBinder binder;
    Caller caller;
    CurrentUser user;
    QueryTemplate browserValue;
    QueryTemplate currentUserEmail;
    QueryTemplate libraryParameter;
    QueryTemplate finance;
    AppQuery browserRequest;
    AppQuery emptyRequest;
    LibraryQuery libraryRequest;

    @Setup(Level.Trial)
    public void setUp() {
        sandbox = new ExpressionSandbox(JsonMapper.builder().build());
        // No spoofing happens here, so no audit publisher or transactions are needed.
        binder = new QueryBinder(sandbox, null, null, null);
        caller = Caller.session(UserId.random(), "anna@example.com", new SpaceId(UUID.randomUUID()), false, false,
                "127.0.0.1");
        user = new CurrentUser(caller.userId(), "anna@example.com", "Anna", "Berg", "Anna Berg",
                List.of(new CurrentUser.Group(GroupId.random(), "All Users"), new CurrentUser.Group(GroupId.random(), "Finance"),
                        new CurrentUser.Group(GroupId.random(), "Viewer")),
                Map.of("region", "EMEA", "costCentre", "4711"), Map.of(), null);
        browserValue = sql(BROWSER_SQL);
        currentUserEmail = sql("select * from tasks where owner = {{ current_user.email }}");
        libraryParameter = sql("select * from orders where status = {{ status }}");
        finance = sql(FINANCE_SQL);
        browserRequest = new AppQuery("q", "orders", Map.of("table1.selectedRow.id", 42), Map.of());
        emptyRequest = new AppQuery("q", "tasks", Map.of(), Map.of());
        libraryRequest = new LibraryQuery("q", "orders", List.of(new QueryParameter("status", false, "open", false)),
                Map.of("status", "closed"));
        // The sandbox's one-time warm-up (engine, first context, interpreter) happens here, not in a measurement.
        binder.bind(caller, () -> user, finance, emptyRequest);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sandbox.close();
    }

    @Benchmark
    public BoundQuery appQueryBrowserValue() {
        return binder.bind(caller, () -> user, browserValue, browserRequest);
    }

    @Benchmark
    public BoundQuery appQueryCurrentUserEmail() {
        return binder.bind(caller, () -> user, currentUserEmail, emptyRequest);
    }

    @Benchmark
    public BoundQuery libraryQueryParameter() {
        return binder.bind(caller, () -> user, libraryParameter, libraryRequest);
    }

    @Benchmark
    public BoundQuery appQueryFinanceExpression() {
        return binder.bind(caller, () -> user, finance, emptyRequest);
    }

    @Benchmark
    public QueryTemplate parseTemplate() {
        return sql(BROWSER_SQL);
    }

    private static QueryTemplate sql(String text) {
        return QueryTemplate.parse(new FieldText("sql", text));
    }
}
