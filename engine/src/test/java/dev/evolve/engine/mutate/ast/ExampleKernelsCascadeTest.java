package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.target.TargetSpecs;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.kernels.KernelTarget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example folder kernels (ata, row-norms, blur3x3) through the real cascade: chains that end in the new
 * schedule rewrites (pack, scalar replacement, vectorize) stay correct, and every rewrite the library offers a
 * folder target gives no incorrect child (the pattern rewrites that only fit built-in shapes are not offered).
 */
class ExampleKernelsCascadeTest {

    /** Correctness is the point here: one short timing run per child (the examples time at full size). */
    static final CascadeConfig CONFIG = ScheduleCascadeTest.CONFIG.withTimingPlan(new TimingPlan(1, 0, 0, 1, 1, 0, 3));

    @RegisterExtension
    static final CascadeWorkers WORKERS = new CascadeWorkers();

    static KernelTarget example(String name) {
        return (KernelTarget) TargetSpecs.load(Path.of("..", "kernels", "examples", name));
    }

    static Rewrite rewrite(KernelTarget t, String name) {
        return RewriteLibrary.forTarget(t).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /** Applies "name(knob)" steps in turn; each must apply. */
    static String chain(KernelTarget t, String... steps) {
        String source = t.seedSource();
        for (String step : steps) {
            String name = step.substring(0, step.indexOf('('));
            int knob = Integer.parseInt(step.substring(step.indexOf('(') + 1, step.length() - 1));
            Optional<String> out = rewrite(t, name).apply(source, knob);
            assertThat(out).as("%s: %s on\n%s", t.name(), step, source).isPresent();
            source = out.get();
        }
        return source;
    }

    static void assertMeasured(KernelTarget t, Map<String, String> variants) throws InterruptedException {
        assertOutcomes(t, variants, false);
    }

    /** Every variant is measured (or, when slowness is allowed, cut short while timed): compiled and correct. */
    static void assertOutcomes(KernelTarget t, Map<String, String> variants, boolean slowAllowed)
            throws InterruptedException {
        try (Cascade cascade = WORKERS.cascade(t, CONFIG)) {
            for (var v : variants.entrySet()) {
                EvaluationOutcome outcome = cascade.evaluate(v.getValue());
                boolean ok = outcome instanceof EvaluationOutcome.Measured
                        || slowAllowed && outcome instanceof EvaluationOutcome.TimedOut;
                assertThat(ok).as("%s %s: %s\n%s", t.name(), v.getKey(), outcome.detail(), v.getValue()).isTrue();
            }
        }
    }

    @Test
    void vectorizedChainsOfTheExampleKernelsAreCorrectInWorkerJvms() throws InterruptedException {
        KernelTarget ata = example("ata");
        Map<String, String> ataVariants = new LinkedHashMap<>();
        ataVariants.put("pack+vectorize", chain(ata, "pack(0)", "vectorize(4)"));
        ataVariants.put("accumulate+permute+vectorize", chain(ata, "accumulate(0)", "permute(0)", "vectorize(2)"));
        ataVariants.put("pack+parallelize+vectorize", chain(ata, "pack(0)", "parallelize-loop(0)", "vectorize(2)"));
        assertThat(ataVariants.get("pack+vectorize")).contains("aT[", "reduceLanes", "jdk.incubator.vector.DoubleVector");
        assertMeasured(ata, ataVariants);

        KernelTarget norms = example("row-norms");
        Map<String, String> normVariants = new LinkedHashMap<>();
        normVariants.put("permute+scalar-replace+vectorize",
                chain(norms, "permute(0)", "scalar-replace(0)", "vectorize(4)"));
        normVariants.put("permute+parallelize+scalar-replace+vectorize",
                chain(norms, "permute(0)", "parallelize-loop(0)", "scalar-replace(0)", "vectorize(1)"));
        assertThat(normVariants.get("permute+scalar-replace+vectorize")).contains("outElem", "reduceLanes", ".sqrt()");
        assertMeasured(norms, normVariants);
    }

    @Test
    void blurGetsScheduleRewritesThatStayCorrect() throws InterruptedException {
        KernelTarget blur = example("blur3x3");
        List<String> schedule = RewriteLibrary.schedule().stream().map(Rewrite::name).toList();
        Map<String, String> variants = new LinkedHashMap<>();
        for (Rewrite r : RewriteLibrary.forTarget(blur).stream().filter(r -> schedule.contains(r.name())).toList()) {
            for (int knob : r.knobs()) {
                Optional<String> out = r.apply(blur.seedSource(), knob);
                if (out.isPresent()) {
                    variants.put(r.name() + "(" + knob + ")", out.get());
                    break;
                }
            }
        }
        assertThat(variants).isNotEmpty();
        assertMeasured(blur, variants);
    }

    /**
     * Blur's rows in parallel, each as a vector tile: once peel-boundary takes the border columns out of the row
     * loop's branch, the dependence test proves the rows disjoint (the peeled last column {@code i * n + (n - 1)}
     * included), so vector-tile-parallel applies; the result stays correct at every check size (n = 1 and 2
     * included, where the parallel range is empty).
     */
    @Test
    void blurReachesAParallelVectorTileThroughPeeling() throws InterruptedException {
        KernelTarget blur = example("blur3x3");
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("permute+peel+vector-tile-parallel",
                chain(blur, "permute(0)", "peel-boundary(1)", "vector-tile-parallel(22)"));
        variants.put("permute+peel+parallelize-loop",
                chain(blur, "permute(0)", "peel-boundary(1)", "parallelize-loop(0)"));
        // the taps unrolled inside the vector tile, or before the pixel loop is vectorized
        variants.put("permute+peel+vector-tile-parallel+unroll-full",
                chain(blur, "permute(0)", "peel-boundary(1)", "vector-tile-parallel(22)", "unroll-full(0)"));
        variants.put("unroll-full+permute+peel+vectorize+parallelize-loop",
                chain(blur, "unroll-full(0)", "permute(0)", "peel-boundary(1)", "vectorize(1)", "parallelize-loop(0)"));
        assertThat(variants.get("permute+peel+vector-tile-parallel"))
                .contains(".parallel().forEach(i ->", "jdk.incubator.vector.DoubleVector", "out[i * n + (n - 1)]");
        // the division by 16 is a multiplication by its exact reciprocal in the lanes
        assertThat(variants.get("permute+peel+vector-tile-parallel")).contains("(0.0625)").doesNotContain(".div(");
        assertThat(variants.get("permute+peel+vector-tile-parallel+unroll-full"))
                .doesNotContain("int di", "Math.abs").contains("double w = 4;");
        assertMeasured(blur, variants);
    }

    /**
     * A histogram-style split adds whole copies of the array back ({@code out[b] += out2[b]} for every b); in a
     * parallel loop's body that races with the other tasks' updates of their own elements, so it is refused.
     */
    @Test
    void splitAccumulatorsRefusesASharedArrayInsideAParallelLoop() {
        KernelTarget ata = example("ata");
        Rewrite split = rewrite(ata, "split-accumulators");
        Rewrite parallel = rewrite(ata, "parallelize-loop");
        String accumulated = chain(ata, "accumulate(0)");
        int parallelParents = 0;
        for (int knob : parallel.knobs()) {
            Optional<String> parent = parallel.apply(accumulated, knob);
            if (parent.isEmpty() || com.github.javaparser.StaticJavaParser.parse(parent.get())
                    .findAll(com.github.javaparser.ast.expr.LambdaExpr.class).stream()
                    .noneMatch(l -> l.toString().contains("out[i * n + j] +="))) {
                continue;
            }
            parallelParents++;
            for (int k : split.knobs()) {
                assertThat(split.apply(parent.get(), k)).as("split(%d) of\n%s", k, parent.get()).isEmpty();
            }
        }
        assertThat(parallelParents).isPositive();
        // outside a lambda the same split is legal (one thread adds the copies back) and still offered
        assertThat(split.apply(accumulated, 2)).isPresent();
    }

    @Test
    void folderTargetsGetNoPatternRewriteThatOnlyFitsBuiltInShapes() throws InterruptedException {
        for (String name : List.of("ata", "row-norms", "blur3x3")) {
            KernelTarget t = example(name);
            List<String> names = RewriteLibrary.forTarget(t).stream().map(Rewrite::name).toList();
            assertThat(names).as(name).doesNotContain("distribute", "transpose");
            assertThat(names).as(name).contains("vectorize", "scalar-replace", "pack");
            // every rewrite offered, at its first knob that applies: no incorrect child
            Map<String, String> variants = new LinkedHashMap<>();
            for (Rewrite r : RewriteLibrary.forTarget(t)) {
                for (int knob : r.knobs()) {
                    Optional<String> out = r.apply(t.seedSource(), knob);
                    if (out.isPresent()) {
                        variants.put(r.name() + "(" + knob + ")", out.get());
                        break;
                    }
                }
            }
            assertThat(variants).as(name).isNotEmpty();
            // blur's offset loops run to an inclusive bound (di <= 1): the loop-nest model takes them
            List<String> schedule = RewriteLibrary.schedule().stream().map(Rewrite::name).toList();
            assertThat(variants.keySet()).as(name)
                    .anyMatch(v -> schedule.contains(v.substring(0, v.indexOf('('))));
            assertOutcomes(t, variants, true);
        }
        // the built-in matmul target still gets them: its seeds are the shapes they were written for
        assertThat(RewriteLibrary.forTarget(dev.evolve.kernels.Targets.require("matmul")).stream().map(Rewrite::name))
                .contains("distribute", "transpose");
    }
}
