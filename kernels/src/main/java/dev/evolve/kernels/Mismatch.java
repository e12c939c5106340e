package dev.evolve.kernels;

/** The first output element out of tolerance: where, what was expected, what came out. */
public record Mismatch(int size, int index, double expected, double actual, String where) {

    public Mismatch {
        if (size < 0 || index < 0) {
            throw new IllegalArgumentException("size and index must be >= 0");
        }
        where = where == null ? "" : where;
    }

    public String describe() {
        return "size " + size + ": element " + index + (where.isEmpty() ? "" : " (" + where + ")")
                + " expected " + expected + " but was " + actual;
    }
}
