package dev.evolve.eval.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchLaneTest {

    @TempDir
    Path dir;

    @Test
    void oneHolderAtATime() throws Exception {
        BenchLane lane = BenchLane.at(dir.resolve("bench.lock"));
        assertThat(BenchLane.at(dir.resolve("bench.lock"))).isSameAs(lane);
        AtomicBoolean firstHolds = new AtomicBoolean(true);
        AtomicBoolean overlap = new AtomicBoolean(false);
        CountDownLatch secondEntered = new CountDownLatch(1);

        Thread second;
        try (BenchLane.Permit p = lane.enter()) {
            second = Thread.ofPlatform().start(() -> {
                try (BenchLane.Permit q = lane.enter()) {
                    overlap.set(firstHolds.get());
                    secondEntered.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(secondEntered.await(200, TimeUnit.MILLISECONDS)).isFalse();
            firstHolds.set(false);
        }
        assertThat(secondEntered.await(10, TimeUnit.SECONDS)).isTrue();
        second.join();
        assertThat(overlap).isFalse();
        assertThat(dir.resolve("bench.lock")).exists();
    }
}
