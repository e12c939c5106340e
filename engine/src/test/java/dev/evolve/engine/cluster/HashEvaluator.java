package dev.evolve.engine.cluster;

import dev.evolve.engine.db.SourceHash;
import dev.evolve.eval.CompileDiagnostic;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Target;
import java.util.List;

/**
 * A synthetic evaluator for cluster tests: the outcome follows from the source's hash alone (so every
 * member, and a run without a cluster, gives the same one), after sleeping {@code sleepMs} (standing in
 * for an evaluation's time without making two cores decide a test). The seed always measures 1 ms.
 */
final class HashEvaluator implements VariantEvaluator {

    private final Target target;
    private final long sleepMs;

    HashEvaluator(Target target, long sleepMs) {
        this.target = target;
        this.sleepMs = sleepMs;
    }

    @Override
    public EvaluationOutcome evaluate(String source) throws InterruptedException {
        if (sleepMs > 0) {
            Thread.sleep(sleepMs);
        }
        Timing seed = Timing.of(64, List.of(1_000_000L));
        if (source.equals(target.seedSource())) {
            return new EvaluationOutcome.Measured(seed, seed, 1.0, 1.0, null);
        }
        long h = Long.parseUnsignedLong(SourceHash.of(source).substring(0, 12), 16);
        return switch ((int) (h % 5)) {
            case 0 -> new EvaluationOutcome.CompileFailed(List.of(new CompileDiagnostic(3, 7, "cannot find symbol")));
            case 1 -> new EvaluationOutcome.Incorrect(new Mismatch(17, 4, 1.5, 2.5, "C[0][4]"), "check");
            default -> {
                long ns = 200_000 + h % 1_600_000;
                Timing t = Timing.of(64, List.of(ns, ns + 1000, ns - 1000));
                yield new EvaluationOutcome.Measured(t, seed, 1e6 / ns, 1_000_000.0 / t.medianNs(), null);
            }
        };
    }

    @Override
    public void close() {
    }
}
