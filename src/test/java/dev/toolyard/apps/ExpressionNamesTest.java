package dev.toolyard.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The names an expression reads, for the document's cycle check (T-AP2). */
class ExpressionNamesTest {

    @Test
    void memberNamesStringsCommentsAndObjectKeysAreNotReferences() {
        assertThat(ExpressionNames.topLevel("table1.selectedRow.name + 'text1' /* form1 */ + {label: x}.label // y"))
                .containsExactly("table1", "x");
    }

    @Test
    void arrowAndFunctionParametersAndDeclarationsAreLocal() {
        assertThat(ExpressionNames.topLevel("rows.filter(row => row.a === limit).map((r, i) => r + i + offset)"))
                .containsExactly("rows", "limit", "offset");
        assertThat(ExpressionNames.topLevel("const total = items.reduce(function (sum, item) { return sum + item; }, 0);"
                + " return total * rate")).containsExactly("items", "rate");
    }

    @Test
    void templateLiteralPlaceholdersAreRead() {
        assertThat(ExpressionNames.topLevel("`${first.value} and ${`${second.value}`}`"))
                .containsExactly("first", "second");
    }

    @Test
    void aTernaryBranchIsAReferenceNotAKey() {
        assertThat(ExpressionNames.topLevel("flag ? yes : no")).containsExactly("flag", "yes", "no");
    }

    @Test
    void regularExpressionsAreSkipped() {
        assertThat(ExpressionNames.topLevel("name.replace(/table1|text1/g, '') / divisor"))
                .containsExactly("name", "divisor");
    }

    @Test
    void embeddedExpressionsEndAtTheirOwnClosingBraces() {
        var found = ExpressionNames.embedded("Hello {{ {a: '}}'}.a }} and {{ b }}");

        assertThat(found).extracting(ExpressionNames.Embedded::text).containsExactly(" {a: '}}'}.a ", " b ");
    }

    @Test
    void anUnclosedExpressionOrStringIsReported() {
        assertThatThrownBy(() -> ExpressionNames.embedded("{{ a + ")).isInstanceOf(ExpressionNames.Unterminated.class)
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> ExpressionNames.topLevel("'open")).isInstanceOf(ExpressionNames.Unterminated.class);
    }
}
