package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Vector API inner loops: an innermost unit-step loop whose body stores into {@code double[]} elements
 * at unit stride ({@code c[ci + j] += aik * b[bk + j]}) becomes a {@code DoubleVector} loop ({@code FloatVector}
 * when the loop's arrays are {@code float[]}) up to
 * {@code SPECIES.loopBound}, with {@code fma} for multiply-adds and invariant scalars broadcast once
 * before the loop, followed by the original loop as the scalar tail. A scalar sum ({@code s += a[..k] * bT[..k]},
 * the dot-product form after {@code transpose}) becomes lane-wise partial sums reduced once after the loop.
 * Bodies may also mix stores, locals ({@code double t = E;} becomes a vector local) and reductions into
 * scalars declared before the loop ({@code s += E}, {@code s = Math.max(s, E)}, {@code s = Math.min(s, E)}),
 * each reduced once after the loop; {@code Math.exp}, {@code log}, {@code sqrt}, {@code abs}, {@code max},
 * {@code min} and {@code fma} become lane-wise operations, and indices may be offset ({@code in[iN + j - 1]}).
 * The species is a {@code static final} field added to the block. Every eligible loop is vectorized.
 */
final class VectorizeInnerLoop extends AstRewrite {

    VectorizeInnerLoop() {
        super("vectorize-fma", "Vector API inner loop with fma, broadcasts hoisted, and a scalar tail loop",
                List.of(0));
    }

    /** The element type a loop computes in: its scalar, boxed and vector type names. */
    record Lanes(String scalar, String boxed, String vector) {
        static final Lanes DOUBLE = new Lanes("double", "Double", "DoubleVector");
        static final Lanes FLOAT = new Lanes("float", "Float", "FloatVector");
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        if (!unit.imports("jdk.incubator.vector.VectorSpecies")) {
            return false;
        }
        boolean changed = false;
        for (ForStmt loop : unit.members().findAll(ForStmt.class)) {
            Optional<Loops.Counted> counted = Loops.counted(loop);
            if (counted.isEmpty() || !counted.get().unitStep() || !loop.getBody().findAll(ForStmt.class).isEmpty()
                    || isTailOfVectorLoop(loop)) {
                continue;
            }
            if (vectorize(unit, counted.get())) {
                changed = true;
            }
        }
        return changed;
    }

    /** A loop right after a loop stepping by a species length is the scalar tail of a vector loop. */
    private static boolean isTailOfVectorLoop(ForStmt loop) {
        if (!(loop.getParentNode().orElse(null) instanceof BlockStmt block)) {
            return false;
        }
        int at = block.getStatements().indexOf(loop);
        boolean afterVectorLoop = at > 0 && block.getStatement(at - 1) instanceof ForStmt previous
                && previous.getUpdate().stream().anyMatch(u -> !u.findAll(MethodCallExpr.class).isEmpty()
                || u.toString().contains("length"));
        // or it starts where a vector loop stopped: at a bound computed with loopBound
        boolean startsAtVectorBound = Loops.counted(loop)
                .filter(c -> c.start() instanceof NameExpr)
                .flatMap(c -> Loops.ancestor(loop, MethodDeclaration.class)
                        .flatMap(m -> m.findAll(VariableDeclarator.class).stream()
                                .filter(d -> d.getNameAsString().equals(c.start().toString())).findFirst()))
                .flatMap(VariableDeclarator::getInitializer)
                .map(init -> init.toString().contains("loopBound"))
                .orElse(false);
        return afterVectorLoop || startsAtVectorBound;
    }

    static String baseName(Expression e) {
        if (e instanceof NameExpr n) {
            return n.getNameAsString();
        }
        if (e instanceof DoubleLiteralExpr || e instanceof IntegerLiteralExpr) {
            String v = e.toString();
            return v.equals("0.0") || v.equals("0") ? "zero" : "k";
        }
        return "s";
    }

    /** DOUBLE or FLOAT when every array the loop reads or writes has that element type (DOUBLE with none). */
    private static Optional<Lanes> lanes(Loops.Counted loop) {
        java.util.Set<String> types = new java.util.HashSet<>();
        for (ArrayAccessExpr a : loop.loop().getBody().findAll(ArrayAccessExpr.class)) {
            types.add(Expressions.declaredType(Expressions.arrayName(a), loop.loop())
                    .filter(ty -> ty instanceof com.github.javaparser.ast.type.ArrayType at && at.getArrayLevel() == 1)
                    .map(ty -> ((com.github.javaparser.ast.type.ArrayType) ty).getElementType().asString())
                    .orElse("?"));
        }
        if (types.isEmpty() || types.equals(java.util.Set.of("double"))) {
            return Optional.of(Lanes.DOUBLE);
        }
        return types.equals(java.util.Set.of("float")) ? Optional.of(Lanes.FLOAT) : Optional.empty();
    }

    private static boolean vectorize(BlockUnit unit, Loops.Counted loop) {
        List<Statement> body = loop.loop().getBody() instanceof BlockStmt b
                ? b.getStatements() : List.of(loop.loop().getBody());
        Optional<Lanes> lanes = lanes(loop);
        if (body.isEmpty() || lanes.isEmpty() || !unit.imports("jdk.incubator.vector." + lanes.get().vector())) {
            return false;
        }
        String species = unit.species(lanes.get().boxed(), lanes.get().vector());
        VectorTranslation t = new VectorTranslation(unit, loop, species, lanes.get());
        if (body.size() == 1 && reduction(body.get(0), loop, t.lanes).isPresent()) {
            return vectorizeReduction(unit, t, reduction(body.get(0), loop, t.lanes).get());
        }
        List<String> vectorStatements = new ArrayList<>();
        List<Reduction> reductions = new ArrayList<>();
        for (Statement s : body) {
            Optional<Reduction> r = generalReduction(s, loop, body, t.lanes);
            if (r.isPresent()) {
                if (!unit.imports("jdk.incubator.vector.VectorOperators")) {
                    return false;
                }
                String acc = unit.fresh(r.get().target() + "Lanes");
                Optional<String> step = r.get().kind().step(t, acc, r.get().value());
                if (step.isEmpty()) {
                    return false;
                }
                vectorStatements.add(acc + " = " + step.get() + ";");
                reductions.add(new Reduction(r.get().target(), r.get().kind(), r.get().value(), acc));
                continue;
            }
            Optional<String> v = t.local(s).or(() -> t.statement(s));
            if (v.isEmpty()) {
                return false;
            }
            vectorStatements.add(v.get());
        }
        List<Statement> before = prologue(unit, t);
        for (Reduction r : reductions) {
            before.add(unit.stmt(t.lanes.vector() + " " + r.acc() + " = " + r.kind().identity(species, t.lanes) + ";"));
        }
        before.add(unit.stmt("for (int " + loop.var() + " = " + loop.start() + "; " + loop.var() + " < "
                + t.bound + "; " + loop.var() + " += " + species + ".length()) {" + String.join("\n", vectorStatements) + "}"));
        for (Reduction r : reductions) {
            before.add(unit.stmt(r.kind().combine(r.target(), r.acc())));
        }
        Loops.insertBefore(loop.loop(), before);
        startTailAtBound(t);
        return true;
    }

    /** A scalar sum over the loop, {@code s += E} with a local double {@code s} that E does not read. */
    private static Optional<AssignExpr> reduction(Statement s, Loops.Counted loop, Lanes lanes) {
        if (s instanceof ExpressionStmt es && es.getExpression() instanceof AssignExpr a
                && a.getOperator() == AssignExpr.Operator.PLUS && a.getTarget() instanceof NameExpr target
                && Expressions.pure(a.getValue()) && !Expressions.names(a.getValue()).contains(target.getNameAsString())
                && Expressions.declaredType(target.getNameAsString(), loop.loop()).map(ty -> ty.asString().equals(lanes.scalar())).orElse(false)) {
            return Optional.of(a);
        }
        return Optional.empty();
    }

    /** How a reduction combines lanes: its identity, its lane-wise step, and the final combination into the scalar. */
    private enum Kind {
        SUM, MAX, MIN;

        String identity(String species, Lanes lanes) {
            return switch (this) {
                case SUM -> lanes.vector() + ".zero(" + species + ")";
                case MAX -> lanes.vector() + ".broadcast(" + species + ", " + lanes.boxed() + ".NEGATIVE_INFINITY)";
                case MIN -> lanes.vector() + ".broadcast(" + species + ", " + lanes.boxed() + ".POSITIVE_INFINITY)";
            };
        }

        Optional<String> step(VectorTranslation t, String acc, Expression value) {
            Optional<BinaryExpr> m = VectorExpressions.product(value);
            if (this == SUM && m.isPresent()) {
                Optional<String> x = t.vector(m.get().getLeft());
                Optional<String> y = t.vector(m.get().getRight());
                return x.isPresent() && y.isPresent() ? Optional.of(VectorExpressions.fma(x.get(), y.get(), acc)) : Optional.empty();
            }
            String op = switch (this) {
                case SUM -> "add";
                case MAX -> "max";
                case MIN -> "min";
            };
            return t.vector(value).map(v -> acc + "." + op + "(" + v + ")");
        }

        String combine(String target, String acc) {
            return switch (this) {
                case SUM -> target + " += " + acc + ".reduceLanes(VectorOperators.ADD);";
                case MAX -> target + " = Math.max(" + target + ", " + acc + ".reduceLanes(VectorOperators.MAX));";
                case MIN -> target + " = Math.min(" + target + ", " + acc + ".reduceLanes(VectorOperators.MIN));";
            };
        }
    }

    /** A reduction of the loop into a scalar declared before it; {@code acc} is its vector accumulator once named. */
    private record Reduction(String target, Kind kind, Expression value, String acc) {
    }

    /**
     * {@code s += E}, {@code s = s + E}, {@code s = Math.max(s, E)} (either order) or {@code Math.min}, with s a double
     * declared outside the loop that no other statement of the body reads, and E free of s.
     */
    private static Optional<Reduction> generalReduction(Statement s, Loops.Counted loop, List<Statement> body, Lanes lanes) {
        if (!(s instanceof ExpressionStmt es) || !(es.getExpression() instanceof AssignExpr a)
                || !(a.getTarget() instanceof NameExpr targetName)) {
            return Optional.empty();
        }
        String target = targetName.getNameAsString();
        Kind kind = null;
        Expression value = null;
        Expression rhs = a.getValue();
        while (rhs instanceof EnclosedExpr en) {
            rhs = en.getInner();
        }
        if (a.getOperator() == AssignExpr.Operator.PLUS) {
            kind = Kind.SUM;
            value = a.getValue();
        } else if (a.getOperator() == AssignExpr.Operator.ASSIGN && rhs instanceof BinaryExpr b
                && b.getOperator() == BinaryExpr.Operator.PLUS && Expressions.isName(b.getLeft(), target)) {
            kind = Kind.SUM;
            value = b.getRight();
        } else if (a.getOperator() == AssignExpr.Operator.ASSIGN && rhs instanceof MethodCallExpr call
                && Expressions.isMathCall(call) && call.getArguments().size() == 2
                && (call.getNameAsString().equals("max") || call.getNameAsString().equals("min"))) {
            kind = call.getNameAsString().equals("max") ? Kind.MAX : Kind.MIN;
            if (Expressions.isName(call.getArgument(0), target)) {
                value = call.getArgument(1);
            } else if (Expressions.isName(call.getArgument(1), target)) {
                value = call.getArgument(0);
            }
        }
        if (kind == null || value == null || !Expressions.pureWithMath(value) || Expressions.names(value).contains(target)
                || loop.loop().getBody().findAll(VariableDeclarator.class).stream().anyMatch(d -> d.getNameAsString().equals(target))
                || !Expressions.declaredType(target, loop.loop()).map(ty -> ty.asString().equals(lanes.scalar())).orElse(false)) {
            return Optional.empty();
        }
        for (Statement other : body) {
            if (other != s && Expressions.names(other).contains(target)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Reduction(target, kind, value, null));
    }

    /**
     * {@code for k { s += p * q; }} becomes vector partial sums {@code acc = fma(p, q, acc)} up to the loop bound,
     * {@code s += acc.reduceLanes(ADD)}, then the scalar tail. The summation order changes (lane-wise partial sums).
     */
    private static boolean vectorizeReduction(BlockUnit unit, VectorTranslation t, AssignExpr update) {
        if (!unit.imports("jdk.incubator.vector.VectorOperators")) {
            return false;
        }
        String sum = update.getTarget().toString();
        String acc = unit.fresh(sum + "Lanes");
        Expression value = update.getValue();
        Optional<BinaryExpr> m = VectorExpressions.product(value);
        Optional<String> step;
        if (m.isPresent()) {
            Optional<String> x = t.vector(m.get().getLeft());
            Optional<String> y = t.vector(m.get().getRight());
            step = x.isPresent() && y.isPresent() ? Optional.of(VectorExpressions.fma(x.get(), y.get(), acc)) : Optional.empty();
        } else {
            step = t.vector(value).map(v -> acc + ".add(" + v + ")");
        }
        if (step.isEmpty()) {
            return false;
        }
        Loops.Counted loop = t.loop;
        List<Statement> before = prologue(unit, t);
        before.add(unit.stmt(t.lanes.vector() + " " + acc + " = " + t.lanes.vector() + ".zero(" + t.species + ");"));
        before.add(unit.stmt("for (int " + loop.var() + " = " + loop.start() + "; " + loop.var() + " < " + t.bound + "; "
                + loop.var() + " += " + t.species + ".length()) { " + acc + " = " + step.get() + "; }"));
        before.add(unit.stmt(sum + " += " + acc + ".reduceLanes(VectorOperators.ADD);"));
        Loops.insertBefore(loop.loop(), before);
        startTailAtBound(t);
        return true;
    }

    /** Hoisted broadcasts and the vector loop's bound, declared before the loop. */
    private static List<Statement> prologue(BlockUnit unit, VectorTranslation t) {
        Loops.Counted loop = t.loop;
        String var = loop.var();
        String bound = unit.fresh(var + "Vec");
        t.bound = bound;
        String species = t.species;
        String start = loop.start().toString();
        String end = loop.end() instanceof NameExpr ? loop.end().toString() : "(" + loop.end() + ")";
        boolean zeroStart = loop.start() instanceof IntegerLiteralExpr l && l.getValue().equals("0");
        String boundInit = zeroStart ? species + ".loopBound(" + end + ")"
                : "(" + start + ") + " + species + ".loopBound(" + end + " - (" + start + "))";
        List<Statement> before = new ArrayList<>();
        t.broadcasts.forEach((expr, name) ->
                before.add(unit.stmt(t.lanes.vector() + " " + name + " = " + t.lanes.vector() + ".broadcast(" + species + ", " + expr + ");")));
        before.add(unit.stmt("int " + bound + " = " + boundInit + ";"));
        return before;
    }

    /** Whether the named variable is a one-dimensional array of the lanes' scalar type. */
    static boolean isArrayOf(String name, com.github.javaparser.ast.Node context, Lanes lanes) {
        return Expressions.declaredType(name, context)
                .filter(ty -> ty instanceof com.github.javaparser.ast.type.ArrayType at && at.getArrayLevel() == 1
                        && at.getElementType().asString().equals(lanes.scalar()))
                .isPresent();
    }

    /** The original loop stays as the scalar tail, starting where the vector loop stopped. */
    private static void startTailAtBound(VectorTranslation t) {
        VariableDeclarationExpr init = (VariableDeclarationExpr) t.loop.loop().getInitialization().get(0);
        init.getVariable(0).setInitializer(new NameExpr(t.bound));
    }
}
