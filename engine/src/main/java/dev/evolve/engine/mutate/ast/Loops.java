package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.evolve.engine.mutate.loops.Bounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Shared loop analysis: counted-loop shapes, the loops around a node, whether an expression is
 * invariant in a loop, and placing statements around a loop. What an expression reads, writes and
 * computes is {@link Expressions}.
 */
final class Loops {

    private Loops() {
    }

    /**
     * A counted loop {@code for (int var = start; var < end; var++ | ++var | var += step)}; {@code step} is
     * the literal 1 for increments. A loop written {@code var <= e} has {@code end} = {@code e + 1}, not in the tree.
     */
    record Counted(ForStmt loop, String var, Expression start, Expression end, Expression step) {
        boolean unitStep() {
            return step instanceof IntegerLiteralExpr l && l.getValue().equals("1");
        }
    }

    static Optional<Counted> counted(ForStmt loop) {
        if (loop.getInitialization().size() != 1 || loop.getUpdate().size() != 1 || loop.getCompare().isEmpty()
                || !(loop.getInitialization().get(0) instanceof VariableDeclarationExpr init)
                || init.getVariables().size() != 1) {
            return Optional.empty();
        }
        VariableDeclarator v = init.getVariable(0);
        if (!v.getType().asString().equals("int") || v.getInitializer().isEmpty()) {
            return Optional.empty();
        }
        String var = v.getNameAsString();
        // an inclusive test (var <= e) counts as var < e + 1, the end a detached expression
        if (!(loop.getCompare().get() instanceof BinaryExpr cmp) || Bounds.exclusiveEnd(cmp, var).isEmpty()) {
            return Optional.empty();
        }
        Expression update = loop.getUpdate().get(0);
        Expression step = null;
        if (update instanceof UnaryExpr u && Expressions.isName(u.getExpression(), var)
                && (u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                || u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT)) {
            step = new IntegerLiteralExpr("1");
        } else if (update instanceof AssignExpr a && a.getOperator() == AssignExpr.Operator.PLUS
                && Expressions.isName(a.getTarget(), var)) {
            step = a.getValue();
        }
        Set<String> assignedInBody = Expressions.assigned(loop.getBody());
        // the variable and the bound must not change inside the body, or the trip count is not known up front
        if (step == null || assignedInBody.contains(var)
                || Expressions.names(cmp.getRight()).stream().anyMatch(assignedInBody::contains)
                || Expressions.names(step).stream().anyMatch(assignedInBody::contains)) {
            return Optional.empty();
        }
        return Optional.of(new Counted(loop, var, v.getInitializer().get(), Bounds.exclusiveEnd(cmp, var).orElseThrow(),
                step));
    }

    /** Whether {@code e} computes the same value on every iteration of {@code loop}, Math functions allowed. */
    static boolean invariantWithMathIn(Expression e, Node loop) {
        return Expressions.pureWithMath(e) && readsNothingWrittenIn(e, loop);
    }

    /** Whether {@code e} computes the same value on every iteration of {@code loop}. */
    static boolean invariantIn(Expression e, Node loop) {
        return Expressions.pure(e) && readsNothingWrittenIn(e, loop);
    }

    /** Whether no variable or array that {@code e} reads is assigned or written inside {@code loop}. */
    private static boolean readsNothingWrittenIn(Expression e, Node loop) {
        Set<String> assigned = Expressions.assigned(loop);
        if (Expressions.names(e).stream().anyMatch(assigned::contains)) {
            return false;
        }
        Set<String> written = Expressions.arraysWritten(loop);
        return e.findAll(ArrayAccessExpr.class).stream().map(Expressions::arrayName).noneMatch(written::contains)
                && !(e instanceof ArrayAccessExpr a && written.contains(Expressions.arrayName(a)));
    }

    /** The counted loops whose bodies enclose {@code node}, innermost first, stopping at a method or lambda. */
    static List<ForStmt> enclosingLoops(Node node) {
        List<ForStmt> out = new ArrayList<>();
        Node child = node;
        Optional<Node> parent = node.getParentNode();
        while (parent.isPresent() && !(parent.get() instanceof MethodDeclaration)
                && !(parent.get() instanceof LambdaExpr)) {
            if (parent.get() instanceof ForStmt f && f.getBody() == child) {
                out.add(f);
            }
            child = parent.get();
            parent = child.getParentNode();
        }
        return out;
    }

    /** The nearest enclosing node of a type (a typed walk, free of the varargs generic-array warning). */
    static <T extends Node> Optional<T> ancestor(Node node, Class<T> type) {
        Optional<Node> p = node.getParentNode();
        while (p.isPresent()) {
            if (type.isInstance(p.get())) {
                return Optional.of(type.cast(p.get()));
            }
            p = p.get().getParentNode();
        }
        return Optional.empty();
    }

    /** A for loop and the method it is in. */
    record InMethod(MethodDeclaration method, ForStmt loop) {
    }

    /**
     * The for loops of the block's methods that run on the method's own thread, in source order: a loop inside a
     * lambda (a task of a parallel stream) is left out.
     */
    static List<InMethod> outsideLambdas(BlockUnit unit) {
        List<InMethod> out = new ArrayList<>();
        for (MethodDeclaration method : unit.members().getMethods()) {
            for (ForStmt loop : method.findAll(ForStmt.class)) {
                if (!insideLambda(loop, method)) {
                    out.add(new InMethod(method, loop));
                }
            }
        }
        return out;
    }

    /** Whether {@code node} sits inside a lambda below {@code top}. */
    static boolean insideLambda(Node node, Node top) {
        Optional<Node> p = node.getParentNode();
        while (p.isPresent() && p.get() != top) {
            if (p.get() instanceof LambdaExpr) {
                return true;
            }
            p = p.get().getParentNode();
        }
        return false;
    }

    /** Inserts statements just before {@code anchor}, wrapping it in a block when its parent is not one. */
    static void insertBefore(Statement anchor, List<Statement> statements) {
        if (anchor.getParentNode().orElseThrow() instanceof BlockStmt block) {
            int at = block.getStatements().indexOf(anchor);
            block.getStatements().addAll(at, statements);
        } else {
            BlockStmt wrap = new BlockStmt();
            anchor.replace(wrap);
            statements.forEach(wrap::addStatement);
            wrap.addStatement(anchor);
        }
    }

    /** Inserts statements just after {@code anchor}, which must sit in a block. */
    static void insertAfter(Statement anchor, List<Statement> statements) {
        BlockStmt block = (BlockStmt) anchor.getParentNode().orElseThrow();
        int at = block.getStatements().indexOf(anchor);
        block.getStatements().addAll(at + 1, statements);
    }

    /** Replaces every use of variable {@code var} under {@code node} with a copy of {@code with}. */
    static <N extends Node> N substitute(N node, String var, Expression with) {
        Expression replacement = with instanceof NameExpr || with instanceof IntegerLiteralExpr
                ? with : new EnclosedExpr(with);
        if (node instanceof NameExpr n && n.getNameAsString().equals(var)) {
            @SuppressWarnings("unchecked")
            N copy = (N) replacement.clone();
            return copy;
        }
        for (NameExpr n : node.findAll(NameExpr.class)) {
            if (n.getNameAsString().equals(var)) {
                n.replace(replacement.clone());
            }
        }
        return node;
    }
}
