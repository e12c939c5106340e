package dev.evolve.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.jmh.ForkedJmhConfirmation;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.kernels.KernelTarget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evolve eval <target> <file.java> [--json] [--jmh]}: runs the evaluation cascade on one
 * file. Exit code 0 whenever the evaluation completed, whatever the variant's status.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = {
        "Evaluate one variant: static checks, compilation, correctness and timing in sandboxed worker JVMs.",
        "Exit code 0 whenever the evaluation completed, whatever the variant's status."})
final class EvalCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "<target>", description = "Target name (see 'evolve targets').")
    String target;

    @Parameters(index = "1", paramLabel = "<file.java>", description = "The variant's source file.")
    Path file;

    @Option(names = "--json", description = "End with one line of JSON: status, detail, and for 'measured' median_ns, gflops, speedup_vs_seed.")
    boolean json;

    @Option(names = "--jmh", description = "Take the timing from the JMH harness (slower, tighter error).")
    boolean jmh;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2", description = "Worker JVMs (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--timing-size", paramLabel = "N", description = "Problem size for timing (default: the target's).")
    Integer timingSize;

    @Override
    public Integer call() throws InterruptedException {
        KernelTarget t = TargetResolver.resolve(target, timingSize);
        String source = SourceFiles.read(file);
        if (workers < 1) {
            throw new UsageException("--workers must be >= 1, was " + workers);
        }
        CascadeConfig config = CascadeConfig.defaults().withWorkers(workers).withJmh(jmh, jmh);
        EvaluationOutcome outcome;
        try (Cascade cascade = Cascade.create(t, config, new JavaParserStaticCheck(),
                jmh ? new ForkedJmhConfirmation() : null)) {
            outcome = cascade.evaluate(source);
        }
        System.out.println(outcome.status() + ": " + outcome.detail());
        if (json) {
            System.out.println(toJson(t, outcome));
        }
        return ExitCode.OK.code;
    }

    static String toJson(KernelTarget target, EvaluationOutcome outcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", target.name());
        out.put("status", outcome.status());
        out.put("detail", outcome.detail());
        switch (outcome) {
            case EvaluationOutcome.Measured m -> {
                out.put("median_ns", m.timing().medianNs());
                out.put("gflops", m.gflops());
                out.put("speedup_vs_seed", m.speedupVsSeed());
                out.put("size", m.timing().size());
                out.put("spread", m.timing().relativeSpread());
                out.put("samples_ns", m.timing().samplesNs());
                out.put("seed_median_ns", m.seedTiming().medianNs());
                if (m.jmh() != null) {
                    out.put("jmh", Map.of("score_ms", m.jmh().scoreMs(), "error_ms", m.jmh().errorMs(),
                            "raw_ms", m.jmh().rawMs()));
                }
            }
            case EvaluationOutcome.CompileFailed c -> out.put("diagnostics", c.diagnostics().stream()
                    .map(d -> Map.of("line", d.line(), "column", d.column(), "message", d.message())).toList());
            case EvaluationOutcome.Incorrect i -> out.put("mismatch", Map.of("phase", i.phase(),
                    "size", i.mismatch().size(), "index", i.mismatch().index(),
                    "expected", i.mismatch().expected(), "actual", i.mismatch().actual()));
            case EvaluationOutcome.TimedOut to -> out.put("limit_ms", to.limit().toMillis());
            case EvaluationOutcome.Crashed c -> {
                out.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT));
                out.put("stack_trace", c.stackTrace());
            }
            case EvaluationOutcome.Rejected r -> { }
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
