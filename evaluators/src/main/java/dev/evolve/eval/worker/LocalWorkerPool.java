package dev.evolve.eval.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of worker JVMs on this machine. A retired worker (killed, crashed, or worn out
 * after {@code candidatesPerWorker} candidates) is replaced by a fresh one started in the
 * background, so the pool keeps its size; a caller that finds no idle worker waits.
 *
 * <pre>{@code
 * try (var pool = LocalWorkerPool.start(WorkerLaunch.fromThisJvm(1024, 2), 2, 200)) {
 *     try (WorkerLease w = pool.acquire()) { ... }
 * }
 * }</pre>
 *
 * <p>Isolation is the process boundary plus OS-level caps (heap, processors, time, environment,
 * private directory) and the launch's OS sandbox ({@link WorkerLaunch#sandbox()}), which is what
 * stops a candidate that writes to an absolute path or opens a socket.
 */
public final class LocalWorkerPool implements WorkerPool {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final WorkerLaunch launch;
    private final int size;
    private final int candidatesPerWorker;
    private final LinkedBlockingQueue<WorkerProcess> idle = new LinkedBlockingQueue<>();
    private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger starting = new AtomicInteger();
    private final List<Duration> replacements = new CopyOnWriteArrayList<>();
    private final ExecutorService starter = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "evolve-worker-starter");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile String startFailure;
    private final java.util.Optional<AotCache> aot;

    private LocalWorkerPool(WorkerLaunch launch, int size, int candidatesPerWorker) {
        this.launch = Objects.requireNonNull(launch, "launch");
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker: " + size);
        }
        if (candidatesPerWorker < 1) {
            throw new IllegalArgumentException("candidatesPerWorker must be >= 1: " + candidatesPerWorker);
        }
        this.size = size;
        this.candidatesPerWorker = candidatesPerWorker;
        this.aot = launch.useAotCache() ? AotCache.forLaunch(launch) : java.util.Optional.empty();
    }

    /** Starts {@code size} workers in the background; {@link #acquire()} waits for the first ready one. */
    public static LocalWorkerPool start(WorkerLaunch launch, int size, int candidatesPerWorker) {
        var pool = new LocalWorkerPool(launch, size, candidatesPerWorker);
        pool.aot.filter(cache -> !cache.exists()).ifPresent(cache -> pool.starter.execute(() -> {
            try {
                cache.train(launch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        for (int i = 0; i < size; i++) {
            pool.startOne(0);
        }
        return pool;
    }

    public int size() {
        return size;
    }

    private void startOne(long retiredAtNanos) {
        starting.incrementAndGet();
        starter.execute(() -> {
            try {
                for (int attempt = 1; attempt <= START_ATTEMPTS && !closed; attempt++) {
                    try {
                        List<String> options = aot.map(AotCache::useOptions).orElse(List.of());
                        WorkerProcess w = WorkerProcess.start(launch, options, READY_TIMEOUT);
                        if (retiredAtNanos != 0) {
                            replacements.add(Duration.ofNanos(System.nanoTime() - retiredAtNanos));
                        }
                        live.add(w);
                        idle.add(w);
                        if (closed) {
                            retireQuietly(w);
                        }
                        startFailure = null;
                        return;
                    } catch (IOException e) {
                        startFailure = e.getMessage();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                starting.decrementAndGet();
            }
        });
    }

    @Override
    public WorkerLease acquire() throws InterruptedException {
        while (true) {
            if (closed) {
                throw new IllegalStateException("the worker pool is closed");
            }
            WorkerProcess w = idle.poll(100, TimeUnit.MILLISECONDS);
            if (w != null) {
                if (w.quiet()) {
                    return new Lease(w);
                }
                retire(w); // dead, or a frame arrived after its last reply: never lent again
                continue;
            }
            String failure = startFailure;
            if (failure != null && live.isEmpty() && starting.get() == 0) {
                throw new IllegalStateException("no worker could be started: " + failure);
            }
        }
    }

    /**
     * Waits until every worker is started and idle; for benchmarks and tests.
     *
     * @throws IllegalStateException when workers fail to start
     */
    public boolean awaitAllIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (idle.size() >= size && starting.get() == 0) {
                return true;
            }
            String failure = startFailure;
            if (failure != null && starting.get() == 0 && live.size() < size) {
                throw new IllegalStateException("workers could not be started: " + failure);
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Time from each retirement (kill) to its replacement being ready, oldest first. */
    public List<Duration> replacementTimes() {
        return List.copyOf(replacements);
    }

    /** Process ids of the live workers, for diagnostics and tests. */
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        live.forEach(w -> pids.add(w.pid()));
        return pids;
    }

    private void retire(WorkerProcess w) {
        long at = System.nanoTime();
        retireQuietly(w);
        if (!closed) {
            startOne(at);
        }
    }

    private void retireQuietly(WorkerProcess w) {
        live.remove(w);
        idle.remove(w);
        w.kill();
    }

    @Override
    public void close() {
        closed = true;
        WorkerProcess w;
        while ((w = idle.poll()) != null) {
            retireQuietly(w);
        }
        starter.shutdown();
        try {
            starter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        while ((w = idle.poll()) != null) {
            retireQuietly(w);
        }
    }

    /** The next idle worker that is fit to serve (waits like {@link #acquire()}). */
    private WorkerProcess takeFresh() throws InterruptedException {
        return ((Lease) acquire()).worker;
    }

    private final class Lease implements WorkerLease {
        private WorkerProcess worker;
        private boolean spent;
        private boolean retireOnClose;
        private boolean first = true;

        Lease(WorkerProcess worker) {
            this.worker = worker;
        }

        @Override
        public WorkerResponse call(WorkerRequest request, Duration limit) throws InterruptedException {
            if (spent) {
                throw new IllegalStateException("this lease's worker was retired or returned");
            }
            WorkerResponse response;
            try {
                response = worker.call(request, limit);
                if (first && request.stage() == WorkerRequest.Stage.COMPILE && worker.protocolBreak() != null) {
                    // a compile runs no candidate code: the stream was broken by an earlier lease's
                    // candidate (a frame it left behind), so this candidate gets a fresh worker instead
                    LocalWorkerPool.this.retire(worker);
                    worker = takeFresh();
                    response = worker.call(request, limit);
                }
                first = false;
            } catch (InterruptedException | RuntimeException e) {
                // the worker may still be busy with this request: it cannot serve anyone else
                spent = true;
                LocalWorkerPool.this.retire(worker);
                throw e;
            }
            if (response instanceof WorkerResponse.Replied r && !WorkerProtocol.answers(request, r.reply())) {
                // the worker's word, and it makes no sense for this request: it cannot be trusted further
                spent = true;
                String output = worker.killAndDrain();
                LocalWorkerPool.this.retire(worker);
                return new WorkerResponse.Died(-1, "the worker answered a " + request.stage() + " request with a "
                        + r.reply().kind() + " reply", output);
            }
            switch (response) {
                case WorkerResponse.Replied r when r.reply().kind() == WorkerReply.Kind.CRASHED -> {
                    spent = true;
                    String output = worker.killAndDrain();
                    LocalWorkerPool.this.retire(worker);
                    return new WorkerResponse.Replied(r.reply(), output);
                }
                case WorkerResponse.Replied r -> {
                    if (r.reply().strayThreads() > 0) {
                        retireOnClose = true;
                    }
                    return r;
                }
                case WorkerResponse.Died d -> {
                    spent = true;
                    LocalWorkerPool.this.retire(worker);
                    return d;
                }
                case WorkerResponse.Overran o -> {
                    spent = true;
                    LocalWorkerPool.this.retire(worker);
                    return o;
                }
            }
        }

        @Override
        public void retire() {
            if (!spent) {
                spent = true;
                LocalWorkerPool.this.retire(worker);
            }
        }

        @Override
        public long pid() {
            return worker.pid();
        }

        @Override
        public void close() {
            if (spent) {
                return;
            }
            spent = true;
            // a frame after the last reply (a thread the candidate left behind writing) retires it too
            if (closed || retireOnClose || !worker.quiet() || worker.candidates() >= candidatesPerWorker) {
                LocalWorkerPool.this.retire(worker);
            } else {
                idle.add(worker);
            }
        }
    }
}
