package dev.evolve.tools.opencl;

import dev.evolve.bench.limits.LimitOf;
import dev.evolve.bench.limits.MachineLimits;
import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.opencl.OpenClRewrites;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.accel.AcceleratorConfig;
import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.DeviceSelector;
import dev.evolve.eval.accel.Discovery;
import dev.evolve.eval.opencl.OpenClDevices;
import dev.evolve.eval.opencl.OpenClEvaluator;
import dev.evolve.eval.opencl.OpenClWorkers;
import dev.evolve.kernels.opencl.Knobs;
import dev.evolve.kernels.opencl.OpenClTarget;
import dev.evolve.kernels.opencl.OpenClTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How far the OpenCL rewrites take matmul-opencl from its naive seed, on a real device, through
 * the evaluator (worker processes, every output checked, kernel times from profiling events):
 * the seed is timed; every structural rewrite at every knob is applied to it; then the best so
 * far is hill-climbed with knob tuning and unrolling, one rung at a time, until no step helps or
 * the rounds run out. Prints each evaluation and the seed-versus-best figures, and with the machine's
 * limits ({@code --limits=FILE}, by default {@code results/compare/limits.tsv} when it exists: see
 * {@code benchmarks/limits.sh}) their share of the target's limit (OpenBLAS sgemm at the same n where it
 * was measured). A figure printer, not a test.
 *
 * <pre>
 * ./evolve targets >/dev/null     # builds the jars, benchmarks/tools/target/evolve-tools.jar among them
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks/tools/target/evolve-tools.jar \
 *      dev.evolve.tools.opencl.OpenClMatmulBenchmark \
 *      [--n=1024] [--device=pocl] [--rounds=8] [--out=best.cl] [--limits=results/compare/limits.tsv]
 * </pre>
 */
public final class OpenClMatmulBenchmark {

    private OpenClMatmulBenchmark() {
    }

    private record Scored(String label, String source, EvaluationOutcome.Measured measured) {
        double gflops() {
            return measured.gflops();
        }
    }

    public static void main(String[] args) throws Exception {
        int n = 1024;
        String deviceSpec = null;
        int rounds = 8;
        Path out = null;
        Path limitsFile = Path.of("results", "compare", "limits.tsv");
        for (String arg : args) {
            if (arg.startsWith("--n=")) {
                n = Integer.parseInt(arg.substring(4));
            } else if (arg.startsWith("--device=")) {
                deviceSpec = arg.substring(9);
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6));
            } else if (arg.startsWith("--limits=")) {
                limitsFile = Path.of(arg.substring(9));
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg
                        + " (expected --n=, --device=, --rounds=, --out=, --limits=)");
            }
        }
        if (!(OpenClDevices.discover() instanceof Discovery.Devices found)) {
            System.out.println("no OpenCL device: " + ((Discovery.Unavailable) OpenClDevices.discover()).message());
            return;
        }
        AcceleratorDevice device = DeviceSelector.select(found.devices(), deviceSpec);
        OpenClTarget target = OpenClTargets.require("matmul-opencl");
        AcceleratorConfig config = AcceleratorConfig.defaults().withWorkers(1).withTimingSize(n)
                .withSlowCutoff(10);
        System.out.printf(Locale.ROOT, "matmul-opencl n=%d on %s (%s, %s)%n", n, device.id(), device.name(),
                device.platform());
        try (OpenClEvaluator eval = OpenClEvaluator.create(target, device, config, OpenClWorkers.defaultCacheDir())) {
            var seedTiming = eval.seedTiming();
            var seed = new EvaluationOutcome.Measured(seedTiming, seedTiming,
                    target.flops(seedTiming.size()) / seedTiming.medianNs(), 1.0, null);
            Scored seedScore = new Scored("seed", target.seedSource(), seed);
            print(seedScore);
            Set<String> seen = new HashSet<>(Set.of(target.seedSource()));
            List<Rewrite> rewrites = OpenClRewrites.forTarget(target.name());
            Scored best = seedScore;
            for (Rewrite r : rewrites) {
                if (r.name().equals("tune-knob") || r.name().equals("unroll")) {
                    continue;
                }
                for (int knob : r.knobs()) {
                    best = better(best, tryStep(eval, seedScore, r, knob, seen));
                }
            }
            eval.screenAgainst(best.measured().timing());
            for (int round = 1; round <= rounds; round++) {
                Scored start = best;
                for (Rewrite r : rewrites) {
                    if (r.name().equals("tune-knob") || r.name().equals("unroll")) {
                        for (int knob : r.knobs()) {
                            best = better(best, tryStep(eval, start, r, knob, seen));
                        }
                    }
                }
                if (best == start) {
                    System.out.printf("round %d: no step improves on %s%n", round, best.label());
                    break;
                }
                eval.screenAgainst(best.measured().timing());
                System.out.printf(Locale.ROOT, "round %d: best %s%n", round, best.label());
            }
            eval.screenAgainst(null);   // the confirmation is a full timing, never cut short
            var confirm = (EvaluationOutcome.Measured) eval.time(best.source());
            Scored confirmed = new Scored(best.label() + " (timed again)", best.source(), confirm);
            print(confirmed);
            System.out.printf(Locale.ROOT, "%nseed %.2f GFLOP/s, best %.2f GFLOP/s (%.1fx the seed): %s%n",
                    seedScore.gflops(), confirmed.gflops(), confirmed.gflops() / seedScore.gflops(),
                    Knobs.parse(best.source()).values());
            printShare(target, n, limitsFile, seedScore, confirmed);
            if (out != null) {
                Files.writeString(out, best.source());
                System.out.println("best kernel written to " + out);
            }
        } catch (IOException e) {
            System.err.println("cannot write the best kernel: " + e.getMessage());
        }
    }

    /** The seed's and the best's share of the target's limit on this machine, when its limits were measured. */
    private static void printShare(OpenClTarget target, int n, Path limitsFile, Scored seed, Scored best) {
        if (!Files.isRegularFile(limitsFile)) {
            System.out.println("share of limit: no limits file " + limitsFile + " (benchmarks/limits.sh writes it)");
            return;
        }
        MachineLimits limits;
        try {
            limits = MachineLimits.read(limitsFile);
        } catch (IOException | IllegalArgumentException e) {
            System.out.println("share of limit: cannot read " + limitsFile + ": " + e.getMessage());
            return;
        }
        LimitOf.of(target.roofline(n), limits).ifPresentOrElse(
                l -> System.out.printf(Locale.ROOT, "share of limit: seed %.2g %%, best %.3g %% of %s (%s)%n",
                        100 * seed.gflops() / (target.flops(n) / l.seconds() / 1e9),
                        100 * best.gflops() / (target.flops(n) / l.seconds() / 1e9), l.label(), limitsFile),
                () -> System.out.println("share of limit: " + limitsFile + " has no figure for " + target.name()
                        + " at n = " + n));
    }

    private static Scored tryStep(OpenClEvaluator eval, Scored from, Rewrite r, int knob, Set<String> seen)
            throws InterruptedException {
        var child = r.apply(from.source(), knob);
        if (child.isEmpty() || !seen.add(child.get())) {
            return null;
        }
        String label = (from.label().equals("seed") ? "" : from.label() + " > ") + r.name() + "(" + knob + ")";
        EvaluationOutcome o = eval.evaluate(child.get());
        if (o instanceof EvaluationOutcome.Measured m) {
            Scored s = new Scored(label, child.get(), m);
            print(s);
            return s;
        }
        System.out.printf(Locale.ROOT, "  %-70s %s: %s%n", label, o.status(), o.detail().lines().findFirst().orElse(""));
        return null;
    }

    private static Scored better(Scored a, Scored b) {
        return b == null ? a : List.of(a, b).stream().max(Comparator.comparingDouble(Scored::gflops)).orElseThrow();
    }

    private static void print(Scored s) {
        var t = s.measured().timing();
        System.out.printf(Locale.ROOT, "  %-70s %9.3f ms %8.2f GFLOP/s %7.1fx  (%d samples, spread %.1f%%)%n",
                s.label(), t.medianNs() / 1e6, s.gflops(), s.measured().speedupVsSeed(), t.samplesNs().size(),
                100 * t.relativeSpread());
    }
}
