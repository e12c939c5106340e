package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Re-creates inside a lambda the Vector API constants it captures from the enclosing method.
 *
 * <p>A vector made before a parallel loop ({@code DoubleVector zero = DoubleVector.broadcast(SPECIES, 0.0)})
 * and used inside the loop's lambda reaches the lambda's body as a captured object of the abstract type
 * {@code DoubleVector}. C2 does not know its concrete shape there, so every accumulator the value flows into
 * is boxed: a vector tile run this way was measured twenty times slower than the same tile on one thread.
 * Rewrites that wrap existing code in a lambda (parallelize) or emit vectors before one (vector tiles) thus
 * leave a trap that the second rewrite of a chain falls into. This pass, run on every AST rewrite's output,
 * declares a fresh copy at the top of each block lambda for each captured vector whose initializer is
 * {@code broadcast} or {@code zero} on its vector class with plain arguments (names that are never reassigned,
 * literals, casts, arithmetic), and renames its uses inside the lambda.
 */
final class CapturedVectors {

    private static final Set<String> VECTOR_TYPES = Set.of("DoubleVector", "FloatVector", "IntVector",
            "LongVector", "ShortVector", "ByteVector");

    /** Factories that read no memory: the copy has the same lanes wherever it is made. */
    private static final Set<String> FACTORIES = Set.of("broadcast", "zero");
    private static final Set<UnaryExpr.Operator> STEPS = Set.of(UnaryExpr.Operator.PREFIX_INCREMENT,
            UnaryExpr.Operator.PREFIX_DECREMENT, UnaryExpr.Operator.POSTFIX_INCREMENT, UnaryExpr.Operator.POSTFIX_DECREMENT);

    private CapturedVectors() {
    }

    /** Localizes captured vector constants in every block lambda of the unit. */
    static void localize(BlockUnit unit) {
        for (LambdaExpr lambda : unit.members().findAll(LambdaExpr.class)) {
            if (lambda.getBody() instanceof BlockStmt body) {
                localize(unit, lambda, body);
            }
        }
    }

    private static void localize(BlockUnit unit, LambdaExpr lambda, BlockStmt body) {
        Optional<CallableDeclaration> method = lambda.findAncestor(CallableDeclaration.class);
        if (method.isEmpty()) {
            return;
        }
        Map<String, VariableDeclarator> captured = new LinkedHashMap<>();
        for (NameExpr use : body.findAll(NameExpr.class)) {
            String name = use.getNameAsString();
            if (captured.containsKey(name)) {
                continue;
            }
            declarationBefore(lambda, name)
                    .filter(d -> isVector(d) && pureInitializer(d, lambda, method.get()) && !reassigned(name, method.get()))
                    .ifPresent(d -> captured.put(name, d));
        }
        int at = 0;
        for (var e : captured.entrySet()) {
            String fresh = unit.fresh(e.getKey() + "In");
            VariableDeclarator copy = new VariableDeclarator(e.getValue().getType().clone(), fresh,
                    e.getValue().getInitializer().orElseThrow().clone());
            body.findAll(NameExpr.class, n -> n.getNameAsString().equals(e.getKey())).forEach(n -> n.setName(fresh));
            body.getStatements().add(at++, new ExpressionStmt(new VariableDeclarationExpr(copy)));
        }
    }

    /** The local of that name declared in a block enclosing {@code from}, before the statement holding it. */
    static Optional<VariableDeclarator> declarationBefore(Node from, String name) {
        Node child = from;
        for (Node parent = from.getParentNode().orElse(null); parent != null;
             child = parent, parent = parent.getParentNode().orElse(null)) {
            if (!(parent instanceof BlockStmt block)) {
                continue;
            }
            for (Statement s : block.getStatements()) {
                if (s == child) {
                    break;
                }
                if (s instanceof ExpressionStmt es && es.getExpression() instanceof VariableDeclarationExpr v) {
                    for (VariableDeclarator d : v.getVariables()) {
                        if (d.getNameAsString().equals(name)) {
                            return Optional.of(d);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isVector(VariableDeclarator d) {
        String type = d.getType().asString();
        return VECTOR_TYPES.contains(type.substring(type.lastIndexOf('.') + 1));
    }

    /** {@code XVector.broadcast(args)} or {@code zero} on the declared class, with arguments that mean the same inside the lambda. */
    private static boolean pureInitializer(VariableDeclarator d, LambdaExpr lambda, CallableDeclaration<?> method) {
        if (!(d.getInitializer().orElse(null) instanceof MethodCallExpr call) || call.getScope().isEmpty()
                || !call.getScope().get().toString().equals(d.getType().asString())
                || !FACTORIES.contains(call.getNameAsString())) {
            return false;
        }
        return call.getArguments().stream().allMatch(a -> plain(a, lambda, method));
    }

    private static boolean plain(Expression e, LambdaExpr lambda, CallableDeclaration<?> method) {
        if (e instanceof LiteralExpr) {
            return true;
        }
        if (e instanceof NameExpr n) {
            // a field, a parameter or a local visible where the lambda is, that keeps its value
            String name = n.getNameAsString();
            return !reassigned(name, method) && (declarationBefore(lambda, name).isPresent()
                    || method.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(name)).isEmpty());
        }
        if (e instanceof FieldAccessExpr f) {
            return f.getScope() instanceof NameExpr || f.getScope() instanceof FieldAccessExpr;
        }
        if (e instanceof CastExpr c) {
            return plain(c.getExpression(), lambda, method);
        }
        if (e instanceof EnclosedExpr en) {
            return plain(en.getInner(), lambda, method);
        }
        if (e instanceof BinaryExpr b) {
            return plain(b.getLeft(), lambda, method) && plain(b.getRight(), lambda, method);
        }
        if (e instanceof UnaryExpr u) {
            return !STEPS.contains(u.getOperator()) && plain(u.getExpression(), lambda, method);
        }
        return false;
    }

    private static boolean reassigned(String name, CallableDeclaration<?> method) {
        return !method.findAll(AssignExpr.class, a -> a.getTarget() instanceof NameExpr t
                && t.getNameAsString().equals(name)).isEmpty()
                || !method.findAll(UnaryExpr.class, u -> STEPS.contains(u.getOperator())
                && u.getExpression() instanceof NameExpr t && t.getNameAsString().equals(name)).isEmpty();
    }
}
