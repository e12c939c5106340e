package dev.evolve.cli;

import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code evolve targets}: the built-in targets, one line each. */
@Command(name = "targets", mixinStandardHelpOptions = true, description = "List the built-in targets, one line each.")
final class TargetsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (KernelTarget t : Targets.all()) {
            System.out.printf("%-12s %s%n", t.name(), t.description());
        }
        return ExitCode.OK.code;
    }
}
