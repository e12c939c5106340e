package dev.evolve.engine.mutate.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.SourceHash;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptBuilderTest {

    private static final KernelTarget MATMUL = Targets.require("matmul");
    private static final String SEED = MATMUL.seedSource();
    private static final HardwareFacts HARDWARE = new HardwareFacts(7, 512);
    private static final Pattern LEFTOVER = Pattern.compile("\\{\\{[A-Za-z0-9_-]+}}");

    private final PromptBuilder builder = new PromptBuilder(MATMUL, HARDWARE, PromptTemplates.defaults());

    static ProgramRecord measured(String source, double speedup, double gflops, long medianNs, String origin) {
        return new ProgramRecord(SourceHash.of(source), null, source, 0, 1, origin, ProgramRecord.MEASURED,
                "median 1.234 ms at n=512", speedup, gflops, medianNs, Map.of(), Instant.EPOCH);
    }

    static ProgramRecord failed(String source, String status, String detail) {
        return new ProgramRecord(SourceHash.of(source), null, source, 0, 2, "llm:diff", status, detail, 0, 0, 0,
                Map.of(), Instant.EPOCH);
    }

    private static final ProgramRecord PARENT = measured(SEED, 1.0, 0.67, 400_000_000L, "seed");

    private static String variant(String marker) {
        return SEED.replace("double sum = 0.0;", "double sum = 0.0; // " + marker);
    }

    @Test
    void everyTaskRendersEveryPlaceholderAndTheFacts() {
        ProgramRecord top = measured(variant("top"), 12.5, 8.4, 32_000_000L, "ast:vectorize-fma(4)");
        ProgramRecord diverse = measured(variant("diverse"), 2.25, 1.5, 180_000_000L, "ast:tile(32)");
        ProgramRecord child = failed(variant("broken"), ProgramRecord.COMPILE_ERROR, "Matmul.java:12: cannot find symbol");
        List<Prompt> prompts = List.of(
                builder.diffEdit(PARENT, List.of(top, diverse), new SplittableRandom(1)),
                builder.fullRewrite(PARENT, List.of(top), new SplittableRandom(2)),
                builder.crossover(top, diverse, new SplittableRandom(3)),
                builder.repair(PARENT, child, new SplittableRandom(4)));
        for (Prompt p : prompts) {
            assertThat(LEFTOVER.matcher(p.system()).find()).as(p.task() + " system").isFalse();
            assertThat(LEFTOVER.matcher(p.user()).find()).as(p.task() + " user").isFalse();
            assertThat(p.system()).contains("matmul").contains(MATMUL.description()).contains("Matmul")
                    .contains("7 cores").contains("512 bits (8 doubles per vector)").contains("Vector API")
                    .contains("parallel streams").contains("// EVOLVE-BLOCK-START");
        }
        Prompt diff = prompts.get(0);
        assertThat(diff.task()).isEqualTo(Prompt.Task.DIFF);
        assertThat(diff.baseSource()).isEqualTo(SEED);
        assertThat(diff.user()).contains(SEED.strip()).contains("status measured, 1.00x the seed, 0.67 GFLOP/s, median 400.000 ms")
                .contains("<<<<<<< SEARCH").contains("ast:vectorize-fma(4)").contains("12.50x the seed")
                .contains("double sum = 0.0; // top").contains("double sum = 0.0; // diverse").contains("ast:tile(32)");
        assertThat(prompts.get(1).user()).contains("```java code block").contains("double sum = 0.0; // top");
        assertThat(prompts.get(2).user()).contains("// top").contains("// diverse").contains("12.50x").contains("2.25x");
        assertThat(prompts.get(2).baseSource()).isEqualTo(top.source());
        assertThat(prompts.get(3).baseSource()).isEqualTo(child.source());
        assertThat(prompts.get(3).user()).contains("// broken").contains("cannot find symbol").contains(SEED.strip());
    }

    @Test
    void noInspirationsSaysSo() {
        assertThat(builder.diffEdit(PARENT, List.of(), new SplittableRandom(1)).user()).contains("(none yet)");
    }

    @Test
    void feedbackForEveryFailureStatusAppearsInTheRepairPrompt() {
        Map<String, String> details = Map.of(
                ProgramRecord.REJECTED, "line 14: calls System.exit",
                ProgramRecord.COMPILE_ERROR, "Matmul.java:15: error: ';' expected",
                ProgramRecord.INCORRECT, "check: n=17 c[40] expected 3.5 but was 0.0",
                ProgramRecord.TIMEOUT, "check ran past its limit of 10000 ms and was killed",
                ProgramRecord.CRASH, "exception: java.lang.ArrayIndexOutOfBoundsException: Index 289 out of bounds");
        Map<String, String> headings = Map.of(
                ProgramRecord.REJECTED, "Refused by the static checks",
                ProgramRecord.COMPILE_ERROR, "Did not compile",
                ProgramRecord.INCORRECT, "gave a wrong result",
                ProgramRecord.TIMEOUT, "timeout",
                ProgramRecord.CRASH, "Crashed");
        for (var e : details.entrySet()) {
            ProgramRecord child = failed(variant(e.getKey()), e.getKey(), e.getValue());
            String user = builder.repair(PARENT, child, new SplittableRandom(9)).user();
            assertThat(user).as(e.getKey()).contains(e.getValue()).contains(headings.get(e.getKey()))
                    .contains("status " + e.getKey() + ", not timed");
            // the same feedback describes a parent, whatever its status
            assertThat(builder.diffEdit(child, List.of(), new SplittableRandom(9)).user()).contains(e.getValue());
        }
        assertThat(PromptBuilder.feedback(PARENT)).startsWith("Correct").contains("median 1.234 ms");
    }

    @Test
    void repairOfAMeasuredChildIsRefused() {
        assertThatThrownBy(() -> builder.repair(PARENT, PARENT, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no repair");
    }

    @Test
    void longFeedbackIsCut() {
        ProgramRecord child = failed(variant("long"), ProgramRecord.COMPILE_ERROR, "e".repeat(50_000));
        String feedback = PromptBuilder.feedback(child);
        assertThat(feedback.length()).isLessThan(PromptBuilder.MAX_FEEDBACK_CHARS + 200);
        assertThat(feedback).contains("more characters cut");
    }

    @Test
    void sameSeedGivesTheSamePromptAndSeedsVaryThePhrasing() {
        Prompt a = builder.diffEdit(PARENT, List.of(), new SplittableRandom(42));
        Prompt b = builder.diffEdit(PARENT, List.of(), new SplittableRandom(42));
        assertThat(a).isEqualTo(b);
        Set<String> distinct = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            Prompt p = builder.diffEdit(PARENT, List.of(), new SplittableRandom(seed));
            distinct.add(p.system() + p.user());
        }
        // 3 intros x 5 emphases: forty seeds must reach more than one of them
        assertThat(distinct.size()).isGreaterThan(3);
    }

    @Test
    void emphasisAlternativesMayUsePlaceholders() {
        boolean sawCores = false;
        for (long seed = 0; seed < 60 && !sawCores; seed++) {
            sawCores = builder.diffEdit(PARENT, List.of(), new SplittableRandom(seed)).user().contains("across the 7 cores");
        }
        assertThat(sawCores).isTrue();
    }

    @Test
    void overrideDirectoryReplacesOnlyTheTemplatesItHolds(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(PromptTemplates.DIFF), "Make {{class_name}} faster on {{cores}} cores:\n{{parent_source}}\n");
        Files.writeString(dir.resolve(PromptTemplates.INTRO), "Intro A.\n---\nIntro A.\n");
        PromptTemplates templates = PromptTemplates.withOverrides(dir);
        assertThat(templates.origin(PromptTemplates.DIFF)).isEqualTo(dir.resolve(PromptTemplates.DIFF).toString());
        assertThat(templates.origin(PromptTemplates.SYSTEM)).startsWith("resource ");
        assertThat(templates.alternatives(PromptTemplates.INTRO)).containsExactly("Intro A.", "Intro A.");
        Prompt p = new PromptBuilder(MATMUL, HARDWARE, templates).diffEdit(PARENT, List.of(), new SplittableRandom(1));
        assertThat(p.user()).startsWith("Make Matmul faster on 7 cores:\n").contains("multiply(double[] a");
        assertThat(p.system()).startsWith("Intro A.").contains("Target: matmul.");
    }

    @Test
    void overrideWithAnUnknownPlaceholderFailsNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(PromptTemplates.REWRITE), "line one\nUse {{parent_sauce}} here.\n");
        PromptBuilder custom = new PromptBuilder(MATMUL, HARDWARE, PromptTemplates.withOverrides(dir));
        assertThatThrownBy(() -> custom.fullRewrite(PARENT, List.of(), new SplittableRandom(1)))
                .isInstanceOf(TemplateRenderer.TemplateException.class)
                .hasMessageContaining("rewrite.txt").hasMessageContaining("line 2")
                .hasMessageContaining("{{parent_sauce}}").hasMessageContaining("parent_source");
    }

    @Test
    void overrideDirectoryMustExist(@TempDir Path dir) {
        assertThatThrownBy(() -> PromptTemplates.withOverrides(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a directory");
    }

    @Test
    void rendererFillsValuesVerbatimAndRejectsMalformedPlaceholders() {
        assertThat(TemplateRenderer.render("t", "a {{x}} b {{ y }} {{x}}", Map.of("x", "{{y}} new int[] {{1}}", "y", "2")))
                .isEqualTo("a {{y}} new int[] {{1}} b 2 {{y}} new int[] {{1}}");
        assertThatThrownBy(() -> TemplateRenderer.render("t", "a {{x", Map.of("x", "1")))
                .isInstanceOf(TemplateRenderer.TemplateException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> TemplateRenderer.render("t", "a {{x y}}", Map.of("x", "1")))
                .isInstanceOf(TemplateRenderer.TemplateException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> TemplateRenderer.render("t.txt", "\n\n{{z}}", Map.of("x", "1")))
                .hasMessageContaining("t.txt, line 3: unknown placeholder {{z}}; known placeholders: [x]");
    }

    @Test
    void rejectionSectionCarriesTheReasonAndAttempt() {
        Prompt original = builder.diffEdit(PARENT, List.of(), new SplittableRandom(5));
        Prompt retry = builder.afterRejectedEdit(original, "SEARCH block 1 (first line `foo`) does not match", 2);
        assertThat(retry.system()).isEqualTo(original.system());
        assertThat(retry.user()).startsWith(original.user()).contains("attempt 2")
                .contains("SEARCH block 1 (first line `foo`) does not match");
        assertThat(retry.baseSource()).isEqualTo(original.baseSource());
    }

    @Test
    void aTargetInAnotherLanguageGetsTheGenericTemplatesAndItsOwnFences() {
        dev.evolve.kernels.Target script = new dev.evolve.kernels.Target() {
            @Override public String name() { return "packing"; }
            @Override public String description() { return "Pack boxes densely."; }
            @Override public String language() { return "python"; }
            @Override public String seedSource() { return SEED; }
            @Override public String fileName() { return "pack.py"; }
            @Override public int timingSize() { return 0; }
            @Override public double flops(int size) { return 0; }
        };
        ProgramRecord top = measured(SEED.replace("return", "return "), 2.0, 1.3, 200_000_000L, "ast:x");
        Prompt p = new PromptBuilder(script, HARDWARE, PromptTemplates.defaults("python"))
                .diffEdit(PARENT, List.of(top), new SplittableRandom(3));
        assertThat(p.system()).contains("written in python (pack.py)").contains("Pack boxes densely.")
                .doesNotContain("Java").doesNotContain("{{");
        assertThat(p.user()).contains("```python").doesNotContain("```java").doesNotContain("{{");
    }

    @Test
    void openClTargetsGetOpenClTemplatesAndCFences() {
        var target = dev.evolve.engine.target.TargetCatalog.resolve("matmul-opencl", null);
        ProgramRecord parent = measured(target.seedSource(), 1.0, 0.4, 400_000_000L, "seed");
        Prompt p = new PromptBuilder(target, HARDWARE, PromptTemplates.defaults(target.language()))
                .fullRewrite(parent, List.of(), new SplittableRandom(5));
        assertThat(p.system()).contains("one OpenCL C file, matmul.cl").contains("LOCAL_X").contains("guard every access")
                .doesNotContain("Java").doesNotContain("{{");
        assertThat(p.user()).contains("```c\n").contains("so that it runs faster").doesNotContain("```java")
                .doesNotContain("{{");
    }

    @Test
    void guidanceTakesTheEmphasisPlaceVerbatimAndTheSeedsAreTheRenderedAlternatives() {
        var seeds = builder.emphasisAlternatives();
        assertThat(seeds).hasSize(PromptTemplates.defaults().alternatives(PromptTemplates.EMPHASIS).size())
                .noneMatch(t -> LEFTOVER.matcher(t).find()).anyMatch(t -> t.contains("7 cores"));
        String odd = "Use {{no_such_placeholder}} loops, literally.";
        Prompt p = builder.guided(odd).diffEdit(PARENT, List.of(), new java.util.SplittableRandom(3));
        assertThat(p.user()).contains(odd);
        for (String seed : seeds) {
            assertThat(p.user()).doesNotContain(seed);
        }
        String rewrite = builder.guidanceRewrite(java.util.Map.of("rewrite", "1", "members", "- g1", "best", "g1",
                "worst", "g2", "max_chars", "600"));
        assertThat(rewrite).contains("<guidance>").contains("600 characters").contains("matmul")
                .doesNotContainPattern(LEFTOVER);
        assertThatThrownBy(() -> builder.guided(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
