package dev.evolve.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry policy at the seam, with a scripted client instead of a server. */
class RetryingModelClientTest {

    private static final ModelRequest PROMPT = new ModelRequest("", "go", 0, 10);
    private static final RetryingModelClient.Policy POLICY =
            new RetryingModelClient.Policy(5, Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(10), 1);

    @Test
    void backoffGrowsToTheCapAndRetryAfterIsCappedAtItsMaximum() throws Exception {
        var calls = new AtomicInteger();
        List<Duration> waits = new ArrayList<>();
        ModelClient flaky = prompt -> switch (calls.incrementAndGet()) {
            case 1, 2, 3 -> throw new ModelException(ModelException.Kind.SERVER_ERROR, "m", "busy");
            case 4 -> throw new ModelException(ModelException.Kind.RATE_LIMITED, "m", "later", Duration.ofHours(1), null);
            default -> new Completion("done", "m", 1, 1, Duration.ZERO, 1);
        };
        var client = new RetryingModelClient(flaky, POLICY, InstantSource.system(), waits::add, new SplittableRandom(3));

        Completion completion = client.complete(PROMPT);

        assertThat(completion.attempts()).isEqualTo(5);
        assertThat(waits).hasSize(4);
        assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(waits.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
        assertThat(waits.get(2)).isBetween(Duration.ZERO, Duration.ofMillis(250));
        assertThat(waits.get(3)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theSameRandomSeedGivesTheSameWaits() throws Exception {
        assertThat(waitsWithSeed(11)).isEqualTo(waitsWithSeed(11));
    }

    private static List<Duration> waitsWithSeed(long seed) throws Exception {
        List<Duration> waits = new ArrayList<>();
        ModelClient failing = prompt -> {
            throw new ModelException(ModelException.Kind.TIMEOUT, "m", "slow");
        };
        var client = new RetryingModelClient(failing, POLICY, InstantSource.system(), waits::add, new SplittableRandom(seed));
        assertThatThrownBy(() -> client.complete(PROMPT)).isInstanceOf(ModelException.class).hasMessageContaining("5 attempts");
        return waits;
    }

    @Test
    void anInterruptDuringTheWaitStopsRetrying() {
        var calls = new AtomicInteger();
        ModelClient failing = prompt -> {
            calls.incrementAndGet();
            throw new ModelException(ModelException.Kind.SERVER_ERROR, "m", "busy");
        };
        var client = new RetryingModelClient(failing, POLICY, InstantSource.system(),
                d -> { throw new InterruptedException("stop"); }, new SplittableRandom(1));

        assertThatThrownBy(() -> client.complete(PROMPT)).isInstanceOf(InterruptedException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void policyFieldsAreValidatedByName() {
        assertThatThrownBy(() -> new RetryingModelClient.Policy(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1), 1))
                .hasMessageStartingWith("maxAttempts:");
        assertThatThrownBy(() -> new RetryingModelClient.Policy(1, Duration.ofMillis(2), Duration.ofMillis(1), Duration.ofSeconds(1), 1))
                .hasMessageStartingWith("maxDelay:");
        assertThatThrownBy(() -> new RetryingModelClient.Policy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1), 0))
                .hasMessageStartingWith("maxInFlight:");
    }
}
