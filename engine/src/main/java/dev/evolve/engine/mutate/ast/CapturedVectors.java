package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.Map;

/**
 * Vector locals that a parallel lambda would capture, declared again inside it. A captured {@code DoubleVector} is a
 * field of the lambda's object, a boxed vector that C2 does not unbox where it meets the vectors of a loop (an
 * accumulator that starts from it): such code allocates a vector per operation and runs thousands of times slower
 * than the same loop outside a lambda. A broadcast or zero vector is cheap to build once per task instead.
 */
final class CapturedVectors {

    private CapturedVectors() {
    }

    /**
     * {@code body} (a detached copy of a loop body inside {@code method}, about to become a lambda body) with each
     * vector local of the method that is declared outside {@code original}, read in the body, assigned once and
     * built by {@code broadcast} or {@code zero} from names assigned once, re-declared at the body's top under a fresh
     * name. Anything else is left as it was (still correct, only slower).
     */
    static Statement localize(BlockUnit unit, MethodDeclaration method, Node original, Statement body) {
        Map<String, Integer> definitions = ParallelizeOuterLoop.definitionCounts(method);
        BlockStmt block = body instanceof BlockStmt b ? b : new BlockStmt().addStatement(body);
        int at = 0;
        for (VariableDeclarator d : method.findAll(VariableDeclarator.class)) {
            String name = d.getNameAsString();
            if (within(d, original) || !d.getType().isClassOrInterfaceType()
                    || !d.getType().asClassOrInterfaceType().getNameAsString().matches("(Double|Float|Int|Long|Short|Byte)Vector")
                    || d.getInitializer().isEmpty() || !builtOnce(d.getInitializer().get(), definitions)
                    || definitions.getOrDefault(name, 0) != 1
                    || block.findAll(NameExpr.class).stream().noneMatch(n -> n.getNameAsString().equals(name))) {
                continue;
            }
            String copy = unit.fresh(name + "Task");
            Loops.substitute(block, name, new NameExpr(copy));
            block.addStatement(at++, unit.stmt(d.getType() + " " + copy + " = " + d.getInitializer().get() + ";"));
        }
        return block;
    }

    /** {@code XVector.broadcast(..)} or {@code XVector.zero(..)} whose names are fields or assigned once. */
    private static boolean builtOnce(Expression init, Map<String, Integer> definitions) {
        return init instanceof MethodCallExpr call && call.getScope().isPresent()
                && call.getScope().get().toString().endsWith("Vector")
                && (call.getNameAsString().equals("broadcast") || call.getNameAsString().equals("zero"))
                && init.findAll(MethodCallExpr.class).stream().allMatch(c -> c == call || Expressions.isMathCall(c))
                && init.findAll(NameExpr.class).stream().allMatch(n -> definitions.getOrDefault(n.getNameAsString(), 0) <= 1);
    }

    private static boolean within(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParentNode().orElse(null)) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }
}
