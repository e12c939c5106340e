package dev.evolve.eval.worker;

import dev.evolve.eval.sandbox.Sandbox;
import dev.evolve.eval.sandbox.SandboxPolicy;
import dev.evolve.eval.testing.Candidates;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.time.Duration;

/**
 * A stand-in engine with a secret in its environment (set by {@link WorkerSandboxSecretTest}):
 * starts one worker ({@code bwrap} or {@code process}, the first argument) whose candidate reads
 * every {@code /proc/<pid>/environ} it can, this process's first, and prints what came back.
 */
public final class SecretEngineMain {

    private SecretEngineMain() {
    }

    public static void main(String[] args) throws Exception {
        Sandbox sandbox = args[0].equals("bwrap") ? SandboxPolicy.probe().bubblewrap().orElseThrow() : Sandbox.none();
        long engine = ProcessHandle.current().pid();
        String body = """
                StringBuilder r = new StringBuilder();
                java.util.List<String> pids = new java.util.ArrayList<>(java.util.List.of("%d", "self"));
                java.io.File[] all = new java.io.File("/proc").listFiles();
                for (java.io.File f : all == null ? new java.io.File[0] : all) { pids.add(f.getName()); }
                for (String pid : pids) {
                    try {
                        byte[] env = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", pid, "environ"));
                        r.append(pid).append(": ").append(new String(env).replace('\\0', ' ')).append('\\n');
                    } catch (Throwable t) { }
                }
                throw new IllegalStateException("READ " + r);
                """.formatted(engine);
        var launch = WorkerLaunch.fromThisJvm(256, 1).withAotCache(false).withSandbox(sandbox);
        try (var pool = LocalWorkerPool.start(launch, 1, 10); WorkerLease lease = pool.acquire()) {
            var target = new MatmulTarget(8);
            lease.call(WorkerRequest.compile(target, Candidates.withMultiplyBody(body), false), Duration.ofSeconds(60));
            var response = lease.call(WorkerRequest.check(target.checkSizes(), 1L), Duration.ofSeconds(60));
            System.out.println("RESPONSE " + response);
        }
        System.exit(0);
    }
}
