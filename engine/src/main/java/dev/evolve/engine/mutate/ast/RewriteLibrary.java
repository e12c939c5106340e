package dev.evolve.engine.mutate.ast;

import java.util.List;

/**
 * The registry of rule-based rewrites, in a stable order (the order a performance engineer would try them).
 *
 * <table>
 * <caption>matmul rewrites</caption>
 * <tr><th>name</th><th>knobs</th><th>what</th></tr>
 * <tr><td>interchange</td><td>0-3: site index</td><td>scalar reduction j-k to k-j (i-j-k to i-k-j), then perfect pairs</td></tr>
 * <tr><td>hoist</td><td>0, 1</td><td>0: invariant loads and index products into locals; 1: accumulate in a local</td></tr>
 * <tr><td>parallelize</td><td>1, 4, 16, 64: iterations per task</td><td>deepest eligible loop as a parallel IntStream</td></tr>
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
 * parallelize(1); see {@link RewriteShowcase}.
 */
public final class RewriteLibrary {

    private RewriteLibrary() {
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
