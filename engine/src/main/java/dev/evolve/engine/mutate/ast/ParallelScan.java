package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parallel scan in two passes: a running sum stored at every step ({@code s += x[i]; out[i] = s;}, or the
 * store first for an exclusive scan) runs as K tasks over contiguous chunks. Pass one sums each chunk in
 * parallel; a short sequential loop turns the chunk sums into each chunk's starting value (and leaves
 * {@code s} at the total, as the loop did); pass two rescans each chunk from its starting value in parallel,
 * storing as before. The summation order changes. Knob = K, the number of tasks.
 *
 * <p>{@code scan-parallel-vector} is the same scan whose first pass, when the running sum is a double that adds
 * one element of a double array at the loop's index ({@code s += x[i]}), sums each chunk in a Vector API
 * accumulator with a scalar tail: the complete kernel in one step (the scalar first pass alone is no faster
 * than the seed's single pass, so a search that scores one step at a time would not go on to vectorize it).
 */
final class ParallelScan extends AstRewrite {

    private static final Set<String> TYPES = Set.of("double", "long", "int");

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
        for (Loops.InMethod site : Loops.outsideLambdas(unit)) {
            Optional<String> sum = scan(site.loop());
            if (sum.isPresent() && Reductions.liftable(site.method(), site.loop(), sum.get())
                    && (!vector || vectorRead(site.loop(), sum.get()).isPresent())) {
                rewrite(unit, site.loop(), sum.get(), knob, vector);
                return true;
            }
        }
        return false;
    }

    /** The running sum's name when the loop is {@code s += E; A[own index] = s;} (either order). */
    private static Optional<String> scan(ForStmt loop) {
        Optional<Loops.Counted> c = Loops.counted(loop);
        List<Statement> body = Reductions.statements(loop.getBody());
        if (c.isEmpty() || !c.get().unitStep() || body.size() != 2) {
            return Optional.empty();
        }
        AssignExpr add = null;
        AssignExpr store = null;
        for (Statement s : body) {
            if (s instanceof ExpressionStmt es && es.getExpression() instanceof AssignExpr a) {
                if (a.getOperator() == AssignExpr.Operator.PLUS && a.getTarget() instanceof NameExpr) {
                    add = a;
                } else if (a.getOperator() == AssignExpr.Operator.ASSIGN && a.getTarget() instanceof ArrayAccessExpr) {
                    store = a;
                }
            }
        }
        if (add == null || store == null) {
            return Optional.empty();
        }
        String sum = add.getTarget().toString();
        ArrayAccessExpr element = (ArrayAccessExpr) store.getTarget();
        String array = Expressions.arrayName(element);
        boolean declaredInside = loop.getBody().findAll(VariableDeclarator.class).stream()
                .anyMatch(d -> d.getNameAsString().equals(sum));
        if (!Expressions.isName(store.getValue(), sum) || array.isEmpty() || declaredInside
                || !Expressions.declaredType(sum, loop).map(t -> TYPES.contains(t.asString())).orElse(false)
                || !Expressions.pureWithMath(add.getValue()) || Expressions.names(add.getValue()).contains(sum)
                || Expressions.names(add.getValue()).contains(array)
                || !Expressions.pure(element.getIndex()) || Expressions.names(element.getIndex()).contains(sum)
                || !Expressions.directNames(element.getIndex()).contains(c.get().var())) {
            return Optional.empty();
        }
        return Optional.of(sum);
    }

    /** The array of {@code s += x[i]} when the sum and the array are double and {@code i} is the loop variable. */
    private static Optional<String> vectorRead(ForStmt loop, String sum) {
        String var = Loops.counted(loop).orElseThrow().var();
        return Reductions.statements(loop.getBody()).stream()
                .filter(s -> ((ExpressionStmt) s).getExpression() instanceof AssignExpr a
                        && a.getOperator() == AssignExpr.Operator.PLUS)
                .map(s -> ((AssignExpr) ((ExpressionStmt) s).getExpression()).getValue())
                .filter(e -> e instanceof ArrayAccessExpr read && Expressions.isName(read.getIndex(), var))
                .map(e -> Expressions.arrayName((ArrayAccessExpr) e))
                .filter(a -> !a.isEmpty() && Expressions.declaredType(a, loop).map(t -> t.asString().equals("double[]")).orElse(false)
                        && Expressions.declaredType(sum, loop).map(t -> t.asString().equals("double")).orElse(false))
                .findFirst();
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
        Statement addOnly = Reductions.statements(loop.getBody()).stream()
                .filter(s -> ((ExpressionStmt) s).getExpression() instanceof AssignExpr a
                        && a.getOperator() == AssignExpr.Operator.PLUS)
                .findFirst().orElseThrow().clone();
        addOnly = Loops.substitute(addOnly, sum, new NameExpr(part));
        Statement rescan = Loops.substitute(loop.getBody().clone(), sum, new NameExpr(part));
        String rescanBody = rescan instanceof com.github.javaparser.ast.stmt.BlockStmt ? rescan.toString() : "{ " + rescan + " }";
        List<Statement> out = unit.stmts("{ "
                + type + "[] " + totals + " = new " + type + "[" + k + "]; "
                + range + type + " " + part + " = " + Reductions.zeroOf(type) + "; "
                + (vector ? vectorSum(unit, vectorRead(loop, sum).orElseThrow(), var, vec, from, to, part) : "")
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
