package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import java.util.List;
import java.util.Optional;

/**
 * Operand transposition for the dot-product form: an array read {@code b[k * n + j]} in an innermost loop over
 * {@code k} strides by n; the rewrite copies the n x n operand transposed into a local {@code bT} at the top of the
 * method and reads {@code bT[j * n + k]}, which is contiguous in k. The operand must be a {@code double[]} the
 * method never writes.
 */
final class TransposeOperand extends AstRewrite {

    TransposeOperand() {
        super("transpose", "copy a strided square operand transposed so the innermost loop reads it contiguously",
                List.of(0));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        for (MethodDeclaration method : unit.members().getMethods()) {
            if (method.getBody().isEmpty()) {
                continue;
            }
            for (ArrayAccessExpr read : method.findAll(ArrayAccessExpr.class)) {
                List<ForStmt> loops = Loops.enclosingLoops(read);
                if (loops.isEmpty() || !loops.get(0).getBody().findAll(ForStmt.class).isEmpty()) {
                    continue;
                }
                Optional<Loops.Counted> inner = Loops.counted(loops.get(0));
                String array = Expressions.arrayName(read);
                if (inner.isEmpty() || array.isEmpty() || !Expressions.isDoubleArray(array, method)
                        || Expressions.arraysWritten(method).contains(array)) {
                    continue;
                }
                Optional<Expression[]> split = strided(read.getIndex(), inner.get().var());
                if (split.isEmpty()) {
                    continue;
                }
                String size = split.get()[1].toString();
                String transposed = unit.fresh(array + "T");
                String r = unit.fresh("r");
                String q = unit.fresh("q");
                int rewritten = 0;
                String pattern = Expressions.canonical(read.getIndex());
                for (ArrayAccessExpr other : method.findAll(ArrayAccessExpr.class)) {
                    if (Expressions.arrayName(other).equals(array)) {
                        Optional<Expression[]> parts = strided(other.getIndex(), inner.get().var());
                        if (Expressions.canonical(other.getIndex()).equals(pattern) && parts.isPresent()) {
                            other.replace(unit.expr(transposed + "[(" + parts.get()[2] + ") * " + size + " + ("
                                    + parts.get()[0] + ")]"));
                            rewritten++;
                        }
                    }
                }
                if (rewritten == 0) {
                    return false;
                }
                method.getBody().get().getStatements().addAll(0, unit.stmts("{ double[] " + transposed + " = new double["
                        + size + " * " + size + "]; for (int " + r + " = 0; " + r + " < " + size + "; " + r + "++) { for (int "
                        + q + " = 0; " + q + " < " + size + "; " + q + "++) { " + transposed + "[" + q + " * " + size + " + " + r
                        + "] = " + array + "[" + r + " * " + size + " + " + q + "]; } } }"));
                return true;
            }
        }
        return false;
    }

    /** For {@code x * n + y} with x mentioning {@code var} and y not: {x, n, y}. */
    private static Optional<Expression[]> strided(Expression index, String var) {
        List<Expression> terms = Expressions.terms(index);
        if (terms.size() != 2) {
            return Optional.empty();
        }
        for (int t = 0; t < 2; t++) {
            Expression product = terms.get(t);
            Expression rest = terms.get(1 - t);
            if (product instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.MULTIPLY
                    && Expressions.isName(b.getLeft(), var) && b.getRight() instanceof NameExpr size
                    && !Expressions.names(rest).contains(var) && !Expressions.names(rest).contains(size.getNameAsString())) {
                return Optional.of(new Expression[] {b.getLeft(), size, rest});
            }
        }
        return Optional.empty();
    }
}
