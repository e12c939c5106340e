package dev.evolve.cli;

import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.kernels.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code evolve targets}: the built-in targets, one line each. */
@Command(name = "targets", mixinStandardHelpOptions = true, description = "List the built-in targets, one line each.")
final class TargetsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (Target t : TargetCatalog.builtIns()) {
            System.out.printf("%-16s %-9s %s%n", t.name(), t.language(), t.description());
        }
        return ExitCode.OK.code;
    }
}
