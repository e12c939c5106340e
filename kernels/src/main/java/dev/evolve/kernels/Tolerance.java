package dev.evolve.kernels;

/**
 * An element passes when {@code |actual - expected| <= absolute + relative * |expected|}.
 * NaN and infinite results never pass unless they equal the expected value exactly.
 */
public record Tolerance(double relative, double absolute) {

    public Tolerance {
        if (!(relative >= 0) || !(absolute >= 0) || Double.isInfinite(relative) || Double.isInfinite(absolute)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0: relative=" + relative + ", absolute=" + absolute);
        }
    }

    public boolean accepts(double expected, double actual) {
        if (Double.compare(expected, actual) == 0) {
            return true;
        }
        double diff = Math.abs(actual - expected);
        return diff <= absolute + relative * Math.abs(expected);   // false for NaN
    }

    @Override
    public String toString() {
        return "rel " + relative + ", abs " + absolute;
    }
}
