package dev.evolve.eval.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Incorrect;
import dev.evolve.eval.EvaluationOutcome.Measured;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.eval.worker.LocalWorkerPool;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in target's seed through the real cascade (static check, compile, check, timing in
 * worker processes), timed at a small size so the target travels to the workers resized.
 */
class BuiltInTargetsCascadeTest {

    static final Duration LIMIT = Duration.ofSeconds(10);
    static final CascadeConfig CONFIG = CascadeConfig.defaults()
            .withHeapMiB(256)
            .withProcessors(1)
            .withLimits(Duration.ofSeconds(15), LIMIT, LIMIT)
            .withTimingPlan(new TimingPlan(1, 0, 100, 3, 3, 200, 3));

    @TempDir
    static Path lockDir;
    static LocalWorkerPool pool;

    @BeforeAll
    static void startPool() {
        pool = LocalWorkerPool.start(WorkerLaunch.fromThisJvm(CONFIG.heapMiB(), CONFIG.processors()), 2, 1000);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    static Stream<KernelTarget> targets() {
        return Targets.all().stream();
    }

    /** The largest check size: small enough to time quickly, and no default timing size. */
    private static KernelTarget small(KernelTarget target) {
        return Targets.withTimingSize(target, target.checkSizes().getLast());
    }

    private static EvaluationOutcome evaluate(KernelTarget target, String source) throws InterruptedException {
        try (Cascade cascade = Cascade.using(pool, BenchLane.at(lockDir.resolve("bench.lock")), target, CONFIG,
                new JavaParserStaticCheck(), null)) {
            return cascade.evaluate(source);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theSeedIsMeasuredAtASmallTimingSize(KernelTarget builtIn) throws Exception {
        KernelTarget target = small(builtIn);
        EvaluationOutcome outcome = evaluate(target, target.seedSource());

        assertThat(outcome).as(outcome.detail()).isInstanceOf(Measured.class);
        Measured m = (Measured) outcome;
        assertThat(m.timing().size()).isEqualTo(target.timingSize());
        assertThat(m.gflops()).isEqualTo(target.flops(target.timingSize()) / m.timing().medianNs());
    }

    @Test
    void aHistogramThatCountsOnTopOfTheNoiseIsIncorrect() throws Exception {
        KernelTarget target = small(Targets.require("histogram"));
        String wrong = target.seedSource().replace("counts[b] = 0;", "counts[b] += 0;");
        assertThat(wrong).isNotEqualTo(target.seedSource());

        EvaluationOutcome outcome = evaluate(target, wrong);

        assertThat(outcome).as(outcome.detail()).isInstanceOf(Incorrect.class);
        Incorrect incorrect = (Incorrect) outcome;
        assertThat(incorrect.mismatch().size()).isEqualTo(target.checkSizes().getFirst());
        assertThat(incorrect.mismatch().where()).startsWith("bin ");
        assertThat(List.of(incorrect.mismatch().actual())).doesNotContain(incorrect.mismatch().expected());
    }
}
