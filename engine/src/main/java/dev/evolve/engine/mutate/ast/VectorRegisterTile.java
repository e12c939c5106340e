package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.evolve.engine.mutate.loops.Access;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Dependence;
import dev.evolve.engine.mutate.loops.Dependence.Direction;
import dev.evolve.engine.mutate.loops.Dependences;
import dev.evolve.engine.mutate.loops.Loop;
import dev.evolve.engine.mutate.loops.Poly;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Vector register tiles (the micro-kernel of a GEMM, for any nest of that shape): a reduction loop {@code k} and two
 * loops {@code i}, {@code j} that write one element per (i, j), {@code W[.. j]} at unit stride in j. For a block of
 * R rows of i and V vectors of j lanes, R x V vector accumulators stay in registers across the whole k loop; each
 * k step loads the V column vectors of the operands that move with j, broadcasts the R row elements of those that
 * do not, and adds with fused multiply-adds. Rows left over run as tiles of one row, columns left over in the
 * original scalar loops. Two shapes are recognised:
 *
 * <pre>{@code
 * for i, for j { T s = init; for k { s += e; } W[f] = g(s); }     // or W[f] += g(s)
 * for (any order of i, j, k) { W[f] += e; }                        // a perfect band; f free of k
 * }</pre>
 *
 * In the first, k may be a perfect nest of reduction loops whose body declares scalar locals before the sum (a
 * stencil's window and its weight), run as written once per tile; when the i loop's body holds more than the j
 * loop (a peeled border beside it), j alone is tiled, in one-row tiles.
 *
 * <p>Legality comes from {@link dev.evolve.engine.mutate.loops.Dependences}: every dependence inside the band that
 * no loop outside it carries must have '=' on i and on j (each (i, j) is an independent chain over k, kept in k's
 * order, so even floating sums add in the original order; only the multiply-add is fused). The loops must have
 * unit steps and bounds free of each other's variables, array reads and division; {@code e} no call but
 * {@code Math}'s lane-wise functions; the accumulated form ({@code W[f] += e}) must not read W's storage in
 * {@code e}, which the tile holds in registers. Element type double or float. Anything else is left alone.
 *
 * <p>Knob: {@code 10 * R + V}, R rows in 2, 4, 6, 8 and V vectors in 1 to 4. The parallel variant runs the row
 * blocks as a parallel {@code IntStream} (every name the band reads must then be effectively final); with one-row
 * tiles, the loop around the column loop, when the dependence test finds it carries nothing.
 */
final class VectorRegisterTile extends DependenceRewrite {

    static final List<Integer> ROWS = List.of(2, 4, 6, 8);
    static final List<Integer> VECTORS = List.of(1, 2, 3, 4);

    private final boolean parallel;

    VectorRegisterTile(Aliasing aliasing, boolean parallel) {
        super(parallel ? "vector-tile-parallel" : "vector-tile",
                "R x V vector accumulators kept across a reduction loop (i, j, k micro-kernel)"
                        + (parallel ? ", row blocks in parallel" : "") + "; knob = 10 * rows + vectors", knobValues(), aliasing);
        this.parallel = parallel;
    }

    private static List<Integer> knobValues() {
        List<Integer> out = new ArrayList<>();
        ROWS.forEach(r -> VECTORS.forEach(v -> out.add(10 * r + v)));
        return List.copyOf(out);
    }

    /**
     * A matched tile: the row loop (null when the column loop's parent holds more than it: one-row tiles only), the
     * column and reduction loops ({@code reduction}: the perfect band of reduction loops, k first, and the scalar
     * locals declared before the sum in its body), the band's outermost loop (replaced), the element written, the
     * accumulator's initial value, the name standing for it in {@code stored}, the value added per k, and what is
     * stored; {@code guard}: the tile runs only when k has iterations (the accumulated form).
     */
    record Tile(Loop row, Loop col, Loop red, List<Loop> reduction, List<Statement> locals, Loop top,
                ArrayAccessExpr target, Expression init, String scalar, Expression step, Expression stored, boolean guard,
                LaneType lanes) {
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        int rows = knob / 10;
        int vectors = knob % 10;
        for (ScheduleSites.Site site : ScheduleSites.of(unit, aliasing)) {
            for (Loop l : site.nest().loops()) {
                Optional<Tile> tile = reduced(unit, site, l).or(() -> accumulated(unit, site, l));
                if (tile.isPresent() && tile.get().row() == null && parallel) {
                    // one-row tiles: the loop around them runs in parallel instead (tested in legal)
                    Loop rowLoop = rowLoop(site, tile.get()).orElseThrow();
                    if (VectorTileKernel.emit(unit, tile.get(), rows, vectors, false)) {
                        ParallelizeLoop.parallelize(unit, rowLoop);
                        return true;
                    }
                } else if (tile.isPresent() && VectorTileKernel.emit(unit, tile.get(), rows, vectors, parallel)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code for p { for x { T s = init; for k (for k2 ...) { locals; s += e; } W[f] = g(s); } }}: x is {@code l};
     * when p's body holds more than x (or there is no p), x alone, in one-row tiles.
     */
    private Optional<Tile> reduced(BlockUnit unit, ScheduleSites.Site site, Loop x) {
        Loop p = x.parent().orElse(null);
        boolean rows = p != null && p.band().size() >= 2 && p.band().get(1) == x;
        List<Statement> body = statements(x.node().getBody());
        if (body.size() != 3 || x.children().size() != 1 || x.children().getFirst().node() != body.get(1)) {
            return Optional.empty();
        }
        Loop k = x.children().getFirst();
        List<Loop> reduction = k.band();
        Loop innermost = reduction.getLast();
        List<Statement> inner = statements(innermost.node().getBody());
        if (!innermost.children().isEmpty() || inner.isEmpty()
                || !(body.get(0) instanceof ExpressionStmt d0) || !(d0.getExpression() instanceof VariableDeclarationExpr decl)
                || decl.getVariables().size() != 1 || decl.getVariable(0).getInitializer().isEmpty()) {
            return Optional.empty();
        }
        VariableDeclarator s = decl.getVariable(0);
        String name = s.getNameAsString();
        List<Statement> locals = inner.subList(0, inner.size() - 1);
        for (Statement local : locals) {
            if (!(local instanceof ExpressionStmt le) || !(le.getExpression() instanceof VariableDeclarationExpr ld)
                    || ld.getVariables().size() != 1 || ld.getVariable(0).getInitializer().isEmpty()
                    || ld.getVariable(0).getType().isArrayType()) {
                return Optional.empty();
            }
        }
        Optional<Expression> step = added(inner.getLast(), new NameExpr(name));
        if (step.isEmpty() || !(body.get(2) instanceof ExpressionStmt e2) || !(e2.getExpression() instanceof AssignExpr store)
                || !(store.getTarget() instanceof ArrayAccessExpr target) || Expressions.names(step.get()).contains(name)
                || !(store.getOperator() == AssignExpr.Operator.ASSIGN || store.getOperator() == AssignExpr.Operator.PLUS)) {
            return Optional.empty();
        }
        Expression stored = store.getOperator() == AssignExpr.Operator.ASSIGN ? store.getValue()
                : new BinaryExpr(target.clone(), new EnclosedExpr(store.getValue().clone()), BinaryExpr.Operator.PLUS);
        Optional<LaneType> lanes = laneType(target);
        if (lanes.isEmpty() || !s.getType().asString().equals(lanes.get().scalar())) {
            return Optional.empty();
        }
        return roles(rows ? List.of(p, x) : List.of(x), k, target).flatMap(r -> legal(site, new Tile(
                r.get(0), r.get(1), k, reduction, List.copyOf(locals), rows ? p : x, target, s.getInitializer().get(),
                name, step.get(), stored, false, lanes.get()), false));
    }

    /** A perfect band of three loops whose innermost body is {@code W[f] += e}, f free of one loop (k). */
    private Optional<Tile> accumulated(BlockUnit unit, ScheduleSites.Site site, Loop z) {
        Loop y = z.parent().orElse(null);
        Loop x = y == null ? null : y.parent().orElse(null);
        List<Statement> body = statements(z.node().getBody());
        if (x == null || !z.children().isEmpty() || x.band().size() < 3 || x.band().get(2) != z || body.size() != 1
                || !(body.getFirst() instanceof ExpressionStmt es) || !(es.getExpression() instanceof AssignExpr a)
                || !(a.getTarget() instanceof ArrayAccessExpr target)) {
            return Optional.empty();
        }
        Optional<Expression> step = added(body.getFirst(), target);
        List<Loop> band = List.of(x, y, z);
        List<Loop> free = band.stream().filter(l -> !Expressions.names(target).contains(l.var())).toList();
        Optional<LaneType> lanes = laneType(target);
        if (step.isEmpty() || free.size() != 1 || lanes.isEmpty()) {
            return Optional.empty();
        }
        Loop k = free.getFirst();
        List<Loop> rest = band.stream().filter(l -> l != k).toList();
        String acc = unit.fresh("acc");
        return roles(rest, k, target).flatMap(r -> legal(site, new Tile(r.get(0), r.get(1), k, List.of(k), List.of(), x,
                target, target.clone(), acc, step.get(), new NameExpr(acc), true, lanes.get()), true));
    }

    /** {@code t += e} or {@code t = t + e}: e. */
    private static Optional<Expression> added(Statement s, Expression t) {
        if (!(s instanceof ExpressionStmt es) || !(es.getExpression() instanceof AssignExpr a)
                || !a.getTarget().toString().equals(t.toString())) {
            return Optional.empty();
        }
        if (a.getOperator() == AssignExpr.Operator.PLUS) {
            return Optional.of(a.getValue());
        }
        Expression v = a.getValue();
        while (v instanceof EnclosedExpr en) {
            v = en.getInner();
        }
        return a.getOperator() == AssignExpr.Operator.ASSIGN && v instanceof BinaryExpr b
                && b.getOperator() == BinaryExpr.Operator.PLUS && b.getLeft().toString().equals(t.toString())
                ? Optional.of(b.getRight()) : Optional.empty();
    }

    /**
     * [row, column]: the column is the loop the target's last subscript moves at unit stride, the row the other one
     * (null when {@code loops} holds the column alone).
     */
    private static Optional<List<Loop>> roles(List<Loop> loops, Loop k, ArrayAccessExpr target) {
        if (Expressions.names(target).contains(k.var())) {
            return Optional.empty();
        }
        List<Expression> indices = new ArrayList<>();
        Expression base = target;
        while (base instanceof ArrayAccessExpr a) {
            indices.addFirst(a.getIndex());
            base = a.getName();
        }
        for (int c = loops.size() - 1; c >= 0; c--) {
            Loop col = loops.get(c);
            Loop row = loops.size() == 2 ? loops.get(1 - c) : null;
            boolean outerFree = indices.subList(0, indices.size() - 1).stream()
                    .noneMatch(i -> Expressions.names(i).contains(col.var()));
            Optional<Poly> last = Poly.of(indices.getLast(), n -> Optional.of(Poly.name(n)));
            if (outerFree && last.isPresent() && last.get().terms().getOrDefault(col.var(), 0L) == 1L
                    && last.get().terms().keySet().stream().filter(m -> List.of(m.split("\\*")).contains(col.var())).count() == 1
                    && (row == null || Expressions.names(target).contains(row.var()))) {
                java.util.ArrayList<Loop> out = new java.util.ArrayList<>();
                out.add(row);
                out.add(col);
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    /** The lanes of the target's element type: double or float, the brackets matching the declaration. */
    private static Optional<LaneType> laneType(ArrayAccessExpr target) {
        return VectorExpressions.elementType(target, target)
                .filter(t -> t.equals("double") || t.equals("float")).flatMap(LaneType::of);
    }

    /** The legality test of the class comment; the tile when it passes. */
    private Optional<Tile> legal(ScheduleSites.Site site, Tile t, boolean accumulated) {
        List<Loop> tiled = t.row() == null ? List.of(t.col()) : List.of(t.row(), t.col());
        Set<String> vars = new HashSet<>();
        tiled.forEach(l -> vars.add(l.var()));
        t.reduction().forEach(l -> vars.add(l.var()));
        for (Loop l : accumulated ? List.of(t.row(), t.col(), t.red()) : tiled) {
            if (l.step() != 1 || !simpleBound(l.start(), vars) || !simpleBound(l.end(), vars)) {
                return Optional.empty();
            }
        }
        // the reduction loops and locals run as written, once per tile instead of once per (i, j): same values
        Set<String> fixed = new HashSet<>(Set.of(t.col().var(), t.scalar()));
        if (t.row() != null) {
            fixed.add(t.row().var());
        }
        List<Expression> perTile = new ArrayList<>();
        t.reduction().forEach(l -> perTile.addAll(List.of(l.start(), l.end())));
        t.locals().forEach(s -> perTile.add(((VariableDeclarationExpr) ((ExpressionStmt) s).getExpression())
                .getVariable(0).getInitializer().orElseThrow()));
        for (Expression e : perTile) {
            if (!sideEffectFree(e) || Expressions.names(e).stream().anyMatch(fixed::contains)
                    || e instanceof NameExpr n && fixed.contains(n.getNameAsString())) {
                return Optional.empty();
            }
        }
        if (t.row() == null && parallel && rowLoop(site, t).isEmpty()) {
            return Optional.empty();
        }
        for (Expression e : List.of(t.init(), t.step(), t.stored())) {
            if (!sideEffectFree(e)) {
                return Optional.empty();
            }
        }
        String root = rootOf(site, t.target());
        if (root == null) {
            return Optional.empty();
        }
        if (accumulated) {
            // the tile holds W's elements in registers across k: e must not read that storage
            for (Access a : site.nest().accesses()) {
                if (!a.scalar() && !a.write() && within(a.node(), t.step())
                        && aliasing.mayAlias(a.root(), root, site.nest().fresh())) {
                    return Optional.empty();
                }
            }
        }
        int top = t.top().depth();
        for (Dependence d : site.deps()) {
            int pi = t.row() == null ? -1 : d.loops().indexOf(t.row());
            int pj = d.loops().indexOf(t.col());
            if (pi < 0 && pj < 0) {
                continue;
            }
            if (pj < 0 || pi < 0 && t.row() != null) {
                return Optional.empty();
            }
            for (List<Direction> v : d.concrete()) {
                boolean outside = v.subList(0, Math.min(top, v.size())).contains(Direction.LT);
                if (!outside && (pi >= 0 && v.get(pi) != Direction.EQ || v.get(pj) != Direction.EQ)) {
                    return Optional.empty();
                }
            }
        }
        if (parallel && t.row() != null && !VectorTileKernel.captureable(site.nest().method(), t)) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /**
     * For one-row tiles in the parallel variant: the loop around the column loop (a row loop whose body holds more,
     * a peeled border beside the columns), when it carries no dependence and its body may become a lambda.
     */
    private static Optional<Loop> rowLoop(ScheduleSites.Site site, Tile t) {
        return t.col().parent().filter(p -> Dependences.carriesNone(site.deps(), p)
                && ParallelizeLoop.captureable(site.nest().method(), p));
    }

    /** A bound evaluated once up front: no band variable, array read, division or remainder in it. */
    private static boolean simpleBound(Expression e, Set<String> vars) {
        return Expressions.pureWithMath(e) && Expressions.names(e).stream().noneMatch(vars::contains)
                && !(e instanceof NameExpr n && vars.contains(n.getNameAsString()))
                && e.findAll(ArrayAccessExpr.class).isEmpty() && !(e instanceof ArrayAccessExpr)
                && e.findAll(BinaryExpr.class).stream().noneMatch(b -> b.getOperator() == BinaryExpr.Operator.DIVIDE
                || b.getOperator() == BinaryExpr.Operator.REMAINDER);
    }

    /** Reads and arithmetic only: no assignment, increment, creation or lambda, no call but {@code Math}'s. */
    private static boolean sideEffectFree(Expression e) {
        List<com.github.javaparser.ast.Node> nodes = new ArrayList<>();
        e.walk(nodes::add);
        for (com.github.javaparser.ast.Node n : nodes) {
            if (n instanceof AssignExpr || n instanceof com.github.javaparser.ast.expr.LambdaExpr
                    || n instanceof com.github.javaparser.ast.expr.ObjectCreationExpr
                    || n instanceof com.github.javaparser.ast.expr.ArrayCreationExpr
                    || n instanceof com.github.javaparser.ast.expr.UnaryExpr u
                    && u.getOperator() != com.github.javaparser.ast.expr.UnaryExpr.Operator.MINUS
                    && u.getOperator() != com.github.javaparser.ast.expr.UnaryExpr.Operator.PLUS
                    || n instanceof com.github.javaparser.ast.expr.MethodCallExpr call && !Expressions.isMathCall(call)) {
                return false;
            }
        }
        return true;
    }

    /** The storage the model gives the target's write. */
    private static String rootOf(ScheduleSites.Site site, ArrayAccessExpr target) {
        for (Access a : site.nest().accesses()) {
            if (a.write() && a.node() == target) {
                return a.root();
            }
        }
        return null;
    }

    private static boolean within(com.github.javaparser.ast.Node n, com.github.javaparser.ast.Node ancestor) {
        for (com.github.javaparser.ast.Node p = n; p != null; p = p.getParentNode().orElse(null)) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** A body's statements, through blocks that only wrap one block ({@code { { ... } }}, as peeling leaves them). */
    private static List<Statement> statements(Statement body) {
        Statement at = body;
        while (at instanceof BlockStmt b && b.getStatements().size() == 1 && b.getStatement(0) instanceof BlockStmt inner) {
            at = inner;
        }
        return at instanceof BlockStmt b ? b.getStatements() : List.of(at);
    }
}
