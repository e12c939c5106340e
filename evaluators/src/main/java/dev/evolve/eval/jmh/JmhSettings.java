package dev.evolve.eval.jmh;

import java.time.Duration;

/**
 * How long JMH warms up and measures, and the hard limit for the whole forked run.
 *
 * @param forks                 JMH forks (fresh JVMs) per confirmation
 * @param warmupIterations      warm-up iterations per fork
 * @param warmupTime            length of one warm-up iteration
 * @param measurementIterations measured iterations per fork
 * @param measurementTime       length of one measured iteration
 * @param iterationTimeout      JMH's own limit for one iteration
 * @param processTimeout        hard limit after which the launcher and its forks are killed
 */
public record JmhSettings(int forks, int warmupIterations, Duration warmupTime, int measurementIterations,
                          Duration measurementTime, Duration iterationTimeout, Duration processTimeout) {

    /** 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement: about +-2 % on a quiet machine. */
    public static final JmhSettings DEFAULT = of(1, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1));

    /** A few seconds in all, for tests: 1 fork, 1 x 200 ms warm-up, 2 x 200 ms measurement. No error estimate. */
    public static final JmhSettings QUICK = of(1, 1, Duration.ofMillis(200), 2, Duration.ofMillis(200));

    public JmhSettings {
        if (forks < 1 || warmupIterations < 0 || measurementIterations < 1) {
            throw new IllegalArgumentException("need >= 1 fork, >= 0 warm-up and >= 1 measurement iterations: "
                    + forks + ", " + warmupIterations + ", " + measurementIterations);
        }
        for (Duration d : new Duration[] {warmupTime, measurementTime, iterationTimeout, processTimeout}) {
            if (d == null || d.toMillis() < 1) {
                throw new IllegalArgumentException("durations must be >= 1 ms: " + d);
            }
        }
        if (iterationTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("JMH's iteration timeout must be >= 1 s: " + iterationTimeout);
        }
    }

    /**
     * Settings whose timeouts follow from the iteration counts: each iteration may overrun by a
     * slow invocation, and each JVM (launcher, forks) takes a few seconds to start.
     */
    public static JmhSettings of(int forks, int warmupIterations, Duration warmupTime, int measurementIterations,
                                 Duration measurementTime) {
        Duration iterationTimeout = Duration.ofSeconds(60);
        Duration slack = Duration.ofSeconds(10);
        Duration perFork = warmupTime.plus(slack).multipliedBy(warmupIterations)
                .plus(measurementTime.plus(slack).multipliedBy(measurementIterations));
        Duration process = Duration.ofSeconds(60).plus(perFork.multipliedBy(Math.max(1, forks)));
        return new JmhSettings(forks, warmupIterations, warmupTime, measurementIterations, measurementTime,
                iterationTimeout, process);
    }

    /** The same settings with another hard limit for the whole run. */
    public JmhSettings withProcessTimeout(Duration timeout) {
        return new JmhSettings(forks, warmupIterations, warmupTime, measurementIterations, measurementTime,
                iterationTimeout, timeout);
    }
}
