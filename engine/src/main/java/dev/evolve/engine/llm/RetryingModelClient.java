package dev.evolve.engine.llm;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;

/**
 * Retries rate limits, server errors and timeouts with exponential backoff and full jitter, and bounds the
 * requests in flight across all callers.
 *
 * <p>Attempt {@code k} (1-based) that fails with a {@linkplain ModelException.Kind#retryable() retryable} kind is
 * followed by a wait drawn uniformly from {@code [0, min(maxDelay, baseDelay * 2^(k-1))]}, or, when the provider
 * sent {@code Retry-After} (seconds or an HTTP date), exactly that wait, capped at {@code maxRetryAfter}.
 * LangChain4j's own exceptions expose only the status code and body, not headers; the clients built by
 * {@link ModelClients} read the header with their own HTTP client and pass it on through
 * {@link ModelException#retryAfter()}. A client that cannot supply it falls back to backoff.
 *
 * <p>The in-flight bound is a fair {@link Semaphore} held only while a request is outstanding, not during the waits,
 * so a rate-limited caller does not block others. Callers are expected to run on virtual threads; blocking is cheap.
 * The clock, the sleeper and the random generator are injected so tests observe the waits without sleeping.
 */
public final class RetryingModelClient implements ModelClient {

    /** Waits for a duration; {@code Thread::sleep} in production, a recorder in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Retry settings.
     *
     * @param maxAttempts requests per call at most, at least 1
     * @param baseDelay backoff cap after the first failure, positive
     * @param maxDelay backoff cap for any failure, at least baseDelay
     * @param maxRetryAfter longest provider-requested wait honoured (longer requests are cut to this), positive
     * @param maxInFlight requests outstanding at once across all callers, at least 1
     */
    public record Policy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter, int maxInFlight) {
        public Policy {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts: must be at least 1, was " + maxAttempts);
            }
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            if (baseDelay.isNegative() || baseDelay.isZero()) {
                throw new IllegalArgumentException("baseDelay: must be positive, was " + baseDelay);
            }
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("maxDelay: must be at least baseDelay, was " + maxDelay);
            }
            if (maxRetryAfter.isNegative() || maxRetryAfter.isZero()) {
                throw new IllegalArgumentException("maxRetryAfter: must be positive, was " + maxRetryAfter);
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight: must be at least 1, was " + maxInFlight);
            }
        }

        /** 4 attempts, 1 s doubling to 30 s, Retry-After honoured up to 2 minutes, 8 requests in flight. */
        public static Policy defaults() {
            return new Policy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2), 8);
        }
    }

    private final ModelClient delegate;
    private final Policy policy;
    private final Semaphore inFlight;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /** Production wiring: the system clock and {@link Thread#sleep(Duration)}. */
    public RetryingModelClient(ModelClient delegate, Policy policy, RandomGenerator random) {
        this(delegate, policy, InstantSource.system(), Thread::sleep, random);
    }

    public RetryingModelClient(ModelClient delegate, Policy policy, InstantSource clock, Sleeper sleeper, RandomGenerator random) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.inFlight = new Semaphore(policy.maxInFlight(), true);
    }

    @Override
    public Completion complete(ModelRequest prompt) throws ModelException, InterruptedException {
        Objects.requireNonNull(prompt, "prompt");
        var start = clock.instant();
        for (int attempt = 1; ; attempt++) {
            ModelException failure;
            inFlight.acquire();
            try {
                Completion completion = delegate.complete(prompt);
                return completion.withAttempts(Duration.between(start, clock.instant()).abs(), attempt);
            } catch (ModelException e) {
                failure = e;
            } finally {
                inFlight.release();
            }
            if (!failure.kind().retryable()) {
                throw failure;
            }
            if (attempt >= policy.maxAttempts()) {
                throw new ModelException(failure.kind(), failure.model(), "gave up after " + attempt
                        + " attempts; last: " + failure.getMessage(), failure.retryAfter().orElse(null), failure);
            }
            sleeper.sleep(delayAfter(attempt, failure));
        }
    }

    /** The wait after failed attempt {@code attempt}: Retry-After when given, else full-jitter backoff. */
    Duration delayAfter(int attempt, ModelException failure) {
        if (failure.retryAfter().isPresent()) {
            Duration asked = failure.retryAfter().get();
            return asked.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : asked;
        }
        long baseNanos = policy.baseDelay().toNanos();
        long capNanos = policy.maxDelay().toNanos();
        int shift = Math.min(attempt - 1, 40);
        long ceiling = baseNanos > (capNanos >> shift) ? capNanos : Math.min(capNanos, baseNanos << shift);
        double fraction;
        synchronized (random) { // RandomGenerator implementations are not thread-safe in general
            fraction = random.nextDouble();
        }
        return Duration.ofNanos((long) (fraction * ceiling));
    }

    @Override
    public String toString() {
        return "RetryingModelClient[" + policy + ", " + delegate + "]";
    }
}
