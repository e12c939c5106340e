package dev.evolve.engine.mutate.ast;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.kernels.Construct;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The registry of rule-based rewrites, in a stable order (the order a performance engineer would try them).
 *
 * <table>
 * <caption>matmul rewrites</caption>
 * <tr><th>name</th><th>knobs</th><th>what</th></tr>
 * <tr><td>interchange</td><td>0-3: site index</td><td>scalar reduction j-k to k-j (i-j-k to i-k-j), then perfect pairs</td></tr>
 * <tr><td>hoist</td><td>0, 1</td><td>0: invariant loads and index products into locals; 1: accumulate in a local</td></tr>
 * <tr><td>parallelize</td><td>1, 4, 16, 64: rows per task (at least one iteration)</td><td>deepest eligible loop as a parallel IntStream</td></tr>
 * <tr><td>vectorize-fma</td><td>0</td><td>unit-stride inner loops as DoubleVector loops with fma and a scalar tail</td></tr>
 * <tr><td>register-block</td><td>10*rows + vectors (+100: packed B)</td><td>i-k-j row loop as an R x V register-tile kernel</td></tr>
 * <tr><td>distribute</td><td>0</td><td>loop fission before the body's last inner loop</td></tr>
 * <tr><td>strip-mine</td><td>16-256: tile size</td><td>tile a loop with a TILE_X constant</td></tr>
 * <tr><td>unroll</td><td>2, 4, 8: factor</td><td>unroll accumulating inner loops, with a remainder loop</td></tr>
 * <tr><td>transpose</td><td>0</td><td>read a strided square operand through a transposed copy</td></tr>
 * <tr><td>tune-constant</td><td>0-5: 2*constant + direction</td><td>move a static final int along 8,16,32,48,64,96,128,256</td></tr>
 * </table>
 *
 * The headline chain from the naive seed is interchange(0), hoist(0), vectorize-fma(0), register-block(144),
 * parallelize(1); see {@link RewriteChains}.
 *
 * <table>
 * <caption>rewrites for the other kernels</caption>
 * <tr><th>name</th><th>knobs</th><th>what</th></tr>
 * <tr><td>reduce-parallel</td><td>2-64: tasks</td><td>sum or histogram loop as parallel tasks with private partials</td></tr>
 * <tr><td>split-accumulators</td><td>2, 4, 8</td><td>independent scalar, vector or histogram accumulators</td></tr>
 * <tr><td>store-reuse</td><td>0</td><td>store a summed Math value (exp) in the output, reuse it in the next loop</td></tr>
 * <tr><td>peel-boundary</td><td>0, 1: every such loop</td><td>first and last iterations peeled off a loop that branches on them</td></tr>
 * <tr><td>tile-2d</td><td>8-64: tile size</td><td>perfect 2-deep nest in square tiles</td></tr>
 * <tr><td>scan-parallel</td><td>2-64: tasks</td><td>two-pass parallel prefix sum</td></tr>
 * <tr><td>scan-parallel-vector</td><td>2-16: tasks</td><td>the same, chunk sums of {@code s += x[i]} in vector
 *     accumulators</td></tr>
 * <tr><td>scan-blocked(-vector)</td><td>4096-65536: block size</td><td>one-pass parallel prefix sum: L2-sized blocks
 *     claimed in order, prefixes handed on through atomics (vector: block sums in vector accumulators)</td></tr>
 * <tr><td>gather-tile</td><td>16, 32, 64: rows per task</td><td>strided 2-deep copy (transpose) as L x L blocks of
 *     vector gathers in parallel bands (legality from the dependence test)</td></tr>
 * <tr><td>reciprocal</td><td>0</td><td>(every target) division by a loop-invariant double as a multiply by its hoisted reciprocal</td></tr>
 * <tr><td>unroll-full</td><td>0: every site, 1-3: one</td><td>(a target whose seed has one) a loop nest with constant bounds, such as a
 *     filter's taps, unrolled completely with its constants folded</td></tr>
 * </table>
 *
 * <table>
 * <caption>schedule rewrites (any kernel with a modelled loop nest; legality from the dependence test)</caption>
 * <tr><th>name</th><th>knobs</th><th>what</th></tr>
 * <tr><td>accumulate</td><td>0-2: site</td><td>scalar reduction into its output element, loop split so it can move inward</td></tr>
 * <tr><td>permute</td><td>100 * band + permutation</td><td>reorder a perfect band (depth up to 4) whose loops keep their bounds' loops outside them</td></tr>
 * <tr><td>tile</td><td>10 * size + position (size 8-256)</td><td>tile one band loop, tile loop at the band's top</td></tr>
 * <tr><td>parallelize-loop</td><td>0-2: depth</td><td>a loop that carries no dependence as a parallel IntStream</td></tr>
 * <tr><td>unroll-jam</td><td>10 * factor + position (2, 4, 8)</td><td>unroll an outer band loop, jam the copies inside</td></tr>
 * <tr><td>scalar-replace</td><td>0-2: site</td><td>an element a loop updates at a fixed index kept in a local</td></tr>
 * <tr><td>pack</td><td>0-2: operand</td><td>a strided operand copied transposed into a scratch array before the nest</td></tr>
 * <tr><td>vectorize</td><td>1, 2, 4: vectors per iteration</td><td>every legal innermost unit-stride loop as a Vector API loop</td></tr>
 * <tr><td>vector-tile(-parallel)</td><td>10 * rows + vectors</td><td>R x V vector accumulators across a reduction loop</td></tr>
 * </table>
 *
 * {@link #forTarget(KernelTarget)} picks per target the rewrites that find something in its kernels (and the
 * schedule rewrites when the loop-nest model finds a nest in the seed, whatever the target's name), dropping
 * those that generate a construct the target does not allow.
 */
public final class RewriteLibrary {

    /** Rewrites that generate parallel streams. */
    private static final Set<String> PARALLEL = Set.of("parallelize", "reduce-parallel", "scan-parallel",
            "parallelize-loop", "vector-tile-parallel", "gather-tile", "scan-parallel-vector", "scan-blocked",
            "scan-blocked-vector");
    /** Rewrites that generate Vector API code. */
    private static final Set<String> VECTOR = Set.of("vectorize-fma", "register-block", "vectorize",
            "vector-tile", "vector-tile-parallel", "gather-tile", "scan-parallel-vector", "scan-blocked-vector");
    /** Rewrites that generate atomics ({@link Construct#ATOMICS}). */
    private static final Set<String> ATOMIC = Set.of("scan-blocked", "scan-blocked-vector");

    private RewriteLibrary() {
    }

    /**
     * Whether a rewrite makes parallel or vector code: the steps that pay most, which a kernel as written often
     * refuses until other rewrites (peeling, permuting, unrolling) have put it in shape.
     */
    public static boolean finishing(String rewriteName) {
        return PARALLEL.contains(rewriteName) || VECTOR.contains(rewriteName);
    }

    /**
     * Rewrites for a target, by name: matmul and matmul-f32 get {@link #forMatmul()}; the other built-in
     * targets get the rewrites shaped for their kernels; an unknown name gets every rewrite. The list and
     * its order are stable across calls.
     */
    public static List<Rewrite> forTarget(String targetName) {
        return switch (targetName) {
            case "matmul", "matmul-f32" -> forMatmul();
            case "matvec" -> List.of(new ParallelizeOuterLoop(), new VectorizeInnerLoop(), new SplitAccumulators(),
                    new HoistInvariants(), new UnrollInnerLoop(), new StripMineLoop(), new TuneConstant());
            case "dot" -> List.of(new ParallelReduction(), new VectorizeInnerLoop(), new SplitAccumulators(),
                    new UnrollInnerLoop());
            case "stencil" -> List.of(new PeelBoundary(), new ParallelizeOuterLoop(), new VectorizeInnerLoop(),
                    new HoistInvariants(), new StripMineLoop(), new TileLoopNest(), new TuneConstant());
            case "prefix-sum" -> List.of(new BlockedScan(true), new BlockedScan(false), new ParallelScan(true), new ParallelScan(),
                    new VectorizeInnerLoop(), new SplitAccumulators(), new HoistInvariants());
            case "transpose" -> List.of(new GatherTile(Aliasing.DISTINCT_PARAMETERS), new TileLoopNest(), new ParallelizeOuterLoop(), new LoopInterchange(),
                    new StripMineLoop(), new HoistInvariants(), new UnrollInnerLoop(), new TuneConstant());
            case "softmax" -> List.of(new ParallelizeOuterLoop(), new StoreAndReuse(), new VectorizeInnerLoop(),
                    new SplitAccumulators(), new HoistInvariants());
            case "histogram" -> List.of(new ParallelReduction(), new SplitAccumulators(), new ParallelizeOuterLoop(),
                    new UnrollInnerLoop());
            default -> all();
        };
    }

    /**
     * Pattern rewrites whose legality is a heuristic about the built-in kernels' shapes, not a proof: loop fission
     * that does not test dependences, a transposed copy that assumes a square operand. A kernel that is not
     * built in (a folder target) does not get them; {@code pack} and the other schedule rewrites, which test, do.
     */
    private static final Set<String> BUILT_IN_SHAPES_ONLY = Set.of("distribute", "transpose");

    /**
     * As {@link #forTarget(String)}, without the rewrites that generate constructs the target does not allow, and
     * without {@link #BUILT_IN_SHAPES_ONLY} for a target that is not built in.
     */
    public static List<Rewrite> forTarget(KernelTarget target) {
        Set<Construct> allowed = target.allowedConstructs();
        boolean builtIn = Targets.find(target.name())
                .filter(b -> b.getClass() == Targets.base(target).getClass()).isPresent();
        List<Rewrite> candidates = new ArrayList<>(forTarget(target.name()));
        if (!builtIn) {
            candidates.removeIf(r -> BUILT_IN_SHAPES_ONLY.contains(r.name()));
        }
        candidates.add(new HoistReciprocal());     // any kernel: applies only where a loop divides by an invariant
        Rewrite unrollFull = new UnrollConstantLoops();
        if (unrollFull.apply(target.seedSource(), 0).isPresent()) {
            candidates.add(unrollFull);            // a kernel with constant loops (filter taps) in its seed
        }
        if (ScheduleSites.hasNest(target.seedSource())) {
            candidates.addAll(schedule());
        }
        return candidates.stream()
                .filter(r -> allowed.contains(Construct.PARALLEL_STREAMS) || !PARALLEL.contains(r.name()))
                .filter(r -> allowed.contains(Construct.VECTOR_API) || !VECTOR.contains(r.name()))
                .filter(r -> allowed.contains(Construct.ATOMICS) || !ATOMIC.contains(r.name()))
                .toList();
    }

    /** Every rewrite: the matmul ones, then those written for the other kernels. */
    public static List<Rewrite> all() {
        List<Rewrite> out = new ArrayList<>(forMatmul());
        out.addAll(List.of(new ParallelReduction(), new SplitAccumulators(), new StoreAndReuse(), new PeelBoundary(),
                new TileLoopNest(), new ParallelScan(), new ParallelScan(true), new GatherTile(Aliasing.DISTINCT_PARAMETERS),
                new BlockedScan(false), new BlockedScan(true)));
        return List.copyOf(out);
    }

    /**
     * The general schedule rewrites, offered wherever the loop-nest model finds a nest. They assume distinct
     * array parameters ({@link Aliasing#DISTINCT_PARAMETERS}), which every Java target's harness guarantees.
     */
    public static List<Rewrite> schedule() {
        return List.of(new AccumulateInArray(Aliasing.DISTINCT_PARAMETERS), new PermuteLoops(Aliasing.DISTINCT_PARAMETERS), new TileLoop(Aliasing.DISTINCT_PARAMETERS),
                new ParallelizeLoop(Aliasing.DISTINCT_PARAMETERS), new UnrollAndJam(Aliasing.DISTINCT_PARAMETERS),
                new ScalarReplacement(Aliasing.DISTINCT_PARAMETERS), new PackOperand(Aliasing.DISTINCT_PARAMETERS),
                new VectorizeLoop(Aliasing.DISTINCT_PARAMETERS),
                new VectorRegisterTile(Aliasing.DISTINCT_PARAMETERS, false),
                new VectorRegisterTile(Aliasing.DISTINCT_PARAMETERS, true));
    }

    /**
     * Sketches for {@link dev.evolve.engine.recipe.RecipeSearch}: orders of {@link #schedule()} rewrites that build,
     * together, the shapes a schedule compiler starts from (Ansor's multi-level tiling with a parallel outer loop
     * and an unrolled or vectorized inner one): cache tiles, a parallel loop over them, rows unrolled and jammed or
     * a loop vectorized inside; a permutation first where the unit-stride loop is not innermost (after a scalar
     * reduction is moved into its output element, so its loop can move). The search fills in the knobs (which
     * loop, what size) where each step's dependence test allows it, on any kernel; the parallel loop is tried
     * outermost first (coarse tasks, as Halide and Ansor parallelize), the other knobs in a random order. A step is
     * a rewrite's name, or its name and the knobs to try in order ({@code "name:k1,k2"}).
     */
    public static List<List<String>> sketches() {
        String parallel = "parallelize-loop:0,1,2";     // the outermost loop that carries no dependence first
        return List.of(
                List.of("tile", parallel, "unroll-jam"),
                List.of("permute", "tile", parallel, "unroll-jam"),
                List.of("tile", "tile", parallel, "unroll-jam"),
                List.of("unroll-jam", parallel),
                List.of(parallel, "vectorize"),
                List.of("tile", parallel, "vectorize"),
                List.of("permute", parallel, "vectorize"),
                List.of("accumulate", "permute", parallel, "vectorize"));
    }

    /** Rewrites for the matmul target; the list and its order are stable across calls. */
    public static List<Rewrite> forMatmul() {
        return List.of(
                new LoopInterchange(),
                new HoistInvariants(),
                new ParallelizeOuterLoop(),
                new VectorizeInnerLoop(),
                new RegisterBlock(),
                new LoopDistribution(),
                new StripMineLoop(),
                new UnrollInnerLoop(),
                new TransposeOperand(),
                new TuneConstant());
    }
}
