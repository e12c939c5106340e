package dev.evolve.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of {@code evolve run} and {@code evolve eval} that say how candidates are evaluated on this machine
 * (a picocli mixin). Unset options are null: {@code run} then takes them from its configuration, {@code eval}
 * from the defaults of a run's.
 */
final class EvaluationOptions {

    @Option(names = "--evaluator-jar", paramLabel = "FILE", description = "Jar with the ProgramEvaluator plug-in a target folder names (evaluator: {plugin: ...}).")
    Path evaluatorJar;

    @Option(names = "--workers", paramLabel = "N", description = "Worker JVMs evaluating candidates (default 2).")
    Integer workers;

    @Option(names = "--timing-size", paramLabel = "N", description = "Problem size for timing (default: the target's, 512 for matmul).")
    Integer timingSize;

    @Option(names = "--device", paramLabel = "DEVICE", description = "OpenCL targets: the device, as an index P:D or part of its name (see 'evolve devices'; default: the first GPU, else the first device).")
    String device;

    @Option(names = "--sandbox", paramLabel = "MODE", description = "OS sandbox of candidate processes: auto (bubblewrap where it works, else a warning; default), bwrap (bubblewrap or exit code 2) or process (none).")
    String sandbox;
}
