package dev.evolve.engine.mutate.loops;

import dev.evolve.engine.mutate.loops.Dependence.Direction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dependence test of a {@link LoopNest}, and the legality questions schedule rewrites ask of it.
 *
 * <p>For each pair of accesses to storage that may be the same (one of them a write), each subscript bracket is
 * delinearized into dimensions by its parameter monomials ({@code i * n + j} is (i, j) with stride n) when the
 * loop bounds prove each lower dimension stays within its stride, or else by a symbolic row stride
 * ({@code i * (n + 2) + j}, {@code i * n + (n - 1)}: see {@link SymbolicStride}), and each dimension is tested: a constant one
 * that differs proves independence; the GCD test may prove independence; a dimension {@code a*v + c} against
 * {@code a*v + c'} fixes the distance of loop v. Everything unproven is '*'. Scalars written in the nest depend on
 * themselves with '=' on the loops around their declaration and '*' inside. Arrays that may alias (see
 * {@link Aliasing}) get '*' everywhere.
 */
public final class Dependences {

    private Dependences() {
    }

    /** Every possible dependence of the nest, for each ordered pair of accesses (a write involved). */
    public static List<Dependence> of(LoopNest nest, Aliasing aliasing) {
        List<Dependence> out = new ArrayList<>();
        List<Access> all = nest.accesses();
        for (Access s : all) {
            for (Access t : all) {
                if ((s.write() || t.write()) && s.scalar() == t.scalar()
                        && (s.scalar() ? s.root().equals(t.root()) : aliasing.mayAlias(s.root(), t.root(), nest.fresh()))) {
                    test(s, t).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static Optional<Dependence> test(Access s, Access t) {
        List<Loop> common = new ArrayList<>();
        for (int i = 0; i < Math.min(s.loops().size(), t.loops().size()) && s.loops().get(i) == t.loops().get(i); i++) {
            common.add(s.loops().get(i));
        }
        List<Direction> dirs = new ArrayList<>();
        if (s.scalar()) {
            int priv = Math.min(s.privateDepth(), t.privateDepth());
            for (int i = 0; i < common.size(); i++) {
                dirs.add(i < priv ? Direction.EQ : Direction.ANY);
            }
            return Optional.of(new Dependence(s, t, common, dirs));
        }
        Map<Loop, Long> distance = new HashMap<>();
        if (s.root().equals(t.root()) && s.subscripts().size() == t.subscripts().size()) {
            for (int b = 0; b < s.subscripts().size(); b++) {
                if (s.subscripts().get(b).isEmpty() || t.subscripts().get(b).isEmpty()) {
                    continue;
                }
                Poly ps = s.subscripts().get(b).get();
                Poly pt = t.subscripts().get(b).get();
                Optional<Map<String, Linear>> gs = Delinearize.groups(ps, s.loops());
                Optional<Map<String, Linear>> gt = Delinearize.groups(pt, t.loops());
                if (gs.isPresent() && gt.isPresent()) {
                    Map<String, Linear> us = unitDimension(gs.get(), gt.get());
                    gt = Optional.of(unitDimension(gt.get(), gs.get()));
                    gs = Optional.of(us);
                }
                if (gs.isPresent() && gt.isPresent() && gs.get().keySet().equals(gt.get().keySet())) {
                    for (String key : gs.get().keySet()) {
                        if (!dimension(gs.get().get(key), gt.get().get(key), common, distance)) {
                            return Optional.empty();
                        }
                    }
                } else if (free(ps, s.loops()) && free(pt, t.loops()) && ps.minus(pt).isConstant()
                        && ps.minus(pt).constantTerm() != 0) {
                    return Optional.empty();           // two fixed, different elements
                } else {
                    var dims = SymbolicStride.dimensions(ps, s.loops(), pt, t.loops());
                    for (SymbolicStride.Affine[] dim : dims.orElse(List.of())) {
                        if (!symbolicDimension(dim[0], dim[1], common, distance)) {
                            return Optional.empty();
                        }
                    }
                }
            }
        }
        for (Loop l : common) {
            Long d = distance.get(l);
            dirs.add(d == null ? Direction.ANY : d > 0 ? Direction.LT : d < 0 ? Direction.GT : Direction.EQ);
        }
        return Optional.of(new Dependence(s, t, common, dirs));
    }

    /** Whether a subscript uses none of the loop variables. */
    private static boolean free(Poly p, List<Loop> loops) {
        return loops.stream().noneMatch(l -> p.mentions(l.var()));
    }

    /**
     * One dimension: source form {@code a} against sink form {@code b}. False when it proves independence;
     * otherwise records the distances it fixes (and false on a conflict with an earlier dimension).
     */
    private static boolean dimension(Linear a, Linear b, List<Loop> common, Map<Loop, Long> distance) {
        long g = 0;
        for (long c : a.coefficients().values()) g = gcd(g, c);
        for (long c : b.coefficients().values()) g = gcd(g, c);
        long rhs = b.constant() - a.constant();      // sum a_v x_v - sum b_v y_v = b0 - a0
        if (g == 0) {
            return rhs == 0;
        }
        if (rhs % g != 0) {
            return false;
        }
        if (a.coefficients().size() == 1 && a.coefficients().keySet().equals(b.coefficients().keySet())) {
            Loop v = a.coefficients().keySet().iterator().next();
            long ca = a.coefficients().get(v);
            if (ca == b.coefficients().get(v) && common.contains(v)) {
                // a*x + a0 = a*y + b0  ->  y - x = (a0 - b0) / a
                if ((a.constant() - b.constant()) % ca != 0) {
                    return false;
                }
                long d = (a.constant() - b.constant()) / ca;
                if (d % v.step() != 0) {
                    return false;                      // both iterations sit on start + step * t
                }
                Long before = distance.putIfAbsent(v, d);
                return before == null || before == d;
            }
        }
        return true;
    }

    /**
     * A dimension whose constant terms may hold parameters ({@code n - 1}): when they differ by a constant it is
     * the dimension {@code a - a0} against {@code b - a0}; otherwise nothing is proven or fixed.
     */
    private static boolean symbolicDimension(SymbolicStride.Affine a, SymbolicStride.Affine b, List<Loop> common,
                                             Map<Loop, Long> distance) {
        Poly rhs = b.constant().minus(a.constant());
        if (!rhs.isConstant()) {
            return true;
        }
        return dimension(new Linear(a.coefficients(), 0), new Linear(b.coefficients(), rhs.constantTerm()), common,
                distance);
    }

    private static long gcd(long a, long b) {
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** A linear form over loops with integer coefficients, inside one delinearized dimension. */
    record Linear(Map<Loop, Long> coefficients, long constant) {
    }

    /**
     * Whether reordering the perfect {@code band} so that position p runs {@code band.get(order[p])} keeps every
     * dependence's source before its sink.
     */
    public static boolean canPermute(List<Dependence> deps, List<Loop> band, int[] order) {
        for (Dependence d : deps) {
            int[] pos = positions(d, band);
            if (pos == null) {
                return false;
            }
            if (pos.length == 0) {
                continue;
            }
            for (List<Direction> v : d.concrete()) {
                List<Direction> moved = new ArrayList<>(v);
                for (int p = 0; p < band.size(); p++) {
                    moved.set(pos[p], v.get(pos[order[p]]));
                }
                Direction first = moved.stream().filter(x -> x != Direction.EQ).findFirst().orElse(Direction.EQ);
                if (first == Direction.GT) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether loops {@code band[0..upTo]} are fully permutable: every dependence not already carried outside
     * the band has only '<' or '=' on them. Then a loop among them can be tiled with its tile loop moved to the
     * top of the band.
     */
    public static boolean fullyPermutable(List<Dependence> deps, List<Loop> band, int upTo) {
        List<Loop> part = band.subList(0, upTo + 1);
        for (Dependence d : deps) {
            int[] pos = positions(d, part);
            if (pos == null) {
                return false;
            }
            if (pos.length == 0) {
                continue;
            }
            for (List<Direction> v : d.concrete()) {
                boolean carriedOutside = v.subList(0, pos[0]).stream().anyMatch(x -> x == Direction.LT);
                if (!carriedOutside) {
                    for (int p : pos) {
                        if (v.get(p) == Direction.GT) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    /**
     * {@code out[i * n]} splits as {@code n: i} alone, {@code out[i * n + j]} as {@code n: i, 1: j}: the first gets
     * the unit dimension at 0 when the other subscript has it beside a higher one (the other's split proves its unit
     * dimension within [0, n), so n is at least 1 wherever both run, and 0 is within it too). The key sets must then
     * still agree for the dimensions to be compared.
     */
    private static Map<String, Linear> unitDimension(Map<String, Linear> groups, Map<String, Linear> other) {
        if (groups.containsKey("") || !other.containsKey("") || other.size() < 2) {
            return groups;
        }
        Map<String, Linear> out = new java.util.TreeMap<>(groups);
        out.put("", new Linear(Map.of(), 0));
        return out;
    }

    /** Whether no dependence is carried by {@code loop}: its iterations may run in any order, or at once. */
    public static boolean carriesNone(List<Dependence> deps, Loop loop) {
        for (Dependence d : deps) {
            int p = d.loops().indexOf(loop);
            if (p < 0) {
                continue;
            }
            for (List<Direction> v : d.concrete()) {
                if (v.subList(0, p).stream().allMatch(x -> x == Direction.EQ) && v.get(p) != Direction.EQ) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The loops under {@code loop} whose values lie within the block of the loop's iteration, {@code [v, v + step)}
     * (a tile loop's point loop: {@code for (i = iT; i < Math.min(iT + 8, n); i++)} under {@code iT += 8}). Two
     * iterations of {@code loop} give such a loop disjoint values, so a dependence with '=' on it has '=' on
     * {@code loop} too, whatever the subscripts say of {@code loop} itself.
     */
    static List<Loop> owned(Loop loop) {
        List<Loop> out = new ArrayList<>();
        Poly v = Poly.name(loop.var());
        List<Loop> pending = new ArrayList<>(loop.children());
        while (!pending.isEmpty()) {
            Loop c = pending.removeFirst();
            pending.addAll(c.children());
            Optional<Poly> lo = c.lower().map(l -> l.minus(v));
            boolean within = lo.isPresent() && lo.get().isConstant() && lo.get().constantTerm() >= 0
                    && c.uppers().stream().map(u -> u.minus(v))
                    .anyMatch(u -> u.isConstant() && u.constantTerm() <= loop.step());
            if (within) {
                out.add(c);
            }
        }
        return out;
    }

    /** Where the band's loops sit in the dependence's loops; empty if none; null if only some (unsafe). */
    private static int[] positions(Dependence d, List<Loop> band) {
        int[] pos = new int[band.size()];
        int found = 0;
        for (int p = 0; p < band.size(); p++) {
            pos[p] = d.loops().indexOf(band.get(p));
            if (pos[p] >= 0) {
                found++;
            }
        }
        return found == 0 ? new int[0] : found == band.size() ? pos : null;
    }

    /**
     * Whether {@code 0 <= e < bound} on every iteration of {@code loops} (outermost first), proven from the loop
     * bounds: what makes {@code r * bound + e} a (row, column) pair of a row-major array with {@code bound} columns.
     */
    public static boolean withinZeroTo(Poly e, Poly bound, List<Loop> loops) {
        return Delinearize.withinZeroTo(e, bound, loops);
    }

    /** For tests and reports: each dependence on its own line. */
    static String describe(List<Dependence> deps) {
        Map<String, Boolean> lines = new LinkedHashMap<>();
        deps.forEach(d -> lines.put(d.toString(), true));
        return String.join("\n", lines.keySet());
    }
}
