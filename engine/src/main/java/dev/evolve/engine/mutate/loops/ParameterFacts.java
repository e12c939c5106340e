package dev.evolve.engine.mutate.loops;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lower bounds of the nest's parameters that hold wherever an access runs: each loop around it iterates at least
 * once, so its start is below each of its upper bounds. {@code for (i = 1; i < n - 1; i++)} gives {@code n >= 3}.
 * Only a bound difference of the form {@code a * p + c} (one parameter, {@code a > 0}, no loop variable) gives a
 * fact; anything else gives none, which only makes the proofs below weaker.
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
     * Whether {@code e >= 0} follows: a constant, or a sum of parameters with positive coefficients, each with a
     * known lower bound, plus a constant, whose least value is not negative.
     */
    boolean nonNegative(Poly e) {
        long least = e.constantTerm();
        for (var t : e.terms().entrySet()) {
            if (t.getKey().isEmpty()) {
                continue;
            }
            Long lo = lowerBounds.get(t.getKey());
            if (t.getKey().contains("*") || t.getValue() < 0 || lo == null) {
                return false;
            }
            try {
                least = Math.addExact(least, Math.multiplyExact(t.getValue(), lo));
            } catch (ArithmeticException overflow) {
                return false;
            }
        }
        return least >= 0;
    }
}
