package dev.toolyard.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.toolyard.queries.BindingRequest.AppQuery;
import dev.toolyard.queries.BindingRequest.LibraryQuery;
import dev.toolyard.queries.QueryTemplate.FieldText;
import dev.toolyard.resources.BoundQuery;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.TestUsers;
import dev.toolyard.testing.ToolyardTest;

/**
 * T-CU1, T-CU4, T-CU5 through the real services: people and groups made through the API, the
 * query bound for them, spoofing refused and in the audit trail.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryBindingTest {

    private static final String FINANCE = "current_user.groups.map(g => g.name).includes('Finance')";

    @LocalServerPort
    int port;
    @Autowired
    QueryBinder binder;
    @Autowired
    CurrentUsers currentUsers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private TestSpace space;
    private String financeGroup;
    private Caller anna;
    private Caller bert;

    @BeforeAll
    void people() {
        space = TestSpaces.create(port, "Binding");
        var created = space.api().post("/api/v1/groups", "{\"name\":\"Finance\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        financeGroup = created.json().get("id").asString();
        var annaPerson = TestUsers.enabledUser("anna").named("Anna", "Berg").in("Viewer").create(port, space.api());
        var bertPerson = TestUsers.enabledUser("bert").create(port, space.api());
        space.addMember(financeGroup, annaPerson.id());
        var attribute = space.api().send("PUT", "/api/v1/users/" + annaPerson.id() + "/attributes/region", "{\"value\":\"EMEA\"}");
        assertThat(attribute.status()).as(attribute.body()).isEqualTo(200);
        anna = caller(annaPerson.id(), annaPerson.email());
        bert = caller(bertPerson.id(), bertPerson.email());
    }

    @Test
    void theFinanceExpressionIsTrueForAMemberAndFalseForOthers() {
        var template = sql("select * from reports where finance_only = false or {{ " + FINANCE + " }}");
        assertThat(onlyValue(binder.bind(anna, template, app(Map.of(), Map.of())))).isEqualTo(true);
        assertThat(onlyValue(binder.bind(bert, template, app(Map.of(), Map.of())))).isEqualTo(false);
    }

    @Test
    void currentUserHasNamesGroupsWithIdsAndAttributes() {
        var user = currentUsers.of(anna);
        assertThat(user.email()).isEqualTo(anna.label());
        assertThat(user.fullName()).isEqualTo("Anna Berg");
        assertThat(user.groups()).extracting(CurrentUser.Group::name).containsExactly("All Users", "Finance", "Viewer");
        assertThat(user.groups()).extracting(group -> group.id().toString())
                .contains(financeGroup, space.builtInGroup("ALL_USERS"));
        assertThat(user.attributes()).containsExactly(Map.entry("region", "EMEA"));
        assertThat(user.claims()).isEmpty();

        var bound = onlyValue(binder.bind(anna, sql("{{ current_user }}"), app(Map.of(), Map.of())));
        assertThat(bound).isEqualTo(user.asMap());
        assertThat(user.asMap()).containsOnlyKeys("id", "email", "firstName", "lastName", "fullName", "picture", "groups",
                "attributes", "claims");
    }

    @Test
    void aMemberChainOfCurrentUserIsAValueNeverText() {
        var bound = binder.bind(anna, sql("select * from tasks where owner = {{ current_user.email }} and region = "
                + "{{ current_user.attributes.region }}"), app(Map.of(), Map.of()));
        assertThat(bound.fields().get(0).pieces()).containsExactly(
                new BoundQuery.Text("select * from tasks where owner = "), new BoundQuery.Value(anna.label(), false),
                new BoundQuery.Text(" and region = "), new BoundQuery.Value("EMEA", false));
    }

    @Test
    void otherExpressionsTakeTheBrowsersValuesByTheirText() {
        var template = QueryTemplate.parse(new FieldText("method", "GET"), new FieldText("path", "/orders/{{ table1.selectedRow.id }}"),
                new FieldText("query:status", "{{  filter.value }}"));
        var bound = binder.bind(bert, template, app(Map.of("table1.selectedRow.id", 42, "filter.value", "open"), Map.of()));
        assertThat(bound.field("path").orElseThrow().pieces()).containsExactly(new BoundQuery.Text("/orders/"),
                new BoundQuery.Value(42, false));
        assertThat(bound.field("query:status").orElseThrow().pieces()).containsExactly(new BoundQuery.Value("open", false));
        assertThat(bound.field("method").orElseThrow().pieces()).containsExactly(new BoundQuery.Text("GET"));
    }

    @Test
    void aMissingValueIsRefusedNamingTheExpression() {
        assertThatThrownBy(() -> binder.bind(bert, sql("{{ a }} {{ b }}"), app(Map.of("a", 1), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("query.value_missing");
                    assertThat(e.fieldProblems()).singleElement().satisfies(problem -> assertThat(problem.message()).contains("{{ b }}"));
                });
    }

    @Test
    void mixedExpressionsReadTheRequestsState() {
        var template = sql("update tasks set done = true where id = {{ table1.selectedRow.id }} and {{ current_user.email === table1.selectedRow.owner }}");
        var state = Map.<String, Object>of("table1", Map.of("selectedRow", Map.of("id", 7, "owner", anna.label())));
        var values = Map.<String, Object>of("table1.selectedRow.id", 7);
        assertThat(binder.bind(anna, template, app(values, state)).fields().get(0).pieces())
                .contains(new BoundQuery.Value(true, false));
        assertThat(binder.bind(bert, template, app(values, state)).fields().get(0).pieces())
                .contains(new BoundQuery.Value(false, false));
    }

    @Test
    void aValueForACurrentUserExpressionIsRefusedAndAudited() {
        String queryId = UUID.randomUUID().toString();
        var request = new AppQuery(queryId, "tasks", Map.of("current_user.email", "boss@example.com"), Map.of());
        assertThatThrownBy(() -> binder.bind(bert, sql("select * from tasks where owner = {{ current_user.email }}"), request))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code()).isEqualTo("query.current_user_spoofing"));
        var entry = spoofingEntry(queryId);
        assertThat(entry).containsEntry("outcome", "DENIED").containsEntry("actor_id", bert.userId().value())
                .containsEntry("target_label", "tasks").containsEntry("space_id", bert.spaceId().value());
        assertThat((String) entry.get("after_state")).contains("values.current_user.email").doesNotContain("boss@example.com");
    }

    @Test
    void currentUserInStateOrArgumentsIsRefusedEvenWhenTheQueryDoesNotUseIt() {
        String stateQuery = UUID.randomUUID().toString();
        assertThatThrownBy(() -> binder.bind(bert, sql("select 1"),
                new AppQuery(stateQuery, "plain", Map.of(), Map.of("current_user", Map.of("email", "boss@example.com")))))
                .isInstanceOf(ForbiddenException.class);
        assertThat((String) spoofingEntry(stateQuery).get("after_state")).contains("state.current_user");

        String libraryQuery = UUID.randomUUID().toString();
        assertThatThrownBy(() -> binder.bind(bert, sql("select {{ id }}"), new LibraryQuery(libraryQuery, "lib",
                List.of(new QueryParameter("id", true, null, false)), Map.of("id", 1, "current_user", "x"))))
                .isInstanceOf(ForbiddenException.class);
        assertThat((String) spoofingEntry(libraryQuery).get("after_state")).contains("arguments.current_user");
    }

    @Test
    void theSpoofingEntryStaysWhenTheCallersTransactionRollsBack() {
        String queryId = UUID.randomUUID().toString();
        var template = sql("select * from tasks where owner = {{ current_user.email }}");
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status ->
                binder.bind(bert, template, new AppQuery(queryId, "tasks", Map.of("current_user.email", "x"), Map.of()))))
                .isInstanceOf(ForbiddenException.class);
        assertThat(spoofingEntry(queryId)).containsEntry("action", "query.current_user_spoofing_rejected");
    }

    @Test
    void libraryParametersTakeArgumentsOrTheirDefaults() {
        var template = sql("select * from orders where status = {{ status }} and region = {{ region.toUpperCase() }}"
                + " limit {{ limit }} -- {{ current_user.email }}");
        var parameters = List.of(new QueryParameter("status", true, null, false),
                new QueryParameter("region", false, "emea", false), new QueryParameter("limit", false, 50, false));
        var bound = binder.bind(anna, template, new LibraryQuery("q-1", "orders", parameters, Map.of("status", "open")));
        assertThat(bound.fields().get(0).pieces()).filteredOn(BoundQuery.Value.class::isInstance)
                .containsExactly(new BoundQuery.Value("open", false), new BoundQuery.Value("EMEA", false),
                        new BoundQuery.Value(50, false), new BoundQuery.Value(anna.label(), false));

        var overridden = binder.bind(anna, template, new LibraryQuery("q-1", "orders", parameters,
                Map.of("status", "closed", "region", "apac", "limit", 5)));
        assertThat(overridden.fields().get(0).pieces()).filteredOn(BoundQuery.Value.class::isInstance)
                .extracting(piece -> ((BoundQuery.Value) piece).value()).containsExactly("closed", "APAC", 5, anna.label());
    }

    @Test
    void libraryArgumentsMustFitTheParameters() {
        var parameters = List.of(new QueryParameter("status", true, null, false));
        assertThatThrownBy(() -> binder.bind(anna, sql("{{ status }}"), new LibraryQuery("q", "q", parameters, Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("query.value_missing"));
        assertThatThrownBy(() -> binder.bind(anna, sql("{{ status }}"), new LibraryQuery("q", "q", parameters,
                Map.of("status", "x", "other", 1))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldProblems())
                        .extracting(problem -> problem.field()).containsExactly("arguments.other"));
        assertThatThrownBy(() -> new QueryParameter("current_user", false, null, false)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void secretParametersAndWhatIsMadeOfThemAreSecretValues() {
        var template = QueryTemplate.parse(new FieldText("header:Authorization", "{{ 'Bearer ' + token }}"),
                new FieldText("path", "/v1/{{ token }}/{{ account }}"));
        var parameters = List.of(new QueryParameter("token", true, null, true), new QueryParameter("account", true, null, false));
        var bound = binder.bind(anna, template, new LibraryQuery("q", "q", parameters, Map.of("token", "s3cret", "account", "a1")));
        assertThat(bound.field("header:Authorization").orElseThrow().pieces()).containsExactly(new BoundQuery.Value("Bearer s3cret", true));
        assertThat(bound.field("path").orElseThrow().pieces()).containsExactly(new BoundQuery.Text("/v1/"),
                new BoundQuery.Value("s3cret", true), new BoundQuery.Text("/"), new BoundQuery.Value("a1", false));
    }

    @Test
    void aFailingServerSideExpressionNamesItsField() {
        assertThatThrownBy(() -> binder.bind(bert, sql("{{ current_user.attributes.region.toUpperCase() }}"), app(Map.of(), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("query.expression_failed");
                    assertThat(e.fieldProblems()).singleElement().satisfies(problem -> {
                        assertThat(problem.field()).isEqualTo("fields.sql");
                        assertThat(problem.message()).contains("TypeError");
                    });
                });
    }

    @Test
    void aQueryWithoutCurrentUserNeverLooksTheUserUp() {
        var bound = binder.bind(bert, () -> {
            throw new AssertionError("current_user was built");
        }, sql("select {{ a }}"), app(Map.of("a", 1), Map.of()));
        assertThat(onlyValue(bound)).isEqualTo(1);
    }

    private Map<String, Object> spoofingEntry(String queryId) {
        return jdbc.sql("""
                select action, outcome, actor_id, space_id, target_label, after_state from audit_entries
                where action = 'query.current_user_spoofing_rejected' and target_id = ?""")
                .param(queryId).query().singleRow();
    }

    private static QueryTemplate sql(String text) {
        return QueryTemplate.parse(new FieldText("sql", text));
    }

    private static AppQuery app(Map<String, Object> values, Map<String, Object> state) {
        return new AppQuery(UUID.randomUUID().toString(), "query", values, state);
    }

    private static Object onlyValue(BoundQuery bound) {
        return bound.fields().stream().flatMap(field -> field.pieces().stream())
                .filter(BoundQuery.Value.class::isInstance).map(piece -> ((BoundQuery.Value) piece).value())
                .reduce((a, b) -> {
                    throw new AssertionError("more than one value");
                }).orElseThrow();
    }

    private Caller caller(String id, String email) {
        return Caller.session(UserId.parse(id), email, new SpaceId(UUID.fromString(space.id())), false, false, "127.0.0.1");
    }
}
