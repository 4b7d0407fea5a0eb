package dev.toolyard.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.toolyard.queries.ExpressionSandbox.EvaluationFailed;
import tools.jackson.databind.json.JsonMapper;

/** T-CU5: server-side expressions run with JavaScript semantics and cannot reach the host or each other. */
class ExpressionSandboxTest {

    private static final Map<String, Object> ANNA = Map.of("id", "u-1", "email", "anna@example.com",
            "groups", List.of(Map.of("id", "g-1", "name", "All Users"), Map.of("id", "g-2", "name", "Finance")),
            "attributes", Map.of("region", "EMEA"));
    private static final Map<String, Object> BERT = Map.of("id", "u-2", "email", "bert@example.com",
            "groups", List.of(Map.of("id", "g-1", "name", "All Users")), "attributes", Map.of());

    private static ExpressionSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = new ExpressionSandbox(JsonMapper.builder().build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theIssuesFinanceExpressionTellsMembersFromOthers() {
        String finance = "current_user.groups.map(g => g.name).includes('Finance')";
        assertThat(evaluate(finance, ANNA, Map.of())).isEqualTo(true);
        assertThat(evaluate(finance, BERT, Map.of())).isEqualTo(false);
    }

    @Test
    void plainMemberChainsAreReadWithoutTheEngine() {
        assertThat(evaluate("current_user.email", ANNA, Map.of())).isEqualTo("anna@example.com");
        assertThat(evaluate("current_user.groups[1]['name']", ANNA, Map.of())).isEqualTo("Finance");
        assertThat(evaluate("filters.status", null, Map.of("filters", Map.of("status", "open")))).isEqualTo("open");
        // Not plain: JavaScript decides, with its semantics for a missing property and for length.
        assertThat(evaluate("current_user.nickname", ANNA, Map.of())).isNull();
        assertThat(evaluate("current_user.groups.length", ANNA, Map.of())).isEqualTo(2);
    }

    @Test
    void mixedExpressionsReadCurrentUserAndTheGivenState() {
        var state = Map.<String, Object>of("table1", Map.of("selectedRow", Map.of("owner", "anna@example.com")));
        String mine = "current_user.email === table1.selectedRow.owner";
        assertThat(evaluate(mine, ANNA, state)).isEqualTo(true);
        assertThat(evaluate(mine, BERT, state)).isEqualTo(false);
    }

    @Test
    void valuesComeOutJsonLike() {
        assertThat(evaluate("({a: [1, 'two', null, true], b: 1.5})", null, Map.of()))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1, "two", null, true), "b", 1.5));
        assertThat(evaluate("undefined", null, Map.of())).isNull();
        assertThat(evaluate("new Date(0)", null, Map.of())).isEqualTo("1970-01-01T00:00:00.000Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Java.type('java.lang.System').exit(1)",
            "Polyglot.export('x', 1)",
            "java.lang.System.getenv()",
            "Packages.java.io.File",
            "load('/etc/passwd')",
            "Object.getPrototypeOf(async function () {})['constr' + 'uctor']('return 1')()",
            "fetch('http://127.0.0.1/')",
            "print('x')",
            "console.log('x')",
            "Graal.versionJS",
            "[]['constr' + 'uctor']['constr' + 'uctor']('return 1')()",
            "Object.values(Object.getOwnPropertyDescriptors(Object.getPrototypeOf(() => 0))).map(d => d.value)"
                    + ".find(f => typeof f === 'function' && f.name === 'Function')('return 1')()",
            "Object.getPrototypeOf(async () => 0).x = 1",
            "new SharedArrayBuffer(8)",
            "Atomics.wait",
            "new WeakRef({})",
            "Intl.DateTimeFormat().resolvedOptions().timeZone",
    })
    void hostAccessAndCodeFromTextFail(String attempt) {
        assertThatThrownBy(() -> evaluate(attempt, ANNA, Map.of()))
                .isInstanceOf(EvaluationFailed.class)
                .satisfies(e -> assertThat(((EvaluationFailed) e).limit()).isFalse());
    }

    @Test
    void noHostGlobalsExist() {
        assertThat(evaluate("[typeof Java, typeof Polyglot, typeof java, typeof Packages, typeof load, typeof print,"
                + " typeof console, typeof Graal, typeof fetch, typeof Intl]", null, Map.of()))
                .isEqualTo(java.util.Collections.nCopies(10, "undefined"));
    }

    @Test
    void anEndlessLoopEndsWithAClearErrorWithinASecond() {
        evaluate("1", null, Map.of());
        long started = System.nanoTime();
        assertThatThrownBy(() -> evaluate("(() => { while (true) {} })()", null, Map.of()))
                .isInstanceOf(EvaluationFailed.class)
                .satisfies(e -> assertThat(((EvaluationFailed) e).limit()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "'x'.repeat(1e9).length",
            "(() => { const a = []; while (true) { a.push('row ' + a.length); } })()",
            "new Array(1e8).fill(0).length",
            "Array.from({length: 2 ** 32 - 1}).length",
            "Array.prototype.lastIndexOf.call({length: 2 ** 32 - 1}, 1)",
            "Array.apply(null, {length: 1e7}).length",
            "new Float64Array(1e8).length",
            "[...Array(1e8).keys()].length",
    })
    void hugeAllocationsFailCleanlyAndQuickly(String attempt) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> evaluate(attempt, null, Map.of())).isInstanceOf(EvaluationFailed.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        // The sandbox still works afterwards.
        assertThat(evaluate("1 + 1", null, Map.of())).isEqualTo(2);
    }

    @Test
    void nothingAnEvaluationDoesIsSeenByTheNext() {
        String tamper = "(() => { const tries = [() => { Math.leak = current_user.email; },"
                + " () => { Array.prototype.leak = current_user.email; }, () => { Object.prototype.leak = 1; },"
                + " () => { JSON.parse = () => current_user; }, () => { Object.getPrototypeOf([][Symbol.iterator]()).leak = 1; }];"
                + " return tries.filter(t => { try { t(); return true; } catch (e) { return false; } }).length; })()";
        for (int i = 0; i < 8; i++) {
            assertThat(evaluate(tamper, ANNA, Map.of())).as("tampering that succeeded").isEqualTo(0);
        }
        String look = "[typeof Math.leak, typeof [].leak, typeof ({}).leak, JSON.parse('1'),"
                + " typeof [][Symbol.iterator]().leak]";
        for (int i = 0; i < 8; i++) {
            assertThat(evaluate(look, BERT, Map.of())).isEqualTo(List.of("undefined", "undefined", "undefined", 1, "undefined"));
        }
    }

    @Test
    void concurrentEvaluationsForDifferentUsersKeepTheirOwnCurrentUser() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 400; i++) {
                var user = i % 2 == 0 ? ANNA : BERT;
                // Not a plain member chain: every one of these runs in a pooled JavaScript context.
                results.add(pool.submit(() -> user.get("email").equals(evaluate("'' + current_user.email", user, Map.of()))));
            }
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theWatchdogCancelsLongRunsThatStatementsDoNotBound() {
        try (var timed = new ExpressionSandbox(JsonMapper.builder().build(),
                new ExpressionLimits(Duration.ofMillis(300), 0, Long.MAX_VALUE, 1_000_000, 2_000_000))) {
            String spin = "(() => { let s = 0; for (let i = 0; i < 1e12; i++) { s += i; } return s; })()";
            long started = System.nanoTime();
            assertThatThrownBy(() -> timed.evaluate(parse(spin), null, Map.of()))
                    .isInstanceOfSatisfying(EvaluationFailed.class, e -> {
                        assertThat(e.limit()).isTrue();
                        assertThat(e.getMessage()).contains("longer than 300 ms");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(timed.evaluate(parse("[1, 2, 3].map(n => n * 2)"), null, Map.of())).isEqualTo(List.of(2, 4, 6));
        }
    }

    @Test
    void theWatchdogCancelsGrowingMemory() {
        try (var metered = new ExpressionSandbox(JsonMapper.builder().build(),
                new ExpressionLimits(Duration.ofMinutes(1), 0, 8L << 20, 1_000_000, 2_000_000))) {
            String grow = "(() => { const rows = []; for (;;) { rows.push({ n: rows.length, s: 'row ' + rows.length }); } })()";
            assertThatThrownBy(() -> metered.evaluate(parse(grow), null, Map.of()))
                    .isInstanceOfSatisfying(EvaluationFailed.class, e -> assertThat(e.getMessage()).contains("more than 8 MB"));
            assertThat(metered.evaluate(parse("[1, 2, 3].map(n => n * 2)"), null, Map.of())).isEqualTo(List.of(2, 4, 6));
        }
    }

    @Test
    void aFailingExpressionSaysWhy() {
        assertThatThrownBy(() -> evaluate("current_user.attributes.team.toUpperCase()", ANNA, Map.of()))
                .isInstanceOf(EvaluationFailed.class)
                .hasMessageContaining("TypeError");
        assertThatThrownBy(() -> evaluate("missing + 1", ANNA, Map.of()))
                .hasMessageContaining("ReferenceError");
    }

    private static Object evaluate(String expression, Map<String, Object> currentUser, Map<String, Object> scope) {
        return sandbox.evaluate(parse(expression), currentUser, scope);
    }

    private static TemplateExpression parse(String expression) {
        return QueryTemplate.parse(new QueryTemplate.FieldText("sql", "{{ " + expression + " }}")).expressions().get(0);
    }
}
