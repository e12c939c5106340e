package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loop distribution (fission): {@code for i { zero row i; for k {...} }} becomes {@code for i { zero row i }}
 * followed by {@code for i { for k {...} }}, so the second nest is perfect and can be interchanged or tiled
 * (k-blocking of the i-k-j form). The body is split before its last loop; leading local declarations with pure
 * initialisers ({@code int iN = i * n;}) are copied into both loops. Applies only when each iteration writes its
 * own array elements and no other local crosses the split (a heuristic: a read of another iteration's element
 * is not detected; the evaluator catches such variants).
 */
final class LoopDistribution extends AstRewrite {

    LoopDistribution() {
        super("distribute", "split a loop body before its last inner loop into two loops (fission)", List.of(0));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        for (ForStmt loop : unit.members().findAll(ForStmt.class)) {
            Optional<Loops.Counted> c = Loops.counted(loop);
            if (c.isEmpty() || !(loop.getBody() instanceof BlockStmt body)
                    || !(loop.getParentNode().orElse(null) instanceof BlockStmt)) {
                continue;
            }
            List<Statement> statements = body.getStatements();
            int lead = 0;
            while (lead < statements.size() && isPureDeclaration(statements.get(lead))) {
                lead++;
            }
            int split = -1;
            for (int s = statements.size() - 1; s > lead; s--) {
                if (statements.get(s) instanceof ForStmt) {
                    split = s;
                    break;
                }
            }
            if (split < 0 || !legal(c.get(), statements, lead, split)) {
                continue;
            }
            ForStmt first = loop.clone();
            ForStmt second = loop.clone();
            BlockStmt firstBody = new BlockStmt();
            BlockStmt secondBody = new BlockStmt();
            for (int s = 0; s < statements.size(); s++) {
                Statement st = statements.get(s);
                if (s < lead) {
                    firstBody.addStatement(st.clone());
                    secondBody.addStatement(st.clone());
                } else if (s < split) {
                    firstBody.addStatement(st.clone());
                } else {
                    secondBody.addStatement(st.clone());
                }
            }
            first.setBody(firstBody);
            second.setBody(secondBody);
            Loops.insertBefore(loop, List.of(first));
            loop.replace(second);
            return true;
        }
        return false;
    }

    private static boolean isPureDeclaration(Statement s) {
        return s instanceof ExpressionStmt es && es.getExpression() instanceof VariableDeclarationExpr d
                && d.getVariables().stream().allMatch(v -> v.getInitializer().map(Expressions::pure).orElse(false));
    }

    private static boolean legal(Loops.Counted loop, List<Statement> statements, int lead, int split) {
        Set<String> firstDeclares = new HashSet<>();
        for (int s = lead; s < split; s++) {
            // only declarations at the top of the body stay in scope past the split; a loop's own do not
            if (statements.get(s) instanceof ExpressionStmt es && es.getExpression() instanceof VariableDeclarationExpr d) {
                d.getVariables().forEach(v -> firstDeclares.add(v.getNameAsString()));
            }
        }
        Set<String> secondUses = new HashSet<>();
        for (int s = split; s < statements.size(); s++) {
            secondUses.addAll(Expressions.names(statements.get(s)));
        }
        if (firstDeclares.stream().anyMatch(secondUses::contains)) {
            return false;
        }
        // a variable from outside that the body assigns would carry values across the split
        Statement body = loop.loop().getBody();
        Set<String> local = new HashSet<>();
        body.findAll(VariableDeclarator.class).forEach(d -> local.add(d.getNameAsString()));
        Set<String> assigned = Expressions.assigned(body);
        assigned.removeAll(local);
        // heuristic: disjoint writes per iteration; a read of another iteration's element is the evaluator's to catch
        return assigned.isEmpty() && ParallelizeOuterLoop.writesOnlyOwnElements(body, loop.var(), local);
    }
}
