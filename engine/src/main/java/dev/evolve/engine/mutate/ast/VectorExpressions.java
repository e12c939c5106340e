package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.type.ArrayType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Vector API text the vector code generators ({@link LaneCode}, {@link VectorTranslation}, {@link VectorTileCode})
 * share: the lane-wise method of a scalar operator or {@code Math} call, the product a fused multiply-add takes, and
 * the declared element type of an array read. Each generator still decides which operands it translates and when,
 * since translating an operand may take fresh names.
 */
final class VectorExpressions {

    private VectorExpressions() {
    }

    /** The lane-wise method of a scalar arithmetic operator ({@code add}, {@code sub}, {@code mul}, {@code div}); null for any other. */
    static String method(BinaryExpr.Operator op) {
        return switch (op) {
            case PLUS -> "add";
            case MINUS -> "sub";
            case MULTIPLY -> "mul";
            case DIVIDE -> "div";
            default -> null;
        };
    }

    /** The product {@code p * q} an expression is, under any parentheses: the multiplicand of a fused multiply-add. */
    static Optional<BinaryExpr> product(Expression e) {
        Expression p = e;
        while (p instanceof EnclosedExpr en) {
            p = en.getInner();
        }
        return p instanceof BinaryExpr m && m.getOperator() == BinaryExpr.Operator.MULTIPLY ? Optional.of(m) : Optional.empty();
    }

    /**
     * {@code l op r} as {@code l.op(r)}, an arithmetic operator's vector form; the right operand is translated only
     * once the left one has a vector form.
     */
    static Optional<String> binary(BinaryExpr b, Function<Expression, Optional<String>> vector) {
        Optional<DoubleLiteralExpr> reciprocal = exactReciprocal(b);
        String op = reciprocal.isPresent() ? "mul" : method(b.getOperator());
        Optional<String> l = op == null ? Optional.empty() : vector.apply(b.getLeft());
        Optional<String> r = l.isEmpty() ? Optional.empty() : vector.apply(reciprocal.isPresent() ? reciprocal.get() : b.getRight());
        return r.map(x -> l.get() + "." + op + "(" + x + ")");
    }

    /**
     * For {@code x / c} with c a floating literal power of two, the literal 1/c: dividing by a power of two and
     * multiplying by its reciprocal round the same exact quotient, so the result is the same in every lane, and a
     * lane-wise divide costs several multiplies (the JIT makes this change in scalar code, not in vector code).
     */
    static Optional<DoubleLiteralExpr> exactReciprocal(BinaryExpr b) {
        Expression right = b.getRight();
        while (right instanceof EnclosedExpr en) {
            right = en.getInner();
        }
        if (b.getOperator() != BinaryExpr.Operator.DIVIDE || !(right instanceof DoubleLiteralExpr d)) {
            return Optional.empty();
        }
        String text = d.getValue();
        boolean isFloat = text.endsWith("f") || text.endsWith("F");
        double c = d.asDouble();
        int exponent = Math.getExponent(c);
        if (c <= 0 || c != Math.scalb(1.0, exponent) || Math.abs(exponent) > 100) {
            return Optional.empty();                   // not a power of two, or a reciprocal near the range's ends
        }
        double inverse = Math.scalb(1.0, -exponent);
        return Optional.of(new DoubleLiteralExpr(isFloat ? inverse + "f" : Double.toString(inverse)));
    }

    /**
     * {@code p * q + addend} as one fused multiply-add; each of p, q and the addend is translated only once the ones
     * before it have a vector form.
     */
    static Optional<String> fma(BinaryExpr product, Function<Expression, Optional<String>> vector,
                                Supplier<Optional<String>> addend) {
        Optional<String> x = vector.apply(product.getLeft());
        Optional<String> y = x.isEmpty() ? Optional.empty() : vector.apply(product.getRight());
        Optional<String> z = y.isEmpty() ? Optional.empty() : addend.get();
        return z.map(add -> fma(x.get(), y.get(), add));
    }

    /** {@code x * y + addend} as one fused multiply-add of vectors. */
    static String fma(String x, String y, String addend) {
        return x + ".fma(" + y + ", " + addend + ")";
    }

    /** The vector arguments of a call when every one has a vector form. */
    static Optional<List<String>> all(List<Optional<String>> args) {
        return args.stream().anyMatch(Optional::isEmpty) ? Optional.empty()
                : Optional.of(args.stream().map(Optional::get).toList());
    }

    /**
     * {@code Math.name(a...)} as the lane-wise operation on vectors {@code a}. Integral lanes have only abs, max and
     * min; exp and log go through {@code operators} (how the code names VectorOperators), null where they cannot.
     */
    static Optional<String> mathCall(String name, List<String> a, boolean floating, String operators) {
        String key = name + "/" + a.size();
        if (!floating && !List.of("abs/1", "max/2", "min/2").contains(key)) {
            return Optional.empty();
        }
        return switch (key) {
            case "exp/1" -> Optional.ofNullable(operators).map(o -> a.get(0) + ".lanewise(" + o + ".EXP)");
            case "log/1" -> Optional.ofNullable(operators).map(o -> a.get(0) + ".lanewise(" + o + ".LOG)");
            case "sqrt/1" -> Optional.of(a.get(0) + ".sqrt()");
            case "abs/1" -> Optional.of(a.get(0) + ".abs()");
            case "max/2" -> Optional.of(a.get(0) + ".max(" + a.get(1) + ")");
            case "min/2" -> Optional.of(a.get(0) + ".min(" + a.get(1) + ")");
            case "fma/3" -> Optional.of(fma(a.get(0), a.get(1), a.get(2)));
            default -> Optional.empty();
        };
    }

    /**
     * The declaration {@code vectorType tV = value;} of a fresh vector local standing for scalar local {@code t},
     * entered in {@code locals} so that later uses of t read it.
     */
    static String declareLocal(BlockUnit unit, Map<String, String> locals, String vectorType, String scalar, String value) {
        String vectorName = unit.fresh(scalar + "V");
        locals.put(scalar, vectorName);
        return vectorType + " " + vectorName + " = " + value + ";";
    }

    /** {@code vectorType.fromArray(species, array, index)}: the lanes of an array from an index on. */
    static String load(String vectorType, String species, String array, String index) {
        return vectorType + ".fromArray(" + species + ", " + array + ", " + index + ")";
    }

    /** The element type of the array an access reads, when its brackets match the declared type's (seen from context). */
    static Optional<String> elementType(ArrayAccessExpr a, Node context) {
        int depth = 0;
        Expression base = a;
        while (base instanceof ArrayAccessExpr x) {
            depth++;
            base = x.getName();
        }
        if (!(base instanceof NameExpr n)) {
            return Optional.empty();
        }
        int brackets = depth;
        return Expressions.declaredType(n.getNameAsString(), context)
                .filter(t -> t instanceof ArrayType at && at.getArrayLevel() == brackets)
                .map(t -> ((ArrayType) t).getElementType().asString());
    }
}
