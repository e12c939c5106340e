package dev.evolve.engine.mutate.loops;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link LoopNest}s from a method: every outermost counted {@code for} loop (outermost in a lambda's body
 * too, with the lambda's parameter as a fixed name) whose
 * whole nest is made of blocks, ifs, expression statements and counted loops, with calls only to {@code Math}.
 * Anything else gives no nest for that loop, so it is never rewritten.
 *
 * <pre>{@code
 * for (LoopNest nest : LoopNests.of(method)) {
 *     List<Dependence> deps = Dependences.of(nest, Aliasing.DISTINCT_PARAMETERS);
 * }
 * }</pre>
 */
public final class LoopNests {

    private LoopNests() {
    }

    /** The modelled nests of a method, in source order. */
    public static List<LoopNest> of(MethodDeclaration method) {
        Map<String, String> roots = roots(method);
        Set<String> fresh = new HashSet<>();
        roots.forEach((name, root) -> {
            if (root.startsWith("new:")) {
                fresh.add(root);
            }
        });
        List<LoopNest> out = new ArrayList<>();
        for (ForStmt f : method.findAll(ForStmt.class)) {
            if (outermost(f)) {
                try {
                    new NestBuilder(method, roots).build(f).ifPresent(b -> out.add(
                            new LoopNest(method, b.root, b.accesses, b.reductions, fresh)));
                } catch (RuntimeException e) {
                    // an unexpected shape is simply not modelled
                }
            }
        }
        return out;
    }

    /**
     * Whether a loop starts a nest: no loop encloses it, or the nearest enclosing loop is outside a lambda that
     * holds it (the body of a parallel stream, whose own nests are modelled with the lambda's parameter as a name
     * fixed for one call).
     */
    private static boolean outermost(ForStmt f) {
        for (Node n = f.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof ForStmt) {
                return false;
            }
            if (n instanceof LambdaExpr) {
                return true;
            }
        }
        return true;
    }

    /** The nest whose outermost loop is {@code loop}, if it is modelled. */
    public static Optional<LoopNest> at(MethodDeclaration method, ForStmt loop) {
        return of(method).stream().filter(n -> n.root().node() == loop).findFirst();
    }

    /** The single statement of a body ({@code { s }} or {@code s}), if it has exactly one. */
    static Optional<Statement> onlyStatement(Statement body) {
        if (body instanceof BlockStmt b) {
            return b.getStatements().size() == 1 ? Optional.of(b.getStatement(0)) : Optional.empty();
        }
        return Optional.of(body);
    }

    /**
     * What storage each array name of the method denotes: a parameter's own name; {@code p[c]} for a local set
     * once from a constant element of parameter {@code p}; {@code new:x} for a local allocated in the block;
     * {@code ?x} when unknown (assigned twice, or from anything else).
     */
    static Map<String, String> roots(MethodDeclaration method) {
        Map<String, String> roots = new HashMap<>();
        for (Parameter p : method.getParameters()) {
            if (p.getType().isArrayType()) {
                roots.put(p.getNameAsString(), p.getNameAsString());
            }
        }
        Map<String, Integer> definitions = new HashMap<>();
        method.findAll(VariableDeclarator.class).forEach(d -> definitions.merge(d.getNameAsString(), 1, Integer::sum));
        method.findAll(AssignExpr.class).forEach(a -> {
            if (a.getTarget() instanceof NameExpr n) {
                definitions.merge(n.getNameAsString(), 2, Integer::sum);
            }
        });
        for (VariableDeclarator d : method.findAll(VariableDeclarator.class)) {
            if (!d.getType().isArrayType()) {
                continue;
            }
            String name = d.getNameAsString();
            Expression init = d.getInitializer().orElse(null);
            String root = "?" + name;
            if (definitions.getOrDefault(name, 0) == 1 && !roots.containsKey(name)) {
                if (init instanceof ArrayCreationExpr || init instanceof ArrayInitializerExpr) {
                    root = "new:" + name;
                } else if (init instanceof NameExpr n && roots.containsKey(n.getNameAsString())) {
                    root = roots.get(n.getNameAsString());
                } else if (init instanceof ArrayAccessExpr a && a.getName() instanceof NameExpr n
                        && a.getIndex() instanceof IntegerLiteralExpr lit && roots.containsKey(n.getNameAsString())) {
                    root = roots.get(n.getNameAsString()) + "[" + lit.asNumber() + "]";
                }
            }
            roots.put(name, root);
        }
        return roots;
    }

    static boolean isWritten(Expression e) {
        Node p = e.getParentNode().orElse(null);
        return (p instanceof AssignExpr a && a.getTarget() == e)
                || (p instanceof UnaryExpr u && changes(u.getOperator()));
    }

    /** Whether a written location is also read by the write ({@code +=}, {@code ++}). */
    static boolean compound(Expression e) {
        Node p = e.getParentNode().orElse(null);
        return (p instanceof AssignExpr a && a.getOperator() != AssignExpr.Operator.ASSIGN)
                || (p instanceof UnaryExpr u && changes(u.getOperator()));
    }

    static boolean changes(UnaryExpr.Operator op) {
        return op == UnaryExpr.Operator.POSTFIX_INCREMENT || op == UnaryExpr.Operator.PREFIX_INCREMENT
                || op == UnaryExpr.Operator.POSTFIX_DECREMENT || op == UnaryExpr.Operator.PREFIX_DECREMENT;
    }

    static Set<String> names(Node n) {
        Set<String> out = new HashSet<>();
        n.findAll(NameExpr.class).forEach(x -> out.add(x.getNameAsString()));
        if (n instanceof NameExpr x) {
            out.add(x.getNameAsString());
        }
        return out;
    }
}
