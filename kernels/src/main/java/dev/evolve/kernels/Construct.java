package dev.evolve.kernels;

/** Constructs beyond plain sequential Java that a target may allow its variants. */
public enum Construct {
    /** {@code IntStream.range(..).parallel()} and other parallel streams (the common fork-join pool). */
    PARALLEL_STREAMS,
    /** The incubating Vector API, {@code jdk.incubator.vector}. */
    VECTOR_API
}
