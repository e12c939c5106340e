package dev.evolve.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AccountingTest {

    private static final ModelSpec CHEAP = new ModelSpec(Provider.OPENAI, "", "cheap", "", 1, Duration.ofSeconds(1), 1.0, 2.0);
    private static final ModelSpec DEAR = new ModelSpec(Provider.OPENAI, "", "dear", "", 1, Duration.ofSeconds(1), 10.0, 30.0);
    private static final ModelRequest PROMPT = new ModelRequest("", "go", 0, 10);

    @Test
    void countsTokensCostCallsAndFailuresPerModelAndStopsAtTheBudget() throws Exception {
        var accounting = new Accounting(0.05);
        ModelClient cheap = accounting.meter(p -> new Completion("a", "cheap", 1000, 1000, Duration.ZERO, 1), CHEAP);
        ModelClient dear = accounting.meter(p -> {
            throw new ModelException(ModelException.Kind.SERVER_ERROR, "dear", "boom");
        }, DEAR);

        cheap.complete(PROMPT);
        assertThatThrownBy(() -> dear.complete(PROMPT)).isInstanceOf(ModelException.class);

        var snapshot = accounting.snapshot();
        assertThat(snapshot.models().keySet()).containsExactly("cheap", "dear");
        assertThat(snapshot.models().get("cheap")).isEqualTo(new Accounting.ModelUsage(1, 0, 1000, 1000, 0.003));
        assertThat(snapshot.models().get("dear")).isEqualTo(new Accounting.ModelUsage(1, 1, 0, 0, 0));
        assertThat(snapshot.calls()).isEqualTo(2);
        assertThat(snapshot.failures()).isEqualTo(1);
        assertThat(snapshot.cost()).isCloseTo(0.003, within(1e-12));
        assertThat(accounting.budgetExhausted()).isFalse();

        accounting.record(DEAR, 1000, 1500); // 0.01 + 0.045
        assertThat(accounting.budgetExhausted()).isTrue();
        assertThat(accounting.snapshot().budgetExhausted()).isTrue();
    }

    @Test
    void concurrentCallsAreAllCounted() throws Exception {
        var accounting = new Accounting(Double.POSITIVE_INFINITY);
        ModelClient client = accounting.meter(p -> new Completion("a", "cheap", 3, 5, Duration.ZERO, 1), CHEAP);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Completion>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                futures.add(executor.submit(() -> client.complete(PROMPT)));
            }
            for (var future : futures) {
                future.get();
            }
        }
        var usage = accounting.snapshot().models().get("cheap");
        assertThat(usage.calls()).isEqualTo(1000);
        assertThat(usage.inputTokens()).isEqualTo(3000);
        assertThat(usage.outputTokens()).isEqualTo(5000);
        assertThat(usage.cost()).isCloseTo(1000 * (3 * 1.0 + 5 * 2.0) / 1e6, within(1e-9));
    }
}
