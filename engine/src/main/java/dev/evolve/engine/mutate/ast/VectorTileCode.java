package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.type.Type;
import dev.evolve.engine.mutate.loops.Poly;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vector form of a {@link VectorRegisterTile}'s expressions for one register of the tile: row {@code r}
 * (the row loop's variable plus r) and vector {@code v} (the column loop's lanes, v vectors further on). An array
 * read whose last subscript moves with the column variable at unit stride becomes a {@code fromArray} load, any
 * other read a broadcast of the scalar element; each distinct load or broadcast is a local of the current
 * {@link Scope}, so a value shared by the rows (a column vector) or by the vectors (a row's element) is loaded once.
 * Invariant names and literals are broadcast once before the tile loops. Anything else has no vector form.
 */
final class VectorTileCode {

    /** Locals declared at the top of one block of generated code: text of the value to local name, in order. */
    static final class Scope {
        final Map<String, String> locals = new LinkedHashMap<>();
        final List<String> declarations = new ArrayList<>();
    }

    private final BlockUnit unit;
    private final Expression context;
    private final LaneType lanes;
    final String vectorType;
    final String species;
    private final String rowVar;
    private final String colVar;
    private final String lanesName;
    /** Names whose value changes inside the tile (the loop variables): never broadcast as invariants. */
    private final java.util.Set<String> varying;
    /** Invariant scalars broadcast once before the tile loops. */
    final Scope invariants = new Scope();
    /** Scalar locals of the reduction loops' body: broadcast where they are used, in the step's scope. */
    final java.util.Set<String> stepLocals = new java.util.HashSet<>();

    VectorTileCode(BlockUnit unit, Expression context, LaneType lanes, String species, String rowVar, String colVar,
                   String lanesName, java.util.Set<String> varying) {
        this.unit = unit;
        this.context = context;
        this.lanes = lanes;
        this.vectorType = unit.vectorApi(lanes.vector());
        this.species = species;
        this.rowVar = rowVar;
        this.colVar = colVar;
        this.lanesName = lanesName;
        this.varying = java.util.Set.copyOf(varying);
    }

    /** {@code e} at row r, vector v; {@code scalars} maps names to vector locals (the accumulator). */
    Optional<String> vector(Expression e, int r, int v, Map<String, String> scalars, Scope scope) {
        if (e instanceof EnclosedExpr en) {
            return vector(en.getInner(), r, v, scalars, scope);
        }
        if (e instanceof NameExpr n && scalars.containsKey(n.getNameAsString())) {
            return Optional.of(scalars.get(n.getNameAsString()));
        }
        if (e instanceof ArrayAccessExpr a) {
            return read(a, r, v, scope);
        }
        if (e instanceof NameExpr n && stepLocals.contains(n.getNameAsString())) {
            return broadcastable(n.getNameAsString()) ? Optional.of(local(scope, vectorType + ".broadcast(" + species
                    + ", (" + lanes.scalar() + ") " + n + ")", n)) : Optional.empty();
        }
        if (e instanceof NameExpr n) {
            return !varying.contains(n.getNameAsString()) && broadcastable(n.getNameAsString()) ? Optional.of(broadcast(n.toString())) : Optional.empty();
        }
        if (e instanceof IntegerLiteralExpr || e instanceof DoubleLiteralExpr d
                && (lanes.scalar().equals("double") || d.getValue().endsWith("f") || d.getValue().endsWith("F"))) {
            return Optional.of(broadcast(e.toString()));
        }
        if (e instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS) {
            return vector(u.getExpression(), r, v, scalars, scope).map(x -> x + ".neg()");
        }
        if (e instanceof MethodCallExpr call && Expressions.isMathCall(call)) {
            List<String> args = new ArrayList<>();
            for (Expression arg : call.getArguments()) {
                Optional<String> x = vector(arg, r, v, scalars, scope);
                if (x.isEmpty()) {
                    return Optional.empty();
                }
                args.add(x.get());
            }
            return VectorExpressions.mathCall(call.getNameAsString(), args, lanes.floating(), null);
        }
        if (e instanceof BinaryExpr b) {
            return VectorExpressions.binary(b, x -> vector(x, r, v, scalars, scope));
        }
        return Optional.empty();
    }

    /** {@code acc + e} as the accumulator's next value: one fused multiply-add when e is a product. */
    Optional<String> accumulate(String acc, Expression e, int r, int v, Scope scope) {
        Optional<BinaryExpr> m = VectorExpressions.product(e);
        if (m.isPresent()) {
            return VectorExpressions.fma(m.get(), x -> vector(x, r, v, Map.of(), scope), () -> Optional.of(acc));
        }
        return vector(e, r, v, Map.of(), scope).map(x -> acc + ".add(" + x + ")");
    }

    /** The store of vector value {@code value} into element {@code target} at row r, vector v. */
    Optional<String> store(ArrayAccessExpr target, String value, int r, int v) {
        return at(target, r, v).filter(Address::moves).map(x -> value + ".intoArray(" + x.array() + ", " + x.index() + ");");
    }

    /** Where one register of an access lies: the array (all brackets but the last) and the last index. */
    private record Address(String array, String index, boolean moves) {
    }

    private Optional<Address> at(ArrayAccessExpr a, int r, int v) {
        List<Expression> indices = new ArrayList<>();
        Expression base = a;
        while (base instanceof ArrayAccessExpr x) {
            indices.addFirst(x.getIndex());
            base = x.getName();
        }
        if (!(base instanceof NameExpr name)) {
            return Optional.empty();
        }
        for (int b = 0; b < indices.size() - 1; b++) {
            if (Expressions.names(indices.get(b)).contains(colVar)) {
                return Optional.empty();               // the columns move an outer bracket: no contiguous lanes
            }
        }
        Expression last = indices.getLast();
        boolean moves = Expressions.names(last).contains(colVar);
        if (moves && !unitStride(last)) {
            return Optional.empty();
        }
        StringBuilder array = new StringBuilder(name.getNameAsString());
        for (int b = 0; b < indices.size() - 1; b++) {
            array.append('[').append(row(indices.get(b), r)).append(']');
        }
        String index = row(last, r) + (v == 0 || !moves ? "" : " + " + v + " * " + lanesName);
        return Optional.of(new Address(array.toString(), index, moves));
    }

    private Optional<String> read(ArrayAccessExpr a, int r, int v, Scope scope) {
        Optional<Address> at = at(a, r, v);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> element = VectorExpressions.elementType(a, context);
        Address x = at.get();
        String value;
        if (x.moves()) {
            if (element.filter(lanes.scalar()::equals).isEmpty()) {
                return Optional.empty();
            }
            value = VectorExpressions.load(vectorType, species, x.array(), x.index());
        } else {
            if (element.filter(lanes.broadcastable()::contains).isEmpty()) {
                return Optional.empty();
            }
            value = vectorType + ".broadcast(" + species + ", (" + lanes.scalar() + ") " + x.array() + "[" + x.index() + "])";
        }
        return Optional.of(local(scope, value, a));
    }

    private String local(Scope scope, String value, Expression hint) {
        String existing = scope.locals.get(value);
        if (existing != null) {
            return existing;
        }
        String base = hint instanceof ArrayAccessExpr a ? Expressions.arrayName(a)
                : hint instanceof NameExpr n ? n.getNameAsString() : "v";
        String name = unit.fresh((base.isEmpty() ? "x" : base) + "V");
        scope.locals.put(value, name);
        scope.declarations.add(vectorType + " " + name + " = " + value + ";");
        return name;
    }

    private String broadcast(String scalar) {
        return local(invariants, vectorType + ".broadcast(" + species + ", (" + lanes.scalar() + ") (" + scalar + "))",
                new NameExpr("c"));
    }

    /** Whether an invariant name's declared type broadcasts into the lanes exactly. */
    private boolean broadcastable(String name) {
        Optional<Type> t = Expressions.declaredType(name, context);
        return t.isPresent() && !t.get().isArrayType() && lanes.broadcastable().contains(t.get().asString());
    }

    /** The index at row r: the row variable plus r (row 0 only when the tile has no row loop). */
    private String row(Expression index, int r) {
        return r == 0 ? index.toString() : Loops.substitute(index.clone(), rowVar, unit.expr(rowVar + " + " + r)).toString();
    }

    /** Whether the index is {@code colVar + f}, f free of it. */
    private boolean unitStride(Expression index) {
        Optional<Poly> p = Poly.of(index, n -> Optional.of(Poly.name(n)));
        return p.isPresent() && p.get().terms().getOrDefault(colVar, 0L) == 1L && p.get().terms().keySet().stream()
                .filter(m -> List.of(m.split("\\*")).contains(colVar)).count() == 1;
    }
}
