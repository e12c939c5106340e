package dev.evolve.eval.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.eval.EvaluationOutcome.Rejected;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CascadeConfigTest {

    @Test
    void defaultsAreValid() {
        var d = CascadeConfig.defaults();

        assertThat(d.workers()).isEqualTo(2);
        assertThat(d.heapMiB()).isEqualTo(1024);
        assertThat(d.processors()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(d.jmhConfirm()).isFalse();
    }

    @Test
    void nonsenseIsRefusedWithTheFieldName() {
        var d = CascadeConfig.defaults();
        assertThatThrownBy(() -> d.withWorkers(0)).hasMessageContaining("workers");
        assertThatThrownBy(() -> d.withHeapMiB(10)).hasMessageContaining("heapMiB");
        assertThatThrownBy(() -> d.withProcessors(0)).hasMessageContaining("processors");
        assertThatThrownBy(() -> d.withLimits(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("compileLimit");
        assertThatThrownBy(() -> d.withSlowCutoff(0.5)).hasMessageContaining("slowCutoff");
        assertThatThrownBy(() -> d.withJmh(false, true)).hasMessageContaining("jmhTiming");
        assertThatThrownBy(() -> d.withCandidatesPerWorker(0)).hasMessageContaining("candidatesPerWorker");
    }

    @Test
    void overheadExcludesWorkLaneWaitAndJmh() {
        var e = new Evaluation(new Rejected("x"), Map.of(
                Evaluation.Stage.STATIC, Duration.ofMillis(10),
                Evaluation.Stage.ACQUIRE, Duration.ofMillis(1),
                Evaluation.Stage.COMPILE, Duration.ofMillis(30),
                Evaluation.Stage.CHECK, Duration.ofMillis(20),
                Evaluation.Stage.BENCH_LANE, Duration.ofMillis(100),
                Evaluation.Stage.TIMING, Duration.ofMillis(500),
                Evaluation.Stage.VERIFY, Duration.ofMillis(40),
                Evaluation.Stage.JMH, Duration.ofMillis(1000)),
                Map.of(Evaluation.Stage.COMPILE, Duration.ofMillis(25), Evaluation.Stage.CHECK, Duration.ofMillis(18),
                        Evaluation.Stage.TIMING, Duration.ofMillis(497)),
                Duration.ofMillis(1701));

        assertThat(e.preTiming()).isEqualTo(Duration.ofMillis(61));
        assertThat(e.inWorkerTotal()).isEqualTo(Duration.ofMillis(540));
        assertThat(e.engineOverhead()).isEqualTo(Duration.ofMillis(11));
        assertThat(e.overheadOf(Evaluation.Stage.COMPILE)).isEqualTo(Duration.ofMillis(5));
        assertThat(e.overheadOf(Evaluation.Stage.TIMING)).isEqualTo(Duration.ofMillis(3));
    }
}
