package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ArrayType;
import dev.evolve.engine.mutate.loops.Access;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Dependence;
import dev.evolve.engine.mutate.loops.Dependence.Direction;
import dev.evolve.engine.mutate.loops.Loop;
import dev.evolve.engine.mutate.loops.Poly;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A general vectorizer on the loop-nest model: every innermost unit-step loop of a modelled nest whose body is
 * element-wise (stores and reads of {@code x[f + i]}, locals, invariant scalars broadcast) or reduces into scalars
 * ({@code s += E}, {@code s = Math.max(s, E)}, min) becomes a Vector API loop over {@code SPECIES.loopBound} lanes,
 * followed by the original loop as the scalar tail. double, float, int and long lanes; {@code jdk.incubator.vector}
 * types are named in full when the file does not import them.
 *
 * <p>Legality comes from {@link dev.evolve.engine.mutate.loops.Dependences}: the vector loop runs each statement for
 * a chunk of lanes before the next statement, reads before the write inside a statement. A dependence carried by
 * the loop is kept when its source runs first in that order anyway (a forward dependence, any distance); a backward
 * one only when its exact distance is at least {@value #SAFE_DISTANCE} iterations (more than any chunk's lanes).
 * Every array access in the loop must be affine, one bracket, at unit stride or invariant (an invariant element
 * written in the loop is scalar replacement's work first); every scalar written must be a body local or a
 * reduction target read nowhere else. Possible aliasing is already '*' in the dependences, so it refuses.
 * Reductions are privatized in vector accumulators and summed once after the loop: float sums are reassociated,
 * as the other reduction rewrites do (within the targets' tolerances).
 *
 * <p>Knob: how many vectors one iteration handles (1, 2, 4): U independent accumulators per reduction, so a
 * reduction is not bound by the latency of one add chain; then a one-vector loop and the scalar tail.
 */
final class VectorizeLoop extends DependenceRewrite {

    /** Lanes of the widest chunk: 4 vectors of 16 ints on 512-bit vectors. */
    static final int SAFE_DISTANCE = 64;

    VectorizeLoop(Aliasing aliasing) {
        super("vectorize", "Vector API loop for any innermost unit-stride loop the dependence test allows; knob = vectors per iteration",
                List.of(1, 2, 4), aliasing);
    }

    /** A reduction of the loop into scalar {@code target}: kind sum, max or min, E the value folded in. */
    private record Fold(Statement stmt, String target, String kind, Expression value, String type) {
    }

    /** A loop ready to vectorize: its translated copies, reductions and the code to insert. */
    private record Plan(Loop loop, Loops.Counted counted, LaneCode code, List<List<String>> copies, List<Fold> folds,
                        List<List<String>> accumulators) {
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        List<Plan> plans = new ArrayList<>();
        for (ScheduleSites.Site site : ScheduleSites.of(unit, aliasing)) {
            for (Loop l : site.nest().loops()) {
                if (l.children().isEmpty()) {
                    plan(unit, site, l, knob).ifPresent(plans::add);
                }
            }
        }
        plans.forEach(p -> apply(unit, p, knob));
        return !plans.isEmpty();
    }

    private Optional<Plan> plan(BlockUnit unit, ScheduleSites.Site site, Loop l, int unroll) {
        Optional<Loops.Counted> counted = Loops.counted(l.node());
        if (counted.isEmpty() || !counted.get().unitStep() || l.step() != 1 || !Expressions.pure(counted.get().start())
                || !Expressions.pure(counted.get().end()) || isTail(counted.get())) {
            return Optional.empty();
        }
        List<Statement> body = l.node().getBody() instanceof BlockStmt b ? b.getStatements() : List.of(l.node().getBody());
        if (body.isEmpty() || body.stream().anyMatch(s -> !(s instanceof ExpressionStmt))) {
            return Optional.empty();
        }
        Set<String> bodyLocals = new HashSet<>();
        l.node().getBody().findAll(VariableDeclarator.class).forEach(d -> bodyLocals.add(d.getNameAsString()));
        List<Fold> folds = new ArrayList<>();
        for (Statement s : body) {
            fold(s, l, body, bodyLocals).ifPresent(folds::add);
        }
        Optional<LaneType> lanes = laneType(site, l);
        if (lanes.isEmpty() || !legal(site, l, body, folds, bodyLocals, lanes.get())) {
            return Optional.empty();
        }
        String species = unit.species(lanes.get().boxed(), lanes.get().vector());
        LaneCode first = new LaneCode(unit, l.node(), l.var(), lanes.get(), species, bodyLocals, new LinkedHashMap<>(), 0);
        List<List<String>> copies = new ArrayList<>();
        List<List<String>> accumulators = new ArrayList<>();
        folds.forEach(f -> accumulators.add(new ArrayList<>()));
        for (int u = 0; u < unroll; u++) {
            LaneCode code = first.copy(u);
            List<String> out = new ArrayList<>();
            for (Statement s : body) {
                Optional<String> v = translate(unit, code, s, folds, accumulators);
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                out.add(v.get());
            }
            copies.add(out);
        }
        return Optional.of(new Plan(l, counted.get(), first, copies, folds, accumulators));
    }

    /** The scalar tail of a vector loop (it starts at a bound computed with {@code loopBound}): fewer than a vector. */
    private static boolean isTail(Loops.Counted loop) {
        return loop.start() instanceof NameExpr start && Expressions.declaredType(start.getNameAsString(), loop.loop()).isPresent()
                && loop.loop().findAncestor(com.github.javaparser.ast.body.MethodDeclaration.class).stream()
                .flatMap(m -> m.findAll(VariableDeclarator.class).stream())
                .anyMatch(d -> d.getNameAsString().equals(start.getNameAsString())
                        && d.getInitializer().map(i -> i.toString().contains("loopBound")).orElse(false));
    }

    private static Optional<String> translate(BlockUnit unit, LaneCode code, Statement s, List<Fold> folds,
                                              List<List<String>> accumulators) {
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            if (fold.stmt() == s) {
                String acc = unit.fresh(fold.target() + "Acc");
                accumulators.get(f).add(acc);
                return step(code, fold, acc).map(x -> acc + " = " + x + ";");
            }
        }
        Expression e = ((ExpressionStmt) s).getExpression();
        if (e instanceof VariableDeclarationExpr d) {
            return code.local(d);
        }
        return e instanceof AssignExpr a ? code.store(a) : Optional.empty();
    }

    private static Optional<String> step(LaneCode code, Fold fold, String acc) {
        Expression value = fold.value();
        while (value instanceof EnclosedExpr en) {
            value = en.getInner();
        }
        if (fold.kind().equals("sum") && code.lanes.floating() && value instanceof BinaryExpr m
                && m.getOperator() == BinaryExpr.Operator.MULTIPLY) {
            Optional<String> x = code.vector(m.getLeft());
            Optional<String> y = x.isEmpty() ? Optional.empty() : code.vector(m.getRight());
            return y.map(yy -> x.get() + ".fma(" + yy + ", " + acc + ")");
        }
        String op = fold.kind().equals("sum") ? "add" : fold.kind();
        return code.vector(fold.value()).map(v -> acc + "." + op + "(" + v + ")");
    }

    /** The lane type: the element type of every array the loop reads or writes at a moving index. */
    private static Optional<LaneType> laneType(ScheduleSites.Site site, Loop l) {
        Set<String> types = new HashSet<>();
        for (Access a : site.nest().accesses()) {
            if (!a.scalar() && a.loops().contains(l) && a.subscripts().size() == 1 && a.subscripts().getFirst()
                    .map(p -> p.mentions(l.var())).orElse(true)) {
                Expression array = ((com.github.javaparser.ast.expr.ArrayAccessExpr) a.node()).getName();
                types.add(Expressions.declaredType(array.toString(), l.node())
                        .filter(t -> t instanceof ArrayType at && at.getArrayLevel() == 1)
                        .map(t -> ((ArrayType) t).getComponentType().asString()).orElse("?"));
            }
        }
        return types.size() == 1 ? LaneType.of(types.iterator().next()) : Optional.empty();
    }

    /** The legality test: accesses at unit stride or invariant, scalars private or folded, dependences kept. */
    private static boolean legal(ScheduleSites.Site site, Loop l, List<Statement> body, List<Fold> folds,
                                 Set<String> bodyLocals, LaneType lanes) {
        Set<String> folded = new HashSet<>();
        folds.forEach(f -> folded.add(f.target()));
        if (folds.stream().anyMatch(f -> !f.type().equals(lanes.scalar()))) {
            return false;                              // a sum kept in other precision than the lanes'
        }
        for (Access a : site.nest().accesses()) {
            if (!a.loops().contains(l)) {
                continue;
            }
            if (a.scalar()) {
                if (a.write() && !bodyLocals.contains(a.root()) && !folded.contains(a.root())) {
                    return false;
                }
                continue;
            }
            if (!a.affine() || a.subscripts().size() != 1) {
                return false;
            }
            Poly p = a.subscripts().getFirst().get();
            boolean moves = p.mentions(l.var());
            if (moves && (p.terms().getOrDefault(l.var(), 0L) != 1L
                    || p.terms().keySet().stream().filter(m -> List.of(m.split("\\*")).contains(l.var())).count() != 1)) {
                return false;                          // a strided or non-linear index
            }
            if (!moves && a.write()) {
                return false;                          // one element written by every iteration
            }
        }
        for (Dependence d : site.deps()) {
            int at = d.loops().indexOf(l);
            if (at < 0 || d.source().scalar() || d.sink().scalar()) {
                continue;
            }
            for (List<Direction> v : d.concrete()) {
                boolean carried = v.subList(0, at).stream().allMatch(x -> x == Direction.EQ) && v.get(at) == Direction.LT;
                long distance = distance(d, l);
                if (carried && distance != 0 && distance < SAFE_DISTANCE && rank(d.source(), body) >= rank(d.sink(), body)) {
                    return false;
                }
            }
        }
        return lanes != null;
    }

    /** Where an access runs in the vector loop: statement by statement, a statement's reads before its write. */
    private static int rank(Access a, List<Statement> body) {
        for (int s = 0; s < body.size(); s++) {
            for (Node n = a.node(); n != null; n = n.getParentNode().orElse(null)) {
                if (n == body.get(s)) {
                    return 2 * s + (a.write() ? 1 : 0);
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * The exact distance in iterations of a dependence between two unit-stride accesses of one array (0: the same
     * iteration only, so nothing is carried), else -1 (unknown).
     */
    private static long distance(Dependence d, Loop l) {
        Optional<Poly> ps = d.source().subscripts().getFirst();
        Optional<Poly> pt = d.sink().subscripts().getFirst();
        if (ps.isEmpty() || pt.isEmpty() || !d.source().root().equals(d.sink().root())) {
            return -1;
        }
        Poly diff = ps.get().minus(pt.get());
        return diff.isConstant() && ps.get().mentions(l.var()) ? Math.abs(diff.constantTerm()) : -1;
    }

    /**
     * A reduction statement: {@code s += E}, {@code s = s + E}, {@code s = E + s}, {@code s = Math.max(s, E)} or
     * min (either order), s a scalar declared outside the loop that E and the other statements do not read.
     */
    private static Optional<Fold> fold(Statement s, Loop l, List<Statement> body, Set<String> bodyLocals) {
        if (!(s instanceof ExpressionStmt es) || !(es.getExpression() instanceof AssignExpr a)
                || !(a.getTarget() instanceof NameExpr t) || bodyLocals.contains(t.getNameAsString())) {
            return Optional.empty();
        }
        String target = t.getNameAsString();
        Expression rhs = a.getValue();
        while (rhs instanceof EnclosedExpr en) {
            rhs = en.getInner();
        }
        String kind = null;
        Expression value = null;
        if (a.getOperator() == AssignExpr.Operator.PLUS) {
            kind = "sum";
            value = a.getValue();
        } else if (a.getOperator() == AssignExpr.Operator.ASSIGN && rhs instanceof BinaryExpr b
                && b.getOperator() == BinaryExpr.Operator.PLUS) {
            kind = "sum";
            value = Expressions.isName(b.getLeft(), target) ? b.getRight()
                    : Expressions.isName(b.getRight(), target) ? b.getLeft() : null;
        } else if (a.getOperator() == AssignExpr.Operator.ASSIGN && rhs instanceof MethodCallExpr call
                && Expressions.isMathCall(call) && call.getArguments().size() == 2
                && (call.getNameAsString().equals("max") || call.getNameAsString().equals("min"))) {
            kind = call.getNameAsString();
            value = Expressions.isName(call.getArgument(0), target) ? call.getArgument(1)
                    : Expressions.isName(call.getArgument(1), target) ? call.getArgument(0) : null;
        }
        if (kind == null || value == null || !Expressions.pureWithMath(value) || Expressions.names(value).contains(target)) {
            return Optional.empty();
        }
        for (Statement other : body) {
            if (other != s && Expressions.names(other).contains(target)) {
                return Optional.empty();
            }
        }
        String type = Expressions.declaredType(target, l.node()).map(Object::toString).orElse("?");
        return LaneType.of(type).isPresent() ? Optional.of(new Fold(s, target, kind, value, type)) : Optional.empty();
    }

    private static void apply(BlockUnit unit, Plan p, int unroll) {
        LaneCode code = p.code();
        String var = p.counted().var();
        String species = code.species;
        String vt = code.vectorType;
        String start = ScheduleSites.paren(p.counted().start());
        String end = ScheduleSites.paren(p.counted().end());
        String length = unit.fresh(var + "Count");
        String vec = unit.fresh(var + "Vec");
        List<Statement> before = new ArrayList<>();
        List<Statement> vector = new ArrayList<>();
        code.broadcasts.forEach((expr, name) ->
                // converted as Java's numeric promotion would: broadcast(long) throws on a long the lanes cannot hold
                vector.add(unit.stmt(vt + " " + name + " = " + vt + ".broadcast(" + species + ", ("
                        + code.lanes.scalar() + ") (" + expr + "));")));
        // the trip count, never negative: a loop that runs no iteration has no vector part and an empty tail
        boolean fromZero = start.equals("0");
        String offset = fromZero ? "" : start + " + ";
        before.add(unit.stmt("int " + length + " = Math.max(0, " + end + (fromZero ? "" : " - " + start) + ");"));
        before.add(unit.stmt("int " + vec + " = " + offset + species + ".loopBound(" + length + ");"));
        for (int f = 0; f < p.folds().size(); f++) {
            String identity = code.lanes.identity(vt, species, p.folds().get(f).kind());
            for (String acc : p.accumulators().get(f)) {
                vector.add(unit.stmt(vt + " " + acc + " = " + identity + ";"));
            }
        }
        String from = start;
        if (unroll > 1) {
            String wide = unit.fresh(var + "Wide");
            String chunk = "(" + unroll + " * " + species + ".length())";
            vector.add(unit.stmt("int " + wide + " = " + offset + length + " / " + chunk + " * " + chunk + ";"));
            List<String> all = new ArrayList<>();
            p.copies().forEach(all::addAll);
            vector.add(unit.stmt("for (int " + var + " = " + start + "; " + var + " < " + wide + "; " + var + " += "
                    + chunk + ") {" + String.join("\n", all) + "}"));
            from = wide;
        }
        // one vector at a time up to the loop bound: copy 0's statements, its accumulators
        vector.add(unit.stmt("for (int " + var + " = " + from + "; " + var + " < " + vec + "; " + var + " += "
                + species + ".length()) {" + String.join("\n", p.copies().getFirst()) + "}"));
        String operators = unit.vectorApi("VectorOperators");
        for (int f = 0; f < p.folds().size(); f++) {
            Fold fold = p.folds().get(f);
            List<String> accs = p.accumulators().get(f);
            String op = fold.kind().equals("sum") ? "add" : fold.kind();
            String combined = accs.getFirst();
            for (String acc : accs.subList(1, accs.size())) {
                combined = combined + "." + op + "(" + acc + ")";
            }
            String lanes = combined + ".reduceLanes(" + operators + "." + (fold.kind().equals("sum") ? "ADD"
                    : fold.kind().toUpperCase()) + ")";
            vector.add(unit.stmt(fold.kind().equals("sum") ? fold.target() + " += " + lanes + ";"
                    : fold.target() + " = Math." + fold.kind() + "(" + fold.target() + ", " + lanes + ");"));
        }
        // only when a whole vector runs: the broadcasts then read nothing the scalar loop would not have read
        BlockStmt guarded = new BlockStmt();
        vector.forEach(guarded::addStatement);
        before.add(new com.github.javaparser.ast.stmt.IfStmt(unit.expr(vec + " > " + start), guarded, null));
        Loops.insertBefore(p.loop().node(), before);
        VariableDeclarationExpr init = (VariableDeclarationExpr) p.loop().node().getInitialization().get(0);
        init.getVariable(0).setInitializer(new NameExpr(vec));
    }
}
