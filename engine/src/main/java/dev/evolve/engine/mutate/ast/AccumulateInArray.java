package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ArrayType;
import dev.evolve.engine.mutate.loops.Access;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Dependence;
import dev.evolve.engine.mutate.loops.Dependences;
import dev.evolve.engine.mutate.loops.Loop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a scalar reduction into an array accumulator and splits the loop around it, so that the reduction
 * loop can later move inward ({@code permute}):
 * <pre>{@code
 * for (j) { double s = 0; for (i) { s += e; } out[f(j)] = s; }
 *   ->  for (j) { out[f(j)] = 0; }  for (j) { for (i) { out[f(j)] += e; } }
 * }</pre>
 * Each element adds the same terms in the same order, so results are bit-for-bit the same. Applies when
 * {@code s} is used for nothing else, nothing in the inner loop touches {@code out}'s storage, and the
 * dependence test proves that {@code f} gives each iteration of the outer loop its own element.
 * Knob: which such site, in source order.
 */
final class AccumulateInArray extends DependenceRewrite {

    AccumulateInArray(Aliasing aliasing) {
        super("accumulate", "accumulate a scalar reduction in its output element and split the loop; knob = site",
                List.of(0, 1, 2), aliasing);
    }

    private record Candidate(Loop outer, ExpressionStmt decl, ForStmt inner, ExpressionStmt store, String scalar,
                             ArrayAccessExpr element, Expression init) {
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        List<Candidate> found = new ArrayList<>();
        for (ScheduleSites.Site site : ScheduleSites.of(unit, aliasing)) {
            for (Loop l : site.nest().loops()) {
                candidate(l, site).ifPresent(found::add);
            }
        }
        if (knob >= found.size()) {
            return false;
        }
        Candidate c = found.get(knob);
        for (AssignExpr a : c.inner().findAll(AssignExpr.class)) {
            if (a.getTarget() instanceof NameExpr n && n.getNameAsString().equals(c.scalar())) {
                a.setTarget(c.element().clone());
            }
        }
        ForStmt outer = c.outer().node();
        BlockStmt body = (BlockStmt) outer.getBody();
        ForStmt init = outer.clone();
        init.setBody(new BlockStmt().addStatement(unit.stmt(c.element() + " = " + c.init() + ";")));
        body.getStatements().clear();
        body.addStatement(c.inner());
        Loops.insertBefore(outer, List.of(init));
        return true;
    }

    private Optional<Candidate> candidate(Loop l, ScheduleSites.Site site) {
        if (!(l.node().getBody() instanceof BlockStmt body) || body.getStatements().size() != 3
                || !(body.getStatement(0) instanceof ExpressionStmt decl)
                || !(decl.getExpression() instanceof VariableDeclarationExpr v) || v.getVariables().size() != 1
                || v.getVariable(0).getInitializer().isEmpty() || !v.getVariable(0).getType().isPrimitiveType()
                || !(body.getStatement(1) instanceof ForStmt inner)
                || !(body.getStatement(2) instanceof ExpressionStmt store)
                || !(store.getExpression() instanceof AssignExpr st) || st.getOperator() != AssignExpr.Operator.ASSIGN
                || !(st.getTarget() instanceof ArrayAccessExpr element) || !(element.getName() instanceof NameExpr array)
                || !(st.getValue() instanceof NameExpr value)) {
            return Optional.empty();
        }
        String s = v.getVariable(0).getNameAsString();
        Expression init = v.getVariable(0).getInitializer().get();
        // the start value is a constant (a literal, maybe negated): it reads nothing the loops change
        if (!value.getNameAsString().equals(s) || !Expressions.pure(init) || !init.findAll(NameExpr.class).isEmpty()
                || init instanceof NameExpr) {
            return Optional.empty();
        }
        // the array's element type is the scalar's: no widening or narrowing is lost
        Optional<String> elementType = Expressions.declaredType(array.getNameAsString(), store)
                .filter(t -> t instanceof ArrayType a && a.getArrayLevel() == 1)
                .map(t -> ((ArrayType) t).getComponentType().asString());
        if (elementType.isEmpty() || !elementType.get().equals(v.getVariable(0).getType().asString())) {
            return Optional.empty();
        }
        // s is only accumulated into inside the inner loop (s += e, e free of s)
        for (NameExpr n : inner.findAll(NameExpr.class)) {
            if (n.getNameAsString().equals(s) && !(n.getParentNode().orElse(null) instanceof AssignExpr a
                    && a.getTarget() == n && a.getOperator() == AssignExpr.Operator.PLUS)) {
                return Optional.empty();
            }
        }
        // the index is invariant in the inner loop and nothing there touches the array's storage
        Access storeAccess = site.nest().accesses().stream().filter(a -> a.node() == element && a.write())
                .findFirst().orElse(null);
        if (storeAccess == null || !storeAccess.affine()) {
            return Optional.empty();
        }
        if (!java.util.Collections.disjoint(LoopNestsNames.of(element.getIndex()), Expressions.assigned(inner))) {
            return Optional.empty();
        }
        for (Access a : site.nest().accesses()) {
            if (!a.scalar() && a.node() != element && isInside(a.node(), inner)
                    && aliasing.mayAlias(a.root(), storeAccess.root(), site.nest().fresh())) {
                return Optional.empty();
            }
        }
        // each iteration of the outer loop writes its own element: the split keeps every value
        for (Dependence d : site.deps()) {
            if (d.source() == storeAccess && d.sink() == storeAccess && d.loops().contains(l)) {
                if (!Dependences.carriesNone(List.of(d), l)) {
                    return Optional.empty();
                }
            }
        }
        if (!Expressions.arraysWritten(inner).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Candidate(l, decl, inner, store, s, element, init));
    }

    private static boolean isInside(com.github.javaparser.ast.Node node, Statement stmt) {
        for (com.github.javaparser.ast.Node n = node; n != null; n = n.getParentNode().orElse(null)) {
            if (n == stmt) {
                return true;
            }
        }
        return false;
    }

    /** Names read by an expression. */
    private static final class LoopNestsNames {
        static java.util.Set<String> of(Expression e) {
            java.util.Set<String> out = new java.util.HashSet<>(Expressions.names(e));
            if (e instanceof NameExpr n) {
                out.add(n.getNameAsString());
            }
            return out;
        }
    }
}
