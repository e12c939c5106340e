package dev.evolve.engine.db;

/**
 * One axis of the MAP-Elites grid: it sorts a measured program into one of {@link #bins()} bins. Bins must depend on
 * the program alone (not on time or on other programs), so that a reopened database puts each program back in the
 * same cell. Built-in dimensions are listed in {@link FeatureDimensions}.
 */
public interface FeatureDimension {

    /** A stable name, used in the configuration and stored with each program's features. */
    String name();

    /** The number of bins, at least 1. */
    int bins();

    /** The bin of {@code program}, in {@code [0, bins())}. Only called for measured programs. */
    int bin(ProgramRecord program);
}
