package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.kernels.Construct;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TargetLibrariesTest {

    @Test
    void matmulKeepsExactlyItsLibrary() {
        assertThat(names(RewriteLibrary.forTarget("matmul"))).isEqualTo(names(RewriteLibrary.forMatmul()));
        assertThat(names(RewriteLibrary.forTarget(Targets.require("matmul"))))
                .startsWith(names(RewriteLibrary.forMatmul()).toArray(String[]::new))
                .endsWith(names(RewriteLibrary.schedule()).toArray(String[]::new));
    }

    @Test
    void everyTargetGetsAStableLibraryOfUniqueRewrites() {
        for (KernelTarget t : Targets.all()) {
            List<String> names = names(RewriteLibrary.forTarget(t));
            assertThat(names).as(t.name()).isNotEmpty().doesNotHaveDuplicates();
            assertThat(names(RewriteLibrary.forTarget(t))).isEqualTo(names);
        }
        assertThat(names(RewriteLibrary.forTarget("dot"))).startsWith("reduce-parallel", "vectorize-fma", "split-accumulators");
        assertThat(names(RewriteLibrary.forTarget("no-such-target"))).isEqualTo(names(RewriteLibrary.all()))
                .contains("interchange", "register-block", "scan-parallel", "peel-boundary");
    }

    @Test
    void rewritesThatGenerateDisallowedConstructsAreLeftOut() {
        KernelTarget plain = new Restricted(Targets.require("softmax"), Set.of());
        assertThat(names(RewriteLibrary.forTarget(plain)))
                .doesNotContain("parallelize", "vectorize-fma").contains("store-reuse", "split-accumulators");
        KernelTarget vectorOnly = new Restricted(Targets.require("dot"), Set.of(Construct.VECTOR_API));
        assertThat(names(RewriteLibrary.forTarget(vectorOnly))).doesNotContain("reduce-parallel").contains("vectorize-fma");
        KernelTarget noAtomics = new Restricted(Targets.require("prefix-sum"),
                Set.of(Construct.PARALLEL_STREAMS, Construct.VECTOR_API));
        assertThat(names(RewriteLibrary.forTarget(noAtomics))).doesNotContain("scan-blocked", "scan-blocked-vector")
                .contains("scan-parallel-vector");
        assertThat(names(RewriteLibrary.forTarget(Targets.require("prefix-sum"))))
                .contains("scan-blocked", "scan-blocked-vector");
    }

    /** Each rewrite of a target's library, at every knob, on the seed: does not apply, or gives a correct kernel. */
    @Test
    void everyRewriteOfATargetKeepsItsSeedCorrect() {
        int applied = 0;
        for (KernelTarget t : Targets.all()) {
            if (t.name().startsWith("matmul")) {
                continue;   // covered by the matmul tests
            }
            for (Rewrite r : RewriteLibrary.forTarget(t)) {
                for (int knob : r.knobs()) {
                    Optional<String> out = r.apply(t.seedSource(), knob);
                    if (out.isPresent()) {
                        Kernels.assertOutsideUnchanged(t.seedSource(), out.get());
                        TargetKernels.assertCorrect(t.name(), out.get());
                        applied++;
                    }
                }
            }
        }
        assertThat(applied).isGreaterThan(60);
    }

    /** Random chains over each target's library stay correct. */
    @Test
    void randomChainsOnEverySeedStayCorrect() {
        SplittableRandom rnd = new SplittableRandom(11);
        int applied = 0;
        for (KernelTarget t : Targets.all()) {
            if (t.name().startsWith("matmul")) {
                continue;
            }
            applied += TargetKernels.randomWalks(RewriteLibrary.forTarget(t), t.seedSource(), rnd, 4, 5,
                    (source, path) -> {
                        Object kernel = TargetKernels.load(t, source);
                        for (int n : List.of(1, 7, 67)) {
                            Problem p = t.newProblem(n, n);
                            p.invoke(kernel);
                            assertThat(p.verify()).as("%s after %s at n=%d\n%s", t.name(), path, n, source).isEmpty();
                        }
                    });
        }
        // the draws follow the library's size: with the vector tiles added, seed 11 applies exactly 30 steps
        assertThat(applied).isGreaterThan(25);
    }

    /** The showcase's chain of every target applies step by step, and every step stays correct. */
    @Test
    void everyTargetsShowcaseChainAppliesAndStaysCorrect() {
        for (KernelTarget t : Targets.all()) {
            String source = t.seedSource();
            for (RewriteChains.Step step : RewriteChains.defaultChain(t.name())) {
                source = TargetKernels.apply(step.rewrite(), source, step.knob());
            }
            TargetKernels.assertCorrect(t.name(), source);
            if (!t.name().equals("histogram") && !t.name().equals("transpose")) {
                assertThat(source).as(t.name()).contains("Vector.fromArray(");
            }
            assertThat(source).as(t.name()).contains(".parallel()");
        }
    }

    @Test
    void newRewritesNeverThrowOnDamagedSeeds() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<String> inputs = new ArrayList<>(List.of("", "class X {}", "}}}{{{"));
        for (KernelTarget t : Targets.all()) {
            String seed = t.seedSource();
            inputs.add(seed.replace(EvolveBlock.START, ""));
            inputs.add(seed.substring(0, seed.length() / 2));
            for (int i = 0; i < 6; i++) {
                char[] chars = seed.toCharArray();
                for (int m = 0; m < 3; m++) {
                    chars[rnd.nextInt(chars.length)] = "{}();=+*[]ijn0 |".charAt(rnd.nextInt(16));
                }
                inputs.add(new String(chars));
            }
        }
        List<Rewrite> checked = new ArrayList<>(List.of(new ParallelReduction(), new SplitAccumulators(),
                new StoreAndReuse(), new PeelBoundary(), new TileLoopNest(), new ParallelScan(), new VectorizeInnerLoop()));
        checked.addAll(RewriteLibrary.schedule());
        for (Rewrite r : checked) {
            for (int knob : r.knobs()) {
                for (String input : inputs) {
                    assertThatCode(() -> r.apply(input, knob).ifPresent(o -> Kernels.assertOutsideUnchanged(input, o)))
                            .as("%s(%d)", r.name(), knob).doesNotThrowAnyException();
                }
                assertThat(r.apply(null, knob)).isEmpty();
            }
        }
    }

    private static List<String> names(List<Rewrite> rewrites) {
        return rewrites.stream().map(Rewrite::name).toList();
    }

    /** A target with other allowed constructs; everything else is the base target's. */
    private record Restricted(KernelTarget base, Set<Construct> allowedConstructs) implements KernelTarget {
        @Override public String name() { return base.name(); }
        @Override public String description() { return base.description(); }
        @Override public String className() { return base.className(); }
        @Override public Class<?> kernelInterface() { return base.kernelInterface(); }
        @Override public String seedSource() { return base.seedSource(); }
        @Override public List<Integer> checkSizes() { return base.checkSizes(); }
        @Override public int timingSize() { return base.timingSize(); }
        @Override public Tolerance tolerance() { return base.tolerance(); }
        @Override public double flops(int size) { return base.flops(size); }
        @Override public Problem newProblem(int size, long seed) { return base.newProblem(size, seed); }
    }
}
