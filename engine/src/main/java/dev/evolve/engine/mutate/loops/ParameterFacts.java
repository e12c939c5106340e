package dev.evolve.engine.mutate.loops;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lower bounds of the nest's parameters that hold wherever an access runs: each loop around it iterates at least
 * once, so its start is below each of its upper bounds. {@code for (i = 1; i < n - 1; i++)} gives {@code n >= 3}.
 * Only a bound difference of the form {@code a * p + c} (one parameter, {@code a > 0}, no loop variable) gives a
 * fact; anything else gives none, which only makes the proofs below weaker.
 * <p>
 * A nest in the body of a parallel stream, {@code IntStream.range(a, b).parallel().forEach(p -> { int v = c + p * s;
 * ... })} (what the parallelizing rewrites generate), also knows {@code p >= a} for a constant {@code a}, and the
 * lower bound of each {@code int} local the body declares at its top level from {@code p} and such locals with
 * non-negative coefficients; the parameter and those locals must never be assigned in the body.
 */
final class ParameterFacts {

    private final Map<String, Long> lowerBounds;

    private ParameterFacts(Map<String, Long> lowerBounds) {
        this.lowerBounds = lowerBounds;
    }

    /** The facts that the iterations of {@code loops} (outermost first) establish. */
    static ParameterFacts of(List<Loop> loops) {
        Set<String> vars = new HashSet<>();
        loops.forEach(l -> vars.add(l.var()));
        Map<String, Long> lower = new HashMap<>();
        if (!loops.isEmpty()) {
            lower.putAll(loops.getFirst().enclosingFacts());
        }
        for (Loop l : loops) {
            if (l.lower().isEmpty()) {
                continue;
            }
            for (Poly upper : l.uppers()) {
                Poly gap = upper.minus(l.lower().get());               // gap >= 1 when the loop runs
                String param = null;
                long a = 0;
                boolean linear = true;
                for (var t : gap.terms().entrySet()) {
                    if (t.getKey().isEmpty()) {
                        continue;
                    }
                    if (param != null || t.getKey().contains("*") || vars.contains(t.getKey())) {
                        linear = false;
                        break;
                    }
                    param = t.getKey();
                    a = t.getValue();
                }
                if (linear && param != null && a > 0) {
                    long bound = Math.ceilDiv(1 - gap.constantTerm(), a);    // a * p + c >= 1
                    lower.merge(param, bound, Math::max);
                }
            }
        }
        return new ParameterFacts(lower);
    }

    /**
     * The lower bounds that hold around a nest rooted at {@code outermost}: in a parallel stream's body, {@code p >= a}
     * and its locals' bounds; none elsewhere. Found once per nest (the nest's root keeps them).
     */
    static Map<String, Long> around(Node outermost) {
        Node at = outermost.getParentNode().orElse(null);
        while (at instanceof Statement) {                     // only statements between the nest and the lambda
            at = at.getParentNode().orElse(null);
        }
        if (!(at instanceof LambdaExpr lambda) || lambda.getParameters().size() != 1
                || !(lambda.getBody() instanceof BlockStmt body)
                || !(lambda.getParentNode().orElse(null) instanceof MethodCallExpr forEach)
                || !forEach.getNameAsString().equals("forEach") || !forEach.getArguments().contains(lambda)) {
            return Map.of();
        }
        Expression scope = forEach.getScope().orElse(null);
        while (scope instanceof MethodCallExpr m && m.getNameAsString().equals("parallel") && m.getArguments().isEmpty()) {
            scope = m.getScope().orElse(null);
        }
        if (!(scope instanceof MethodCallExpr range) || !range.getNameAsString().equals("range")
                || range.getArguments().size() != 2
                || !(range.getScope().orElse(null) instanceof NameExpr stream)
                || !stream.getNameAsString().equals("IntStream")) {
            return Map.of();
        }
        Optional<Poly> from = Poly.of(range.getArgument(0), n -> Optional.empty());
        String param = lambda.getParameter(0).getNameAsString();
        Set<String> assigned = assignedIn(body);
        if (from.isEmpty() || !from.get().isConstant() || assigned.contains(param)) {
            return Map.of();
        }
        Map<String, Long> known = new HashMap<>(Map.of(param, from.get().constantTerm()));
        Map<String, Integer> declared = new HashMap<>();
        body.findAll(VariableDeclarator.class).forEach(d -> declared.merge(d.getNameAsString(), 1, Integer::sum));
        for (Statement st : body.getStatements()) {
            if (st instanceof ExpressionStmt es && es.getExpression() instanceof VariableDeclarationExpr decl) {
                for (VariableDeclarator d : decl.getVariables()) {
                    String name = d.getNameAsString();
                    if (!d.getType().asString().equals("int") || d.getInitializer().isEmpty()
                            || declared.getOrDefault(name, 0) != 1 || assigned.contains(name) || name.equals(param)) {
                        continue;
                    }
                    Poly.of(d.getInitializer().get(), n -> Optional.of(Poly.name(n)))
                            .flatMap(e -> least(e, known)).ifPresent(v -> known.put(name, v));
                }
            }
        }
        return known;
    }

    /** Names assigned or incremented anywhere in {@code node}. */
    private static Set<String> assignedIn(Node node) {
        Set<String> out = new HashSet<>();
        node.findAll(AssignExpr.class).forEach(a -> {
            if (a.getTarget() instanceof NameExpr n) out.add(n.getNameAsString());
        });
        node.findAll(UnaryExpr.class).forEach(u -> {
            if (u.getExpression() instanceof NameExpr n && switch (u.getOperator()) {
                case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
                default -> false;
            }) {
                out.add(n.getNameAsString());
            }
        });
        return out;
    }

    /** The least value of {@code e} from lower bounds of its names (non-negative coefficients only), if defined. */
    private static Optional<Long> least(Poly e, Map<String, Long> lowerBounds) {
        long least = e.constantTerm();
        for (var t : e.terms().entrySet()) {
            if (t.getKey().isEmpty()) {
                continue;
            }
            Long lo = lowerBounds.get(t.getKey());
            if (t.getKey().contains("*") || t.getValue() < 0 || lo == null) {
                return Optional.empty();
            }
            try {
                least = Math.addExact(least, Math.multiplyExact(t.getValue(), lo));
            } catch (ArithmeticException overflow) {
                return Optional.empty();
            }
        }
        return Optional.of(least);
    }

    /**
     * Whether {@code e >= 0} follows: a constant, or a sum of parameters with positive coefficients, each with a
     * known lower bound, plus a constant, whose least value is not negative.
     */
    boolean nonNegative(Poly e) {
        return least(e, lowerBounds).map(v -> v >= 0).orElse(false);
    }
}
