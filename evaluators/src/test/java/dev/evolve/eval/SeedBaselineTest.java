package dev.evolve.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SeedBaselineTest {

    @Test
    void concurrentFirstUsesMeasureOnceAndAllSeeThatMeasurement() throws Exception {
        AtomicInteger measurements = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        var seed = new SeedBaseline<>(() -> {
            Thread.sleep(20);
            return measurements.incrementAndGet();
        });
        List<Thread> threads = new ArrayList<>();
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    seen.add(seed.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(measurements.get()).isEqualTo(1);
        assertThat(seen).hasSize(8).containsOnly(1);
    }

    @Test
    void remeasureReplacesWhatLaterUsesGet() throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        var seed = new SeedBaseline<>(n::incrementAndGet);
        assertThat(seed.get()).isEqualTo(1);
        assertThat(seed.remeasure()).isEqualTo(2);
        assertThat(seed.get()).isEqualTo(2);
    }

    @Test
    void theSeedsOwnFirstEvaluationBecomesTheBaselineAndRunsOnlyWhileThereIsNone() throws InterruptedException {
        AtomicInteger separate = new AtomicInteger();
        var seed = new SeedBaseline<>(() -> 100 + separate.incrementAndGet());
        assertThat(seed.firstFrom(() -> "measured 7", r -> 7)).isEqualTo("measured 7");
        assertThat(seed.get()).isEqualTo(7);
        assertThat(separate.get()).as("no separate measurement of the seed").isZero();
        assertThat(seed.firstFrom(() -> "again", r -> 8)).isNull();
        assertThat(seed.get()).isEqualTo(7);
    }

    @Test
    void aFirstEvaluationThatGivesNothingToKeepLeavesTheMeasurementToLaterUse() throws InterruptedException {
        var seed = new SeedBaseline<>(() -> 42);
        assertThat(seed.firstFrom(() -> "incorrect", r -> null)).isEqualTo("incorrect");
        assertThat(seed.get()).isEqualTo(42);
    }

    @Test
    void aSeedThatDoesNotMeasureFailsEveryUseUntilItDoes() {
        var seed = new SeedBaseline<Integer>(() -> {
            throw new IllegalStateException("the seed did not measure");
        });
        assertThatThrownBy(seed::get).hasMessageContaining("did not measure");
        assertThatThrownBy(seed::get).hasMessageContaining("did not measure");
    }
}
