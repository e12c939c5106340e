package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Multiple independent accumulators, so that consecutive iterations do not wait on one another: the first
 * accumulating loop (in source order, lambdas included) runs K iterations per step into K accumulators, then a
 * remainder loop, then the accumulators are added up.
 * <ul>
 * <li>a scalar sum ({@code s += x[i] * y[i]}) gets locals {@code s2..sK};</li>
 * <li>a vector accumulator ({@code acc = X.fma(Y, acc)} or {@code acc = acc.add(X)} in a loop stepping by
 *     {@code SPECIES.length()}) gets vector accumulators {@code acc2..accK} started at zero;</li>
 * <li>a histogram ({@code counts[values[i]]++}) gets K - 1 more count arrays, added into the first afterwards,
 *     so that runs of equal values do not serialise on one counter; refused inside a lambda (a parallel loop's
 *     body) unless the lambda creates the array itself, since adding whole copies back would race with the
 *     other tasks' updates of their own elements.</li>
 * </ul>
 * The summation order changes. Knob = K.
 */
final class SplitAccumulators extends AstRewrite {

    SplitAccumulators() {
        super("split-accumulators", "K independent accumulators (scalar, vector or histogram copies) for a reduction loop; knob = K",
                List.of(2, 4, 8));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        for (ForStmt loop : unit.members().findAll(ForStmt.class)) {
            if (UnrollInnerLoop.followsMainLoop(loop) || startsAtVectorBound(loop) || !(loop.getParentNode().orElse(null)
                    instanceof com.github.javaparser.ast.stmt.BlockStmt)) {
                continue;
            }
            Optional<Reductions.Update> u = Reductions.of(loop);
            if (u.isPresent()) {
                split(unit, u.get(), knob);
                return true;
            }
            if (splitVector(unit, loop, knob)) {
                return true;
            }
        }
        return false;
    }

    /** The scalar tail of a vector loop starts at a bound computed with {@code loopBound}: too short to split. */
    private static boolean startsAtVectorBound(ForStmt loop) {
        return Loops.counted(loop)
                .filter(c -> c.start() instanceof NameExpr)
                .flatMap(c -> Loops.ancestor(loop, com.github.javaparser.ast.body.MethodDeclaration.class)
                        .flatMap(m -> m.findAll(com.github.javaparser.ast.body.VariableDeclarator.class).stream()
                                .filter(d -> d.getNameAsString().equals(c.start().toString())).findFirst()))
                .flatMap(com.github.javaparser.ast.body.VariableDeclarator::getInitializer)
                .map(init -> init.toString().contains("loopBound"))
                .orElse(false);
    }

    private static void split(BlockUnit unit, Reductions.Update u, int k) {
        Loops.Counted c = u.counted();
        String var = c.var();
        List<String> accs = new ArrayList<>();
        accs.add(u.target());
        for (int r = 2; r <= k; r++) {
            accs.add(unit.fresh(u.target() + r));
        }
        List<Statement> before = new ArrayList<>();
        for (String acc : accs.subList(1, k)) {
            before.add(unit.stmt(u.scalar()
                    ? u.type() + " " + acc + " = " + u.zero() + ";"
                    : u.type() + "[] " + acc + " = new " + u.type() + "[" + u.target() + ".length];"));
        }
        String bound = unit.fresh(var + "Split");
        before.add(unit.stmt("int " + bound + " = " + splitBound(c, String.valueOf(k)) + ";"));
        StringBuilder main = new StringBuilder("for (int " + var + " = " + c.start() + "; " + var + " < " + bound
                + "; " + var + " += " + k + ") {");
        for (int r = 0; r < k; r++) {
            main.append(Reductions.shifted(u, r, accs.get(r))).append(' ');
        }
        before.add(unit.stmt(main.append('}').toString()));
        Loops.insertBefore(u.loop(), before);
        startAt(u.loop(), bound);
        String rest = String.join(" + ", accs.subList(1, k));
        if (u.scalar()) {
            Loops.insertAfter(u.loop(), List.of(unit.stmt(u.target() + " += " + rest + ";")));
        } else {
            String b = unit.fresh("b");
            StringBuilder sum = new StringBuilder();
            for (String acc : accs.subList(1, k)) {
                sum.append(sum.isEmpty() ? "" : " + ").append(acc).append('[').append(b).append(']');
            }
            Loops.insertAfter(u.loop(), List.of(unit.stmt("for (int " + b + " = 0; " + b + " < " + u.target()
                    + ".length; " + b + "++) { " + u.target() + "[" + b + "] += " + sum + "; }")));
        }
    }

    /** {@code start + (end - start) / step * step}, the end of the whole steps. */
    private static String splitBound(Loops.Counted c, String step) {
        String e = Reductions.paren(c.end());
        boolean zero = c.start() instanceof IntegerLiteralExpr l && l.getValue().equals("0");
        return zero ? e + " - " + e + " % " + step
                : Reductions.paren(c.start()) + " + (" + e + " - " + Reductions.paren(c.start()) + ") / " + step + " * " + step;
    }

    private static void startAt(ForStmt loop, String bound) {
        ((com.github.javaparser.ast.expr.VariableDeclarationExpr) loop.getInitialization().get(0))
                .getVariable(0).setInitializer(new NameExpr(bound));
    }

    /** A Vector API accumulation loop: step {@code S.length()}, body {@code acc = <fma or add with acc once>;}. */
    private static boolean splitVector(BlockUnit unit, ForStmt loop, int k) {
        Optional<Loops.Counted> counted = Loops.counted(loop);
        if (counted.isEmpty() || !(counted.get().step() instanceof MethodCallExpr length)
                || !length.getNameAsString().equals("length") || length.getScope().isEmpty()
                || !length.getArguments().isEmpty()
                || !(LoopInterchange.single(loop.getBody()) instanceof ExpressionStmt es)
                || !(es.getExpression() instanceof AssignExpr a) || a.getOperator() != AssignExpr.Operator.ASSIGN
                || !(a.getTarget() instanceof NameExpr accName)) {
            return false;
        }
        String acc = accName.getNameAsString();
        String vectorType = Expressions.declaredType(acc, loop).map(t -> t.asString()).orElse("");
        if (!(vectorType.equals("DoubleVector") || vectorType.equals("FloatVector"))
                || !accumulates(a.getValue(), acc)
                || loop.getBody().findAll(com.github.javaparser.ast.body.VariableDeclarator.class).stream()
                        .anyMatch(d -> d.getNameAsString().equals(acc))) {
            return false;
        }
        Loops.Counted c = counted.get();
        String var = c.var();
        String species = length.getScope().get().toString();
        String step = length.toString();
        List<String> accs = new ArrayList<>(List.of(acc));
        for (int r = 2; r <= k; r++) {
            accs.add(unit.fresh(acc + r));
        }
        List<Statement> before = new ArrayList<>();
        for (String extra : accs.subList(1, k)) {
            before.add(unit.stmt(vectorType + " " + extra + " = " + vectorType + ".zero(" + species + ");"));
        }
        String bound = unit.fresh(var + "Split");
        String wide = "(" + k + " * " + step + ")";
        before.add(unit.stmt("int " + bound + " = " + splitBound(c, wide) + ";"));
        StringBuilder main = new StringBuilder("for (int " + var + " = " + c.start() + "; " + var + " < " + bound
                + "; " + var + " += " + k + " * " + step + ") {");
        for (int r = 0; r < k; r++) {
            Statement copy = es.clone();
            if (r > 0) {
                Expression shift = r == 1 ? length.clone()
                        : new BinaryExpr(new IntegerLiteralExpr(String.valueOf(r)), length.clone(), BinaryExpr.Operator.MULTIPLY);
                copy = Loops.substitute(copy, var, new BinaryExpr(new NameExpr(var), new EnclosedExpr(shift), BinaryExpr.Operator.PLUS));
                copy = Loops.substitute(copy, acc, new NameExpr(accs.get(r)));
            }
            main.append(copy).append(' ');
        }
        before.add(unit.stmt(main.append('}').toString()));
        Loops.insertBefore(loop, before);
        startAt(loop, bound);
        StringBuilder combine = new StringBuilder(acc + " = " + acc);
        for (String extra : accs.subList(1, k)) {
            combine.append(".add(").append(extra).append(')');
        }
        Loops.insertAfter(loop, List.of(unit.stmt(combine.append(';').toString())));
        return true;
    }

    /** {@code X.fma(Y, acc)}, {@code acc.add(X)} or {@code X.add(acc)}, with acc nowhere else. */
    private static boolean accumulates(Expression value, String acc) {
        if (!(value instanceof MethodCallExpr call) || call.getScope().isEmpty()) {
            return false;
        }
        long uses = value.findAll(NameExpr.class).stream().filter(n -> n.getNameAsString().equals(acc)).count();
        if (uses != 1) {
            return false;
        }
        String name = call.getNameAsString();
        if (name.equals("fma") && call.getArguments().size() == 2) {
            return Expressions.isName(call.getArgument(1), acc);
        }
        if (name.equals("add") && call.getArguments().size() == 1) {
            return Expressions.isName(call.getScope().get(), acc) || Expressions.isName(call.getArgument(0), acc);
        }
        return false;
    }
}
