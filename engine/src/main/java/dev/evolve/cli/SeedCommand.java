package dev.evolve.cli;

import dev.evolve.kernels.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code evolve seed <target>}: prints the seed exactly as variants must extend it. */
@Command(name = "seed", mixinStandardHelpOptions = true, description = "Print the seed source of a target, exactly as variants must extend it.")
final class SeedCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<target>", description = "Target name (see 'evolve targets') or a target folder holding target.yaml.")
    String target;

    @Override
    public Integer call() {
        Target t = TargetResolver.resolve(target);
        System.out.print(t.seedSource());
        System.out.flush();
        return ExitCode.OK.code;
    }
}
