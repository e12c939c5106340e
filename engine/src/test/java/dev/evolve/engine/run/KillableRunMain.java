package dev.evolve.engine.run;

import dev.evolve.kernels.Targets;
import java.nio.file.Path;

/** A run with the fake evaluator in its own JVM, for the SIGKILL test: args = run dir, iterations, seed. */
public final class KillableRunMain {
    public static void main(String[] args) throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        FakeParts.run(Path.of(args[0]), FakeParts.config(Long.parseLong(args[1]), Long.parseLong(args[2])),
                new FakeParts.Evaluator(target, 40), true);
    }
}
