package dev.evolve.eval;

import java.util.Objects;

/**
 * The seed's measurement that speedups are taken against: measured on first use, kept, and
 * replaced when the seed is timed again. Thread-safe; concurrent first uses measure once.
 *
 * <pre>{@code
 * var seed = new SeedBaseline<>(() -> timeTheSeed());
 * Timing t = seed.get();        // measures the first time only
 * seed.remeasure();             // a re-timing: later speedups are against it
 * }</pre>
 *
 * @param <T> what a measurement gives (a timing, or a timing with its JMH score)
 */
public final class SeedBaseline<T> {

    /** One measurement of the seed; it fails (unchecked) when the seed does not measure. */
    @FunctionalInterface
    public interface Measurement<T> {
        T measure() throws InterruptedException;
    }

    private final Measurement<T> measurement;
    private final Object lock = new Object();
    private volatile T value;

    public SeedBaseline(Measurement<T> measurement) {
        this.measurement = Objects.requireNonNull(measurement, "measurement");
    }

    /** The kept measurement, taken now if there is none yet. */
    public T get() throws InterruptedException {
        T v = value;
        if (v != null) {
            return v;
        }
        synchronized (lock) {
            if (value == null) {
                value = Objects.requireNonNull(measurement.measure(), "a seed measurement");
            }
            return value;
        }
    }

    /** Measures again and keeps the new measurement. */
    public T remeasure() throws InterruptedException {
        synchronized (lock) {
            value = Objects.requireNonNull(measurement.measure(), "a seed measurement");
            return value;
        }
    }

    /**
     * Runs {@code evaluation} of the seed itself while there is no baseline yet, and keeps what
     * {@code asBaseline} makes of its result (null: nothing to keep): a seed that takes seconds to
     * time is timed once, not twice. Once there is a baseline, returns null and runs nothing.
     */
    public <R> R firstFrom(Measurement<R> evaluation, java.util.function.Function<R, T> asBaseline)
            throws InterruptedException {
        synchronized (lock) {
            if (value != null) {
                return null;
            }
            R result = evaluation.measure();
            value = asBaseline.apply(result);
            return result;
        }
    }
}
