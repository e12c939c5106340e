package dev.evolve.engine.mutate.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.Sample;
import dev.evolve.engine.db.SourceHash;
import dev.evolve.engine.llm.Completion;
import dev.evolve.engine.llm.ModelClient;
import dev.evolve.engine.llm.ModelException;
import dev.evolve.kernels.Targets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelMutatorTest {

    private static final String SEED = Targets.require("matmul").seedSource();
    private static final ProgramRecord PARENT = new ProgramRecord(SourceHash.of(SEED), null, SEED, 0, 0, "seed",
            "measured", "ok", 1.0, 0.7, 400_000_000L, Map.of(), Instant.EPOCH);
    private static final PromptBuilder PROMPTS = new PromptBuilder(Targets.require("matmul"),
            new HardwareFacts(2, 512), PromptTemplates.defaults());

    private static ModelMutator mutator(ModelClient client) {
        return new ModelMutator(PROMPTS, new EditParser(), Map.of("m", client),
                (model, c) -> c.inputTokens() * 1e-6 + c.outputTokens() * 2e-6, 3, 0, 0);
    }

    private static Completion reply(String text) {
        return new Completion(text, "m", 100, 50, Duration.ofMillis(5), 1);
    }

    @Test
    void anApplicableDiffGivesAChildWithItsCost() throws InterruptedException {
        var result = mutator(p -> reply("""
                <<<<<<< SEARCH
                                double sum = 0.0;
                =======
                                double sum = 0.0 + 0.0;
                >>>>>>> REPLACE
                """)).mutate(new Sample(PARENT, List.of()), null, "m", new SplittableRandom(1));
        assertThat(result).isInstanceOfSatisfying(ModelMutator.Result.Child.class, c -> {
            assertThat(c.source()).contains("double sum = 0.0 + 0.0;").isNotEqualTo(SEED);
            assertThat(c.origin()).isEqualTo("llm:m:diff");
            assertThat(c.attempts()).isEqualTo(1);
            assertThat(c.cost()).isCloseTo(100e-6 + 100e-6, org.assertj.core.data.Offset.offset(1e-12));
        });
    }

    @Test
    void rejectedRepliesAreResampledWithTheReasonAndThenGivenUp() throws InterruptedException {
        List<String> prompts = new ArrayList<>();
        var result = mutator(p -> {
            prompts.add(p.user());
            return reply("Looks good to me.");
        }).mutate(new Sample(PARENT, List.of()), null, "m", new SplittableRandom(2));
        assertThat(prompts).hasSize(3);
        assertThat(prompts.get(1)).contains("no edit found");
        assertThat(result).isInstanceOfSatisfying(ModelMutator.Result.Failed.class, f -> {
            assertThat(f.modelDown()).isFalse();
            assertThat(f.reason()).contains("no applicable edit after 3 replies");
        });
    }

    @Test
    void aFailingModelIsReportedDown() throws InterruptedException {
        var result = mutator(p -> {
            throw new ModelException(ModelException.Kind.UNAVAILABLE, "m", "connection refused");
        }).mutate(new Sample(PARENT, List.of()), null, "m", new SplittableRandom(3));
        assertThat(result).isInstanceOfSatisfying(ModelMutator.Result.Failed.class, f -> {
            assertThat(f.modelDown()).isTrue();
            assertThat(f.reason()).contains("UNAVAILABLE").contains("connection refused");
        });
    }
}
