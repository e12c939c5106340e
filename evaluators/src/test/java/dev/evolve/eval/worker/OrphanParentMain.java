package dev.evolve.eval.worker;

import dev.evolve.eval.testing.Candidates;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.time.Duration;

/**
 * A stand-in engine for the orphan test: starts one worker, prints its pid and private
 * directory, and makes it spin in an endless candidate until this process is killed.
 */
public final class OrphanParentMain {

    private OrphanParentMain() {
    }

    public static void main(String[] args) throws Exception {
        var pool = LocalWorkerPool.start(WorkerLaunch.fromThisJvm(128, 1), 1, 10);
        try (WorkerLease lease = pool.acquire()) {
            var target = new MatmulTarget(8);
            lease.call(WorkerRequest.compile(target, Candidates.withMultiplyBody("while (true) { }"), false),
                    Duration.ofSeconds(60));
            System.out.println("WORKER " + lease.pid());
            System.out.flush();
            lease.call(WorkerRequest.check(target.checkSizes(), 1L), Duration.ofMinutes(10));
        }
    }
}
