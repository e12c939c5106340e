package dev.evolve.eval.worker;

import java.time.Duration;

/**
 * Exclusive use of one worker for the requests of one candidate. A worker that overran, died or
 * reported a crash is retired (killed, its directory deleted, a replacement started) and the
 * lease is spent; otherwise {@link #close()} returns the worker to its pool.
 */
public interface WorkerLease extends AutoCloseable {

    /**
     * Sends {@code request} and waits at most {@code limit} for the reply. Past the limit the
     * worker is killed and {@link WorkerResponse.Overran} returned.
     *
     * @throws IllegalStateException if the lease is spent or closed
     */
    WorkerResponse call(WorkerRequest request, Duration limit) throws InterruptedException;

    /**
     * Ends the lease and retires its worker (killed, replaced): for a worker whose word the caller
     * found false (a timing whose outputs the engine could not verify). The default closes the lease.
     */
    default void retire() {
        close();
    }

    /** The worker's process id, for diagnostics; -1 where there is none. */
    long pid();

    @Override
    void close();
}
