package dev.evolve.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.record.EvaluationSection;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.engine.wiring.Workbenches;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Target;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Parameters(index = "0", paramLabel = "<target>", description = "Target name (see 'evolve targets') or a target folder holding target.yaml.")
    String target;

    @Parameters(index = "1", paramLabel = "<file>", description = "The variant's source file (a .java file for Java targets).")
    Path file;

    @Mixin
    EvaluationOptions evaluation;

    @Option(names = "--json", description = "End with one line of JSON: status, detail, and for 'measured' median_ns, gflops, speedup_vs_seed (or, for a target judged by its own evaluator, primary_metric, score, metrics, artifacts).")
    boolean json;

    @Option(names = "--jmh", description = "Take the timing from the JMH harness (slower, tighter error).")
    boolean jmh;

    @Override
    public Integer call() throws InterruptedException {
        Target t = TargetResolver.resolve(target, evaluation.timingSize);
        String source = t instanceof dev.evolve.kernels.opencl.OpenClTarget
                ? SourceFiles.read(file, t.fileName())
                : SourceFiles.read(file, t.language().equals("java"));
        int workers = evaluation.workers == null ? EvaluationSection.DEFAULT.workers() : evaluation.workers;
        if (workers < 1) {
            throw new UsageException("--workers must be >= 1, was " + workers);
        }
        Path jar = evaluation.evaluatorJar;
        TargetResolver.checkEvaluatorJar(t, jar == null ? null : jar.toString());
        SandboxChoice.apply(evaluation.sandbox);
        EvaluationOutcome outcome;
        VariantEvaluator evaluator;
        try {
            evaluator = Workbenches.forEval(t, workers, jmh, jar, evaluation.device);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (dev.evolve.eval.accel.NoDeviceException e) {
            System.err.println("evolve: " + e.getMessage());
            return ExitCode.FAILURE.code;
        }
        try (evaluator) {
            outcome = evaluator.evaluate(source);
        }
        System.out.println(outcome.status() + ": " + outcome.detail() + bandwidth(t, outcome));
        if (json) {
            System.out.println(toJson(t, outcome));
        }
        return ExitCode.OK.code;
    }

    /** The effective bandwidth of a measured variant, for targets that state the bytes they move. */
    private static String bandwidth(Target target, EvaluationOutcome outcome) {
        if (outcome instanceof EvaluationOutcome.Measured m && target.bytes(m.timing().size()) > 0) {
            return String.format(", %.2f GB/s", target.bytes(m.timing().size()) / m.timing().medianNs());
        }
        return "";
    }

    static String toJson(Target target, EvaluationOutcome outcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", target.name());
        out.put("status", outcome.status());
        out.put("detail", outcome.detail());
        switch (outcome) {
            case EvaluationOutcome.Measured m -> {
                out.put("median_ns", m.timing().medianNs());
                out.put("gflops", m.gflops());
                if (target.bytes(m.timing().size()) > 0) {
                    out.put("gbps", target.bytes(m.timing().size()) / m.timing().medianNs());
                }
                out.put("speedup_vs_seed", m.speedupVsSeed());
                out.put("size", m.timing().size());
                out.put("spread", m.timing().relativeSpread());
                out.put("samples_ns", m.timing().samplesNs());
                out.put("seed_median_ns", m.seedTiming().medianNs());
                if (m.jmh() != null) {
                    out.put("jmh", Map.of("score_ms", m.jmh().scoreMs(), "error_ms", m.jmh().errorMs(),
                            "raw_ms", m.jmh().rawMs(), "implausible", m.jmhImplausible()));
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
            case EvaluationOutcome.Scored s -> {
                out.put("primary_metric", s.primary());
                out.put("score", s.value());
                out.put("goal", s.maximize() ? "maximize" : "minimize");
                out.put("metrics", s.metrics());
                out.put("artifacts", s.artifacts());
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
