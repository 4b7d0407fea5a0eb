package dev.toolyard.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.toolyard.queries.QueryTemplate.FieldText;
import dev.toolyard.queries.QueryTemplate.Literal;
import dev.toolyard.shared.InvalidInputException;

/** T-CU4: templates split into exact literal text and expressions; T-CU5: which expressions the server owns. */
class QueryTemplateTest {

    @Test
    void literalTextIsKeptExactlyAndExpressionsAreSeparated() {
        var field = sql("select * from orders\n where owner = {{ current_user.email }} and  status = {{status.value}};").fields().get(0);
        assertThat(field.parts()).hasSize(5);
        assertThat(field.parts().get(0)).isEqualTo(new Literal("select * from orders\n where owner = "));
        assertThat(((TemplateExpression) field.parts().get(1)).text()).isEqualTo(" current_user.email ");
        assertThat(((TemplateExpression) field.parts().get(1)).source()).isEqualTo("current_user.email");
        assertThat(field.parts().get(2)).isEqualTo(new Literal(" and  status = "));
        assertThat(((TemplateExpression) field.parts().get(3)).source()).isEqualTo("status.value");
        assertThat(field.parts().get(4)).isEqualTo(new Literal(";"));
    }

    @Test
    void closingBracesInsideObjectsStringsTemplatesRegexesAndCommentsDoNotEndAnExpression() {
        assertThat(sources("{{ {a: '}}'} }}")).containsExactly("{a: '}}'}");
        assertThat(sources("{{ {a: {b: 1}} }}")).containsExactly("{a: {b: 1}}");
        assertThat(sources("{{ \"}}\" + '\\'}}' }}")).containsExactly("\"}}\" + '\\'}}'");
        assertThat(sources("{{ `a}}${ {x: '}}'}.x }}}`.length }}")).containsExactly("`a}}${ {x: '}}'}.x }}}`.length");
        assertThat(sources("{{ name.replace(/}}/g, '') }}")).containsExactly("name.replace(/}}/g, '')");
        assertThat(sources("{{ a /* }} */ + b // }}\n }}")).containsExactly("a /* }} */ + b // }}");
        assertThat(sources("{{ total / 2 }} and {{ count }}")).containsExactly("total / 2", "count");
        assertThat(sources("{{{a: 1}}}")).containsExactly("{a: 1}");
    }

    @Test
    void textOutsideExpressionsMayHoldBraces() {
        var field = sql("select '}}' as x, '{' as y where a = {{ a }} }}").fields().get(0);
        assertThat(field.parts().get(0)).isEqualTo(new Literal("select '}}' as x, '{' as y where a = "));
        assertThat(field.parts().get(2)).isEqualTo(new Literal(" }}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "select {{ a", "select {{ a } ", "{{ 'abc }}", "{{ `abc }}", "{{ f(1 }}", "{{ /* }} ",
            "{{ a.replace(/x }}" })
    void anUnterminatedExpressionIsAClearFieldProblem(String text) {
        assertThatThrownBy(() -> sql(text))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.fieldProblems()).singleElement().satisfies(problem -> {
                        assertThat(problem.field()).isEqualTo("fields.sql");
                        assertThat(problem.code()).startsWith("query.");
                    });
                });
    }

    @Test
    void unterminatedNamesThePositionOfItsOpening() {
        assertThatThrownBy(() -> sql("select 1 where a = {{ a"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("query.template_unterminated");
                    assertThat(e.fieldProblems().get(0).message()).contains("position 19");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = { "{{ a)); globalThat.x = 1; ((b }}", "{{ f(a)) }}", "{{ x] }}", "{{ }} }}" })
    void anExpressionCannotCloseMoreThanItOpened(String text) {
        assertThatThrownBy(() -> sql(text)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anEmptyExpressionIsRefused() {
        assertThatThrownBy(() -> sql("select {{  }}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("query.expression_empty"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "current_user.email", "current_user", "current_user['email']", "x.current_user",
            "({current_user: 1}).current_user", "'current_user'", "`${'current_user'}`", "'\\u0063urrent_user'",
            "a /* current_user */ + b", "table1.rows.filter(r => r.owner === current_user.email)",
            "current_user.groups.map(g => g.name).includes('Finance')" })
    void anExpressionMentioningCurrentUserAnywhereIsServerSide(String expression) {
        assertThat(sql("{{ " + expression + " }}").expressions().get(0).referencesCurrentUser()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "table1.selectedRow.id", "current_user_id", "my_current_user", "'current_users'", "currentUser" })
    void otherExpressionsAreTheBrowsers(String expression) {
        assertThat(sql("{{ " + expression + " }}").expressions().get(0).referencesCurrentUser()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "globalThis.current_user", "window['current_user']", "self.current_user", "this.x",
            "eval('current_user')", "Function('return 1')()", "x.constructor", "x['constructor']", "x[`constructor`]",
            "import('x')", "require('fs')", "[].map.constructor('return this')()" })
    void namesThatReachTheGlobalScopeOrMakeCodeAreRefused(String expression) {
        assertThatThrownBy(() -> sql("{{ " + expression + " }}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("query.expression_forbidden");
                    assertThat(e.getMessage()).contains("not allowed");
                });
    }

    @Test
    void namesSpeltWithEscapesAreRefused() {
        assertThatThrownBy(() -> sql("{{ \\u0063urrent_user.email }}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("query.expression_forbidden"));
    }

    @Test
    void forbiddenWordsAreFineInsideOrdinaryStrings() {
        assertThat(sources("{{ mode === 'self' ? 'this' : 'window' }}")).containsExactly("mode === 'self' ? 'this' : 'window'");
    }

    @Test
    void everyBrokenFieldIsReportedAndNamesAreChecked() {
        assertThatThrownBy(() -> QueryTemplate.parse(new FieldText("path", "/a/{{ id"), new FieldText("body", "{{ eval(x) }}"),
                new FieldText("path", "/b")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldProblems())
                        .extracting(problem -> problem.field() + " " + problem.code())
                        .containsExactly("fields.path query.template_unterminated", "fields.body query.expression_forbidden",
                                "fields.path query.field_duplicate"));
    }

    @Test
    void fieldsKeepTheirOrderAndRenderToTheirText() {
        var template = QueryTemplate.parse(new FieldText("method", "GET"), new FieldText("path", "/users/{{ id }}"),
                new FieldText("header:Authorization", "Bearer {{ token }}"));
        assertThat(template.fields()).extracting(QueryTemplate.Field::name).containsExactly("method", "path", "header:Authorization");
        assertThat(template.fields().get(1).text()).isEqualTo("/users/{{ id }}");
        assertThat(template.expressions()).extracting(TemplateExpression::source).containsExactly("id", "token");
    }

    private static QueryTemplate sql(String text) {
        return QueryTemplate.parse(new FieldText("sql", text));
    }

    private static List<String> sources(String text) {
        return sql(text).expressions().stream().map(TemplateExpression::source).toList();
    }
}
