package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Parallel scan in two passes: a running sum stored at every step ({@code s += x[i]; out[i] = s;}, or the
 * store first for an exclusive scan; the shapes {@link ScanLoops} recognizes) runs as K tasks over contiguous
 * chunks. Pass one sums each chunk in parallel; a short sequential loop turns the chunk sums into each chunk's
 * starting value (and leaves {@code s} at the total, as the loop did); pass two rescans each chunk from its
 * starting value in parallel, storing as before. The summation order changes. Knob = K, the number of tasks.
 *
 * <p>{@code scan-parallel-vector} is the same scan whose first pass, when the running sum is a double that adds
 * one element of a double array at the loop's index ({@code s += x[i]}), sums each chunk in a Vector API
 * accumulator with a scalar tail: the complete kernel in one step (the scalar first pass alone is no faster
 * than the seed's single pass, so a search that scores one step at a time would not go on to vectorize it).
 */
final class ParallelScan extends AstRewrite {

    /** Whether the first pass sums each chunk in a vector accumulator. */
    private final boolean vector;

    ParallelScan() {
        this(false);
    }

    ParallelScan(boolean vector) {
        super(vector ? "scan-parallel-vector" : "scan-parallel", vector
                ? "two-pass parallel prefix sum over K chunks, chunk sums in vector accumulators; knob = K"
                : "two-pass parallel prefix sum over K chunks (chunk sums, offsets, rescan); knob = K",
                vector ? List.of(2, 4, 8, 16) : List.of(2, 4, 8, 16, 64));
        this.vector = vector;
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        Optional<ScanLoops.Site> site = ScanLoops.first(unit, vector);
        site.ifPresent(s -> rewrite(unit, s.loop(), s.sum(), knob, vector));
        return site.isPresent();
    }

    private static void rewrite(BlockUnit unit, ForStmt loop, String sum, int k, boolean vector) {
        Loops.Counted c = Loops.counted(loop).orElseThrow();
        String type = Expressions.declaredType(sum, loop).orElseThrow().asString();
        String var = c.var();
        String totals = unit.fresh(sum + "Chunks");
        String task = unit.fresh("task");
        String from = unit.fresh(var + "From");
        String to = unit.fresh(var + "To");
        String part = unit.fresh(sum + "Part");
        String chunk = unit.fresh("chunk");
        String chunkSum = unit.fresh("chunkSum");
        String vec = unit.fresh(var + "Vec");
        String range = unit.intStream() + ".range(0, " + k + ").parallel().forEach(" + task + " -> { "
                + ParallelReduction.chunk(c, task, k, from, to) + " ";
        Statement addOnly = ScanLoops.addStatement(loop).clone();
        addOnly = Loops.substitute(addOnly, sum, new NameExpr(part));
        Statement rescan = Loops.substitute(loop.getBody().clone(), sum, new NameExpr(part));
        String rescanBody = rescan instanceof com.github.javaparser.ast.stmt.BlockStmt ? rescan.toString() : "{ " + rescan + " }";
        List<Statement> out = unit.stmts("{ "
                + type + "[] " + totals + " = new " + type + "[" + k + "]; "
                + range + type + " " + part + " = " + Reductions.zeroOf(type) + "; "
                + (vector ? vectorSum(unit, ScanLoops.vectorRead(loop, sum).orElseThrow(), var, vec, from, to, part) : "")
                + "for (int " + var + " = " + (vector ? vec : from) + "; " + var + " < " + to + "; "
                + var + "++) { " + addOnly + " } "
                + totals + "[" + task + "] = " + part + "; }); "
                + "for (int " + chunk + " = 0; " + chunk + " < " + k + "; " + chunk + "++) { "
                + type + " " + chunkSum + " = " + totals + "[" + chunk + "]; " + totals + "[" + chunk + "] = " + sum + "; "
                + sum + " += " + chunkSum + "; } "
                + range + type + " " + part + " = " + totals + "[" + task + "]; "
                + "for (int " + var + " = " + from + "; " + var + " < " + to + "; " + var + "++) " + rescanBody + " }); }");
        Loops.insertBefore(loop, out);
        loop.remove();
    }

    /**
     * {@code int iVec = from + loopBound(to - from); lanes = zero; for (i < iVec by L) lanes = lanes.add(x[i..]);
     * part += lanes.reduceLanes(ADD);}: the chunk's vector part, leaving [iVec, to) to the scalar loop after it.
     */
    private static String vectorSum(BlockUnit unit, String array, String var, String vec, String from, String to,
                                    String part) {
        String species = unit.species();
        String vectorClass = unit.vectorApi("DoubleVector");
        String lanes = unit.fresh(part + "Lanes");
        return "int " + vec + " = " + from + " + " + species + ".loopBound(" + to + " - " + from + "); "
                + vectorClass + " " + lanes + " = " + vectorClass + ".zero(" + species + "); "
                + "for (int " + var + " = " + from + "; " + var + " < " + vec + "; " + var + " += " + species + ".length()) { "
                + lanes + " = " + lanes + ".add(" + vectorClass + ".fromArray(" + species + ", " + array + ", " + var + ")); } "
                + part + " += " + lanes + ".reduceLanes(" + unit.vectorApi("VectorOperators") + ".ADD); ";
    }
}
