package dev.evolve.kernels;

/** Constructs beyond plain sequential Java that a target may allow its variants. */
public enum Construct {
    /** {@code IntStream.range(..).parallel()} and other parallel streams (the common fork-join pool). */
    PARALLEL_STREAMS,
    /** The incubating Vector API, {@code jdk.incubator.vector}. */
    VECTOR_API,
    /**
     * {@code java.util.concurrent.atomic.AtomicInteger} and {@code Thread.onSpinWait()}, nothing else of
     * {@code java.util.concurrent} or {@code Thread}: tasks of a parallel stream handing values on in order
     * (a one-pass scan claims blocks from a counter and waits for the block before it). No threads, locks,
     * executors or blocking calls; a task that spins for ever is stopped by the timing limit like any loop.
     */
    ATOMICS
}
