package dev.evolve.tools.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.bench.limits.LimitOf;
import dev.evolve.bench.limits.MachineLimits;
import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.kernels.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the seed's and the best program's share of the machine's limit for each run folder given:
 * the target (a built-in name or a folder, from the run's {@code config.yaml}) at the run's timing
 * size, its {@link dev.evolve.kernels.roofline.Roofline} over the figures of a limits file, and the
 * run's best and seed GFLOP/s from {@code summary.json}.
 *
 * <pre>
 * benchmarks/limits.sh                      # writes results/compare/limits.tsv
 * java -cp benchmarks/tools/target/evolve-tools.jar dev.evolve.tools.limits.RunShare \
 *     [--limits results/compare/limits.tsv] RUN_DIR...
 * </pre>
 */
public final class RunShare {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunShare() {
    }

    public static void main(String[] args) throws IOException {
        Path limitsFile = Path.of("results", "compare", "limits.tsv");
        int first = 0;
        if (args.length >= 2 && args[0].equals("--limits")) {
            limitsFile = Path.of(args[1]);
            first = 2;
        }
        if (args.length <= first) {
            System.err.println("usage: RunShare [--limits FILE] RUN_DIR...");
            System.exit(2);
        }
        MachineLimits limits = MachineLimits.read(limitsFile);
        for (int i = first; i < args.length; i++) {
            System.out.println(line(Path.of(args[i]), limits));
        }
    }

    /** One line for a run folder: its target, the binding limit, and the seed's and best's share of it. */
    static String line(Path run, MachineLimits limits) throws IOException {
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        String spec = targetSpec(run).orElse(summary.path("target").asText());
        int n = summary.path("timing_size").asInt();
        Target target = TargetCatalog.resolve(spec, n > 0 ? n : null);
        int size = target.timingSize();
        double flops = target.flops(size);
        Optional<LimitOf.Limit> limit = LimitOf.of(target.roofline(size), limits);
        if (limit.isEmpty() || !(flops > 0)) {
            return run + ": " + target.name() + " declares no limit this limits file measures";
        }
        double best = seconds(flops, summary.path("best_gflops").asDouble());
        double seed = seconds(flops, summary.path("seed_gflops").asDouble());
        return String.format(Locale.ROOT, "%s: %s n=%d, limit %s = %.3f ms per call; seed %.1f %%, best %.1f %% (%s)",
                run, target.name(), size, limit.get().label(), limit.get().seconds() * 1e3,
                100 * limit.get().shareAt(seed), 100 * limit.get().shareAt(best),
                summary.path("confirmed_with_jmh").asBoolean() ? "JMH" : "screen");
    }

    private static double seconds(double flops, double gflops) {
        return gflops > 0 ? flops / (gflops * 1e9) : Double.NaN;
    }

    /** The {@code target:} line of the run's {@code config.yaml} (a folder keeps its path there). */
    private static Optional<String> targetSpec(Path run) throws IOException {
        Path config = run.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        return Files.readAllLines(config).stream().filter(l -> l.startsWith("target:"))
                .map(l -> l.substring("target:".length()).strip()).findFirst();
    }
}
