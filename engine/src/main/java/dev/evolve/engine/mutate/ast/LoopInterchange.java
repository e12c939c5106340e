package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loop interchange. Two kinds of site, numbered in source order, reductions first; the knob picks one:
 * <ul>
 * <li>a reduction into a scalar, {@code for j { s = 0; for k { s += E; } c[x] = s; }}, becomes
 *     {@code for j { c[x] = 0; } for k { for j { c[x] += E; } }} (the i-j-k to i-k-j step: the row of c is
 *     zeroed first, as c holds arbitrary data, and each element still sums over k in the same order);</li>
 * <li>a perfectly nested pair of rectangular counted loops swaps its two headers.</li>
 * </ul>
 */
final class LoopInterchange extends AstRewrite {

    LoopInterchange() {
        super("interchange", "reorder a loop nest: scalar reduction j-k to k-j with accumulation in c, or swap a perfect pair",
                List.of(0, 1, 2, 3));
    }

    /** A reduction site: the outer loop, the scalar's declaration, the inner loop, its update and the store. */
    private record Reduction(ForStmt outer, VariableDeclarator scalar, ForStmt inner, Expression increment,
                             ArrayAccessExpr target) {
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        List<ForStmt> loops = unit.members().findAll(ForStmt.class);
        List<Reduction> reductions = new ArrayList<>();
        List<ForStmt[]> pairs = new ArrayList<>();
        for (ForStmt loop : loops) {
            reduction(loop).ifPresent(reductions::add);
            perfectPair(loop).ifPresent(pairs::add);
        }
        if (knob < reductions.size()) {
            interchangeReduction(reductions.get(knob), unit);
            return true;
        }
        int p = knob - reductions.size();
        if (p < pairs.size()) {
            ForStmt outer = pairs.get(p)[0];
            ForStmt inner = pairs.get(p)[1];
            swapHeaders(outer, inner);
            // declarations that depended on the old outer variable now belong inside the new inner loop
            if (outer.getBody() instanceof BlockStmt ob && ob.getStatements().size() > 1) {
                List<Statement> moved = new ArrayList<>(ob.getStatements().subList(0, ob.getStatements().size() - 1));
                moved.forEach(Statement::remove);
                BlockStmt ib = inner.getBody() instanceof BlockStmt b ? b : new BlockStmt(new NodeList<>(inner.getBody().clone()));
                if (ib != inner.getBody()) {
                    inner.setBody(ib);
                }
                ib.getStatements().addAll(0, moved);
            }
            return true;
        }
        return false;
    }

    private static Optional<Reduction> reduction(ForStmt outer) {
        Optional<Loops.Counted> o = Loops.counted(outer);
        if (o.isEmpty() || !(outer.getBody() instanceof BlockStmt body) || body.getStatements().size() != 3) {
            return Optional.empty();
        }
        List<Statement> s = body.getStatements();
        if (!(s.get(0) instanceof ExpressionStmt d && d.getExpression() instanceof VariableDeclarationExpr decl)
                || decl.getVariables().size() != 1 || decl.getVariable(0).getInitializer().isEmpty()
                || !(s.get(1) instanceof ForStmt inner)
                || !(s.get(2) instanceof ExpressionStmt st && st.getExpression() instanceof AssignExpr store)
                || store.getOperator() != AssignExpr.Operator.ASSIGN
                || !(store.getTarget() instanceof ArrayAccessExpr target)) {
            return Optional.empty();
        }
        VariableDeclarator scalar = decl.getVariable(0);
        String sName = scalar.getNameAsString();
        Optional<Loops.Counted> in = Loops.counted(inner);
        if (in.isEmpty() || !Expressions.isName(store.getValue(), sName)
                || Expressions.names(target.getIndex()).contains(sName)
                || mentionsVar(in.get(), o.get().var())) {
            return Optional.empty();
        }
        Statement only = single(inner.getBody());
        if (!(only instanceof ExpressionStmt u && u.getExpression() instanceof AssignExpr update)
                || !Expressions.isName(update.getTarget(), sName)) {
            return Optional.empty();
        }
        Expression increment;
        if (update.getOperator() == AssignExpr.Operator.PLUS) {
            increment = update.getValue();
        } else if (update.getOperator() == AssignExpr.Operator.ASSIGN && update.getValue() instanceof BinaryExpr b
                && b.getOperator() == BinaryExpr.Operator.PLUS && Expressions.isName(b.getLeft(), sName)) {
            increment = b.getRight();
        } else {
            return Optional.empty();
        }
        String array = Expressions.arrayName(target);
        if (array.isEmpty() || Expressions.names(increment).contains(sName) || Expressions.names(increment).contains(array)
                || Expressions.names(target.getIndex()).contains(in.get().var())) {
            return Optional.empty();
        }
        return Optional.of(new Reduction(outer, scalar, inner, increment, target));
    }

    private static void interchangeReduction(Reduction r, BlockUnit unit) {
        ForStmt zero = r.outer().clone();
        zero.setBody(new BlockStmt(new NodeList<>(new ExpressionStmt(new AssignExpr(
                r.target().clone(), r.scalar().getInitializer().orElseThrow().clone(), AssignExpr.Operator.ASSIGN)))));
        ForStmt jInner = r.outer().clone();
        jInner.setBody(new BlockStmt(new NodeList<>(new ExpressionStmt(new AssignExpr(
                r.target().clone(), r.increment().clone(), AssignExpr.Operator.PLUS)))));
        ForStmt kOuter = r.inner().clone();
        kOuter.setBody(new BlockStmt(new NodeList<>(jInner)));
        Loops.insertBefore(r.outer(), List.of(zero));
        r.outer().replace(kOuter);
    }

    /**
     * A perfect pair: the outer body is the inner loop, possibly after pure local declarations (such as
     * {@code int iN = i * n;}) that the inner header does not use; those move into the inner body on interchange.
     */
    private static Optional<ForStmt[]> perfectPair(ForStmt outer) {
        Optional<Loops.Counted> o = Loops.counted(outer);
        if (o.isEmpty()) {
            return Optional.empty();
        }
        List<Statement> body = outer.getBody() instanceof BlockStmt b ? b.getStatements() : List.of(outer.getBody());
        if (body.isEmpty() || !(body.getLast() instanceof ForStmt inner)) {
            return Optional.empty();
        }
        Set<String> declared = new HashSet<>();
        for (Statement s : body.subList(0, body.size() - 1)) {
            if (!(s instanceof ExpressionStmt es && es.getExpression() instanceof VariableDeclarationExpr d)
                    || !d.getVariables().stream().allMatch(v -> v.getInitializer().map(Expressions::pure).orElse(false))) {
                return Optional.empty();
            }
            d.getVariables().forEach(v -> declared.add(v.getNameAsString()));
        }
        Optional<Loops.Counted> in = Loops.counted(inner);
        if (in.isEmpty() || mentionsVar(in.get(), o.get().var()) || mentionsVar(o.get(), in.get().var())
                || declared.stream().anyMatch(name -> mentionsVar(in.get(), name))) {
            return Optional.empty();
        }
        return Optional.of(new ForStmt[] {outer, inner});
    }

    private static boolean mentionsVar(Loops.Counted loop, String var) {
        return Expressions.names(loop.start()).contains(var) || Expressions.names(loop.end()).contains(var)
                || Expressions.names(loop.step()).contains(var);
    }

    private static void swapHeaders(ForStmt outer, ForStmt inner) {
        NodeList<Expression> init = outer.getInitialization();
        Expression compare = outer.getCompare().orElseThrow();
        NodeList<Expression> update = outer.getUpdate();
        NodeList<Expression> innerInit = inner.getInitialization();
        Expression innerCompare = inner.getCompare().orElseThrow();
        NodeList<Expression> innerUpdate = inner.getUpdate();
        outer.setInitialization(copy(innerInit));
        outer.setCompare(innerCompare.clone());
        outer.setUpdate(copy(innerUpdate));
        inner.setInitialization(copy(init));
        inner.setCompare(compare.clone());
        inner.setUpdate(copy(update));
    }

    private static NodeList<Expression> copy(NodeList<Expression> list) {
        NodeList<Expression> out = new NodeList<>();
        list.forEach(e -> out.add(e.clone()));
        return out;
    }

    /** The one statement of a body, unwrapping a single-statement block. */
    static Statement single(Statement body) {
        if (body instanceof BlockStmt b && b.getStatements().size() == 1) {
            return b.getStatement(0);
        }
        return body;
    }
}
