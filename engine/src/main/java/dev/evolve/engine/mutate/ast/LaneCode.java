package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.Type;
import dev.evolve.engine.mutate.loops.Poly;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vector form of one copy of a loop body, for {@link VectorizeLoop}: lane-type array reads at unit stride become
 * {@code fromArray} loads ({@code u * SPECIES.length()} further on for copy u of an unrolled loop), invariant
 * expressions become broadcasts shared by every copy (only when their scalar type fits the lanes, so the vector code
 * computes what the scalar code did), body locals become vector locals, and {@code Math} calls their lane-wise
 * operations. Anything else has no vector form: the translation is empty and the loop is left alone.
 */
final class LaneCode {

    final BlockUnit unit;
    final ForStmt loop;
    final String var;
    final LaneType lanes;
    final String vectorType;
    final String species;
    final Set<String> bodyLocals;
    /** Invariant expressions broadcast once before the loop: source text to vector name, shared by the copies. */
    final Map<String, String> broadcasts;
    private final Map<String, String> locals = new HashMap<>();
    private final int copy;

    LaneCode(BlockUnit unit, ForStmt loop, String var, LaneType lanes, String species, Set<String> bodyLocals,
             Map<String, String> broadcasts, int copy) {
        this.unit = unit;
        this.loop = loop;
        this.var = var;
        this.lanes = lanes;
        this.vectorType = unit.vectorApi(lanes.vector());
        this.species = species;
        this.bodyLocals = bodyLocals;
        this.broadcasts = broadcasts;
        this.copy = copy;
    }

    /** The same loop's translation for copy {@code u} of an unrolled vector loop. */
    LaneCode copy(int u) {
        return new LaneCode(unit, loop, var, lanes, species, bodyLocals, broadcasts, u);
    }

    /** The index of copy {@code u}'s lanes: the scalar index, {@code u} vectors further on. */
    String index(Expression index) {
        return copy == 0 ? index.toString() : index + " + " + copy + " * " + species + ".length()";
    }

    Optional<String> vector(Expression e) {
        if (e instanceof EnclosedExpr en) {
            return vector(en.getInner());
        }
        if (e instanceof NameExpr n && locals.containsKey(n.getNameAsString())) {
            return Optional.of(locals.get(n.getNameAsString()));
        }
        if (invariant(e)) {
            return fits(e) ? Optional.of(broadcasts.computeIfAbsent(e.toString(),
                    k -> unit.fresh(VectorizeInnerLoop.baseName(e) + "V"))) : Optional.empty();
        }
        if (e instanceof ArrayAccessExpr a) {
            return laneArray(a).map(name -> VectorExpressions.load(vectorType, species, name, index(a.getIndex())));
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS) {
            return vector(u.getExpression()).map(x -> x + ".neg()");
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.PLUS) {
            return vector(u.getExpression());
        }
        if (e instanceof MethodCallExpr call && Expressions.isMathCall(call)) {
            return mathCall(call);
        }
        if (e instanceof BinaryExpr b) {
            if (b.getOperator() == BinaryExpr.Operator.PLUS && lanes.floating()) {
                Optional<String> fma = fma(b.getLeft(), b.getRight()).or(() -> fma(b.getRight(), b.getLeft()));
                if (fma.isPresent()) {
                    return fma;
                }
            }
            return VectorExpressions.binary(b, this::vector);
        }
        return Optional.empty();
    }

    /** {@code p * q + addend} as one fused multiply-add (floating lanes only). */
    Optional<String> fma(Expression product, Expression addend) {
        return VectorExpressions.product(product).flatMap(m -> VectorExpressions.fma(m, this::vector, () -> vector(addend)));
    }

    private Optional<String> mathCall(MethodCallExpr call) {
        return VectorExpressions.all(call.getArguments().stream().map(this::vector).toList())
                .flatMap(a -> VectorExpressions.mathCall(call.getNameAsString(), a, lanes.floating(),
                        unit.vectorApi("VectorOperators")));
    }

    /** The array of a unit-stride read or write of the lanes' element type, one bracket deep. */
    Optional<String> laneArray(ArrayAccessExpr a) {
        if (!(a.getName() instanceof NameExpr n) || !unitStride(a.getIndex())) {
            return Optional.empty();
        }
        Optional<Type> t = Expressions.declaredType(n.getNameAsString(), loop);
        boolean ok = t.isPresent() && t.get() instanceof ArrayType at && at.getArrayLevel() == 1
                && at.getComponentType().asString().equals(lanes.scalar());
        return ok ? Optional.of(n.getNameAsString()) : Optional.empty();
    }

    /** Whether the index is {@code var + f} with f free of the loop variable and of the body's locals. */
    boolean unitStride(Expression index) {
        Optional<Poly> p = Poly.of(index, name -> name.equals(var) || !bodyLocals.contains(name)
                && !Expressions.assigned(loop.getBody()).contains(name) ? Optional.of(Poly.name(name)) : Optional.empty());
        if (p.isEmpty()) {
            return false;
        }
        long mentions = p.get().terms().keySet().stream().filter(m -> List.of(m.split("\\*")).contains(var)).count();
        return mentions == 1 && p.get().terms().getOrDefault(var, 0L) == 1L;
    }

    /** Same value on every iteration: no loop variable, no body local, nothing the loop writes. */
    boolean invariant(Expression e) {
        Set<String> names = Expressions.names(e);
        return !names.contains(var) && names.stream().noneMatch(bodyLocals::contains)
                && Loops.invariantWithMathIn(e, loop);
    }

    /** Whether an invariant expression's scalar type broadcasts into the lanes exactly. */
    boolean fits(Expression e) {
        if (!lanes.scalar().equals("double") && (!e.findAll(MethodCallExpr.class).isEmpty()
                || !e.findAll(FieldAccessExpr.class).isEmpty() || e instanceof MethodCallExpr || e instanceof FieldAccessExpr)) {
            return false;
        }
        for (DoubleLiteralExpr d : e.findAll(DoubleLiteralExpr.class)) {
            String v = d.getValue();
            if (!lanes.floating() || lanes.scalar().equals("float") && !(v.endsWith("f") || v.endsWith("F"))) {
                return false;
            }
        }
        for (CastExpr c : e.findAll(CastExpr.class)) {
            if (!lanes.broadcastable().contains(c.getType().asString())) {
                return false;
            }
        }
        for (String name : Expressions.names(e)) {
            Optional<Type> t = Expressions.declaredType(name, loop);
            if (t.isEmpty()) {
                return false;
            }
            Type ty = t.get();
            String scalar = ty instanceof ArrayType at ? at.getElementType().asString() : ty.asString();
            if (!lanes.broadcastable().contains(scalar)) {
                return false;
            }
        }
        return true;
    }

    /** {@code T t = E;} as a vector local of this copy, remembered for later uses of t. */
    Optional<String> local(VariableDeclarationExpr d) {
        if (d.getVariables().size() != 1 || !d.getVariable(0).getType().asString().equals(lanes.scalar())) {
            return Optional.empty();
        }
        VariableDeclarator v = d.getVariable(0);
        String name = v.getNameAsString();
        boolean reassigned = loop.getBody().findAll(VariableDeclarator.class).stream()
                .filter(x -> x.getNameAsString().equals(name)).count() != 1
                || loop.getBody().findAll(AssignExpr.class).stream().anyMatch(a -> Expressions.isName(a.getTarget(), name))
                || loop.getBody().findAll(UnaryExpr.class).stream().anyMatch(u -> Expressions.isName(u.getExpression(), name));
        if (v.getInitializer().isEmpty() || reassigned || !Expressions.pureWithMath(v.getInitializer().get())) {
            return Optional.empty();
        }
        return vector(v.getInitializer().get()).map(value -> VectorExpressions.declareLocal(unit, locals, vectorType, name, value));
    }

    /** {@code x[f + var] op= E} as a lane-wise store. */
    Optional<String> store(AssignExpr a) {
        if (!(a.getTarget() instanceof ArrayAccessExpr target) || !Expressions.pureWithMath(a.getValue())) {
            return Optional.empty();
        }
        Optional<String> array = laneArray(target);
        if (array.isEmpty()) {
            return Optional.empty();
        }
        BinaryExpr.Operator op = switch (a.getOperator()) {
            case PLUS -> BinaryExpr.Operator.PLUS;
            case MINUS -> BinaryExpr.Operator.MINUS;
            case MULTIPLY -> BinaryExpr.Operator.MULTIPLY;
            case DIVIDE -> BinaryExpr.Operator.DIVIDE;
            default -> null;
        };
        if (op == null && a.getOperator() != AssignExpr.Operator.ASSIGN) {
            return Optional.empty();
        }
        Expression value = op == null ? a.getValue()
                : new BinaryExpr(target.clone(), new EnclosedExpr(a.getValue().clone()), op);
        return vector(value).map(x -> x + ".intoArray(" + array.get() + ", " + index(target.getIndex()) + ");");
    }

    /** Whether a node sits under the loop's body. */
    boolean inside(Node n) {
        for (Node p = n; p != null; p = p.getParentNode().orElse(null)) {
            if (p == loop.getBody()) {
                return true;
            }
        }
        return false;
    }
}
