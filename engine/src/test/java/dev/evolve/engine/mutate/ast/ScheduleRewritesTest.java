package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The schedule rewrites on every built-in Java seed, checked in memory. */
class ScheduleRewritesTest {

    /** The built-in Java targets (a folder kernel's reference runs in workers only: see ScheduleCascadeTest). */
    static List<KernelTarget> targets() {
        return Targets.all();
    }

    static void assertCorrect(KernelTarget t, String source, String what) {
        Object kernel = TargetKernels.load(t, source);
        List<Integer> sizes = new ArrayList<>(t.checkSizes());
        sizes.add(67);
        for (int n : sizes) {
            Problem p = t.newProblem(n, 42L + n);
            p.invoke(kernel);
            assertThat(p.verify()).as("%s %s n=%d\n%s", t.name(), what, n, source).isEmpty();
        }
    }

    @Test
    void everyScheduleRewriteAtEveryKnobKeepsEverySeedCorrect() {
        int applied = 0;
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (KernelTarget t : targets()) {
            for (Rewrite r : RewriteLibrary.schedule()) {
                for (int knob : r.knobs()) {
                    Optional<String> out = r.apply(t.seedSource(), knob);
                    if (out.isPresent()) {
                        Kernels.assertOutsideUnchanged(t.seedSource(), out.get());
                        assertCorrect(t, out.get(), r.name() + "(" + knob + ")");
                        applied++;
                        used.add(r.name());
                    }
                }
            }
        }
        // no seed updates an element at a fixed index in a loop: scalar-replace acts after accumulate (the chains)
        assertThat(used).containsExactlyInAnyOrder("accumulate", "permute", "tile", "parallelize-loop", "unroll-jam",
                "pack", "vectorize", "vector-tile", "vector-tile-parallel");
        assertThat(applied).isGreaterThan(40);
    }

    @Test
    void randomScheduleChainsStayCorrect() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Rewrite> library = RewriteLibrary.schedule();
        int applied = 0;
        for (KernelTarget t : targets()) {
            applied += TargetKernels.randomWalks(library, t.seedSource(), rnd, 6, 4,
                    (source, path) -> assertCorrect(t, source, path));
        }
        assertThat(applied).isGreaterThan(20);
    }

    /**
     * Each sketch, filled by the search on each built-in seed (the first proposal of an episode, with the target's own
     * library),
     * names the sketch's rewrites in order, and its child is correct; transpose's seed fills tile, parallel,
     * unroll-and-jam (the panel shape that beats its gathers), and matmul's i-j-k seed accumulate, permute, parallel,
     * vectorize.
     */
    @Test
    void everySketchTheSearchFillsOnASeedStaysCorrect() throws InterruptedException {
        var config = new dev.evolve.engine.recipe.RecipeSearch.Config(4, 2, 1, 1, 0.0, 0.0, 8);
        java.util.Set<String> filled = new java.util.TreeSet<>();
        for (KernelTarget t : targets()) {
            List<Rewrite> library = RewriteLibrary.forTarget(t);
            for (List<String> sketch : RewriteLibrary.sketches()) {
                var search = new dev.evolve.engine.recipe.RecipeSearch(library, config, name -> false, List.of(sketch));
                SplittableRandom random = new SplittableRandom(11);
                // the search tries a sketch on a parent in up to three episodes (each follows a few knobs per step)
                for (int episode = 0; episode < 3; episode++) {
                    List<dev.evolve.engine.recipe.RecipeSearch.Proposal> first = new ArrayList<>();
                    search.run(t.seedSource(), 1.0, random, batch -> {
                        if (first.isEmpty()) {
                            first.add(batch.getFirst());
                        }
                        return batch.stream().map(p -> 1.0).toList();
                    }, () -> false);
                    var proposal = first.getFirst();
                    List<String> names = proposal.child().applied().stream().map(s -> s.rewrite()).toList();
                    if (names.equals(sketch.stream().map(step -> step.replaceFirst(":.*", "")).toList())) {
                        assertCorrect(t, proposal.child().source(), proposal.child().origin());
                        filled.add(t.name() + ": " + String.join(" ", names));
                        break;
                    }
                }
            }
        }
        assertThat(filled).contains("transpose: tile parallelize-loop unroll-jam")
                .contains("matmul: accumulate permute parallelize-loop vectorize");
        assertThat(filled.size()).isGreaterThan(8);
    }

    @Test
    void matmulIkjGetsPermutedTiledUnrollJammedAndParallel() {
        String ikj = TargetKernels.withBody("matmul", """
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        java.util.Arrays.fill(c, 0, n * n, 0.0);
                        for (int i = 0; i < n; i++) {
                            for (int k = 0; k < n; k++) {
                                for (int j = 0; j < n; j++) {
                                    c[i * n + j] += a[i * n + k] * b[k * n + j];
                                }
                            }
                        }
                    }
                """);
        String s = TargetKernels.apply(new UnrollAndJam(Aliasing.DISTINCT_PARAMETERS), ikj, 40);
        assertThat(s).contains("i += 4", "(i + 3) * n");
        s = TargetKernels.apply(new TileLoop(Aliasing.DISTINCT_PARAMETERS), s, 642);
        s = TargetKernels.apply(new ParallelizeLoop(Aliasing.DISTINCT_PARAMETERS), ikj, 0);
        assertThat(s).contains(".parallel().forEach(i ->");
        TargetKernels.assertCorrect("matmul", s, 67);
        // k accumulates into c: it is never the parallel loop
        assertThat(new ParallelizeLoop(Aliasing.DISTINCT_PARAMETERS).apply(ikj, 1)).isEmpty();
        // permutation index 0 swaps the two innermost loops: i-j-k
        String ijk = TargetKernels.apply(new PermuteLoops(Aliasing.DISTINCT_PARAMETERS), ikj, 0);
        TargetKernels.assertCorrect("matmul", ijk, 67);
        // under the may-alias policy c may be a or b: nothing moves
        for (int knob : new PermuteLoops(Aliasing.MAY_ALIAS).knobs()) {
            assertThat(new PermuteLoops(Aliasing.MAY_ALIAS).apply(ikj, knob)).isEmpty();
        }
    }

    @Test
    void aTiledBandIsTiledAgainAndUnrollJammedInsideItsParallelTask() {
        KernelTarget t = Targets.require("transpose");
        TileLoop tile = new TileLoop(Aliasing.DISTINCT_PARAMETERS);
        // j in blocks of 64, then i: the second tile loop moves above the first, whose bounds do not involve i
        String s = TargetKernels.apply(tile, t.seedSource(), 641);
        s = TargetKernels.apply(tile, s, 641);
        assertThat(s).contains("for (int iT = 0; iT < n; iT += 64)", "for (int jT = 0; jT < n; jT += 64)",
                "for (int i = iT; i < Math.min(iT + 64, n); i++)");
        assertCorrect(t, s, "tile(641) x 2");
        // the tiled band permutes in every order that keeps each point loop below its tile loop, and no other
        Rewrite permute = new PermuteLoops(Aliasing.DISTINCT_PARAMETERS);
        int permuted = 0;
        for (int knob = 0; knob < 23; knob++) {
            Optional<String> p = permute.apply(s, knob);
            if (p.isPresent()) {
                String body = Kernels.body(p.get());
                assertThat(body.indexOf("for (int iT")).as("permute(%d)", knob).isLessThan(body.indexOf("for (int i ="));
                assertThat(body.indexOf("for (int jT")).as("permute(%d)", knob).isLessThan(body.indexOf("for (int j ="));
                assertCorrect(t, p.get(), "tile(641) x 2, permute(" + knob + ")");
                permuted++;
            }
        }
        assertThat(permuted).isEqualTo(5);      // 4! orders, 6 keep iT before i and jT before j, less the identity
        s = TargetKernels.apply(new ParallelizeLoop(Aliasing.DISTINCT_PARAMETERS), s, 0);
        assertThat(s).contains("int iT = (0) + iTTask * 64;");
        // inside the task i starts at the task's iT: iT >= 0 is what proves the rows of out distinct
        s = TargetKernels.apply(new UnrollAndJam(Aliasing.DISTINCT_PARAMETERS), s, 81);
        assertThat(s).contains("i += 8", "out[j * n + (i + 7)] = a[(i + 7) * n + j];");
        assertCorrect(t, s, "tile(641) x 2, parallelize-loop(0), unroll-jam(81)");
        // an inner loop whose bounds read the unrolled loop's variable cannot hold its copies: refused, though
        // no dependence forbids the reordering
        String triangular = TargetKernels.withBody("transpose", """
                    @Override
                    public void transpose(double[] a, double[] out, int n) {
                        for (int i = 0; i < n; i++) {
                            for (int j = i; j < n; j++) {
                                out[j * n + i] = a[i * n + j];
                            }
                        }
                    }
                """);
        assertThat(new UnrollAndJam(Aliasing.DISTINCT_PARAMETERS).apply(triangular, 20)).isEmpty();
    }

    @Test
    void illegalReorderingsAreRefused() {
        // a wavefront: a[i][j] needs a[i-1][j+1]; j-outer would read it before it is written
        String wavefront = TargetKernels.withBody("matmul", """
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        for (int i = 1; i < n; i++) {
                            for (int j = 0; j < n - 1; j++) {
                                c[i * n + j] = c[(i - 1) * n + j + 1] * 0.5 + a[i * n + j];
                            }
                        }
                    }
                """);
        Rewrite permute = new PermuteLoops(Aliasing.DISTINCT_PARAMETERS);
        for (int knob : permute.knobs()) {
            assertThat(permute.apply(wavefront, knob)).as("permute(%d)", knob).isEmpty();
        }
        Rewrite tile = new TileLoop(Aliasing.DISTINCT_PARAMETERS);
        assertThat(tile.apply(wavefront, 641)).isEmpty();
        assertThat(tile.apply(wavefront, 640)).as("tiling the outer loop alone keeps the order").isPresent();
        assertThat(new UnrollAndJam(Aliasing.DISTINCT_PARAMETERS).apply(wavefront, 40)).isEmpty();
        Rewrite parallel = new ParallelizeLoop(Aliasing.DISTINCT_PARAMETERS);
        assertThat(parallel.apply(wavefront, 0)).isEmpty();
        assertThat(parallel.apply(wavefront, 1)).isPresent();
        // a recurrence along a row
        String recurrence = TargetKernels.withBody("prefix-sum", """
                    @Override
                    public void scan(double[] x, double[] out, int n) {
                        if (n > 0) out[0] = x[0];
                        for (int i = 1; i < n; i++) {
                            out[i] = out[i - 1] + x[i];
                        }
                    }
                """);
        assertThat(parallel.apply(recurrence, 0)).isEmpty();
        TargetKernels.assertCorrect("prefix-sum", recurrence);
    }

    @Test
    void aScalarReductionBecomesAnArrayAccumulatorAndItsLoopMovesInward() {
        Rewrite accumulate = new AccumulateInArray(Aliasing.DISTINCT_PARAMETERS);
        Rewrite permute = new PermuteLoops(Aliasing.DISTINCT_PARAMETERS);
        // matvec: y[i] accumulates over j; after the split, j can run outside i (column-wise)
        String s = TargetKernels.apply(accumulate, TargetKernels.seed("matvec"), 0);
        assertThat(s).contains("y[i] = 0.0;", "y[i] += a[i * n + j] * x[j];").doesNotContain("sum");
        TargetKernels.assertCorrect("matvec", s, 67);
        String swapped = TargetKernels.apply(permute, s, 0);
        assertThat(swapped).containsPattern("for \\(int j = 0; j < n; j\\+\\+\\) \\{\\s*for \\(int i = 0; i < n; i\\+\\+\\)");
        TargetKernels.assertCorrect("matvec", swapped, 67);
        // matmul: i { j { sum over k } } becomes i { j init } i { j { k } }, then i-k-j by permutation
        String mm = TargetKernels.apply(accumulate, TargetKernels.seed("matmul"), 0);
        String ikj = TargetKernels.apply(permute, mm, 0);
        assertThat(ikj).contains("c[i * n + j] += a[i * n + k] * b[k * n + j];");
        TargetKernels.assertCorrect("matmul", ikj, 67);
        String jammed = TargetKernels.apply(new UnrollAndJam(Aliasing.DISTINCT_PARAMETERS), ikj, 40);
        TargetKernels.assertCorrect("matmul", jammed, 67);
        // a scalar that is read again inside the loop is not a pure reduction: left alone
        String softmax = TargetKernels.seed("softmax");
        for (int knob : accumulate.knobs()) {
            accumulate.apply(softmax, knob).ifPresent(out -> TargetKernels.assertCorrect("softmax", out));
        }
    }
}
