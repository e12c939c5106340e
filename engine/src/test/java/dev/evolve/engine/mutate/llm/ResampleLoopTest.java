package dev.evolve.engine.mutate.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.kernels.Targets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ResampleLoopTest {

    private static final String SEED = Targets.require("matmul").seedSource();
    private static final ProgramRecord PARENT = PromptBuilderTest.measured(SEED, 1.0, 0.67, 400_000_000L, "seed");
    private static final String GOOD = "<<<<<<< SEARCH\n                double sum = 0.0;\n=======\n"
            + "                double sum = 0;\n>>>>>>> REPLACE\n";

    private final PromptBuilder builder = new PromptBuilder(Targets.require("matmul"), new HardwareFacts(2, 256),
            PromptTemplates.defaults());
    private final Prompt prompt = builder.diffEdit(PARENT, List.of(), new SplittableRandom(1));

    /** A model that answers from a script and records the prompts it saw. */
    private static final class ScriptedModel implements Function<Prompt, String> {
        final List<Prompt> seen = new ArrayList<>();
        private final Iterator<String> replies;

        ScriptedModel(String... replies) {
            this.replies = List.of(replies).iterator();
        }

        @Override
        public String apply(Prompt p) {
            seen.add(p);
            return replies.next();
        }
    }

    @Test
    void firstGoodReplyIsAcceptedWithoutRetry() {
        ScriptedModel model = new ScriptedModel(GOOD);
        ResampleLoop.Outcome outcome = ResampleLoop.of(3, new EditParser(), builder).run(prompt, model);
        assertThat(outcome).isInstanceOfSatisfying(ResampleLoop.Outcome.Accepted.class, a -> {
            assertThat(a.attempts()).isEqualTo(1);
            assertThat(a.rejections()).isEmpty();
            assertThat(a.source()).contains("double sum = 0;");
        });
        assertThat(model.seen).containsExactly(prompt);
    }

    @Test
    void rejectedReplyIsRetriedWithTheReasonInTheNextPrompt() {
        ScriptedModel model = new ScriptedModel("Sorry, I cannot help.", GOOD);
        ResampleLoop.Outcome outcome = ResampleLoop.of(3, new EditParser(), builder).run(prompt, model);
        assertThat(outcome).isInstanceOfSatisfying(ResampleLoop.Outcome.Accepted.class, a -> {
            assertThat(a.attempts()).isEqualTo(2);
            assertThat(a.rejections()).singleElement().asString().startsWith("no edit found");
        });
        assertThat(model.seen).hasSize(2);
        assertThat(model.seen.get(1).user()).startsWith(prompt.user()).contains("attempt 1").contains("no edit found");
    }

    @Test
    void stopsAfterMaxAttemptsCarryingTheLastReason() {
        ScriptedModel model = new ScriptedModel("", "only prose",
                "<<<<<<< SEARCH\nnot in the program\n=======\nx\n>>>>>>> REPLACE\n", GOOD);
        ResampleLoop.Outcome outcome = ResampleLoop.of(3, new EditParser(), builder).run(prompt, model);
        assertThat(outcome).isInstanceOfSatisfying(ResampleLoop.Outcome.GaveUp.class, g -> {
            assertThat(g.attempts()).isEqualTo(3);
            assertThat(g.rejections()).hasSize(3);
            assertThat(g.lastReason()).contains("`not in the program`").contains("does not match");
        });
        assertThat(model.seen).hasSize(3);
        // each retry shows only the latest reason, built on the original prompt
        assertThat(model.seen.get(2).user()).contains("attempt 2").contains("no edit found")
                .doesNotContain("attempt 1");
    }

    @Test
    void editsApplyToThePromptsBaseSourceForARepair() {
        String broken = SEED.replace("double sum = 0.0;", "double sum = 0.0 // missing semicolon");
        ProgramRecord child = PromptBuilderTest.failed(broken, ProgramRecord.COMPILE_ERROR, "';' expected");
        Prompt repair = builder.repair(PARENT, child, new SplittableRandom(1));
        String fix = "<<<<<<< SEARCH\n                double sum = 0.0 // missing semicolon\n=======\n"
                + "                double sum = 0.0; // fixed\n>>>>>>> REPLACE\n";
        ResampleLoop.Outcome outcome = ResampleLoop.of(2, new EditParser(), builder).run(repair, new ScriptedModel(fix));
        assertThat(outcome).isInstanceOfSatisfying(ResampleLoop.Outcome.Accepted.class,
                a -> assertThat(a.source()).contains("double sum = 0.0; // fixed").doesNotContain("missing"));
    }

    @Test
    void modelFailuresPropagateAndLimitsAreValidated() {
        Function<Prompt, String> failing = p -> {
            throw new IllegalStateException("rate limited");
        };
        assertThatThrownBy(() -> ResampleLoop.of(3, new EditParser(), builder).run(prompt, failing))
                .hasMessage("rate limited");
        assertThatThrownBy(() -> ResampleLoop.of(0, new EditParser(), builder)).hasMessageContaining("maxAttempts");
    }
}
