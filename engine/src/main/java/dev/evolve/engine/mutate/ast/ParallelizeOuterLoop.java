package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the eligible counted loop with the deepest nest under it (the first such in source order) as a parallel stream:
 * {@code for (int i = s; i < e; i += t) {...}} becomes {@code IntStream.range(...).parallel().forEach(...)}.
 * Eligible when every array the body writes is indexed by something derived from the loop variable
 * (rows are disjoint), every captured local is effectively final, and control never leaves the body early.
 * Knob: values of the loop variable per task (rows; 1 = one task per iteration), at least one iteration per task, so
 * that a row loop already tiled by R (stepping by R) still gets one task per block of R rows, or per a few.
 */
final class ParallelizeOuterLoop extends AstRewrite {

    ParallelizeOuterLoop() {
        super("parallelize", "run an outer loop with disjoint writes as IntStream.range(...).parallel(); knob = rows per task",
                List.of(1, 4, 16, 64));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        Loops.Counted best = null;
        int bestDepth = 0;
        for (Loops.InMethod site : Loops.outsideLambdas(unit)) {
            Optional<Loops.Counted> counted = Loops.counted(site.loop());
            int depth = depth(site.loop());
            if (counted.isPresent() && depth > bestDepth && eligible(site.method(), counted.get())) {
                best = counted.get();
                bestDepth = depth;
            }
        }
        if (best == null) {
            return false;
        }
        best.loop().replace(unit.stmt(parallel(unit, best, knob)));
        return true;
    }

    /** How deeply loops nest under and including this one: the deepest nest is where the work is. */
    static int depth(ForStmt loop) {
        int deepest = 0;
        for (ForStmt inner : loop.getBody().findAll(ForStmt.class)) {
            if (Loops.enclosingLoops(inner).contains(loop)) {
                deepest = Math.max(deepest, Loops.enclosingLoops(inner).indexOf(loop) + 1);
            }
        }
        return deepest + 1;
    }

    private static boolean eligible(MethodDeclaration method, Loops.Counted loop) {
        Statement body = loop.loop().getBody();
        Map<String, Integer> definitions = definitionCounts(method);
        Set<String> local = new HashSet<>();
        body.findAll(VariableDeclarator.class).forEach(d -> local.add(d.getNameAsString()));
        body.findAll(LambdaExpr.class).forEach(l -> l.getParameters().forEach(p -> local.add(p.getNameAsString())));
        Set<String> captured = new HashSet<>(Expressions.names(body));
        captured.addAll(Expressions.names(loop.start()));
        captured.addAll(Expressions.names(loop.end()));
        captured.addAll(Expressions.names(loop.step()));
        captured.removeAll(local);
        captured.remove(loop.var());
        for (String name : captured) {
            // a local assigned after its declaration cannot be captured by the lambda
            if (definitions.getOrDefault(name, 0) > 1) {
                return false;
            }
        }
        if (escapes(loop.loop())) {
            return false;
        }
        return writesOnlyOwnElements(body, loop.var(), local);
    }

    /**
     * Whether every array element the body writes is the iteration's own: indexed by something derived from the
     * loop variable, or in an array local to the body. Then iterations write disjoint elements.
     */
    static boolean writesOnlyOwnElements(Statement body, String var, Set<String> local) {
        Set<String> derived = derivedFrom(var, body);
        for (AssignExpr a : body.findAll(AssignExpr.class)) {
            if (a.getTarget() instanceof ArrayAccessExpr acc && !writeIsOwn(acc, local, derived)) {
                return false;
            }
        }
        for (UnaryExpr u : body.findAll(UnaryExpr.class)) {
            if (u.getExpression() instanceof ArrayAccessExpr acc && !writeIsOwn(acc, local, derived)) {
                return false;
            }
        }
        for (MethodCallExpr call : body.findAll(MethodCallExpr.class)) {
            if (call.getNameAsString().equals("intoArray") && call.getArguments().size() >= 2) {
                Expression array = call.getArgument(0);
                if (array instanceof NameExpr n && !local.contains(n.getNameAsString())
                        && Expressions.names(call.getArgument(1)).stream().noneMatch(derived::contains)) {
                    return false;
                }
            } else if (!Expressions.arraysWritten(call).isEmpty()
                    && !Expressions.arraysWritten(call).stream().allMatch(local::contains)) {
                return false;
            }
        }
        return true;
    }

    /**
     * An element is the iteration's own when its index reads a derived name directly: {@code c[iN + j]}, not
     * {@code counts[values[i]]}, whose index is data (two iterations may hit the same element).
     */
    private static boolean writeIsOwn(ArrayAccessExpr acc, Set<String> local, Set<String> derived) {
        String array = Expressions.arrayName(acc);
        return local.contains(array) || Expressions.directNames(acc.getIndex()).stream().anyMatch(derived::contains);
    }

    /** The loop variable and every local of the body whose value depends on it. */
    private static Set<String> derivedFrom(String var, Statement body) {
        Set<String> derived = new HashSet<>(Set.of(var));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (VariableDeclarator d : body.findAll(VariableDeclarator.class)) {
                if (!derived.contains(d.getNameAsString()) && d.getInitializer().isPresent()
                        && Expressions.names(d.getInitializer().get()).stream().anyMatch(derived::contains)) {
                    derived.add(d.getNameAsString());
                    grew = true;
                }
            }
            for (ForStmt f : body.findAll(ForStmt.class)) {
                Optional<Loops.Counted> c = Loops.counted(f);
                if (c.isPresent() && !derived.contains(c.get().var())
                        && (Expressions.names(c.get().start()).stream().anyMatch(derived::contains)
                        || Expressions.names(c.get().end()).stream().anyMatch(derived::contains))) {
                    derived.add(c.get().var());
                    grew = true;
                }
            }
        }
        return derived;
    }

    /** How often each name is declared or assigned in the method (a parameter or initialised local counts once). */
    static Map<String, Integer> definitionCounts(MethodDeclaration method) {
        Map<String, Integer> counts = new HashMap<>();
        for (Parameter p : method.getParameters()) {
            counts.merge(p.getNameAsString(), 1, Integer::sum);
        }
        for (VariableDeclarator d : method.findAll(VariableDeclarator.class)) {
            counts.merge(d.getNameAsString(), 1, Integer::sum);
        }
        for (AssignExpr a : method.findAll(AssignExpr.class)) {
            if (a.getTarget() instanceof NameExpr n) {
                counts.merge(n.getNameAsString(), 2, Integer::sum);
            }
        }
        for (UnaryExpr u : method.findAll(UnaryExpr.class)) {
            if (u.getExpression() instanceof NameExpr n
                    && u.getOperator() != UnaryExpr.Operator.MINUS && u.getOperator() != UnaryExpr.Operator.PLUS
                    && u.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT
                    && u.getOperator() != UnaryExpr.Operator.BITWISE_COMPLEMENT) {
                counts.merge(n.getNameAsString(), 2, Integer::sum);
            }
        }
        return counts;
    }

    /** Whether control can leave the loop other than by finishing: return, or break/continue aimed at it. */
    static boolean escapes(ForStmt loop) {
        if (!loop.getBody().findAll(ReturnStmt.class).isEmpty()) {
            return true;
        }
        for (BreakStmt b : loop.getBody().findAll(BreakStmt.class)) {
            if (b.getLabel().isPresent() || nearestBreakable(b) == loop) {
                return true;
            }
        }
        for (ContinueStmt c : loop.getBody().findAll(ContinueStmt.class)) {
            if (c.getLabel().isPresent() || nearestBreakable(c) == loop) {
                return true;
            }
        }
        return false;
    }

    private static Node nearestBreakable(Node n) {
        Optional<Node> p = n.getParentNode();
        while (p.isPresent()) {
            Node x = p.get();
            if (x instanceof ForStmt || x instanceof WhileStmt || x instanceof DoStmt || x instanceof ForEachStmt
                    || x instanceof SwitchStmt) {
                return x;
            }
            p = x.getParentNode();
        }
        return null;
    }

    /**
     * The loop as a parallel stream. {@code perTask} counts values of the loop variable (rows), not iterations: a loop
     * stepping by a row block of R gets {@code perTask / R} blocks per task, at least one, so a tiled row loop still
     * splits into as many tasks as it has blocks (a count of iterations would fold all blocks into one task).
     */
    private static String parallel(BlockUnit unit, Loops.Counted loop, int perTask) {
        Statement body = loop.loop().getBody();
        String code = body instanceof BlockStmt ? body.toString() : "{ " + body + " }";
        String v = loop.var();
        String s = paren(loop.start());
        String e = paren(loop.end());
        String range = unit.intStream() + ".range";
        if (loop.unitStep() && perTask == 1) {
            return range + "(" + s + ", " + e + ").parallel().forEach(" + v + " -> " + code + ");";
        }
        String t = paren(loop.step());
        // iterations per task: a literal when the step is one, else the rows per task over the step, at least one
        String iterations = loop.unitStep() || perTask == 1 ? String.valueOf(perTask)
                : loop.step() instanceof IntegerLiteralExpr lit
                ? String.valueOf(Math.max(1, perTask / Math.max(1, lit.asNumber().intValue())))
                : "Math.max(1, " + perTask + " / " + t + ")";
        String extent = s.equals("0") ? e : e + " - " + s;
        String count = loop.unitStep() ? (s.equals("0") ? e : "(" + extent + ")")
                : loop.step() instanceof IntegerLiteralExpr lit
                ? "((" + extent + " + " + (lit.asNumber().intValue() - 1) + ") / " + t + ")"
                : "((" + extent + " + " + t + " - 1) / " + t + ")";
        String offset = s.equals("0") ? "" : s + " + ";
        if (iterations.equals("1")) {
            String task = unit.fresh(v + "Task");
            // the body's statements follow the loop variable directly (its block braces dropped)
            String statements = code.substring(code.indexOf('{') + 1, code.lastIndexOf('}'));
            return range + "(0, " + count + ").parallel().forEach(" + task + " -> { int " + v + " = " + offset
                    + task + " * " + t + "; " + statements + " });";
        }
        String chunk = unit.fresh(v + "Chunk");
        String lo = unit.fresh(v + "From");
        String hi = unit.fresh(v + "To");
        boolean literal = iterations.matches("\\d+");
        String per = literal ? iterations : "(" + iterations + ")";
        String chunks = literal ? "(" + count + " + " + (Integer.parseInt(iterations) - 1) + ") / " + per
                : "(" + count + " + " + per + " - 1) / " + per;
        String span = loop.unitStep() ? per : per + " * " + t;
        String update = loop.unitStep() ? v + "++" : v + " += " + t;
        return range + "(0, " + chunks + ").parallel().forEach(" + chunk
                + " -> { int " + lo + " = " + offset + chunk + " * " + span + "; int " + hi + " = Math.min(" + e
                + ", " + lo + " + " + span + "); for (int " + v + " = " + lo + "; " + v + " < " + hi + "; " + update
                + ") " + code + " });";
    }

    private static String paren(Expression e) {
        return e instanceof NameExpr || e instanceof IntegerLiteralExpr ? e.toString() : "(" + e + ")";
    }
}
