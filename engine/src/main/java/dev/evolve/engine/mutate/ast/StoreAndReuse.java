package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ArrayType;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compute an expensive value once: when a loop sums an expression with a {@code Math} call
 * ({@code sum += Math.exp(x[iN + j] - max)}) and a later loop over the same range writes an array element
 * computed from the same expression ({@code out[iN + j] = Math.exp(x[iN + j] - max) / sum}), the first loop
 * stores the value into that element as it sums it, and the second reads it back:
 * {@code double e = Math.exp(..); out[iN + j] = e; sum += e;} and {@code out[iN + j] = out[iN + j] / sum}.
 * The element must be the iteration's own (its index reads the loop variable directly), and nothing between
 * the loops may touch the array or change what the expression reads.
 */
final class StoreAndReuse extends AstRewrite {

    StoreAndReuse() {
        super("store-reuse", "store an expensive summed value (a Math call) in the output and reuse it in a later loop",
                List.of(0));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        for (BlockStmt block : unit.members().findAll(BlockStmt.class)) {
            List<Statement> statements = block.getStatements();
            for (int p = 0; p < statements.size(); p++) {
                if (!(statements.get(p) instanceof ForStmt first)) {
                    continue;
                }
                for (int q = p + 1; q < statements.size(); q++) {
                    if (statements.get(q) instanceof ForStmt second
                            && fuse(unit, first, second, statements.subList(p + 1, q))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean fuse(BlockUnit unit, ForStmt first, ForStmt second, List<Statement> between) {
        Optional<Loops.Counted> c1 = Loops.counted(first);
        Optional<Loops.Counted> c2 = Loops.counted(second);
        if (c1.isEmpty() || c2.isEmpty() || !c1.get().unitStep() || !c2.get().unitStep()
                || !c1.get().var().equals(c2.get().var())
                || !Expressions.canonical(c1.get().start()).equals(Expressions.canonical(c2.get().start()))
                || !Expressions.canonical(c1.get().end()).equals(Expressions.canonical(c2.get().end()))) {
            return false;
        }
        String var = c1.get().var();
        if (!(LoopInterchange.single(first.getBody()) instanceof ExpressionStmt s1)
                || !(s1.getExpression() instanceof AssignExpr sum) || sum.getOperator() != AssignExpr.Operator.PLUS
                || !(sum.getTarget() instanceof NameExpr sumTarget)
                || !(LoopInterchange.single(second.getBody()) instanceof ExpressionStmt s2)
                || !(s2.getExpression() instanceof AssignExpr store) || store.getOperator() != AssignExpr.Operator.ASSIGN
                || !(store.getTarget() instanceof ArrayAccessExpr element)) {
            return false;
        }
        Expression value = sum.getValue();
        String array = Expressions.arrayName(element);
        Optional<String> elementType = Expressions.declaredType(array, first)
                .filter(t -> t instanceof ArrayType at && at.getArrayLevel() == 1)
                .map(t -> ((ArrayType) t).getElementType().asString());
        String sumType = Expressions.declaredType(sumTarget.getNameAsString(), first).map(t -> t.asString()).orElse("");
        if (value.findAll(MethodCallExpr.class).stream().noneMatch(Expressions::isMathCall) || !Expressions.pureWithMath(value)
                || array.isEmpty() || elementType.isEmpty() || !elementType.get().equals(sumType)
                || !Expressions.pure(element.getIndex()) || !Expressions.directNames(element.getIndex()).contains(var)
                || Expressions.names(first).contains(array) || Expressions.names(value).contains(array)
                || Expressions.names(element.getIndex()).contains(sumTarget.getNameAsString())) {
            return false;
        }
        // nothing between the loops may write the array or change what the value or the index reads
        Set<String> read = new HashSet<>(Expressions.names(value));
        read.addAll(Expressions.names(element.getIndex()));
        read.remove(var);
        for (Statement s : between) {
            if (Expressions.names(s).contains(array) || Expressions.assigned(s).stream().anyMatch(read::contains)) {
                return false;
            }
        }
        List<Expression> uses = store.getValue().findAll(Expression.class).stream()
                .filter(e -> e.equals(value)).toList();
        if (uses.isEmpty()) {
            return false;
        }
        for (Expression use : uses) {
            if (use == store.getValue()) {
                store.setValue(element.clone());
            } else {
                use.replace(element.clone());
            }
        }
        String local = unit.fresh(baseName(value));
        BlockStmt body = new BlockStmt();
        unit.stmts("{ " + sumType + " " + local + " = " + value + "; " + element + " = " + local + "; "
                + sumTarget + " += " + local + "; }").forEach(body::addStatement);
        first.setBody(body);
        return true;
    }

    /** A local named after the function computed: {@code Math.exp(..)} gives "exp". */
    private static String baseName(Expression value) {
        for (Node n : value.findAll(MethodCallExpr.class)) {
            MethodCallExpr call = (MethodCallExpr) n;
            if (Expressions.isMathCall(call)) {
                return call.getNameAsString() + "Value";
            }
        }
        return "value";
    }
}
