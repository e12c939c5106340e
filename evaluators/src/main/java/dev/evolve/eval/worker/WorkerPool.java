package dev.evolve.eval.worker;

/**
 * Worker processes that run candidates, wherever they live. The local implementation is
 * {@link LocalWorkerPool}; a remote pool is one more implementation of this seam, speaking the
 * same {@link WorkerRequest}/{@link WorkerReply} protocol.
 *
 * <pre>{@code
 * try (WorkerLease w = pool.acquire()) {
 *     WorkerResponse r = w.call(WorkerRequest.compile(target, source, false), Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public interface WorkerPool extends AutoCloseable {

    /** Waits for an idle worker and leases it to the caller alone. */
    WorkerLease acquire() throws InterruptedException;

    /** Kills every worker; leases still out are retired when closed. */
    @Override
    void close();
}
