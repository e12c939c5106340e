package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Division by a loop-invariant double becomes multiplication by its reciprocal, computed once before the loop:
 * {@code for (..) out[j] = e[j] / s;} turns into {@code double sInv = 1.0 / s; for (..) out[j] = e[j] * sInv;}
 * (and {@code x /= s} into {@code x *= sInv}). A divide costs several times a multiply, in scalar and vector code
 * alike (a normalization loop such as softmax's last pass is bound by it), and the vectorizer then broadcasts the
 * reciprocal. Results differ from the divisions by at most about one unit in the last place, as reassociated sums
 * do, within the targets' tolerances.
 *
 * <p>Applies only where it is safe by construction: the divisor is a local or parameter of type {@code double},
 * declared once in the method, that no statement of the loop assigns (a local cannot change behind a call); the
 * reciprocal is taken before the outermost enclosing loop (not crossing a lambda) that leaves the divisor alone.
 * Float divisors are left alone (a float reciprocal would lose precision in double arithmetic), as are divisions
 * outside any loop (nothing to gain). Knob: none (0).
 */
final class HoistReciprocal extends AstRewrite {

    HoistReciprocal() {
        super("reciprocal", "multiply by the reciprocal of a loop-invariant double divisor, hoisted before the loop", List.of(0));
    }

    /** A divisor to hoist before a loop, and the divisions it serves. */
    private record Site(ForStmt loop, String divisor, List<Node> divisions) {
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        List<Site> sites = new ArrayList<>();
        for (MethodDeclaration method : unit.members().getMethods()) {
            List<Node> divisions = new ArrayList<>();
            method.findAll(BinaryExpr.class).stream().filter(b -> b.getOperator() == BinaryExpr.Operator.DIVIDE)
                    .forEach(divisions::add);
            method.findAll(AssignExpr.class).stream().filter(a -> a.getOperator() == AssignExpr.Operator.DIVIDE)
                    .forEach(divisions::add);
            for (Node division : divisions) {
                Optional<String> divisor = divisor(division);
                if (divisor.isEmpty() || !declaredOnceAsDouble(method, divisor.get()) || !feedsFloatingStore(division)) {
                    continue;
                }
                Optional<ForStmt> loop = outermostInvariantLoop(division, divisor.get());
                if (loop.isPresent()) {
                    // by identity: JavaParser nodes compare equal by structure, and two loops may look alike
                    Site site = sites.stream().filter(x -> x.loop() == loop.get() && x.divisor().equals(divisor.get()))
                            .findFirst().orElseGet(() -> {
                                Site fresh = new Site(loop.get(), divisor.get(), new ArrayList<>());
                                sites.add(fresh);
                                return fresh;
                            });
                    site.divisions().add(division);
                }
            }
        }
        for (Site site : sites) {
            if (!(site.loop().getParentNode().orElse(null) instanceof BlockStmt)) {
                continue;
            }
            String inverse = unit.fresh(site.divisor() + "Inv");
            for (Node division : site.divisions()) {
                if (division instanceof BinaryExpr b) {
                    b.setOperator(BinaryExpr.Operator.MULTIPLY);
                    b.setRight(new NameExpr(inverse));
                } else if (division instanceof AssignExpr a) {
                    a.setOperator(AssignExpr.Operator.MULTIPLY);
                    a.setValue(new NameExpr(inverse));
                }
            }
            Loops.insertBefore(site.loop(), List.of(unit.stmt("double " + inverse + " = 1.0 / " + site.divisor() + ";")));
        }
        return !sites.isEmpty();
    }

    /** The divisor's name when it is a plain (possibly parenthesized) variable. */
    private static Optional<String> divisor(Node division) {
        Expression d = division instanceof BinaryExpr b ? b.getRight() : ((AssignExpr) division).getValue();
        while (d instanceof EnclosedExpr e) {
            d = e.getInner();
        }
        return d instanceof NameExpr n ? Optional.of(n.getNameAsString()) : Optional.empty();
    }

    /** A parameter or local of type double, and the only variable of that name in the method (no shadowing). */
    private static boolean declaredOnceAsDouble(MethodDeclaration method, String name) {
        List<String> types = new ArrayList<>();
        method.findAll(Parameter.class).stream().filter(p -> p.getNameAsString().equals(name))
                .forEach(p -> types.add(p.getType().asString()));
        method.findAll(VariableDeclarator.class).stream().filter(d -> d.getNameAsString().equals(name))
                .forEach(d -> types.add(d.getType().asString()));
        return types.equals(List.of("double"));
    }

    /**
     * Whether the quotient only flows through arithmetic into a store of a double or float variable or element:
     * never into a cast, a comparison, a rounding call or an integer target, where an ulp could change the outcome.
     */
    private static boolean feedsFloatingStore(Node division) {
        Node child = division;
        Node parent = division instanceof AssignExpr ? division : division.getParentNode().orElse(null);
        while (parent instanceof EnclosedExpr || parent instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS
                || parent instanceof BinaryExpr b && ARITHMETIC.contains(b.getOperator())) {
            child = parent;
            parent = parent.getParentNode().orElse(null);
        }
        if (parent instanceof AssignExpr a && (a.getValue() == child || a == division)) {
            Expression target = a.getTarget();
            String name = target instanceof NameExpr n ? n.getNameAsString()
                    : target instanceof ArrayAccessExpr x ? Expressions.arrayName(x) : null;
            String want = target instanceof NameExpr ? "" : "[]";
            return name != null && Expressions.declaredType(name, a)
                    .map(t -> t.asString().equals("double" + want) || t.asString().equals("float" + want)).orElse(false);
        }
        return parent instanceof VariableDeclarator d && d.getInitializer().orElse(null) == child
                && (d.getType().asString().equals("double") || d.getType().asString().equals("float"));
    }

    private static final Set<BinaryExpr.Operator> ARITHMETIC = Set.of(BinaryExpr.Operator.PLUS, BinaryExpr.Operator.MINUS,
            BinaryExpr.Operator.MULTIPLY, BinaryExpr.Operator.DIVIDE);

    /** The outermost loop around the division (inside its lambda, if any) whose body leaves the divisor alone. */
    private static Optional<ForStmt> outermostInvariantLoop(Node division, String divisor) {
        ForStmt found = null;
        for (ForStmt loop : Loops.enclosingLoops(division)) {
            if (Expressions.assigned(loop).contains(divisor)) {
                break;
            }
            found = loop;
        }
        return Optional.ofNullable(found);
    }
}
