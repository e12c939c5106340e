package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Boundary peeling (index-set splitting): a unit-step loop whose body branches on being at its first or last
 * iteration ({@code if (i == 0 || j == 0 || i == n - 1 || j == n - 1) copy else compute}) runs its first and last
 * iterations separately, each a block binding the loop variable ({@code int i = 0;}), and its interior
 * iterations as a loop in which those tests are known false, so the branch disappears when nothing else
 * is tested. Applied to the outer loop, then to the inner one, a stencil's interior becomes a branch-free
 * loop that can be vectorized. Only {@code ||} chains of {@code var == first} and {@code var == last} tests
 * are simplified; any other test of the loop variable keeps the loop as it is.
 */
final class PeelBoundary extends AstRewrite {

    PeelBoundary() {
        super("peel-boundary", "peel the first and last iterations of a loop that branches on them, leaving a branch-free interior; knob 1: every such loop",
                List.of(0, 1));
    }

    private enum Edge { FIRST, LAST }

    /** Knob 0 peels one loop (the first in source order); 1 peels every loop that qualifies, outer and inner at once. */
    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        if (!peelOne(unit)) {
            return false;
        }
        // each peel leaves fewer branching loops: a nest of depth d needs at most d more
        for (int more = 0; knob == 1 && more < 8 && peelOne(unit); more++) {
            continue;
        }
        return true;
    }

    private boolean peelOne(BlockUnit unit) {
        for (ForStmt loop : unit.members().findAll(ForStmt.class)) {
            Optional<Loops.Counted> c = Loops.counted(loop);
            if (c.isEmpty() || !c.get().unitStep() || !(loop.getParentNode().orElse(null) instanceof BlockStmt)) {
                continue;
            }
            boolean first = false;
            boolean last = false;
            boolean other = false;
            for (IfStmt test : loop.getBody().findAll(IfStmt.class)) {
                if (!Expressions.names(test.getCondition()).contains(c.get().var())) {
                    continue;
                }
                for (Expression term : terms(test.getCondition())) {
                    Optional<Edge> edge = edge(term, c.get());
                    if (edge.isPresent()) {
                        first |= edge.get() == Edge.FIRST;
                        last |= edge.get() == Edge.LAST;
                    } else if (Expressions.names(term).contains(c.get().var())) {
                        other = true;
                    }
                }
            }
            if (other || (!first && !last)) {
                continue;
            }
            peel(unit, c.get(), first, last);
            return true;
        }
        return false;
    }

    /** The operands of an {@code ||} chain (a single condition is a chain of one). */
    private static List<Expression> terms(Expression condition) {
        List<Expression> out = new ArrayList<>();
        Expression x = condition;
        while (x instanceof EnclosedExpr en) {
            x = en.getInner();
        }
        if (x instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.OR) {
            out.addAll(terms(b.getLeft()));
            out.addAll(terms(b.getRight()));
        } else {
            out.add(x);
        }
        return out;
    }

    /** {@code var == start} is the first iteration, {@code var == end - 1} the last (either operand order). */
    private static Optional<Edge> edge(Expression term, Loops.Counted c) {
        if (!(term instanceof BinaryExpr b) || b.getOperator() != BinaryExpr.Operator.EQUALS) {
            return Optional.empty();
        }
        Expression other;
        if (Expressions.isName(b.getLeft(), c.var())) {
            other = b.getRight();
        } else if (Expressions.isName(b.getRight(), c.var())) {
            other = b.getLeft();
        } else {
            return Optional.empty();
        }
        String value = Expressions.canonical(other);
        if (value.equals(Expressions.canonical(c.start()))) {
            return Optional.of(Edge.FIRST);
        }
        Expression lastValue = new BinaryExpr(c.end().clone(), new IntegerLiteralExpr("1"), BinaryExpr.Operator.MINUS);
        return value.equals(Expressions.canonical(lastValue)) ? Optional.of(Edge.LAST) : Optional.empty();
    }

    private static void peel(BlockUnit unit, Loops.Counted c, boolean first, boolean last) {
        String v = c.var();
        String s = Reductions.paren(c.start());
        String e = Reductions.paren(c.end());
        String body = c.loop().getBody() instanceof BlockStmt b
                ? b.getStatements().stream().map(Node::toString).reduce("", (x, y) -> x + "\n" + y)
                : c.loop().getBody().toString();
        List<Statement> out = new ArrayList<>();
        if (first) {
            Statement copy = edgeCopy(unit, c, "if (" + s + " < " + e + ")", s, body, Edge.FIRST);
            out.add(copy);
        }
        ForStmt interior = c.loop().clone();
        if (first) {
            ((com.github.javaparser.ast.expr.VariableDeclarationExpr) interior.getInitialization().get(0))
                    .getVariable(0).setInitializer(c.start() instanceof IntegerLiteralExpr l
                            ? new IntegerLiteralExpr(String.valueOf(l.asNumber().intValue() + 1)) : unit.expr(s + " + 1"));
        }
        if (last) {
            interior.setCompare(unit.expr(v + " < " + e + " - 1"));
        }
        if (first) {
            simplify(interior.getBody(), c, Edge.FIRST, false);
        }
        if (last) {
            simplify(interior.getBody(), c, Edge.LAST, false);
        }
        out.add(interior);
        if (last) {
            String guard = first ? e + " - 1 > " + s : e + " - 1 >= " + s;
            Statement copy = edgeCopy(unit, c, "if (" + guard + ")", e + " - 1", body, Edge.LAST);
            out.add(copy);
        }
        Loops.insertBefore(c.loop(), out);
        c.loop().remove();
    }

    /**
     * One peeled iteration under {@code guard}: the body with the loop variable replaced by its value, so that the
     * loop-nest model sees {@code out[i * n + (n - 1)]}, not a local {@code j} declared once per edge (which it cannot
     * resolve: the dependence test would then see every row write anywhere). A body that assigns the variable keeps
     * it as a local ({@code { int j = value; body }}).
     */
    private static Statement edgeCopy(BlockUnit unit, Loops.Counted c, String guard, String value, String body,
                                      Edge edge) {
        String v = c.var();
        IfStmt copy = (IfStmt) unit.stmt(guard + " { int " + v + " = " + value + "; " + body + " }");
        simplify(copy, c, edge, true);
        BlockStmt block = (BlockStmt) copy.getThenStmt();
        boolean assigned = block.findAll(com.github.javaparser.ast.expr.AssignExpr.class).stream()
                .anyMatch(a -> Expressions.isName(a.getTarget(), v))
                || block.findAll(com.github.javaparser.ast.expr.UnaryExpr.class).stream()
                .anyMatch(u -> Expressions.isName(u.getExpression(), v)
                        && u.getOperator() != com.github.javaparser.ast.expr.UnaryExpr.Operator.MINUS
                        && u.getOperator() != com.github.javaparser.ast.expr.UnaryExpr.Operator.PLUS);
        if (!assigned) {
            block.getStatement(0).remove();
            Loops.substitute(block, v, unit.expr(value));
        }
        return copy;
    }

    /**
     * In every test of the loop variable under {@code root}, replaces the {@code edge} terms by {@code value},
     * then folds the {@code ||} chains and the ifs whose condition became a literal.
     */
    private static void simplify(Node root, Loops.Counted c, Edge edge, boolean value) {
        for (IfStmt test : root.findAll(IfStmt.class)) {
            for (Expression term : terms(test.getCondition())) {
                if (edge(term, c).filter(edge::equals).isPresent()) {
                    term.replace(new BooleanLiteralExpr(value));
                }
            }
            test.setCondition(fold(test.getCondition()));
        }
        for (IfStmt test : root.findAll(IfStmt.class)) {
            if (test.getCondition() instanceof BooleanLiteralExpr literal && test.getParentNode().isPresent()) {
                Optional<Statement> taken = literal.getValue() ? Optional.of(test.getThenStmt()) : test.getElseStmt();
                if (taken.isPresent() && taken.get() instanceof BlockStmt block
                        && test.getParentNode().get() instanceof BlockStmt parent
                        && block.getStatements().stream().noneMatch(st -> st instanceof com.github.javaparser.ast.stmt.ExpressionStmt es
                                && es.getExpression() instanceof com.github.javaparser.ast.expr.VariableDeclarationExpr)) {
                    // the taken branch's statements take the if's place
                    int at = parent.getStatements().indexOf(test);
                    test.remove();
                    List<Statement> inner = new ArrayList<>();
                    block.getStatements().forEach(st -> inner.add(st.clone()));
                    parent.getStatements().addAll(at, inner);
                } else if (taken.isPresent()) {
                    test.replace(taken.get().clone());
                } else if (test.getParentNode().get() instanceof BlockStmt) {
                    test.remove();
                } else {
                    test.replace(new BlockStmt());
                }
            }
        }
    }

    /** {@code true || x} is true, {@code false || x} is x. */
    private static Expression fold(Expression e) {
        Expression x = e;
        while (x instanceof EnclosedExpr en) {
            x = en.getInner();
        }
        if (x instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.OR) {
            Expression l = fold(b.getLeft());
            Expression r = fold(b.getRight());
            if (l instanceof BooleanLiteralExpr lb) {
                return lb.getValue() ? lb : r;
            }
            if (r instanceof BooleanLiteralExpr rb) {
                return rb.getValue() ? rb : l;
            }
            return new BinaryExpr(l.clone(), r.clone(), BinaryExpr.Operator.OR);
        }
        return x instanceof BooleanLiteralExpr ? x : e;
    }
}
