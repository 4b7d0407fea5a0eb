package dev.toolyard.queries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import dev.toolyard.queries.QueryTemplate.FieldText;
import dev.toolyard.queries.QueryTemplate.Literal;
import dev.toolyard.queries.QueryTemplate.Part;

/**
 * T-CU4: any literal text and any expressions, put together, parse back into exactly those parts;
 * and any text that parses renders back to itself.
 */
class QueryTemplateRoundTripTest {

    @Property(tries = 500)
    void literalsAndExpressionsRoundTrip(@ForAll("templates") List<Part> parts) {
        var text = new QueryTemplate.Field("sql", parts).text();
        var parsed = QueryTemplate.parse(new FieldText("sql", text)).fields().get(0);
        assertThat(parsed.parts()).isEqualTo(parts);
        assertThat(parsed.text()).isEqualTo(text);
    }

    @Property(tries = 500)
    void whateverParsesRendersBackToItself(@ForAll("anyText") String text) {
        QueryTemplate template;
        try {
            template = QueryTemplate.parse(new FieldText("sql", text));
        } catch (dev.toolyard.shared.InvalidInputException refused) {
            return;
        }
        assertThat(template.fields().get(0).text()).isEqualTo(text);
    }

    @Provide
    Arbitrary<List<Part>> templates() {
        Arbitrary<Part> literal = literalText().map(Literal::new);
        Arbitrary<Part> expression = expressionText().map(text -> (Part) QueryTemplate.parse(
                new FieldText("e", "{{" + text + "}}")).expressions().get(0));
        return Arbitraries.oneOf(literal, expression).list().ofMaxSize(6).map(QueryTemplateRoundTripTest::mergeLiterals);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().withChars("{}'\"`/*ab $\\\n()[]").ofMaxLength(30);
    }

    /** Adjacent literals read back as one; a literal ending in '{' before an expression would open it. */
    private static List<Part> mergeLiterals(List<Part> parts) {
        var merged = new ArrayList<Part>();
        for (var part : parts) {
            if (part instanceof Literal literal && !merged.isEmpty() && merged.get(merged.size() - 1) instanceof Literal previous) {
                merged.set(merged.size() - 1, new Literal(previous.text() + literal.text()));
            } else {
                merged.add(part);
            }
        }
        for (int i = 0; i + 1 < merged.size(); i++) {
            if (merged.get(i) instanceof Literal literal && literal.text().endsWith("{")) {
                merged.set(i, new Literal(literal.text() + " "));
            }
        }
        return merged;
    }

    private static Arbitrary<String> literalText() {
        return Arbitraries.strings().withChars("select *from where=a1 ,;'\"\n}{()").ofMinLength(1).ofMaxLength(20)
                // Two literals joined must not make a '{{' either: none starts or ends with '{'.
                .filter(text -> !text.contains("{{") && !text.startsWith("{") && !text.endsWith("{"));
    }

    private static Arbitrary<String> expressionText() {
        return expression(3).map(text -> " " + text + " ");
    }

    private static Arbitrary<String> expression(int depth) {
        Arbitrary<String> name = Arbitraries.of("a", "table1.selectedRow.id", "current_user.email", "x$", "_y", "rows[0]");
        Arbitrary<String> number = Arbitraries.of("0", "1.5", "1e3", "0x1F", "2n");
        Arbitrary<String> string = Arbitraries.strings().withChars("ab}{`$/\\'\" ").ofMaxLength(6)
                .map(QueryTemplateRoundTripTest::singleQuoted);
        Arbitrary<String> regex = Arbitraries.of("/}}/g", "/[/}]+/", "/a\\/b/i");
        if (depth == 0) {
            return Arbitraries.oneOf(name, number, string, regex);
        }
        Arbitrary<String> inner = expression(depth - 1);
        return Arbitraries.oneOf(name, number, string, regex,
                Combinators.combine(inner, inner).as((a, b) -> a + " + " + b),
                Combinators.combine(inner, inner).as((a, b) -> a + " / " + b),
                inner.map(a -> "{ k: " + a + " }"),
                inner.map(a -> "{ 'k}}': { n: " + a + " } }"),
                inner.map(a -> "[" + a + ", {}]"),
                inner.map(a -> "(" + a + ")"),
                inner.map(a -> "f(" + a + ")"),
                inner.map(a -> "`t}} ${" + a + "} {{`"),
                inner.map(a -> "(r) => ({ v: " + a + " })"),
                inner.map(a -> a + " /* }} */"),
                inner.map(a -> "x ? " + a + " : '}}'"));
    }

    private static String singleQuoted(String raw) {
        return "'" + raw.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
