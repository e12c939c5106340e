package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The translation of one loop body for {@link VectorizeInnerLoop}: scalar expressions become
 * vector expressions of the loop's lanes; invariant scalars become broadcasts, collected as the
 * translation goes, and body locals become vector locals.
 */
final class VectorTranslation {

    final BlockUnit unit;
    final Loops.Counted loop;
    final String species;
    final Map<String, String> broadcasts = new LinkedHashMap<>();
    /** Locals of the body that became vector locals, by scalar name. */
    final Map<String, String> locals = new LinkedHashMap<>();
    String bound;

    final VectorizeInnerLoop.Lanes lanes;

    VectorTranslation(BlockUnit unit, Loops.Counted loop, String species, VectorizeInnerLoop.Lanes lanes) {
        this.unit = unit;
        this.loop = loop;
        this.species = species;
        this.lanes = lanes;
    }

    Optional<String> vector(Expression e) {
        if (e instanceof EnclosedExpr en) {
            return vector(en.getInner());
        }
        if (e instanceof NameExpr n && locals.containsKey(n.getNameAsString())) {
            return Optional.of(locals.get(n.getNameAsString()));
        }
        if (!Expressions.names(e).contains(loop.var()) && Loops.invariantWithMathIn(e, loop.loop())) {
            String key = e.toString();
            String name = broadcasts.computeIfAbsent(key, k -> unit.fresh(VectorizeInnerLoop.baseName(e) + "V"));
            return Optional.of(name);
        }
        if (e instanceof ArrayAccessExpr a) {
            String array = Expressions.arrayName(a);
            if (!unitStride(a.getIndex()) || !VectorizeInnerLoop.isArrayOf(array, loop.loop(), lanes)) {
                return Optional.empty();
            }
            return Optional.of(VectorExpressions.load(lanes.vector(), species, array, a.getIndex().toString()));
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS) {
            return vector(u.getExpression()).map(x -> x + ".neg()");
        }
        if (e instanceof MethodCallExpr call && Expressions.isMathCall(call)) {
            return mathCall(call);
        }
        if (e instanceof BinaryExpr b) {
            if (b.getOperator() == BinaryExpr.Operator.PLUS) {
                Optional<String> fma = fma(b.getLeft(), b.getRight()).or(() -> fma(b.getRight(), b.getLeft()));
                if (fma.isPresent()) {
                    return fma;
                }
            }
            String op = VectorExpressions.method(b.getOperator());
            if (op == null) {
                return Optional.empty();
            }
            Optional<String> l = vector(b.getLeft());
            Optional<String> r = vector(b.getRight());
            return l.isPresent() && r.isPresent() ? Optional.of(l.get() + "." + op + "(" + r.get() + ")") : Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code p * q + addend} as one fused multiply-add. */
    Optional<String> fma(Expression product, Expression addend) {
        Optional<BinaryExpr> m = VectorExpressions.product(product);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> x = vector(m.get().getLeft());
        Optional<String> y = vector(m.get().getRight());
        Optional<String> z = vector(addend);
        return x.isPresent() && y.isPresent() && z.isPresent()
                ? Optional.of(VectorExpressions.fma(x.get(), y.get(), z.get())) : Optional.empty();
    }

    /** {@code Math.f(..)} as the lane-wise operation; EXP and LOG need VectorOperators imported. */
    Optional<String> mathCall(MethodCallExpr call) {
        String operators = unit.imports("jdk.incubator.vector.VectorOperators") ? "VectorOperators" : null;
        return VectorExpressions.all(call.getArguments().stream().map(this::vector).toList())
                .flatMap(a -> VectorExpressions.mathCall(call.getNameAsString(), a, true, operators));
    }

    /** The index is {@code var} plus or minus terms that do not mention it. */
    boolean unitStride(Expression index) {
        List<Expressions.SignedTerm> terms = Expressions.signedTerms(index);
        long hits = terms.stream().filter(t -> !t.negative() && Expressions.isName(t.term(), loop.var())).count();
        return hits == 1 && terms.stream().filter(t -> t.negative() || !Expressions.isName(t.term(), loop.var()))
                .noneMatch(t -> Expressions.names(t.term()).contains(loop.var()));
    }

    /** {@code double t = E;} as a vector local {@code DoubleVector tV = ...;}, remembered for later uses of t. */
    Optional<String> local(Statement s) {
        if (!(s instanceof ExpressionStmt es) || !(es.getExpression() instanceof VariableDeclarationExpr d)
                || d.getVariables().size() != 1 || !d.getVariable(0).getType().asString().equals(lanes.scalar())) {
            return Optional.empty();
        }
        VariableDeclarator v = d.getVariable(0);
        String name = v.getNameAsString();
        boolean reassigned = loop.loop().getBody().findAll(AssignExpr.class).stream()
                .anyMatch(a -> Expressions.isName(a.getTarget(), name));
        if (v.getInitializer().isEmpty() || reassigned || !Expressions.pureWithMath(v.getInitializer().get())) {
            return Optional.empty();
        }
        return vector(v.getInitializer().get()).map(value -> VectorExpressions.declareLocal(unit, locals, lanes.vector(), name, value));
    }

    Optional<String> statement(Statement s) {
        if (!(s instanceof ExpressionStmt es) || !(es.getExpression() instanceof AssignExpr a)
                || !(a.getTarget() instanceof ArrayAccessExpr target)) {
            return Optional.empty();
        }
        String array = Expressions.arrayName(target);
        if (array.isEmpty() || !unitStride(target.getIndex()) || !VectorizeInnerLoop.isArrayOf(array, loop.loop(), lanes)
                || !Expressions.pureWithMath(a.getValue())) {
            return Optional.empty();
        }
        Expression value = switch (a.getOperator()) {
            case ASSIGN -> a.getValue();
            case PLUS -> new BinaryExpr(target.clone(), new EnclosedExpr(a.getValue().clone()), BinaryExpr.Operator.PLUS);
            case MINUS -> new BinaryExpr(target.clone(), new EnclosedExpr(a.getValue().clone()), BinaryExpr.Operator.MINUS);
            case MULTIPLY -> new BinaryExpr(target.clone(), new EnclosedExpr(a.getValue().clone()), BinaryExpr.Operator.MULTIPLY);
            case DIVIDE -> new BinaryExpr(target.clone(), new EnclosedExpr(a.getValue().clone()), BinaryExpr.Operator.DIVIDE);
            default -> null;
        };
        if (value == null) {
            return Optional.empty();
        }
        return vector(value).map(x -> x + ".intoArray(" + array + ", " + target.getIndex() + ");");
    }
}
