package dev.evolve.engine.cluster;

import dev.evolve.engine.wiring.RunSession;
import java.nio.file.Path;
import java.util.Map;

/**
 * A coordinator in a JVM of its own, for the test that kills it: {@code run <dir> <iterations> <join>
 * <cluster>} starts a cluster run of matmul (members only, no local workers), {@code resume <dir>}
 * continues it. The {@link HashEvaluator} judges what the coordinator evaluates itself (re-timing).
 */
public final class CoordinatorMain {

    private CoordinatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("resume")) {
            RunSession.resumeWith(dir, target -> new HashEvaluator(target, 0));
        } else {
            ClusterRuns.run(dir, ClusterRuns.config(Long.parseLong(args[2]),
                    Map.of("join", args[3], "name", args[4], "local_workers", false, "lease", "60s")));
        }
        System.out.println("finished");
        System.exit(0);
    }
}
