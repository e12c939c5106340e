package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Dependences;
import dev.evolve.engine.mutate.loops.Loop;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a loop that carries no dependence (by the dependence test) as {@code IntStream.range(...).parallel()}, the
 * project's parallel idiom; a loop stepping by a constant block runs one task per block. The variables of the
 * loops around it are copied into final locals for the lambda.
 * Knob: the loop's depth in its nest (0 = outermost); the first such loop in source order is taken.
 */
final class ParallelizeLoop extends DependenceRewrite {

    ParallelizeLoop(Aliasing aliasing) {
        super("parallelize-loop", "run a loop that carries no dependence as a parallel IntStream; knob = depth",
                List.of(0, 1, 2), aliasing);
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        for (ScheduleSites.Site site : ScheduleSites.of(unit, aliasing)) {
            for (Loop loop : site.nest().loops()) {
                if (loop.depth() == knob && loop.step() >= 1 && Dependences.carriesNone(site.deps(), loop)
                        && captureable(site.nest().method(), loop)) {
                    parallelize(unit, loop);
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether every local the loop reads from outside is effectively final, or an enclosing loop's variable. */
    static boolean captureable(MethodDeclaration method, Loop loop) {
        Map<String, Integer> definitions = ParallelizeOuterLoop.definitionCounts(method);
        Set<String> inside = new HashSet<>();
        loop.node().getBody().findAll(VariableDeclarator.class).forEach(d -> inside.add(d.getNameAsString()));
        Set<String> enclosing = new HashSet<>();
        loop.path().forEach(l -> enclosing.add(l.var()));
        Set<String> used = new HashSet<>();
        loop.node().findAll(NameExpr.class).forEach(n -> used.add(n.getNameAsString()));
        for (String name : used) {
            if (!inside.contains(name) && !enclosing.contains(name) && definitions.getOrDefault(name, 0) > 1) {
                return false;
            }
        }
        return true;
    }

    static void parallelize(BlockUnit unit, Loop loop) {
        Statement body = loop.node().getBody().clone();
        StringBuilder prefix = new StringBuilder();
        for (Loop outer : loop.path()) {
            if (outer != loop) {
                String copy = unit.fresh(outer.var() + "Par");
                prefix.append("final int ").append(copy).append(" = ").append(outer.var()).append("; ");
                body = Loops.substitute(body, outer.var(), new NameExpr(copy));
            }
        }
        String code = body instanceof BlockStmt ? body.toString() : "{ " + body + " }";
        String stream;
        if (loop.step() == 1) {
            stream = unit.intStream() + ".range(" + loop.start() + ", " + loop.end() + ").parallel().forEach("
                    + loop.var() + " -> " + code + ");";
        } else {
            // a loop stepping by a block (a tile loop, a row block): one task per block, the variable rebuilt from it
            String task = unit.fresh(loop.var() + "Task");
            String start = "(" + loop.start() + ")";
            String count = "((" + loop.end() + ") - " + start + " + " + (loop.step() - 1) + ") / " + loop.step();
            stream = unit.intStream() + ".range(0, " + count + ").parallel().forEach(" + task + " -> { int "
                    + loop.var() + " = " + start + " + " + task + " * " + loop.step() + "; " + code + " });";
        }
        // the bounds are evaluated outside the lambda: they may read the enclosing loops' variables directly
        Statement replacement = prefix.isEmpty() ? unit.stmt(stream) : unit.stmt("{ " + prefix + stream + " }");
        loop.node().replace(replacement);
    }
}
