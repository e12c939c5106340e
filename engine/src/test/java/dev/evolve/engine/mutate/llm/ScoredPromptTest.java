package dev.evolve.engine.mutate.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.target.ScoredTarget;
import dev.evolve.eval.EvaluationOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A program judged by its own evaluator: its metrics and the evaluator's artifacts reach the model. */
class ScoredPromptTest {

    static final String SEED = "def priority(w, p):\n    # EVOLVE-BLOCK-START\n    return w / p\n    # EVOLVE-BLOCK-END\n";
    static final ScoredTarget TARGET = new ScoredTarget("sched", "a dispatch rule", "python", SEED, "heuristic.py",
            Path.of("."), true, new ScoredTarget.Command(List.of("python3", "evaluate.py", "{file}"),
            Duration.ofSeconds(5), List.of()));

    @Test
    void metricsAndArtifactsGoIntoThePrompt() {
        var scored = new EvaluationOutcome.Scored("score", 2.07, true, Map.of("worst", 1.45),
                Map.of("hint", "instance 3 waits longest"));
        ProgramRecord parent = ProgramRecord.of(null, SEED, 0, 0, "seed", scored, scored.metrics(), Instant.EPOCH);
        assertThat(parent.measured()).isTrue();
        assertThat(parent.score()).isEqualTo(scored.fitness());
        assertThat(parent.metrics()).containsEntry("score", 2.07).containsEntry("worst", 1.45);

        Prompt p = new PromptBuilder(TARGET, new HardwareFacts(2, 256), PromptTemplates.defaults("python"))
                .diffEdit(parent, List.of(), new SplittableRandom(1));
        assertThat(p.user()).contains("status measured, score = 2.07, worst = 1.45")
                .contains("Scored by the evaluator: score = 2.07 (higher is better); worst = 1.45")
                .contains("hint:\ninstance 3 waits longest")
                .doesNotContain("GFLOP/s").doesNotContain("x the seed");
        assertThat(p.system() + p.user()).contains("python").contains("heuristic.py");

        var rejected = new EvaluationOutcome.Rejected("the evaluator found the program invalid: priority returned 'x'");
        ProgramRecord child = ProgramRecord.of(parent.id(), SEED.replace("w / p", "'x'"), 0, 1, "llm:diff", rejected,
                Map.of(), Instant.EPOCH);
        Prompt repair = new PromptBuilder(TARGET, new HardwareFacts(2, 256), PromptTemplates.defaults("python"))
                .repair(parent, child, new SplittableRandom(2));
        assertThat(repair.user()).contains("Refused: the evaluator found the program invalid: priority returned 'x'")
                .doesNotContain("static checks");
    }
}
