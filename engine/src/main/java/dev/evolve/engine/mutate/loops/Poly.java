package dev.evolve.engine.mutate.loops;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An integer polynomial over names: a map from monomial (names sorted and joined by '*'; "" is the constant)
 * to a non-zero coefficient. Subscripts such as {@code (i + di) * m + j} are polynomials whose monomials hold at
 * most one loop variable; the other names are the nest's parameters.
 */
public record Poly(Map<String, Long> terms) {

    public static final Poly ZERO = new Poly(Map.of());

    public Poly {
        TreeMap<String, Long> clean = new TreeMap<>();
        terms.forEach((m, c) -> {
            if (c != 0) {
                clean.put(m, c);
            }
        });
        terms = java.util.Collections.unmodifiableMap(clean);
    }

    public static Poly constant(long c) {
        return new Poly(Map.of("", c));
    }

    public static Poly name(String name) {
        return new Poly(Map.of(name, 1L));
    }

    /**
     * The polynomial of an int expression made of literals, names, +, -, * and parentheses; names with a known
     * definition are replaced by it. Empty for anything else (division, calls, array reads, overflow).
     */
    public static Optional<Poly> of(Expression e, Function<String, Optional<Poly>> names) {
        try {
            return Optional.ofNullable(parse(e, names));
        } catch (ArithmeticException overflow) {
            return Optional.empty();
        }
    }

    private static Poly parse(Expression e, Function<String, Optional<Poly>> names) {
        if (e instanceof EnclosedExpr p) {
            return parse(p.getInner(), names);
        }
        if (e instanceof IntegerLiteralExpr lit) {
            return constant(lit.asNumber().longValue());
        }
        if (e instanceof NameExpr n) {
            return names.apply(n.getNameAsString()).orElse(null);
        }
        if (e instanceof UnaryExpr u && (u.getOperator() == UnaryExpr.Operator.MINUS
                || u.getOperator() == UnaryExpr.Operator.PLUS)) {
            Poly inner = parse(u.getExpression(), names);
            return inner == null ? null : u.getOperator() == UnaryExpr.Operator.MINUS ? inner.scale(-1) : inner;
        }
        if (e instanceof BinaryExpr b) {
            Poly l = parse(b.getLeft(), names);
            Poly r = l == null ? null : parse(b.getRight(), names);
            if (r == null) {
                return null;
            }
            return switch (b.getOperator()) {
                case PLUS -> l.plus(r);
                case MINUS -> l.minus(r);
                case MULTIPLY -> l.times(r);
                default -> null;
            };
        }
        return null;
    }

    public Poly plus(Poly o) {
        TreeMap<String, Long> out = new TreeMap<>(terms);
        o.terms.forEach((m, c) -> out.merge(m, c, Math::addExact));
        return new Poly(out);
    }

    public Poly minus(Poly o) {
        return plus(o.scale(-1));
    }

    public Poly scale(long k) {
        TreeMap<String, Long> out = new TreeMap<>();
        terms.forEach((m, c) -> out.put(m, Math.multiplyExact(c, k)));
        return new Poly(out);
    }

    public Poly times(Poly o) {
        TreeMap<String, Long> out = new TreeMap<>();
        terms.forEach((m1, c1) -> o.terms.forEach((m2, c2) ->
                out.merge(monomial(m1, m2), Math.multiplyExact(c1, c2), Math::addExact)));
        return new Poly(out);
    }

    /** Replaces a name by a polynomial. */
    public Poly substitute(String name, Poly with) {
        Poly out = ZERO;
        for (var t : terms.entrySet()) {
            Poly term = constant(t.getValue());
            for (String factor : factors(t.getKey())) {
                term = term.times(factor.equals(name) ? with : name(factor));
            }
            out = out.plus(term);
        }
        return out;
    }

    public boolean isConstant() {
        return terms.isEmpty() || (terms.size() == 1 && terms.containsKey(""));
    }

    public long constantTerm() {
        return terms.getOrDefault("", 0L);
    }

    public boolean mentions(String name) {
        return terms.keySet().stream().anyMatch(m -> factors(m).contains(name));
    }

    /** The names of a monomial key. */
    static List<String> factors(String monomial) {
        return monomial.isEmpty() ? List.of() : Arrays.asList(monomial.split("\\*"));
    }

    static String monomial(String a, String b) {
        List<String> all = new ArrayList<>(factors(a));
        all.addAll(factors(b));
        all.sort(null);
        return String.join("*", all);
    }

    @Override
    public String toString() {
        if (terms.isEmpty()) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        terms.forEach((m, c) -> sb.append(sb.isEmpty() ? "" : " + ").append(m.isEmpty() ? c.toString()
                : c == 1 ? m : c + "*" + m));
        return sb.toString();
    }
}
