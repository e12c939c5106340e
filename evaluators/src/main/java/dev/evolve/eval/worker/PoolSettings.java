package dev.evolve.eval.worker;

import java.time.Duration;

/**
 * Checks of the settings every evaluator on a worker pool has (the cascade's and the accelerators'
 * configurations): one wording for each rule, so that a bad value reads the same whichever
 * evaluator it was given to.
 */
public final class PoolSettings {

    private PoolSettings() {
    }

    /** @throws IllegalArgumentException "{@code name} must be >= {@code min}: {@code value}" */
    public static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
        }
    }

    /** @throws IllegalArgumentException when {@code d} is missing, zero or negative */
    public static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + d);
        }
    }

    /** @throws IllegalArgumentException unless {@code factor} is 0 (never cut short) or at least 1 */
    public static void requireSlowCutoff(double factor) {
        if (!(factor == 0 || factor >= 1)) {
            throw new IllegalArgumentException("slowCutoff must be 0 (off) or >= 1: " + factor);
        }
    }
}
