package dev.evolve.engine.mutate.loops;

import dev.evolve.engine.mutate.loops.Dependences.Linear;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Splits a linearized subscript into dimensions by parameter monomial: {@code (i + di) * m + j} is
 * {@code m: i + di, 1: j}. Valid only when the loop bounds prove that every lower dimension stays in
 * {@code [0, stride ratio)}, which is what makes {@code i * n + j == i' * n + j'} imply {@code i == i', j == j'}.
 */
final class Delinearize {

    private static final int MAX_DEPTH = 6;

    private Delinearize() {
    }

    /** The dimensions, keyed by parameter monomial, or empty when the split is not proven valid. */
    static Optional<Map<String, Linear>> groups(Poly p, List<Loop> loops) {
        Map<String, Loop> byVar = new HashMap<>();
        loops.forEach(l -> byVar.put(l.var(), l));           // inner loops come later and win
        Map<String, Map<Loop, Long>> coefs = new TreeMap<>();
        Map<String, Long> constants = new TreeMap<>();
        for (var term : p.terms().entrySet()) {
            List<String> params = new ArrayList<>();
            Loop var = null;
            for (String f : Poly.factors(term.getKey())) {
                if (byVar.containsKey(f)) {
                    if (var != null) {
                        return Optional.empty();      // a product of loop variables is not affine
                    }
                    var = byVar.get(f);
                } else {
                    params.add(f);
                }
            }
            String key = String.join("*", params);
            coefs.computeIfAbsent(key, k -> new HashMap<>());
            constants.putIfAbsent(key, 0L);
            if (var == null) {
                constants.merge(key, term.getValue(), Math::addExact);
            } else {
                coefs.get(key).merge(var, term.getValue(), Math::addExact);
            }
        }
        List<String> keys = new ArrayList<>(coefs.keySet());
        keys.sort(Comparator.comparingInt((String k) -> Poly.factors(k).size()).thenComparing(k -> k));
        for (int i = 0; i + 1 < keys.size(); i++) {
            Optional<Poly> ratio = quotient(keys.get(i + 1), keys.get(i));
            Poly lowerDim = poly(coefs.get(keys.get(i)), constants.get(keys.get(i)));
            if (ratio.isEmpty() || !withinZeroTo(lowerDim, ratio.get(), loops)) {
                return Optional.empty();
            }
        }
        Map<String, Linear> out = new TreeMap<>();
        for (String k : keys) {
            out.put(k, new Linear(Map.copyOf(coefs.get(k)), constants.get(k)));
        }
        return Optional.of(out);
    }

    private static Poly poly(Map<Loop, Long> coefs, long constant) {
        Poly out = Poly.constant(constant);
        for (var e : coefs.entrySet()) {
            out = out.plus(Poly.name(e.getKey().var()).scale(e.getValue()));
        }
        return out;
    }

    /** {@code big / small} as a monomial, when small's names are among big's. */
    private static Optional<Poly> quotient(String big, String small) {
        List<String> rest = new ArrayList<>(Poly.factors(big));
        for (String f : Poly.factors(small)) {
            if (!rest.remove(f)) {
                return Optional.empty();
            }
        }
        return rest.isEmpty() ? Optional.empty() : Optional.of(new Poly(Map.of(String.join("*", rest), 1L)));
    }

    /**
     * Whether {@code 0 <= e <= bound - 1} over the loops' iteration space, proven symbolically; the extremes may
     * hold parameters when the loops' own bounds prove them large enough ({@link ParameterFacts}).
     */
    static boolean withinZeroTo(Poly e, Poly bound, List<Loop> loops) {
        ParameterFacts facts = ParameterFacts.of(loops);
        Optional<Poly> min = extreme(e, loops, false, 0);
        if (min.isEmpty() || !facts.nonNegative(min.get())) {
            return false;
        }
        for (Poly max : maxima(e, loops, 0)) {
            Poly slack = bound.minus(Poly.constant(1)).minus(max);
            if (facts.nonNegative(slack)) {
                return true;
            }
        }
        return false;
    }

    /** The least value of {@code e} (loop variables replaced by their least values), when each term allows it. */
    private static Optional<Poly> extreme(Poly e, List<Loop> loops, boolean max, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        List<Poly> all = max ? maxima(e, loops, depth) : new ArrayList<>();
        if (max) {
            return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
        }
        Poly out = e;
        for (Loop l : loops.reversed()) {
            if (!out.mentions(l.var())) {
                continue;
            }
            Optional<Long> c = linearCoefficient(out, l.var());
            if (c.isEmpty()) {
                return Optional.empty();
            }
            Optional<Poly> with = c.get() > 0 ? l.lower() : maxima(Poly.name(l.var()), loops, depth + 1).stream().findFirst();
            if (with.isEmpty()) {
                return Optional.empty();
            }
            out = out.substitute(l.var(), with.get());
        }
        return Optional.of(out);
    }

    /** Candidate greatest values of {@code e}: one per choice of upper bound (an end, or an argument of its min). */
    private static List<Poly> maxima(Poly e, List<Loop> loops, int depth) {
        if (depth > MAX_DEPTH) {
            return List.of();
        }
        List<Poly> current = List.of(e);
        for (Loop l : loops.reversed()) {
            List<Poly> next = new ArrayList<>();
            for (Poly p : current) {
                if (!p.mentions(l.var())) {
                    next.add(p);
                    continue;
                }
                Optional<Long> c = linearCoefficient(p, l.var());
                if (c.isEmpty()) {
                    continue;
                }
                if (c.get() > 0) {
                    for (Poly upper : l.uppers()) {
                        next.add(p.substitute(l.var(), upper.minus(Poly.constant(1))));
                    }
                } else {
                    l.lower().ifPresent(lo -> next.add(p.substitute(l.var(), lo)));
                }
            }
            current = next.size() > 16 ? next.subList(0, 16) : next;
        }
        return current;
    }

    /** The constant coefficient of {@code var} in {@code p}, when var appears only as a plain linear term. */
    private static Optional<Long> linearCoefficient(Poly p, String var) {
        Long c = null;
        for (var t : p.terms().entrySet()) {
            List<String> f = Poly.factors(t.getKey());
            if (f.contains(var)) {
                if (f.size() != 1) {
                    return Optional.empty();
                }
                c = t.getValue();
            }
        }
        return Optional.ofNullable(c);
    }
}
