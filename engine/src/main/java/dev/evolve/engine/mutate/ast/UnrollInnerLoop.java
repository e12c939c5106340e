package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Unrolling: every innermost unit-step counted loop that accumulates into an array element
 * ({@code x[..] += ..}) runs U copies of its body per iteration ({@code j}, {@code j + 1}, ...) up to the
 * last multiple of U, then the original loop finishes the remainder. Copies that declare locals are
 * wrapped in their own blocks. Knob = U.
 */
final class UnrollInnerLoop extends AstRewrite {

    UnrollInnerLoop() {
        super("unroll", "unroll hot innermost loops by a factor, with a remainder loop; knob = factor", List.of(2, 4, 8));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        boolean changed = false;
        for (ForStmt loop : unit.members().findAll(ForStmt.class)) {
            Optional<Loops.Counted> c = Loops.counted(loop);
            if (c.isEmpty() || !c.get().unitStep() || !loop.getBody().findAll(ForStmt.class).isEmpty()
                    || !accumulates(loop) || followsMainLoop(loop)) {
                continue;
            }
            unroll(unit, c.get(), knob);
            changed = true;
        }
        return changed;
    }

    private static boolean accumulates(ForStmt loop) {
        return loop.getBody().findAll(AssignExpr.class).stream()
                .anyMatch(a -> a.getOperator() == AssignExpr.Operator.PLUS && a.getTarget().isArrayAccessExpr());
    }

    /** The remainder loop of an unrolled or vectorized loop starts where the previous loop stopped. */
    static boolean followsMainLoop(ForStmt loop) {
        if (!(loop.getParentNode().orElse(null) instanceof BlockStmt block)) {
            return false;
        }
        int at = block.getStatements().indexOf(loop);
        if (at <= 0 || !(block.getStatement(at - 1) instanceof ForStmt previous)) {
            return false;
        }
        Optional<Loops.Counted> p = Loops.counted(previous);
        Optional<Loops.Counted> self = Loops.counted(loop);
        return p.isPresent() && self.isPresent() && p.get().var().equals(self.get().var()) && !p.get().unitStep();
    }

    private static void unroll(BlockUnit unit, Loops.Counted loop, int factor) {
        String var = loop.var();
        String bound = unit.fresh(var + "Unrolled");
        String start = loop.start().toString();
        String end = loop.end() instanceof NameExpr ? loop.end().toString() : "(" + loop.end() + ")";
        boolean zeroStart = loop.start() instanceof IntegerLiteralExpr l && l.getValue().equals("0");
        String boundInit = zeroStart ? end + " - " + end + " % " + factor
                : "(" + start + ") + (" + end + " - (" + start + ")) / " + factor + " * " + factor;
        Statement body = loop.loop().getBody();
        boolean declares = !body.findAll(VariableDeclarationExpr.class).isEmpty();
        BlockStmt unrolled = new BlockStmt();
        for (int r = 0; r < factor; r++) {
            Statement copy = body.clone();
            if (r > 0) {
                copy = Loops.substitute(copy, var, new BinaryExpr(new NameExpr(var),
                        new IntegerLiteralExpr(String.valueOf(r)), BinaryExpr.Operator.PLUS));
            }
            List<Statement> parts = copy instanceof BlockStmt b && !declares ? new ArrayList<>(b.getStatements()) : List.of(copy);
            parts.forEach(unrolled::addStatement);
        }
        ForStmt main = loop.loop().clone();
        main.setCompare(unit.expr(var + " < " + bound));
        main.setUpdate(new NodeList<>(unit.expr(var + " += " + factor)));
        main.setBody(unrolled);
        Loops.insertBefore(loop.loop(), List.of(unit.stmt("int " + bound + " = " + boundInit + ";"), main));
        ((VariableDeclarationExpr) loop.loop().getInitialization().get(0)).getVariable(0).setInitializer(new NameExpr(bound));
    }
}
