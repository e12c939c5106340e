package dev.evolve.engine.mutate.ast;

import dev.evolve.eval.cascade.BenchLane;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.eval.worker.LocalWorkerPool;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.kernels.KernelTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One worker JVM (256 MiB) and a bench lock for a test class that puts rewritten kernels through the real
 * cascade; registered with {@code @RegisterExtension static final CascadeWorkers WORKERS = new CascadeWorkers();}.
 */
final class CascadeWorkers implements BeforeAllCallback, AfterAllCallback {

    private LocalWorkerPool pool;
    private Path lockDir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        lockDir = Files.createTempDirectory("cascade-workers");
        pool = LocalWorkerPool.start(WorkerLaunch.fromThisJvm(256, 2), 1, 1000);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        pool.close();
        try (Stream<Path> files = Files.walk(lockDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The cascade (static check, javac, correctness and timing in the worker) for {@code target}. */
    Cascade cascade(KernelTarget target, CascadeConfig config) {
        return Cascade.using(pool, BenchLane.at(lockDir.resolve("bench.lock")), target, config,
                new JavaParserStaticCheck(), null);
    }
}
