package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.body.MethodDeclaration;
import java.util.ArrayList;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * Scalar replacement and hoisting.
 * <ul>
 * <li>knob 0: loop-invariant array reads ({@code a[i*n+k]} in the j loop) and index products
 *     ({@code i*n}) move into locals declared just before the outermost loop they are invariant in;</li>
 * <li>knob 1: an innermost loop's accumulation into a fixed array element ({@code c[x] += E} with x
 *     invariant) runs in a local that is loaded before and stored after the loop.</li>
 * </ul>
 */
final class HoistInvariants extends AstRewrite {

    private static final int MAX_HOISTS = 64;

    HoistInvariants() {
        super("hoist", "hoist loop-invariant loads and index arithmetic into locals (0), or accumulate in a local (1)",
                List.of(0, 1));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        return knob == 0 ? hoistAll(unit) : accumulateInLocals(unit);
    }

    private record Site(Expression expr, ForStmt outermost, String type) {
    }

    private static boolean hoistAll(BlockUnit unit) {
        int done = 0;
        for (Optional<Site> site = next(unit); site.isPresent() && done < MAX_HOISTS; site = next(unit)) {
            hoist(unit, site.get());
            done++;
        }
        return done > 0;
    }

    private static Optional<Site> next(BlockUnit unit) {
        for (Expression e : unit.members().findAll(Expression.class)) {
            boolean candidate = e instanceof ArrayAccessExpr a ? !isWriteTarget(a) && Expressions.pure(a)
                    : indexProduct(e);
            if (!candidate) {
                continue;
            }
            List<ForStmt> loops = Loops.enclosingLoops(e);
            ForStmt outermost = null;
            for (ForStmt loop : loops) {
                if (!Loops.invariantIn(e, loop)) {
                    break;
                }
                outermost = loop;
            }
            if (outermost == null) {
                continue;
            }
            Optional<String> type = typeOf(e);
            if (type.isPresent()) {
                return Optional.of(new Site(e, outermost, type.get()));
            }
        }
        return Optional.empty();
    }

    /** {@code x * y} over int names and literals, with at least one name. */
    private static boolean indexProduct(Expression e) {
        return e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.MULTIPLY
                && (b.getLeft() instanceof NameExpr || b.getRight() instanceof NameExpr)
                && (b.getLeft() instanceof NameExpr || b.getLeft() instanceof IntegerLiteralExpr)
                && (b.getRight() instanceof NameExpr || b.getRight() instanceof IntegerLiteralExpr);
    }

    private static boolean isWriteTarget(ArrayAccessExpr a) {
        Optional<Node> p = a.getParentNode();
        return p.isPresent() && (p.get() instanceof AssignExpr as && as.getTarget() == a
                || p.get() instanceof UnaryExpr);
    }

    private static Optional<String> typeOf(Expression e) {
        if (e instanceof ArrayAccessExpr a) {
            return Expressions.declaredType(Expressions.arrayName(a), a)
                    .filter(t -> t instanceof ArrayType at && at.getArrayLevel() == 1
                            && at.getElementType().isPrimitiveType())
                    .map(t -> ((ArrayType) t).getElementType().asString());
        }
        for (NameExpr n : e.findAll(NameExpr.class)) {
            Optional<Type> t = Expressions.declaredType(n.getNameAsString(), e);
            if (t.isEmpty() || !t.get().asString().equals("int")) {
                return Optional.empty();
            }
        }
        return Optional.of("int");
    }

    private static void hoist(BlockUnit unit, Site site) {
        String name = unit.fresh(nameFor(site.expr()));
        Expression pattern = site.expr().clone();
        // the local also serves the statements after the loop in the same block, up to the first that changes it
        List<Statement> region = new ArrayList<>(List.of(site.outermost()));
        if (site.outermost().getParentNode().orElse(null) instanceof BlockStmt block) {
            List<Statement> all = block.getStatements();
            for (int i = all.indexOf(site.outermost()) + 1; i < all.size() && Loops.invariantIn(pattern, all.get(i)); i++) {
                region.add(all.get(i));
            }
        }
        for (Statement s : region) {
            for (Expression e : s.findAll(Expression.class)) {
                if (e.equals(pattern) && !(e instanceof ArrayAccessExpr a && isWriteTarget(a))) {
                    e.replace(new NameExpr(name));
                }
            }
        }
        Loops.insertBefore(site.outermost(), List.of(unit.stmt(site.type() + " " + name + " = " + pattern + ";")));
    }

    private static String nameFor(Expression e) {
        StringBuilder out = new StringBuilder();
        if (e instanceof ArrayAccessExpr a) {
            // name a load after the loop variables its index really depends on: a[iN + k] -> aik
            out.append(Expressions.arrayName(a));
            Node method = Loops.ancestor(a, MethodDeclaration.class).map(m -> (Node) m).orElse(a);
            Expression index = Expressions.expand(a.getIndex(), Expressions.definitions(method));
            List<String> loopVars = new ArrayList<>();
            Loops.enclosingLoops(a).forEach(f -> Loops.counted(f).ifPresent(c -> loopVars.addFirst(c.var())));
            Set<String> used = Expressions.names(index);
            loopVars.stream().filter(used::contains).forEach(out::append);
        } else {
            BinaryExpr b = (BinaryExpr) e;
            out.append(b.getLeft()).append(capitalize(b.getRight().toString()));
        }
        String name = out.toString().replaceAll("[^A-Za-z0-9_]", "");
        return name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) ? "t" + name : name;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static boolean accumulateInLocals(BlockUnit unit) {
        boolean changed = false;
        for (ForStmt loop : unit.members().findAll(ForStmt.class)) {
            if (!loop.getBody().findAll(ForStmt.class).isEmpty() || Loops.counted(loop).isEmpty()
                    || !(loop.getParentNode().orElse(null) instanceof BlockStmt)) {
                continue;
            }
            List<Statement> statements = loop.getBody() instanceof BlockStmt b
                    ? new ArrayList<>(b.getStatements()) : List.of(loop.getBody());
            for (Statement s : statements) {
                if (!(s instanceof ExpressionStmt es && es.getExpression() instanceof AssignExpr as)
                        || as.getOperator() != AssignExpr.Operator.PLUS
                        || !(as.getTarget() instanceof ArrayAccessExpr target)) {
                    continue;
                }
                String array = Expressions.arrayName(target);
                long uses = loop.findAll(NameExpr.class).stream().filter(n -> n.getNameAsString().equals(array)).count();
                Optional<String> type = typeOf(target);
                if (array.isEmpty() || uses != 1 || type.isEmpty() || !Loops.invariantIn(target.getIndex(), loop)) {
                    continue;
                }
                String acc = unit.fresh(array + "Acc");
                ArrayAccessExpr element = target.clone();
                as.setTarget(new NameExpr(acc));
                Loops.insertBefore(loop, List.of(unit.stmt(type.get() + " " + acc + " = " + element + ";")));
                Loops.insertAfter(loop, List.of(unit.stmt(element + " = " + acc + ";")));
                changed = true;
            }
        }
        return changed;
    }
}
