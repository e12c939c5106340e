package dev.evolve.engine.mutate.loops;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import java.util.Optional;

/**
 * The exclusive upper bound of a counted loop's test. {@code var < e} gives {@code e} itself (the node in the
 * tree); {@code var <= e} gives a new, detached expression for {@code e + 1} ({@code 2} for {@code <= 1},
 * {@code n} for {@code <= n - 1}), so every model and rewrite sees one kind of range: rewrites print headers
 * from it and a rewrite that keeps the original {@code <=} test keeps the same range. Decreasing tests
 * ({@code >}, {@code >=}) give nothing: the models only know positive steps. {@code <= Integer.MAX_VALUE}
 * (a literal) gives nothing, its {@code + 1} would wrap; a bound that reaches it only at run time is assumed not to.
 */
public final class Bounds {

    private Bounds() {
    }

    /** The exclusive bound of {@code cmp} when it is {@code var < e} or {@code var <= e}. */
    public static Optional<Expression> exclusiveEnd(BinaryExpr cmp, String var) {
        if (!(cmp.getLeft() instanceof NameExpr l) || !l.getNameAsString().equals(var)) {
            return Optional.empty();
        }
        return switch (cmp.getOperator()) {
            case LESS -> Optional.of(cmp.getRight());
            case LESS_EQUALS -> plusOne(cmp.getRight());
            default -> Optional.empty();
        };
    }

    /** Whether the test is inclusive, {@code var <= e}. */
    public static boolean inclusive(BinaryExpr cmp) {
        return cmp.getOperator() == BinaryExpr.Operator.LESS_EQUALS;
    }

    static Optional<Expression> plusOne(Expression e) {
        if (e instanceof IntegerLiteralExpr lit) {
            long v;
            try {
                v = lit.asNumber().longValue();
            } catch (NumberFormatException ex) {
                return Optional.empty();
            }
            return v >= Integer.MAX_VALUE ? Optional.empty() : Optional.of(new IntegerLiteralExpr(Long.toString(v + 1)));
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.MINUS
                && b.getRight() instanceof IntegerLiteralExpr k && k.getValue().matches("[0-9]+")) {
            long c = Long.parseLong(k.getValue());
            if (c == 1) {
                return Optional.of(b.getLeft().clone());
            }
            if (c > 1 && c <= Integer.MAX_VALUE) {
                return Optional.of(new BinaryExpr(b.getLeft().clone(), new IntegerLiteralExpr(Long.toString(c - 1)),
                        BinaryExpr.Operator.MINUS));
            }
        }
        Expression base = needsParens(e) ? new EnclosedExpr(e.clone()) : e.clone();
        return Optional.of(new BinaryExpr(base, new IntegerLiteralExpr("1"), BinaryExpr.Operator.PLUS));
    }

    private static boolean needsParens(Expression e) {
        if (e instanceof NameExpr || e instanceof MethodCallExpr || e instanceof FieldAccessExpr
                || e instanceof ArrayAccessExpr || e instanceof EnclosedExpr) {
            return false;
        }
        // left-associative additive and multiplicative operators bind at least as tightly as the '+ 1'
        return !(e instanceof BinaryExpr b && switch (b.getOperator()) {
            case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> true;
            default -> false;
        });
    }
}
