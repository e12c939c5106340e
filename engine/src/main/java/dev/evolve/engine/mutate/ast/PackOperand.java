package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.type.ArrayType;
import dev.evolve.engine.mutate.loops.Access;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Dependences;
import dev.evolve.engine.mutate.loops.Loop;
import dev.evolve.engine.mutate.loops.LoopNest;
import dev.evolve.engine.mutate.loops.LoopNests;
import dev.evolve.engine.mutate.loops.Poly;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Packs a strided operand: an array read in an innermost loop as {@code x[k * S + c]} (k the loop's variable, running
 * over {@code [0, R)}; {@code 0 <= c < S} proven from the loop bounds) strides by S; the rewrite copies the R x S
 * operand once, transposed, into a scratch array before the nest and reads {@code xT[c * R + k]}, contiguous in k,
 * which the vectorizer can then load a vector at a time. R and S are single parameters or constants (the scratch is
 * as large as the operand the loops read), the nest is not inside a lambda (no copy per task), and nothing in the
 * method writes the operand (so the copy stays exact). Elements past the operand's length are left zero: the loops
 * never read them, or the original would have thrown. Knob: which operand (array and stride), in source order.
 */
final class PackOperand extends DependenceRewrite {

    PackOperand(Aliasing aliasing) {
        super("pack", "copy an operand read at a stride in an innermost loop into a transposed scratch array; knob = operand",
                List.of(0, 1, 2), aliasing);
    }

    /** One strided read: its array, the loop moving it, the stride S, and the column polynomial c. */
    private record Strided(ArrayAccessExpr node, String array, Loop loop, String stride, Poly column) {
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        List<List<Strided>> groups = new ArrayList<>();
        for (ScheduleSites.Site site : ScheduleSites.of(unit, aliasing)) {
            if (site.nest().root().node().findAncestor(LambdaExpr.class).isPresent()) {
                continue;
            }
            for (Access a : site.nest().accesses()) {
                strided(site.nest(), a).ifPresent(s -> {
                    for (List<Strided> g : groups) {
                        Strided first = g.getFirst();
                        if (first.array().equals(s.array()) && first.stride().equals(s.stride())
                                && extent(first).equals(extent(s)) && rootOf(first) == rootOf(s)) {
                            g.add(s);
                            return;
                        }
                    }
                    groups.add(new ArrayList<>(List.of(s)));
                });
            }
        }
        if (knob >= groups.size()) {
            return false;
        }
        List<Strided> group = groups.get(knob);
        Strided first = group.getFirst();
        String packed = unit.fresh(first.array() + "T");
        String rows = unit.fresh(first.array() + "Rows");
        String cols = unit.fresh(first.array() + "Cols");
        String r = unit.fresh("r");
        String c = unit.fresh("c");
        String type = Expressions.declaredType(first.array(), first.node())
                .map(t -> ((ArrayType) t).getComponentType().asString()).orElseThrow();
        String x = first.array();
        List<com.github.javaparser.ast.stmt.Statement> copy = unit.stmts("{"
                + "int " + rows + " = Math.max(0, " + extent(first) + ");"
                + "int " + cols + " = Math.max(0, " + first.stride() + ");"
                + type + "[] " + packed + " = new " + type + "[" + rows + " * " + cols + "];"
                + "for (int " + r + " = 0; " + r + " < " + rows + "; " + r + "++) {"
                + "  for (int " + c + " = 0; " + c + " < " + cols + "; " + c + "++) {"
                + "    if (" + r + " * " + cols + " + " + c + " < " + x + ".length) {"
                + "      " + packed + "[" + c + " * " + rows + " + " + r + "] = " + x + "[" + r + " * " + cols + " + " + c + "];"
                + "    }"
                + "  }"
                + "}}");
        for (Strided s : group) {
            s.node().replace(unit.expr(packed + "[(" + s.column() + ") * " + rows + " + " + s.loop().var() + "]"));
        }
        Loops.insertBefore(rootOf(first), copy);
        return true;
    }

    /** The loop's extent R as Java text: a constant or a parameter, in scope before the nest. */
    private static String extent(Strided s) {
        return s.loop().uppers().getFirst().toString();
    }

    private static ForStmt rootOf(Strided s) {
        Loop l = s.loop();
        while (l.parent().isPresent()) {
            l = l.parent().get();
        }
        return l.node();
    }

    private Optional<Strided> strided(LoopNest nest, Access a) {
        if (a.scalar() || a.write() || !a.affine() || a.subscripts().size() != 1 || a.loops().isEmpty()
                || !(a.node() instanceof ArrayAccessExpr node) || !(node.getName() instanceof NameExpr array)) {
            return Optional.empty();
        }
        Loop inner = a.loops().getLast();
        if (!inner.children().isEmpty() || inner.step() != 1 || inner.uppers().size() != 1
                || inner.lower().filter(p -> p.isConstant() && p.constantTerm() == 0).isEmpty()
                || !parameter(inner.uppers().getFirst(), a.loops())) {
            return Optional.empty();
        }
        Poly p = a.subscripts().getFirst().get();
        String stride = null;
        for (Map.Entry<String, Long> t : p.terms().entrySet()) {
            List<String> factors = List.of(t.getKey().split("\\*"));
            if (factors.contains(inner.var())) {
                if (stride != null || t.getValue() != 1 || factors.size() != 2) {
                    return Optional.empty();
                }
                stride = factors.get(0).equals(inner.var()) ? factors.get(1) : factors.get(0);
            }
        }
        if (stride == null || !parameter(Poly.name(stride), a.loops())) {
            return Optional.empty();
        }
        Poly column = p.minus(Poly.name(inner.var()).times(Poly.name(stride)));
        if (column.mentions(inner.var()) || !Dependences.withinZeroTo(column, Poly.name(stride), a.loops())) {
            return Optional.empty();
        }
        // nothing writes the operand: not this nest, not any nest or statement of the method
        MethodDeclaration method = nest.method();
        if (Expressions.arraysWritten(method).contains(array.getNameAsString())) {
            return Optional.empty();
        }
        for (LoopNest other : LoopNests.of(method)) {
            for (Access w : other.accesses()) {
                if (w.write() && !w.scalar() && aliasing.mayAlias(w.root(), a.root(), other.fresh())) {
                    return Optional.empty();
                }
            }
        }
        Optional<String> type = Expressions.declaredType(array.getNameAsString(), node)
                .filter(t -> t instanceof ArrayType at && at.getArrayLevel() == 1 && at.getComponentType().isPrimitiveType())
                .map(Object::toString);
        String s = stride;
        return type.map(t -> new Strided(node, array.getNameAsString(), inner, s, column));
    }

    /** A constant or a single name that is no loop variable: a size of the problem. */
    private static boolean parameter(Poly p, List<Loop> loops) {
        if (p.isConstant()) {
            return true;
        }
        if (p.terms().size() != 1 || !p.terms().containsValue(1L)) {
            return false;
        }
        String name = p.terms().keySet().iterator().next();
        return !name.contains("*") && !name.isEmpty() && loops.stream().noneMatch(l -> l.var().equals(name));
    }
}
