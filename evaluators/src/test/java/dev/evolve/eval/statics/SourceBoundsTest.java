package dev.evolve.eval.statics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceBoundsTest {

    @Test
    void nestingIsCountedInCodeOnly() {
        String deep = "(".repeat(SourceBounds.MAX_NESTING + 1);
        assertThat(SourceBounds.problem("int x = " + deep + "1;")).get().asString()
                .startsWith("line 1:").contains("nest more than " + SourceBounds.MAX_NESTING);
        assertThat(SourceBounds.problem("// " + deep + "\n/* " + deep + " */ String s = \"" + deep + "\"; char c = '(';"))
                .isEmpty();
        assertThat(SourceBounds.problem("String t = \"\"\"\n" + deep + "\n\"\"\";\nint y = (1);")).isEmpty();
        assertThat(SourceBounds.problem("a\nb\n" + deep)).get().asString().startsWith("line 3:");
    }

    @Test
    void balancedNestingWithinTheBoundPassesAndClosingBracketsDoNotGoNegative() {
        String ok = "(".repeat(SourceBounds.MAX_NESTING) + ")".repeat(SourceBounds.MAX_NESTING);
        assertThat(SourceBounds.problem(ok + ok + "))))" + ok)).isEmpty();
        assertThat(SourceBounds.problem("\"unclosed\n" + ok)).isEmpty();
    }

    @Test
    void operatorsChainedInOneStatementAreBounded() {
        String sum = "1" + "+1".repeat(SourceBounds.MAX_OPERATORS);
        assertThat(SourceBounds.problem("int x = " + sum + ";")).isEmpty();
        assertThat(SourceBounds.problem("int x = " + sum + "+1;")).get().asString()
                .startsWith("line 1:").contains("more than " + SourceBounds.MAX_OPERATORS + " operators");
        assertThat(SourceBounds.problem("int x = " + sum + ";\nint y = " + sum + ";")).isEmpty();
        assertThat(SourceBounds.problem("// " + sum + sum + "\nint y = 2 / 1;")).isEmpty();
    }

    @Test
    void lengthIsBounded() {
        assertThat(SourceBounds.problem("x".repeat(SourceBounds.MAX_CHARS))).isEmpty();
        assertThat(SourceBounds.problem("x".repeat(SourceBounds.MAX_CHARS + 1))).get().asString()
                .contains("at most " + SourceBounds.MAX_CHARS);
    }
}
