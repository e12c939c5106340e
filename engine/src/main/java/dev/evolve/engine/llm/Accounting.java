package dev.evolve.engine.llm;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tokens, cost, calls and failures per model, and a cost budget; thread-safe. Wrap each model's client with
 * {@link #meter(ModelClient, ModelSpec)} (inside any retrying decorator, so every request is counted once).
 *
 * <p>Cost is {@code tokens * price per million / 1e6} in the currency the specs' prices use.
 */
public final class Accounting {

    /**
     * One model's totals.
     *
     * @param calls requests that returned a completion or failed
     * @param failures requests that failed
     */
    public record ModelUsage(long calls, long failures, long inputTokens, long outputTokens, double cost) {
        public ModelUsage {
            if (calls < 0 || failures < 0 || failures > calls || inputTokens < 0 || outputTokens < 0 || !(cost >= 0)) {
                throw new IllegalArgumentException("inconsistent usage: calls " + calls + ", failures " + failures
                        + ", tokens " + inputTokens + "/" + outputTokens + ", cost " + cost);
            }
        }
    }

    /** All models' totals at one moment, for {@code summary.json}; models sorted by name. */
    public record Snapshot(Map<String, ModelUsage> models, long calls, long failures, long inputTokens,
            long outputTokens, double cost, double budget, boolean budgetExhausted) {
        public Snapshot {
            models = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(models, "models")));
        }
    }

    private static final class Counters {
        final LongAdder calls = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder inputTokens = new LongAdder();
        final LongAdder outputTokens = new LongAdder();
        final DoubleAdder cost = new DoubleAdder();
    }

    private final double budget;
    private final Map<String, Counters> byModel = new ConcurrentHashMap<>();
    private final DoubleAdder totalCost = new DoubleAdder();

    /** @param budget the most the run may spend; {@link Double#POSITIVE_INFINITY} for no limit */
    public Accounting(double budget) {
        if (!(budget >= 0)) {
            throw new IllegalArgumentException("budget: must be zero or positive, was " + budget);
        }
        this.budget = budget;
    }

    /** A client that counts every call of {@code client} against {@code spec}'s model and prices. */
    public ModelClient meter(ModelClient client, ModelSpec spec) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(spec, "spec");
        return new ModelClient() {
            @Override
            public Completion complete(ModelRequest prompt) throws ModelException, InterruptedException {
                Completion completion;
                try {
                    completion = client.complete(prompt);
                } catch (ModelException e) {
                    recordFailure(spec.model());
                    throw e;
                }
                record(spec, completion.inputTokens(), completion.outputTokens());
                return completion;
            }

            @Override
            public String toString() {
                return "metered " + client;
            }
        };
    }

    /** Counts one successful call and returns its cost. */
    public double record(ModelSpec spec, long inputTokens, long outputTokens) {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        double cost = spec.cost(inputTokens, outputTokens);
        Counters counters = counters(spec.model());
        counters.calls.increment();
        counters.inputTokens.add(inputTokens);
        counters.outputTokens.add(outputTokens);
        counters.cost.add(cost);
        totalCost.add(cost);
        return cost;
    }

    /** Counts one failed call (no tokens are billed for it). */
    public void recordFailure(String model) {
        Counters counters = counters(model);
        counters.calls.increment();
        counters.failures.increment();
    }

    /** Total cost so far. */
    public double cost() {
        return totalCost.sum();
    }

    /** Whether the spending reached the budget; callers stop asking models once it has. */
    public boolean budgetExhausted() {
        return totalCost.sum() >= budget;
    }

    public Snapshot snapshot() {
        Map<String, ModelUsage> models = new TreeMap<>();
        long calls = 0, failures = 0, in = 0, out = 0;
        double cost = 0;
        for (var entry : byModel.entrySet()) {
            Counters c = entry.getValue();
            // Read failures before calls: both only grow, so failures <= calls holds for the pair read.
            long f = c.failures.sum();
            long n = Math.max(c.calls.sum(), f);
            ModelUsage usage = new ModelUsage(n, f, c.inputTokens.sum(), c.outputTokens.sum(), c.cost.sum());
            models.put(entry.getKey(), usage);
            calls += usage.calls();
            failures += usage.failures();
            in += usage.inputTokens();
            out += usage.outputTokens();
            cost += usage.cost();
        }
        return new Snapshot(models, calls, failures, in, out, cost, budget, cost >= budget);
    }

    private Counters counters(String model) {
        Objects.requireNonNull(model, "model");
        return byModel.computeIfAbsent(model, m -> new Counters());
    }
}
