package dev.evolve.eval.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.testing.Candidates;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real worker whose JVM logs a warning at start: its stdout carries only reply frames. */
class WorkerJvmWarningTest {

    @TempDir
    Path dir;

    /**
     * The JVM writes its own warnings to stdout unless told otherwise (here: large pages asked for where none are
     * configured, as an AOT training run may warn); stdout carries the worker's reply frames, so such a line must
     * not reach it. Without large pages configured the JVM warns; with them it does not, and the test passes anyway.
     */
    @Test
    void aWorkerWhoseJvmWarnsStillReplies() throws Exception {
        var base = WorkerLaunch.fromThisJvm(256, 1);
        var launch = new WorkerLaunch(base.javaExecutable(), base.classPath(), 256, 1, WorkerEnvironment.minimal(), dir,
                List.of("-XX:+UseLargePages"), false);
        WorkerProcess worker = WorkerProcess.start(launch, List.of(), Duration.ofSeconds(60));
        try {
            var compiled = worker.call(WorkerRequest.compile(new MatmulTarget(8), Candidates.SEED, false),
                    Duration.ofSeconds(30));
            assertThat(((WorkerResponse.Replied) compiled).reply().kind()).isEqualTo(WorkerReply.Kind.COMPILED);
        } finally {
            worker.kill();
        }
    }
}
