package dev.toolyard.queries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.toolyard.queries.BindingRequest.AppQuery;
import dev.toolyard.queries.BindingRequest.LibraryQuery;
import dev.toolyard.resources.BoundQuery;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;

/**
 * Turns a query as written and a run's request into a {@link BoundQuery}: every {@code {{ }}}
 * becomes a value, never text (T-CU4).
 *
 * <p>App queries: an expression that references current_user is evaluated here, over the
 * caller's {@link CurrentUser} and the request's {@code state}; every other one takes the value the
 * browser computed. Library queries: every expression is evaluated here, over the declared
 * parameters and current_user. A request that tries to supply current_user, or a value keyed by an
 * expression that references it, is refused and audited (T-CU5), always.
 *
 * <p>Authorisation (may the caller run this query) is the caller's job; this only binds.
 */
@Service
public class QueryBinder {

    private final ExpressionSandbox sandbox;
    private final CurrentUsers currentUsers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate ownTransaction;

    QueryBinder(ExpressionSandbox sandbox, CurrentUsers currentUsers, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.sandbox = sandbox;
        this.currentUsers = currentUsers;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * @throws ForbiddenException {@code query.current_user_spoofing} when the request supplies
     *         current_user or a value derived from it (audited even though the run fails)
     * @throws InvalidInputException for a missing value or argument, an unknown argument, or an
     *         expression that fails or exceeds its limits
     */
    public BoundQuery bind(Caller caller, QueryTemplate template, BindingRequest request) {
        return bind(caller, () -> currentUsers.of(caller), template, request);
    }

    /** {@code currentUser} is asked for at most once, and only when an expression needs it. */
    BoundQuery bind(Caller caller, Supplier<CurrentUser> currentUser, QueryTemplate template, BindingRequest request) {
        rejectSpoofing(caller, request);
        var user = new Lazy(currentUser);
        Map<String, Evaluated> values;
        if (request instanceof AppQuery app) {
            values = appValues(template, app, user);
        } else {
            values = libraryValues(template, (LibraryQuery) request, user);
        }
        var fields = new ArrayList<BoundQuery.Field>(template.fields().size());
        for (var field : template.fields()) {
            var pieces = new ArrayList<BoundQuery.Piece>(field.parts().size());
            for (var part : field.parts()) {
                if (part instanceof QueryTemplate.Literal literal) {
                    pieces.add(new BoundQuery.Text(literal.text()));
                } else {
                    var evaluated = values.get(((TemplateExpression) part).text());
                    pieces.add(new BoundQuery.Value(evaluated.value(), evaluated.secret()));
                }
            }
            fields.add(new BoundQuery.Field(field.name(), pieces));
        }
        return new BoundQuery(fields);
    }

    private record Evaluated(Object value, boolean secret) {
    }

    private Map<String, Evaluated> appValues(QueryTemplate template, AppQuery request, Lazy user) {
        var missing = new ArrayList<FieldProblem>();
        for (var expression : template.expressions()) {
            if (!expression.referencesCurrentUser() && !request.values().containsKey(expression.source())) {
                missing.add(new FieldProblem("values", "query.value_missing",
                        "no value was sent for {{ " + expression.source() + " }}"));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("query.value_missing", "The run lacks values for "
                    + missing.size() + " expression(s) of the query.", missing);
        }
        var values = new HashMap<String, Evaluated>();
        forEachExpression(template, (field, expression) -> {
            Object value = expression.referencesCurrentUser()
                    ? evaluate(field, expression, user.map(), request.state())
                    : request.values().get(expression.source());
            values.put(expression.text(), new Evaluated(value, false));
        });
        return values;
    }

    private Map<String, Evaluated> libraryValues(QueryTemplate template, LibraryQuery request, Lazy user) {
        var declared = request.parameters().stream().map(QueryParameter::name).collect(Collectors.toSet());
        var problems = new ArrayList<FieldProblem>();
        for (String name : request.arguments().keySet()) {
            if (!declared.contains(name)) {
                problems.add(new FieldProblem("arguments." + name, "query.parameter_unknown",
                        "the query has no parameter '" + name + "'"));
            }
        }
        var scope = new LinkedHashMap<String, Object>();
        for (var parameter : request.parameters()) {
            if (request.arguments().containsKey(parameter.name())) {
                scope.put(parameter.name(), request.arguments().get(parameter.name()));
            } else if (parameter.required()) {
                problems.add(new FieldProblem("arguments." + parameter.name(), "query.value_missing",
                        "the parameter '" + parameter.name() + "' is required"));
            } else {
                scope.put(parameter.name(), parameter.defaultValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).code(), "The run's arguments do not fit the query's parameters.",
                    problems);
        }
        Set<String> secrets = request.parameters().stream().filter(QueryParameter::secret).map(QueryParameter::name)
                .collect(Collectors.toSet());
        var values = new HashMap<String, Evaluated>();
        forEachExpression(template, (field, expression) -> {
            Object value = evaluate(field, expression, expression.referencesCurrentUser() ? user.map() : null, scope);
            // Derived from a secret (e.g. 'Bearer ' + token) is as secret as the secret itself.
            boolean secret = expression.names().stream().anyMatch(secrets::contains);
            values.put(expression.text(), new Evaluated(value, secret));
        });
        return values;
    }

    /** Each distinct expression once, with the first field it appears in (for error messages). */
    private static void forEachExpression(QueryTemplate template, ExpressionVisitor visitor) {
        var seen = new HashMap<String, Boolean>();
        for (var field : template.fields()) {
            for (var part : field.parts()) {
                if (part instanceof TemplateExpression expression && seen.putIfAbsent(expression.text(), true) == null) {
                    visitor.visit(field.name(), expression);
                }
            }
        }
    }

    private interface ExpressionVisitor {
        void visit(String field, TemplateExpression expression);
    }

    private Object evaluate(String field, TemplateExpression expression, Map<String, Object> currentUser,
            Map<String, Object> scope) {
        try {
            return sandbox.evaluate(expression, currentUser, scope);
        } catch (ExpressionSandbox.EvaluationFailed failed) {
            String code = failed.limit() ? "query.expression_limit_exceeded" : "query.expression_failed";
            String message = "{{ " + expression.source() + " }} failed: " + failed.getMessage();
            throw new InvalidInputException(code, message, List.of(new FieldProblem("fields." + field, code, message)));
        }
    }

    /**
     * T-CU5: current_user comes from the session only. The refusal is audited in a transaction of
     * its own, so the entry stays although the caller's transaction, if any, rolls back.
     */
    private void rejectSpoofing(Caller caller, BindingRequest request) {
        var keys = new ArrayList<String>();
        if (request instanceof AppQuery app) {
            app.values().keySet().stream().filter(TemplateExpression::mentionsCurrentUser).sorted()
                    .forEach(key -> keys.add("values." + key));
            if (app.state().containsKey(TemplateExpression.CURRENT_USER)) {
                keys.add("state." + TemplateExpression.CURRENT_USER);
            }
        } else {
            ((LibraryQuery) request).arguments().keySet().stream().filter(TemplateExpression::mentionsCurrentUser)
                    .sorted().forEach(key -> keys.add("arguments." + key));
        }
        if (keys.isEmpty()) {
            return;
        }
        var rejected = new CurrentUserSpoofingRejected(caller, request.queryId(), request.queryName(), keys);
        ownTransaction.executeWithoutResult(status -> events.publishEvent(rejected));
        throw new ForbiddenException("query.current_user_spoofing", "current_user and values derived from it are "
                + "computed by the server; the request may not supply them (" + String.join(", ", keys) + ").");
    }

    /** current_user built on first use only: a query without it costs no lookup. */
    private static final class Lazy {

        private final Supplier<CurrentUser> supplier;
        private Map<String, Object> map;

        Lazy(Supplier<CurrentUser> supplier) {
            this.supplier = supplier;
        }

        Map<String, Object> map() {
            if (map == null) {
                map = supplier.get().asMap();
            }
            return map;
        }
    }
}
