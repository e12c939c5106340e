package dev.evolve.engine.mutate.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.Targets;
import org.junit.jupiter.api.Test;

class EditParserTest {

    private static final String SEED = Targets.require("matmul").seedSource();
    private static final EvolveBlock SEED_BLOCK = EvolveBlock.of(SEED).orElseThrow();

    private final EditParser parser = new EditParser();

    private static final String HOIST = """
            <<<<<<< SEARCH
                            double sum = 0.0;
                            for (int k = 0; k < n; k++) {
                                sum += a[i * n + k] * b[k * n + j];
                            }
            =======
                            double sum = 0.0;
                            int rowA = i * n;
                            for (int k = 0; k < n; k++) {
                                sum += a[rowA + k] * b[k * n + j];
                            }
            >>>>>>> REPLACE
            """;

    /** A reply of one SEARCH/REPLACE block that replaces the line {@code search} with {@code replace}. */
    private static String block(String search, String replace) {
        return "<<<<<<< SEARCH\n" + search + "\n=======\n" + replace + "\n>>>>>>> REPLACE\n";
    }

    private static String applied(EditResult result) {
        assertThat(result).isInstanceOf(EditResult.Applied.class);
        return ((EditResult.Applied) result).source();
    }

    private static String reason(EditResult result) {
        assertThat(result).isInstanceOf(EditResult.Rejected.class);
        return ((EditResult.Rejected) result).reason();
    }

    /** Everything outside the block is the seed's, byte for byte. */
    private static void assertOutsideUnchanged(String source) {
        EvolveBlock block = EvolveBlock.of(source).orElseThrow();
        assertThat(block.before()).isEqualTo(SEED_BLOCK.before());
        assertThat(block.after()).isEqualTo(SEED_BLOCK.after());
    }

    @Test
    void singleSearchReplaceBlockIsAppliedInsideTheBlock() {
        EditResult result = parser.parse(HOIST, SEED);
        String source = applied(result);
        assertOutsideUnchanged(source);
        assertThat(source).contains("int rowA = i * n;").contains("sum += a[rowA + k] * b[k * n + j];")
                .doesNotContain("sum += a[i * n + k]");
        assertThat(((EditResult.Applied) result).edit()).isInstanceOfSatisfying(ParsedEdit.SearchReplace.class,
                e -> assertThat(e.blocks()).hasSize(1));
    }

    @Test
    void multipleBlocksApplyInOrderAndLaterOnesSeeEarlierResults() {
        String reply = HOIST + """
                <<<<<<< SEARCH
                        for (int i = 0; i < n; i++) {
                =======
                        for (int i = n - 1; i >= 0; i--) {
                >>>>>>> REPLACE
                <<<<<<< SEARCH
                                int rowA = i * n;
                =======
                                final int rowA = i * n;
                >>>>>>> REPLACE
                """;
        EditResult result = parser.parse(reply, SEED);
        String source = applied(result);
        assertOutsideUnchanged(source);
        assertThat(source).contains("for (int i = n - 1; i >= 0; i--) {").contains("final int rowA = i * n;")
                .doesNotContain("for (int i = 0; i < n; i++)");
        assertThat(((ParsedEdit.SearchReplace) ((EditResult.Applied) result).edit()).blocks()).hasSize(3);
    }

    @Test
    void proseAroundBlocksAndFencesAreIgnored() {
        String reply = "Hoisting the row offset saves a multiply per iteration.\n\n```java\n" + HOIST
                + "```\n\nThis should be a little faster.\n";
        assertThat(applied(parser.parse(reply, SEED))).contains("int rowA = i * n;");
    }

    @Test
    void crlfAndTrailingWhitespaceAreTolerated() {
        String reply = ("\n\n" + HOIST + "\n\n").replace("\n", "   \r\n");
        String source = applied(parser.parse(reply, SEED));
        assertOutsideUnchanged(source);
        assertThat(source).contains("int rowA = i * n;").doesNotContain("\r");
    }

    @Test
    void searchWithOtherIndentationMatchesAfterWhitespaceNormalization() {
        String reply = """
                <<<<<<< SEARCH
                double sum = 0.0;

                for (int k = 0;   k < n; k++) {
                =======
                                double sum = 0.0;
                                for (int k = n - 1; k >= 0; k--) {
                >>>>>>> REPLACE
                """;
        assertThat(applied(parser.parse(reply, SEED))).contains("for (int k = n - 1; k >= 0; k--) {")
                .doesNotContain("for (int k = 0; k < n; k++)");
    }

    @Test
    void searchThatMatchesNothingIsRejectedQuotingItsFirstLine() {
        String reply = block("        for (int q = 0; q < n; q++) {", "        for (int q = 1; q < n; q++) {");
        assertThat(reason(parser.parse(reply, SEED)))
                .contains("SEARCH block 1").contains("`for (int q = 0; q < n; q++) {`").contains("does not match");
    }

    @Test
    void searchThatMatchesTwiceIsRejectedAsAmbiguous() {
        String reply = block("}", "} // end");
        assertThat(reason(parser.parse(reply, SEED))).contains("SEARCH block 1").contains("`}`")
                .contains("matches 4 places").contains("exactly one");
    }

    @Test
    void exactDuplicateLinesAreAmbiguousToo() {
        String parent = SEED_BLOCK.withBody(SEED_BLOCK.body()
                + "    private static int one() {\n        return 1;\n    }\n"
                + "    private static int two() {\n        return 1;\n    }\n");
        String reply = block("        return 1;", "        return 2;");
        assertThat(reason(parser.parse(reply, parent))).contains("matches 2 places");
    }

    @Test
    void aSecondBlockThatFailsRejectsTheWholeReply() {
        String reply = HOIST + block("not there", "x");
        assertThat(reason(parser.parse(reply, SEED))).contains("SEARCH block 2").contains("`not there`");
    }

    @Test
    void searchThatChangesAnImportIsRejectedAsOutsideTheBlock() {
        String reply = block("import java.util.stream.IntStream;", "import java.util.stream.*;");
        assertThat(reason(parser.parse(reply, SEED))).contains("`import java.util.stream.IntStream;`")
                .contains("outside the evolve block");
    }

    @Test
    void searchThatRenamesTheClassIsRejectedAsOutsideTheBlock() {
        String reply = block("public final class Matmul implements MatmulKernel {",
                "public final class FastMatmul implements MatmulKernel {");
        assertThat(reason(parser.parse(reply, SEED))).contains("`public final class Matmul implements MatmulKernel {`")
                .contains("outside the evolve block");
    }

    @Test
    void replaceThatMovesAMarkerIsRejected() {
        String reply = "<<<<<<< SEARCH\n    @Override\n=======\n    // EVOLVE-BLOCK-END\n    @Override\n>>>>>>> REPLACE\n";
        assertThat(reason(parser.parse(reply, SEED))).contains("marker");
    }

    @Test
    void malformedBlocksAreRejected() {
        assertThat(reason(parser.parse("<<<<<<< SEARCH\n    @Override\n>>>>>>> REPLACE\n", SEED)))
                .contains("no =======");
        assertThat(reason(parser.parse("<<<<<<< SEARCH\n    @Override\n=======\n    @Override\n", SEED)))
                .contains("cut off");
        assertThat(reason(parser.parse("<<<<<<< SEARCH\n\n=======\n    int x;\n>>>>>>> REPLACE\n", SEED)))
                .contains("empty");
    }

    @Test
    void bareBodyRewriteInAJavaFenceIsAccepted() {
        String reply = """
                Here is a version with the loops interchanged:

                ```java
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        java.util.Arrays.fill(c, 0, n * n, 0.0);
                        for (int i = 0; i < n; i++) {
                            for (int k = 0; k < n; k++) {
                                double aik = a[i * n + k];
                                for (int j = 0; j < n; j++) {
                                    c[i * n + j] += aik * b[k * n + j];
                                }
                            }
                        }
                    }
                ```
                """;
        EditResult result = parser.parse(reply, SEED);
        String source = applied(result);
        assertOutsideUnchanged(source);
        assertThat(EvolveBlock.of(source).orElseThrow().body()).startsWith("    @Override\n").contains("double aik");
        assertThat(((EditResult.Applied) result).edit()).isInstanceOf(ParsedEdit.BodyRewrite.class);
    }

    @Test
    void bareFenceWithoutLanguageTagIsAccepted() {
        String reply = "```\n" + SEED_BLOCK.body().replace("double sum = 0.0;", "double sum = 0;") + "```";
        assertThat(applied(parser.parse(reply, SEED))).contains("double sum = 0;");
    }

    @Test
    void wholeFileRewriteThatKeepsTheOutsideIsAccepted() {
        String file = SEED.replace("double sum = 0.0;", "double sum = 0.0; // accumulator");
        String reply = "The whole file:\r\n```java\r\n" + file.replace("\n", "  \r\n") + "\r\n```\r\nDone.";
        EditResult result = parser.parse(reply, SEED);
        String source = applied(result);
        assertThat(source).isEqualTo(file);
        assertThat(((EditResult.Applied) result).edit()).isInstanceOf(ParsedEdit.FileRewrite.class);
    }

    @Test
    void wholeFileRewriteThatChangesAnImportIsRejectedNamingTheLine() {
        String file = SEED.replace("import java.util.stream.IntStream;\n", "import java.util.stream.IntStream;\nimport java.util.Arrays;\n")
                .replace("double sum = 0.0;", "double sum = 0;");
        String reason = reason(parser.parse("```java\n" + file + "```\n", SEED));
        assertThat(reason).contains("outside the evolve block").contains("before the evolve block")
                .contains("`import java.util.Arrays;`");
    }

    @Test
    void wholeFileRewriteThatRenamesTheClassIsRejected() {
        String file = SEED.replace("public final class Matmul", "public final class Matmul2")
                .replace("double sum = 0.0;", "double sum = 0;");
        assertThat(reason(parser.parse("```java\n" + file + "```\n", SEED)))
                .contains("`public final class Matmul implements MatmulKernel {`")
                .contains("`public final class Matmul2 implements MatmulKernel {`");
    }

    @Test
    void wholeFileRewriteThatAddsCodeAfterTheBlockIsRejected() {
        String file = SEED.replace("double sum = 0.0;", "double sum = 0;").stripTrailing() + "\nclass Helper {}\n";
        assertThat(reason(parser.parse("```java\n" + file + "```\n", SEED)))
                .contains("after the evolve block").contains("adds the line `class Helper {}`");
    }

    @Test
    void wholeFileWithoutMarkersIsRejected() {
        String file = SEED.replace("    // EVOLVE-BLOCK-START\n", "").replace("    // EVOLVE-BLOCK-END\n", "");
        assertThat(reason(parser.parse("```java\n" + file + "```\n", SEED))).contains("lacks the EVOLVE-BLOCK markers");
        String classOnly = file.substring(file.indexOf("/**"));
        assertThat(reason(parser.parse("```java\n" + classOnly + "```\n", SEED))).contains("declares class Matmul");
    }

    @Test
    void oneMarkerAloneIsRejected() {
        String reply = "```java\n    // EVOLVE-BLOCK-START\n" + SEED_BLOCK.body() + "```\n";
        assertThat(reason(parser.parse(reply, SEED))).contains("1 // EVOLVE-BLOCK-START and 0 // EVOLVE-BLOCK-END");
    }

    @Test
    void emptyAndProseOnlyRepliesAreRejected() {
        assertThat(reason(parser.parse("", SEED))).startsWith("no edit found");
        assertThat(reason(parser.parse(null, SEED))).startsWith("no edit found");
        assertThat(reason(parser.parse(" \r\n\n\t", SEED))).startsWith("no edit found");
        assertThat(reason(parser.parse("I would interchange the j and k loops and then vectorize the inner loop.", SEED)))
                .startsWith("no edit found");
        assertThat(reason(parser.parse("```java\n\n\n```", SEED))).startsWith("no edit found");
    }

    @Test
    void unclosedFenceIsRejectedAsCutOff() {
        assertThat(reason(parser.parse("Here:\n```java\n    @Override\n    public void multiply(", SEED)))
                .contains("never closed");
    }

    @Test
    void unchangedBlockIsRejected() {
        assertThat(reason(parser.parse("```java\n" + SEED_BLOCK.body() + "```", SEED))).contains("unchanged");
        assertThat(reason(parser.parse("```java\n" + SEED + "```", SEED))).contains("unchanged");
    }

    @Test
    void longestFenceWinsOverShortSnippets() {
        String reply = "Change `x`:\n```\nint x;\n```\nFull block:\n```java\n"
                + SEED_BLOCK.body().replace("double sum = 0.0;", "double sum = -0.0;") + "```\n";
        assertThat(applied(parser.parse(reply, SEED))).contains("double sum = -0.0;").doesNotContain("int x;");
    }

    @Test
    void hugeReplyIsParsedAndOneOverTheLimitIsRefused() {
        String prose = "This paragraph explains the idea at length. ".repeat(20).concat("\n").repeat(400); // ~350k chars each side
        String reply = prose + HOIST + prose;
        assertThat(reply.length()).isBetween(1_000, EditParser.DEFAULT_MAX_REPLY_CHARS);
        assertThat(applied(parser.parse(reply, SEED))).contains("int rowA = i * n;");

        String tooLong = "x".repeat(EditParser.DEFAULT_MAX_REPLY_CHARS + 1);
        assertThat(reason(parser.parse(tooLong, SEED))).contains("too long");
        assertThat(reason(new EditParser(100).parse(HOIST, SEED))).contains("limit 100");
    }

    @Test
    void baseWithoutABlockIsTheCallersError() {
        assertThatThrownBy(() -> parser.parse(HOIST, "class Matmul {}")).isInstanceOf(IllegalArgumentException.class);
    }
}
