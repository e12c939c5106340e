package dev.evolve.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator's evaluator with only its local workers (no member needed): what it does when the ledger fails. */
class ClusterEvaluatorTest {

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)   // a slot kept by the failed dispatch: the next one waits for ever
    void aDispatchTheLedgerCannotRecordGivesItsSlotBack(@TempDir Path tmp) throws Exception {
        Timing t = Timing.of(64, List.of(1_000_000L));
        VariantEvaluator local = new VariantEvaluator() {
            @Override
            public EvaluationOutcome evaluate(String source) {
                return new EvaluationOutcome.Measured(t, t, 1.0, 1.0, null);
            }

            @Override
            public void close() {
            }
        };
        Slots slots = new Slots();
        slots.add(Slots.LOCAL, Slots.LOCAL, null, 1);
        DispatchLedger ledger = DispatchLedger.open(tmp.resolve("programs.db"));
        var evaluator = new ClusterEvaluator(null, null, local, slots, ledger, Duration.ofMinutes(1),
                Duration.ofSeconds(1), InstantSource.system(), m -> true);
        assertThat(evaluator.evaluate("class A {}")).isInstanceOf(EvaluationOutcome.Measured.class);

        ledger.close();                                  // every dispatch now fails to be recorded
        assertThatThrownBy(() -> evaluator.evaluate("class B {}")).isInstanceOf(ClusterException.class)
                .hasMessageContaining("dispatch ledger");
        assertThat(slots.inFlight()).isZero();
        assertThatThrownBy(() -> evaluator.evaluate("class C {}")).isInstanceOf(ClusterException.class)
                .hasMessageContaining("dispatch ledger");    // it got the one slot again: nothing was kept
    }
}
