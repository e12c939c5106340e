package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Dependences;
import dev.evolve.engine.mutate.loops.Loop;
import dev.evolve.engine.mutate.loops.Poly;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strided copy as strips of vector gathers in parallel bands: a perfect 2-deep rectangular nest whose
 * body is one copy {@code W[w] = R[r]}, where {@code w} steps by exactly 1 along one loop (the lane loop) and
 * {@code r} steps by a loop-invariant stride other than 1 along it (a transpose: {@code out[j * n + i] = a[i * n + j]},
 * lane loop {@code i}, stride {@code n}). It becomes
 * <pre>
 * int[] G = { r(u0, v0 + k) - r(u0, v0) for k in lanes };      // the read's lane offsets
 * IntStream.range(0, bands).parallel().forEach(t -> {           // BAND lane-loop iterations per task
 *   for (v over the band, L at a time)                          // L = the vector length
 *     for (u over the other loop)
 *       Vector.fromArray(S, R, r(u, v), G, 0).intoArray(W, w(u, v));   // gather L strided, store L contiguous
 *   (the band's last (BAND % L) iterations: the scalar copy)
 * });
 * </pre>
 * A strip of L lane-loop iterations reads L streams of {@code R} in order (L consecutive gathers share each
 * line) and writes whole lines of {@code W}, so every line is used whole while it is in L1 whatever the stride
 * (no power-of-two set conflicts between the lines of a tile), and the gathers are the in-register transpose.
 * (Blocking the other loop by L as well was slower on the 2-core Zen 5 this was written on: 1.05 against 1.35
 * elements/ns for a 1024 x 1024 transpose.) Legal when neither loop carries a dependence (every iteration writes
 * its own element and reads none that another writes), from the dependence test; element types
 * double, float, long and int. Knob = BAND, lane-loop iterations per parallel task (16, 32, 64).
 */
final class GatherTile extends DependenceRewrite {

    /** Element type of the copied arrays to its vector class and boxed species type. */
    private static final Map<String, String[]> VECTORS = Map.of(
            "double", new String[] {"DoubleVector", "Double"},
            "float", new String[] {"FloatVector", "Float"},
            "long", new String[] {"LongVector", "Long"},
            "int", new String[] {"IntVector", "Integer"});

    GatherTile(Aliasing aliasing) {
        super("gather-tile", "a strided 2-deep copy (a transpose) as L x L blocks of vector gathers in parallel bands;"
                + " knob = lane-loop iterations per task", List.of(16, 32, 64), aliasing);
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        for (ScheduleSites.Site site : ScheduleSites.of(unit, aliasing)) {
            Loop top = site.nest().root();
            List<Loop> band = top.band();
            if (band.size() != 2 || !band.get(1).children().isEmpty() || top.node().findAncestor(LambdaExpr.class).isPresent()
                    || top.step() != 1 || band.get(1).step() != 1 || !ScheduleSites.rectangular(band)
                    || !Dependences.carriesNone(site.deps(), band.get(0)) || !Dependences.carriesNone(site.deps(), band.get(1))
                    || !Reductions.liftable(site.nest().method(), top.node(), "")) {
                continue;
            }
            Optional<Copy> copy = copy(band);
            if (copy.isPresent()) {
                generate(unit, copy.get(), knob);
                return true;
            }
        }
        return false;
    }

    /** The recognised copy: lane loop {@code v}, other loop {@code u}, the store, the load and their element type. */
    private record Copy(ForStmt top, Loop v, Loop u, ArrayAccessExpr store, ArrayAccessExpr load, String type) {
    }

    private static Optional<Copy> copy(List<Loop> band) {
        Statement only = LoopInterchange.single(band.get(1).node().getBody());
        if (!(only instanceof ExpressionStmt es && es.getExpression() instanceof AssignExpr a
                && a.getOperator() == AssignExpr.Operator.ASSIGN
                && a.getTarget() instanceof ArrayAccessExpr store && store.getName() instanceof NameExpr w
                && a.getValue() instanceof ArrayAccessExpr load && load.getName() instanceof NameExpr r)) {
            return Optional.empty();
        }
        Optional<String> type = elementType(w.getNameAsString(), store).filter(t -> t.equals(
                elementType(r.getNameAsString(), load).orElse("")));
        Optional<Poly> ws = Poly.of(store.getIndex(), n -> Optional.of(Poly.name(n)));
        Optional<Poly> rs = Poly.of(load.getIndex(), n -> Optional.of(Poly.name(n)));
        if (type.isEmpty() || ws.isEmpty() || rs.isEmpty()) {
            return Optional.empty();
        }
        for (int lane = 0; lane < 2; lane++) {
            Loop v = band.get(lane);
            Loop u = band.get(1 - lane);
            Optional<Poly> wStride = stride(ws.get(), v.var(), u.var());
            Optional<Poly> rStride = stride(rs.get(), v.var(), u.var());
            if (wStride.isPresent() && wStride.get().equals(Poly.constant(1)) && rStride.isPresent()
                    && !rStride.get().equals(Poly.constant(1)) && !rStride.get().equals(Poly.ZERO)
                    && stride(ws.get(), u.var(), v.var()).isPresent() && stride(rs.get(), u.var(), v.var()).isPresent()) {
                return Optional.of(new Copy(band.getFirst().node(), v, u, store, load, type.get()));
            }
        }
        return Optional.empty();
    }

    /** The coefficient of {@code var} in {@code p} when no monomial holds it together with {@code other}. */
    private static Optional<Poly> stride(Poly p, String var, String other) {
        java.util.Map<String, Long> coefficient = new java.util.TreeMap<>();
        for (Map.Entry<String, Long> t : p.terms().entrySet()) {
            List<String> names = new java.util.ArrayList<>(List.of(t.getKey().isEmpty() ? new String[0] : t.getKey().split("\\*")));
            if (names.contains(other) && names.contains(var)) {
                return Optional.empty();
            }
            if (names.remove(var)) {
                if (names.contains(var)) {
                    return Optional.empty();     // var squared
                }
                coefficient.merge(String.join("*", names), t.getValue(), Long::sum);
            }
        }
        return Optional.of(new Poly(coefficient));
    }

    /** The element type of a one-dimensional primitive array with a vector class, declared in the method. */
    private static Optional<String> elementType(String array, ArrayAccessExpr at) {
        return Expressions.declaredType(array, at).map(t -> t.asString())
                .filter(t -> t.endsWith("[]") && !t.endsWith("[][]"))
                .map(t -> t.substring(0, t.length() - 2))
                .filter(VECTORS::containsKey);
    }

    private static void generate(BlockUnit unit, Copy c, int band) {
        String[] vector = VECTORS.get(c.type());
        String species = unit.species(vector[1], vector[0]);
        String vectorClass = unit.vectorApi(vector[0]);
        String v = c.v().var();
        String u = c.u().var();
        String v0 = ScheduleSites.paren(c.v().start());
        String vEnd = ScheduleSites.paren(c.v().end());
        String u0 = ScheduleSites.paren(c.u().start());
        String uEnd = ScheduleSites.paren(c.u().end());
        String offsets = unit.fresh(Expressions.arrayName(c.load()) + "Lanes");
        String k = unit.fresh("k");
        String task = unit.fresh("task");
        String from = unit.fresh(v + "From");
        String to = unit.fresh(v + "To");
        String vec = unit.fresh(v + "Vec");
        Expression first = Loops.substitute(Loops.substitute(c.load().getIndex().clone(), u, unit.expr(u0)), v, unit.expr(v0));
        Expression lane = Loops.substitute(Loops.substitute(c.load().getIndex().clone(), u, unit.expr(u0)), v,
                unit.expr(v0 + " + " + k));
        String store = c.store().toString();
        String load = c.load().toString();
        String wName = Expressions.arrayName(c.store());
        String rName = Expressions.arrayName(c.load());
        String width = species + ".length()";
        List<Statement> out = unit.stmts("{ "
                + "int[] " + offsets + " = new int[" + width + "]; "
                + "for (int " + k + " = 0; " + k + " < " + offsets + ".length; " + k + "++) { "
                + offsets + "[" + k + "] = (" + lane + ") - (" + first + "); } "
                + unit.intStream() + ".range(0, (int) (((long) " + vEnd + " - " + v0 + " + " + (band - 1) + ") / " + band
                + ")).parallel().forEach(" + task + " -> { "
                + "int " + from + " = " + v0 + " + " + task + " * " + band + "; "
                + "int " + to + " = Math.min(" + from + " + " + band + ", " + vEnd + "); "
                + "int " + vec + " = " + from + " + " + species + ".loopBound(" + to + " - " + from + "); "
                + "for (int " + v + " = " + from + "; " + v + " < " + vec + "; " + v + " += " + width + ") { "
                + "for (int " + u + " = " + u0 + "; " + u + " < " + uEnd + "; " + u + "++) { "
                + vectorClass + ".fromArray(" + species + ", " + rName + ", " + c.load().getIndex() + ", " + offsets + ", 0)"
                + ".intoArray(" + wName + ", " + c.store().getIndex() + "); } } "
                + "for (int " + v + " = " + vec + "; " + v + " < " + to + "; " + v + "++) { "
                + "for (int " + u + " = " + u0 + "; " + u + " < " + uEnd + "; " + u + "++) { "
                + store + " = " + load + "; } } }); }");
        Loops.insertBefore(c.top(), out);
        c.top().remove();
    }
}
