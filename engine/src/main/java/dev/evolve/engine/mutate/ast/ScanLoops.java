package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Recognizes a scan loop, the shape the parallel scan rewrites ({@link ParallelScan}, {@link BlockedScan}) take
 * apart: a counted unit-step loop whose body is a running sum {@code s += E;} and a store of it
 * {@code A[index] = s;}, in either order (inclusive or exclusive), where {@code E} is pure (Math calls allowed)
 * and reads neither {@code s} nor {@code A}, the index is pure, reads the loop variable and not {@code s}, and
 * {@code s} is a double, long or int declared outside the loop.
 */
final class ScanLoops {

    private static final Set<String> TYPES = Set.of("double", "long", "int");

    private ScanLoops() {
    }

    /** A scan loop outside any lambda and the name of its running sum. */
    record Site(ForStmt loop, String sum) {
    }

    /**
     * The first scan loop of the block, outside lambdas, whose running sum can be lifted out of the method's flow
     * and that stores each element once ({@link #storesOncePerElement}: tasks store their chunks in no set order,
     * so two iterations storing one element would leave either value); with {@code vector}, one whose sum adds one
     * double element at the loop's index ({@link #vectorRead}).
     */
    static Optional<Site> first(BlockUnit unit, boolean vector) {
        for (Loops.InMethod site : Loops.outsideLambdas(unit)) {
            Optional<String> sum = runningSum(site.loop());
            if (sum.isPresent() && Reductions.liftable(site.method(), site.loop(), sum.get())
                    && storesOncePerElement(site.loop())
                    && (!vector || vectorRead(site.loop(), sum.get()).isPresent())) {
                return Optional.of(new Site(site.loop(), sum.get()));
            }
        }
        return Optional.empty();
    }

    /** The running sum's name when the loop is a scan. */
    static Optional<String> runningSum(ForStmt loop) {
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

    /** The {@code s += E;} statement of a loop {@link #runningSum} accepted. */
    static Statement addStatement(ForStmt scan) {
        return Reductions.statements(scan.getBody()).stream()
                .filter(s -> ((ExpressionStmt) s).getExpression() instanceof AssignExpr a
                        && a.getOperator() == AssignExpr.Operator.PLUS)
                .findFirst().orElseThrow();
    }

    /** The index of the store {@code A[index] = s;} of a loop {@link #runningSum} accepted. */
    static Expression storeIndex(ForStmt scan) {
        return Reductions.statements(scan.getBody()).stream()
                .map(s -> ((ExpressionStmt) s).getExpression())
                .filter(e -> e instanceof AssignExpr a && a.getOperator() == AssignExpr.Operator.ASSIGN)
                .map(e -> ((ArrayAccessExpr) ((AssignExpr) e).getTarget()).getIndex())
                .findFirst().orElseThrow();
    }

    /**
     * Whether the store index is the loop variable plus or minus terms free of it ({@code i}, {@code i - 1},
     * {@code n - 1 - i}): distinct iterations then store to distinct elements, so the order of the stores does
     * not matter.
     */
    static boolean storesOncePerElement(ForStmt scan) {
        String var = Loops.counted(scan).orElseThrow().var();
        List<Expressions.SignedTerm> terms = Expressions.signedTerms(storeIndex(scan));
        long withVar = terms.stream().filter(t -> Expressions.names(t.term()).contains(var)).count();
        return withVar == 1 && terms.stream().anyMatch(t -> Expressions.isName(t.term(), var));
    }

    /** The array of {@code s += x[i]} when the sum and the array are double and {@code i} is the loop variable. */
    static Optional<String> vectorRead(ForStmt loop, String sum) {
        String var = Loops.counted(loop).orElseThrow().var();
        Expression added = ((AssignExpr) ((ExpressionStmt) addStatement(loop)).getExpression()).getValue();
        return Optional.of(added)
                .filter(e -> e instanceof ArrayAccessExpr read && Expressions.isName(read.getIndex(), var))
                .map(e -> Expressions.arrayName((ArrayAccessExpr) e))
                .filter(a -> !a.isEmpty() && Expressions.declaredType(a, loop).map(t -> t.asString().equals("double[]")).orElse(false)
                        && Expressions.declaredType(sum, loop).map(t -> t.asString().equals("double")).orElse(false));
    }
}
