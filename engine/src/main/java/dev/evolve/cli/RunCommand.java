package dev.evolve.cli;

import dev.evolve.engine.run.ConfigFiles;
import dev.evolve.engine.run.RunConfig;
import dev.evolve.engine.run.RunFolder;
import dev.evolve.engine.run.RunSession;
import dev.evolve.engine.run.RunSummary;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evolve run <target>}: evolves faster variants of a target until the budget is spent. */
@Command(name = "run", description = {
        "Evolve faster variants of a target. Defaults: rule-based mutators, 4 islands, a 5-minute budget.",
        "Results go to results/<run-id>/ (database, best.java, summary.json, events.jsonl, config.yaml).",
        "Ctrl-C stops cleanly; 'evolve resume <run-dir>' continues."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<target>", description = "Target name (see 'evolve targets').")
    String target;

    @Option(names = "--budget", paramLabel = "DURATION", description = "Wall-clock budget, e.g. 90s, 10m, 1h (default 5m; none when only --iterations is given).")
    String budget;

    @Option(names = "--iterations", paramLabel = "N", description = "Stop after N children have entered the evaluation cascade.")
    Long iterations;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed; fixes every random choice (default 42).")
    Long seed;

    @Option(names = "--mutator", paramLabel = "KIND", description = "Mutator: ast (rule-based JavaParser rewrites; the default).")
    String mutator;

    @Option(names = "--islands", paramLabel = "K", description = "Number of islands in the program database (default 4).")
    Integer islands;

    @Option(names = "--workers", paramLabel = "N", description = "Worker JVMs evaluating candidates (default 2).")
    Integer workers;

    @Option(names = "--timing-size", paramLabel = "N", description = "Problem size for timing (default: the target's, 512 for matmul).")
    Integer timingSize;

    @Option(names = "--no-jmh", description = "Do not confirm new bests with JMH (report screening timings only).")
    boolean noJmh;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default results/<run-id>/); must not exist or be empty.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration; flags override it.")
    Path config;

    @Override
    public Integer call() {
        TargetResolver.resolve(target);
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("budget", budget);
        flags.put("iterations", iterations);
        flags.put("seed", seed);
        flags.put("mutator", mutator);
        flags.put("islands", islands);
        flags.put("workers", workers);
        flags.put("timing_size", timingSize);
        if (noJmh) {
            flags.put("jmh", false);
        }
        RunConfig effective;
        try {
            effective = ConfigFiles.effective(target, config, flags);
        } catch (RunConfig.InvalidConfigException e) {
            throw new UsageException(e.getMessage());
        }
        Instant now = Instant.now();
        String runId = RunFolder.newRunId(target, now);
        Path dir = out != null ? out : Path.of("results", runId);
        RunFolder folder;
        try {
            folder = RunFolder.create(dir, runId, target, now);
        } catch (RunFolder.RunFolderException e) {
            throw new UsageException(e.getMessage());
        }
        System.err.println("evolve: run " + runId + " in " + dir + " (" + describe(effective) + ")");
        RunSummary summary;
        try {
            summary = RunSession.start(folder, effective);
        } catch (InterruptedException e) {
            System.err.println("evolve: interrupted; continue with 'evolve resume " + dir + "'");
            return ExitCode.INTERRUPTED.code;
        }
        Report.print(summary, folder.dir());
        return ExitCode.OK.code;
    }

    static String describe(RunConfig c) {
        return "target " + c.target() + ", " + (c.budget() != null ? "budget " + c.budget() : "no time limit")
                + (c.iterations() != null ? ", " + c.iterations() + " iterations" : "") + ", seed " + c.seed()
                + ", mutator " + c.mutator() + ", " + c.islands() + " islands, " + c.workers() + " workers";
    }
}
