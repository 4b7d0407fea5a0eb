package dev.toolyard.queries;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.toolyard.shared.UserId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates server-side expressions (T-CU5) with JavaScript semantics in GraalJS, sandboxed: no
 * host or Java access, no class lookup, no I/O, threads, processes, environment, polyglot or code
 * from strings; bounded statements, time, memory and sizes ({@link ExpressionLimits}).
 *
 * <p>One {@link Engine} is shared (parsed code is shared with it). Contexts are pooled: making one
 * costs about a millisecond plus hardening, an evaluation in a warm one about ten microseconds.
 * A context is hardened once ({@code sandbox.js}: everything reachable is frozen), so no
 * evaluation can leave state behind for the next, whoever runs it; a context that was cancelled or
 * ran out of anything is closed, never reused. Values go in as one JSON text, parsed inside the
 * sandbox, and come out as JSON text parsed here: no host object ever enters a context.
 *
 * <p>A plain member chain ({@code current_user.email}) is read in Java without the engine.
 */
@Component
class ExpressionSandbox implements AutoCloseable {

    /** Thrown for an expression that failed or hit a limit; the binder says which field. */
    static final class EvaluationFailed extends RuntimeException {

        private final boolean limit;

        EvaluationFailed(String message, boolean limit) {
            super(message, null, false, false);
            this.limit = limit;
        }

        boolean limit() {
            return limit;
        }
    }

    private static final Object UNRESOLVED = new Object();
    private static final List<TemplateExpression> WARM_UP = QueryTemplate.parse(new QueryTemplate.FieldText("warm-up",
            "{{ current_user.groups.map(g => g.name).includes('Finance') }}"
                    + "{{ current_user.email === table1.selectedRow.owner }}"
                    + "{{ ({ ids: rows.filter(r => r.active).map(r => r.id), at: new Date(0).toISOString() }) }}"
                    + "{{ `${current_user.firstName} ${current_user.attributes.region}`.trim().toLowerCase() }}"))
            .expressions();
    private static final int WARM_UP_ROUNDS = 50;
    private static final int CHECK_MILLIS = 10;
    /** Compiled wrappers kept per context; beyond this the cache starts again (expressions are few). */
    private static final int FUNCTIONS_PER_CONTEXT = 512;

    private final JsonMapper json;
    private final ExpressionLimits limits;
    private final ResourceLimits statementLimit;
    private final String hardening;
    private final int maxIdle = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    private final ConcurrentLinkedDeque<Sandbox> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    /**
     * One thread checks every running evaluation each {@value #CHECK_MILLIS} ms. A task scheduled
     * per evaluation would cost more than a typical evaluation (each one wakes the thread).
     */
    private final ScheduledThreadPoolExecutor watchdog;
    private final Set<Evaluation> running = ConcurrentHashMap.newKeySet();
    /** Closing a cancelled context waits for it to stop: never on the watchdog's one thread. */
    private final ExecutorService closer;
    private final com.sun.management.ThreadMXBean allocations;
    private final ThreadMXBean cpu;
    private volatile Engine engine;
    private volatile boolean closed;
    private volatile boolean warm;

    @Autowired
    ExpressionSandbox(JsonMapper json) {
        this(json, ExpressionLimits.DEFAULT);
    }

    ExpressionSandbox(JsonMapper json, ExpressionLimits limits) {
        this.json = json;
        this.limits = limits;
        this.statementLimit = ResourceLimits.newBuilder().statementLimit(limits.statements(), null).build();
        this.hardening = resource("sandbox.js");
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemon("toolyard-expression-watchdog"));
        this.closer = Executors.newCachedThreadPool(daemon("toolyard-expression-closer"));
        var bean = ManagementFactory.getThreadMXBean();
        // HotSpot counts each thread's allocations; elsewhere only time, statements and sizes bound an evaluation.
        this.allocations = bean instanceof com.sun.management.ThreadMXBean counting && counting.isThreadAllocatedMemorySupported()
                && counting.isThreadAllocatedMemoryEnabled() ? counting : null;
        // CPU time, where the JVM measures it: on two busy cores wall time would fail expressions that did little.
        this.cpu = bean.isThreadCpuTimeSupported() && bean.isThreadCpuTimeEnabled() ? bean : null;
    }

    /**
     * @param currentUser {@code current_user} as {@link CurrentUser#asMap()} gives it, or null when the
     *        expression may not read it
     * @param scope further names the expression may read (state or parameters), JSON-like values
     * @return a JSON-like value: null, String, Number, Boolean, List or Map
     * @throws EvaluationFailed when the expression throws or exceeds a limit
     */
    Object evaluate(TemplateExpression expression, Map<String, Object> currentUser, Map<String, Object> scope) {
        Object resolved = resolve(expression.memberPath(), currentUser, scope);
        if (resolved != UNRESOLVED) {
            return resolved;
        }
        var declared = new TreeSet<String>();
        var values = new LinkedHashMap<String, Object>();
        for (String name : expression.names()) {
            if (scope.containsKey(name) && !name.equals(TemplateExpression.CURRENT_USER) && !name.startsWith("__")
                    && !name.equals("arguments")) {
                declared.add(name);
                values.put(name, scope.get(name));
            }
        }
        var input = new HashMap<String, Object>(4);
        input.put("s", values);
        if (currentUser != null) {
            input.put("u", currentUser);
        }
        String inputJson = json.writeValueAsString(input);
        if (inputJson.length() > limits.inputChars()) {
            throw new EvaluationFailed("The values the expression reads are larger than " + limits.inputChars()
                    + " characters of JSON", true);
        }
        String output = run(wrapper(expression, declared, currentUser != null), inputJson);
        if (output == null) {
            return null;
        }
        try {
            return json.readValue(output, Object.class);
        } catch (JacksonException e) {
            throw new EvaluationFailed("The expression's value cannot be read as JSON", false);
        }
    }

    /** A plain member chain read in Java, or {@link #UNRESOLVED} where JavaScript must decide. */
    @SuppressWarnings("unchecked")
    private static Object resolve(List<Object> path, Map<String, Object> currentUser, Map<String, Object> scope) {
        if (path.isEmpty()) {
            return UNRESOLVED;
        }
        String root = (String) path.get(0);
        Object value;
        if (root.equals(TemplateExpression.CURRENT_USER) && currentUser != null) {
            value = currentUser;
        } else if (!root.equals(TemplateExpression.CURRENT_USER) && scope.containsKey(root)) {
            value = scope.get(root);
        } else {
            return UNRESOLVED;
        }
        for (int i = 1; i < path.size(); i++) {
            Object step = path.get(i);
            if (value instanceof Map<?, ?> map && map.containsKey(step.toString())) {
                value = ((Map<String, Object>) map).get(step.toString());
            } else if (value instanceof List<?> list && step instanceof Integer index && index < list.size()) {
                value = list.get(index);
            } else {
                return UNRESOLVED;
            }
        }
        return value;
    }

    private static String wrapper(TemplateExpression expression, TreeSet<String> declared, boolean currentUser) {
        var source = new StringBuilder(256 + expression.source().length());
        source.append("(function (__input) {\nconst __stringify = JSON.stringify;\nconst __values = JSON.parse(__input);\n{\n");
        if (currentUser) {
            source.append("const current_user = __values.u;\n");
        }
        for (String name : declared) {
            source.append("const ").append(name).append(" = __values.s[\"").append(name).append("\"];\n");
        }
        // The expression on lines of its own: a trailing // comment cannot swallow the closing brackets,
        // and the scanner has checked that its brackets balance.
        return source.append("return __stringify((\n").append(expression.source()).append("\n));\n}\n})").toString();
    }

    private String run(String wrapper, String input) {
        var sandbox = acquire();
        var evaluation = new Evaluation(sandbox);
        running.add(evaluation);
        boolean reusable = false;
        try {
            var function = sandbox.function(wrapper);
            sandbox.context.resetLimits();
            Value result = function.execute(input);
            String output = result.isNull() ? null : result.asString();
            reusable = true;
            return output;
        } catch (PolyglotException e) {
            String cancelled = evaluation.cancelledBecause();
            if (cancelled != null) {
                throw new EvaluationFailed(cancelled, true);
            }
            if (e.isResourceExhausted() || e.isCancelled()) {
                throw new EvaluationFailed("The expression ran too long or used too much memory ("
                        + e.getMessage() + ")", true);
            }
            if (e.isGuestException() && !e.isInternalError()) {
                // A script error leaves nothing behind in a hardened context: it stays in the pool.
                reusable = true;
                throw new EvaluationFailed(e.getMessage(), false);
            }
            throw new EvaluationFailed("The expression could not be evaluated", false);
        } finally {
            running.remove(evaluation);
            // When the watchdog won, it is closing the context already.
            if (evaluation.finish()) {
                if (reusable) {
                    release(sandbox);
                } else {
                    discard(sandbox);
                }
            }
        }
    }

    private Sandbox acquire() {
        var sandbox = idle.pollFirst();
        if (sandbox != null) {
            idleCount.decrementAndGet();
            return sandbox;
        }
        sandbox = newSandbox();
        if (!warm) {
            synchronized (this) {
                if (!warm) {
                    warmUp(sandbox);
                    watchdog.scheduleWithFixedDelay(this::police, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    warm = true;
                }
            }
        }
        return sandbox;
    }

    /**
     * The JVM runs GraalJS's interpreter slowly until it has compiled it: the first evaluations take
     * hundreds of milliseconds and would hit the time limit. Once per sandbox, untimed, typical
     * expressions run until they are fast (a second or two, paid by the first server-side expression).
     */
    private void warmUp(Sandbox sandbox) {
        var user = new CurrentUser(new UserId(new UUID(0, 1)), "warm@example.com", "Warm",
                "Up", "Warm Up", List.of(), Map.of("region", "EMEA"), Map.of(), null).asMap();
        var scope = Map.<String, Object>of("table1", Map.of("selectedRow", Map.of("owner", "warm@example.com")),
                "rows", List.of(Map.of("id", 1, "active", true), Map.of("id", 2, "active", false)));
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (var expression : WARM_UP) {
                var names = new TreeSet<>(expression.names());
                names.retainAll(scope.keySet());
                var input = new HashMap<String, Object>();
                input.put("u", user);
                input.put("s", scope);
                sandbox.context.resetLimits();
                sandbox.function(wrapper(expression, names, true)).execute(json.writeValueAsString(input));
            }
        }
    }

    private void release(Sandbox sandbox) {
        if (!closed && idleCount.incrementAndGet() <= maxIdle) {
            idle.offerFirst(sandbox);
        } else {
            idleCount.decrementAndGet();
            sandbox.context.close();
        }
    }

    private void discard(Sandbox sandbox) {
        closer.execute(() -> sandbox.context.close(true));
    }

    private void police() {
        for (var evaluation : running) {
            evaluation.check();
        }
    }

    private Sandbox newSandbox() {
        if (closed) {
            throw new IllegalStateException("The expression sandbox is closed");
        }
        var context = Context.newBuilder("js")
                .engine(engine())
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(name -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowValueSharing(false)
                .allowInnerContextOptions(false)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .resourceLimits(statementLimit)
                // Several of these options are marked experimental by GraalJS; they only take features away.
                .allowExperimentalOptions(true)
                .option("js.strict", "true")
                .option("js.allow-eval", "false")
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .option("js.graal-builtin", "false")
                .option("js.polyglot-builtin", "false")
                .option("js.java-package-globals", "false")
                .option("js.shared-array-buffer", "false")
                .option("js.atomics", "false")
                .option("js.intl-402", "false")
                .option("js.regexp-static-result", "false")
                .option("js.string-length-limit", Integer.toString(limits.elements()))
                .option("js.max-typed-array-length", Integer.toString(limits.elements()))
                .option("js.max-apply-argument-length", Integer.toString(limits.elements()))
                .build();
        try {
            context.eval(Source.create("js", hardening)).execute(limits.elements());
            return new Sandbox(context);
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    private Engine engine() {
        var current = engine;
        if (current == null) {
            synchronized (this) {
                current = engine;
                if (current == null) {
                    current = Engine.newBuilder("js")
                            // A stock JDK has no Truffle compiler: GraalJS interprets, as intended here.
                            .option("engine.WarnInterpreterOnly", "false")
                            .out(OutputStream.nullOutputStream())
                            .err(OutputStream.nullOutputStream())
                            .build();
                    engine = current;
                }
            }
        }
        return current;
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        Sandbox sandbox;
        while ((sandbox = idle.pollFirst()) != null) {
            sandbox.context.close(true);
        }
        closer.shutdown();
        var current = engine;
        if (current != null) {
            current.close(true);
        }
    }

    /** A hardened context and the functions compiled in it, used by one evaluation at a time. */
    private static final class Sandbox {

        private final Context context;
        private final Map<String, Value> functions = new HashMap<>();

        Sandbox(Context context) {
            this.context = context;
        }

        Value function(String wrapper) {
            var function = functions.get(wrapper);
            if (function == null) {
                if (functions.size() >= FUNCTIONS_PER_CONTEXT) {
                    functions.clear();
                }
                context.resetLimits();
                function = context.eval("js", wrapper);
                functions.put(wrapper, function);
            }
            return function;
        }
    }

    /**
     * One evaluation as the watchdog sees it. Whoever changes the state first wins: the watchdog
     * cancelling (the context is then closed and never reused) or the evaluation finishing.
     */
    private final class Evaluation {

        private static final int RUNNING = 0;
        private static final int FINISHED = 1;
        private static final int CANCELLED = 2;

        private final Sandbox sandbox;
        private final long thread = Thread.currentThread().getId();
        // The current thread's own counters: no lookup by id, which walks the JVM's thread list.
        private final long started = cpu == null ? System.nanoTime() : cpu.getCurrentThreadCpuTime();
        private final long allocatedBefore = allocations == null ? 0 : allocations.getCurrentThreadAllocatedBytes();
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile String reason;

        Evaluation(Sandbox sandbox) {
            this.sandbox = sandbox;
        }

        private long time() {
            return cpu == null ? System.nanoTime() : cpu.getThreadCpuTime(thread);
        }

        void check() {
            if (state.get() != RUNNING) {
                return;
            }
            String why = null;
            if (time() - started > limits.timeout().toNanos()) {
                why = "The expression took longer than " + limits.timeout().toMillis() + " ms";
            } else if (allocations != null
                    && allocations.getThreadAllocatedBytes(thread) - allocatedBefore > limits.allocatedBytes()) {
                why = "The expression used more than " + (limits.allocatedBytes() >> 20) + " MB of memory";
            }
            if (why != null) {
                reason = why;
                if (state.compareAndSet(RUNNING, CANCELLED)) {
                    discard(sandbox);
                }
            }
        }

        /** @return false when the watchdog cancelled it: the context is being closed. */
        boolean finish() {
            return state.compareAndSet(RUNNING, FINISHED);
        }

        String cancelledBecause() {
            return state.get() == CANCELLED ? reason : null;
        }
    }

    private static String resource(String name) {
        try (InputStream in = ExpressionSandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + name, e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            var thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
