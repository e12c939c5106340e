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
 */
final class ParallelScan extends AstRewrite {

    private static final Set<String> TYPES = Set.of("double", "long", "int");

    ParallelScan() {
        super("scan-parallel", "two-pass parallel prefix sum over K chunks (chunk sums, offsets, rescan); knob = K",
                List.of(2, 4, 8, 16, 64));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        for (Loops.InMethod site : Loops.outsideLambdas(unit)) {
            Optional<String> sum = scan(site.loop());
            if (sum.isPresent() && Reductions.liftable(site.method(), site.loop(), sum.get())) {
                rewrite(unit, site.loop(), sum.get(), knob);
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

    private static void rewrite(BlockUnit unit, ForStmt loop, String sum, int k) {
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
                + "for (int " + var + " = " + from + "; " + var + " < " + to + "; " + var + "++) { " + addOnly + " } "
                + totals + "[" + task + "] = " + part + "; }); "
                + "for (int " + chunk + " = 0; " + chunk + " < " + k + "; " + chunk + "++) { "
                + type + " " + chunkSum + " = " + totals + "[" + chunk + "]; " + totals + "[" + chunk + "] = " + sum + "; "
                + sum + " += " + chunkSum + "; } "
                + range + type + " " + part + " = " + totals + "[" + task + "]; "
                + "for (int " + var + " = " + from + "; " + var + " < " + to + "; " + var + "++) " + rescanBody + " }); }");
        Loops.insertBefore(loop, out);
        loop.remove();
    }
}
