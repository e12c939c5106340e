package dev.evolve.engine.mutate.loops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Splits two linearized subscripts of one array by a symbolic row stride, where {@link Delinearize}'s split by
 * parameter monomial does not fit: {@code i * n + (n - 1)} (a peeled last column, whose {@code n - 1} is a
 * column, not a row term), {@code i * (n + 2) + j} (a padded row), {@code (n - 1) * n + j} (a peeled last row).
 * Each subscript is written {@code S * row + column} with the same stride {@code S} (a parameter monomial plus a
 * constant, taken from a loop variable's coefficient) and each column proven within {@code [0, S)} over its
 * own loops: then equal subscripts have equal rows and equal columns, and each is a dimension of its own.
 * Without such a stride the whole subscript is one dimension. Either way every dimension must have constant
 * coefficients on the loop variables; its constant term may hold parameters.
 */
final class SymbolicStride {

    private static final int MAX_STEPS = 64;

    /** One dimension: constant coefficients on loops, a constant term that may hold parameters. */
    record Affine(Map<Loop, Long> coefficients, Poly constant) {
    }

    /** The dimension pairs (source form, sink form), outermost first; empty when a subscript is not affine. */
    static Optional<List<Affine[]>> dimensions(Poly ps, List<Loop> ls, Poly pt, List<Loop> lt) {
        Optional<Map<Loop, Poly>> cs = coefficients(ps, ls);
        Optional<Map<Loop, Poly>> ct = coefficients(pt, lt);
        if (cs.isEmpty() || ct.isEmpty()) {
            return Optional.empty();
        }
        Set<Poly> strides = new LinkedHashSet<>();
        for (Map<Loop, Poly> c : List.of(cs.get(), ct.get())) {
            c.forEach((l, coef) -> {
                if (l != null && stride(coef)) {
                    strides.add(coef);
                }
            });
        }
        for (Poly s : strides) {
            Optional<Affine[]> a = split(cs.get(), s, ls);
            Optional<Affine[]> b = a.isEmpty() ? Optional.empty() : split(ct.get(), s, lt);
            if (b.isPresent()) {
                return Optional.of(List.of(new Affine[] {a.get()[0], b.get()[0]},
                        new Affine[] {a.get()[1], b.get()[1]}));
            }
        }
        Optional<Affine> a = affine(cs.get());
        Optional<Affine> b = affine(ct.get());
        return a.isPresent() && b.isPresent() ? Optional.of(List.<Affine[]>of(new Affine[] {a.get(), b.get()}))
                : Optional.empty();
    }

    /** The coefficient of each loop (the innermost of a name) and, under the null key, the constant term. */
    private static Optional<Map<Loop, Poly>> coefficients(Poly p, List<Loop> loops) {
        Map<String, Loop> byVar = new HashMap<>();
        loops.forEach(l -> byVar.put(l.var(), l));
        Map<Loop, Poly> out = new HashMap<>();
        for (var t : p.terms().entrySet()) {
            Loop var = null;
            List<String> params = new ArrayList<>();
            for (String f : Poly.factors(t.getKey())) {
                if (byVar.containsKey(f)) {
                    if (var != null) {
                        return Optional.empty();
                    }
                    var = byVar.get(f);
                } else {
                    params.add(f);
                }
            }
            Poly term = new Poly(Map.of(String.join("*", params), t.getValue()));
            out.merge(var, term, Poly::plus);
        }
        return Optional.of(out);
    }

    /** A stride this test can divide by: one parameter monomial with coefficient 1, plus a constant. */
    private static boolean stride(Poly p) {
        return p.terms().entrySet().stream().filter(t -> !t.getKey().isEmpty()).count() == 1
                && p.terms().entrySet().stream().allMatch(t -> t.getKey().isEmpty() || t.getValue() == 1);
    }

    /** {@code S * row + column} with the column proven in [0, S), as (row, column). */
    private static Optional<Affine[]> split(Map<Loop, Poly> coefs, Poly s, List<Loop> loops) {
        Map<Loop, Poly> row = new HashMap<>();
        Map<Loop, Poly> column = new HashMap<>();
        for (var e : coefs.entrySet()) {
            Poly[] qr = divide(e.getValue(), s);
            if (qr == null) {
                return Optional.empty();
            }
            row.put(e.getKey(), qr[0]);
            column.put(e.getKey(), qr[1]);
        }
        Poly constant = column.getOrDefault(null, Poly.ZERO);
        Poly rowConstant = row.getOrDefault(null, Poly.ZERO);
        // the constant's remainder is one choice; one stride more (and a row less) is the other that can fit
        for (int shift = 0; shift < 2; shift++) {
            column.put(null, constant.plus(s.scale(shift)));
            row.put(null, rowConstant.minus(Poly.constant(shift)));
            Optional<Affine> r = affine(row);
            Optional<Affine> c = affine(column);
            if (r.isPresent() && c.isPresent() && Delinearize.withinZeroTo(poly(c.get()), s, loops)) {
                return Optional.of(new Affine[] {r.get(), c.get()});
            }
        }
        return Optional.empty();
    }

    /**
     * {@code p = s * q + r} by {@code s = M + k} (M a monomial): each term holding M's names moves to the quotient
     * until none is left. Null when it does not settle.
     */
    static Poly[] divide(Poly p, Poly s) {
        String m = s.terms().keySet().stream().filter(k -> !k.isEmpty()).findFirst().orElseThrow();
        Poly q = Poly.ZERO;
        Poly r = p;
        try {
            for (int step = 0; step < MAX_STEPS; step++) {
                Optional<Map.Entry<String, Long>> divisible = r.terms().entrySet().stream()
                        .filter(t -> rest(t.getKey(), m) != null).findFirst();
                if (divisible.isEmpty()) {
                    return new Poly[] {q, r};
                }
                Poly x = new Poly(Map.of(rest(divisible.get().getKey(), m), divisible.get().getValue()));
                q = q.plus(x);
                r = r.minus(x.times(s));
            }
        } catch (ArithmeticException overflow) {
            return null;
        }
        return null;
    }

    /** {@code monomial / m} when m's names are among the monomial's, else null. */
    private static String rest(String monomial, String m) {
        List<String> left = new ArrayList<>(Poly.factors(monomial));
        for (String f : Poly.factors(m)) {
            if (!left.remove(f)) {
                return null;
            }
        }
        return String.join("*", left);
    }

    /** The dimension when every loop's coefficient is a constant. */
    private static Optional<Affine> affine(Map<Loop, Poly> coefs) {
        Map<Loop, Long> out = new HashMap<>();
        for (var e : coefs.entrySet()) {
            if (e.getKey() == null) {
                continue;
            }
            if (!e.getValue().isConstant()) {
                return Optional.empty();
            }
            if (e.getValue().constantTerm() != 0) {
                out.put(e.getKey(), e.getValue().constantTerm());
            }
        }
        return Optional.of(new Affine(Map.copyOf(out), coefs.getOrDefault(null, Poly.ZERO)));
    }

    private static Poly poly(Affine a) {
        Poly out = a.constant();
        for (var e : a.coefficients().entrySet()) {
            out = out.plus(Poly.name(e.getKey().var()).scale(e.getValue()));
        }
        return out;
    }
}
