package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises loops that only accumulate: a counted loop whose body is one additive update of a scalar declared
 * outside it ({@code s += E}, {@code s = s + E}, {@code s++}) or of an array element whose index is data rather
 * than the iteration's own slot ({@code counts[values[i]]++}, {@code h[k] += E}). Such updates commute, so the
 * iterations may be split among accumulators or tasks and the partial results added up afterwards.
 */
final class Reductions {

    private static final Set<String> NUMERIC = Set.of("double", "float", "long", "int");

    private Reductions() {
    }

    /**
     * One accumulating update. {@code index} is null for a scalar; {@code type} is the scalar's or the
     * array element's primitive type.
     */
    record Update(ForStmt loop, Loops.Counted counted, Statement statement, String target, Expression index, String type) {
        boolean scalar() {
            return index == null;
        }

        /** The additive identity written in Java for the type. */
        String zero() {
            return zeroOf(type);
        }
    }

    static String zeroOf(String type) {
        return switch (type) {
            case "double" -> "0.0";
            case "float" -> "0.0f";
            case "long" -> "0L";
            default -> "0";
        };
    }

    /** The loop as an accumulating loop: unit step, the body one update; empty otherwise. */
    static Optional<Update> of(ForStmt loop) {
        Optional<Loops.Counted> counted = Loops.counted(loop);
        if (counted.isEmpty() || !counted.get().unitStep()) {
            return Optional.empty();
        }
        Statement only = LoopInterchange.single(loop.getBody());
        if (!(only instanceof ExpressionStmt es)) {
            return Optional.empty();
        }
        Expression e = es.getExpression();
        Expression targetExpr;
        Expression value;
        if (e instanceof UnaryExpr u && (u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                || u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT)) {
            targetExpr = u.getExpression();
            value = new IntegerLiteralExpr("1");
        } else if (e instanceof AssignExpr a && a.getOperator() == AssignExpr.Operator.PLUS) {
            targetExpr = a.getTarget();
            value = a.getValue();
        } else if (e instanceof AssignExpr a && a.getOperator() == AssignExpr.Operator.ASSIGN
                && strip(a.getValue()) instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS
                && Expressions.canonical(b.getLeft()).equals(Expressions.canonical(a.getTarget()))) {
            targetExpr = a.getTarget();
            value = b.getRight();
        } else {
            return Optional.empty();
        }
        if (!Expressions.pureWithMath(value)) {
            return Optional.empty();
        }
        Set<String> bodyLocals = new HashSet<>();
        loop.getBody().findAll(VariableDeclarator.class).forEach(d -> bodyLocals.add(d.getNameAsString()));
        if (targetExpr instanceof NameExpr n) {
            String name = n.getNameAsString();
            Optional<String> type = Expressions.declaredType(name, loop).map(Type::asString).filter(NUMERIC::contains);
            if (type.isEmpty() || bodyLocals.contains(name) || Expressions.names(value).contains(name)
                    || name.equals(counted.get().var())) {
                return Optional.empty();
            }
            return Optional.of(new Update(loop, counted.get(), only, name, null, type.get()));
        }
        if (targetExpr instanceof ArrayAccessExpr acc && acc.getName() instanceof NameExpr array) {
            String name = array.getNameAsString();
            Optional<String> type = Expressions.declaredType(name, loop)
                    .filter(t -> t instanceof ArrayType at && at.getArrayLevel() == 1)
                    .map(t -> ((ArrayType) t).getElementType().asString())
                    .filter(NUMERIC::contains);
            boolean ownSlot = Expressions.directNames(acc.getIndex()).contains(counted.get().var());
            if (type.isEmpty() || ownSlot || !privateToItsTask(loop, name) || bodyLocals.contains(name)
                    || !Expressions.pure(acc.getIndex())
                    || Expressions.names(value).contains(name) || Expressions.names(acc.getIndex()).contains(name)) {
                return Optional.empty();
            }
            return Optional.of(new Update(loop, counted.get(), only, name, acc.getIndex(), type.get()));
        }
        return Optional.empty();
    }

    /**
     * Whether no other task can update {@code array} while {@code loop} runs. Inside a lambda (a parallel
     * loop's body) other iterations run at the same time, each updating its own elements of a shared array;
     * a split that adds whole copies back ({@code out[b] += out2[b]} for every b) would race with them. Only
     * an array the innermost lambda creates itself ({@code = new T[...]}, assigned nowhere else) is private;
     * outside lambdas the block runs on one thread.
     */
    static boolean privateToItsTask(ForStmt loop, String array) {
        return loop.findAncestor(LambdaExpr.class)
                .map(l -> l.getBody().findAll(VariableDeclarator.class).stream()
                        .anyMatch(d -> d.getNameAsString().equals(array)
                                && d.getInitializer().filter(ArrayCreationExpr.class::isInstance).isPresent())
                        && l.getBody().findAll(AssignExpr.class).stream()
                                .noneMatch(a -> Expressions.isName(a.getTarget(), array)))
                .orElse(true);
    }

    /**
     * Whether the loop may run as the body of a lambda: every local it reads from outside is assigned once
     * (effectively final), control does not leave it early, and its loop bounds are likewise final.
     */
    static boolean liftable(MethodDeclaration method, ForStmt loop, String exceptAssigned) {
        Map<String, Integer> definitions = ParallelizeOuterLoop.definitionCounts(method);
        Set<String> local = new HashSet<>();
        loop.getBody().findAll(VariableDeclarator.class).forEach(d -> local.add(d.getNameAsString()));
        Set<String> captured = new HashSet<>(Expressions.names(loop));
        captured.removeAll(local);
        Loops.counted(loop).ifPresent(c -> captured.remove(c.var()));
        captured.remove(exceptAssigned);
        for (String name : captured) {
            if (definitions.getOrDefault(name, 0) > 1) {
                return false;
            }
        }
        return !ParallelizeOuterLoop.escapes(loop) && loop.getParentNode().orElse(null) instanceof BlockStmt;
    }

    /** The update statement with the loop variable shifted by {@code offset} and the target renamed. */
    static Statement shifted(Update u, int offset, String renamedTarget) {
        Statement copy = u.statement().clone();
        if (offset != 0) {
            copy = Loops.substitute(copy, u.counted().var(), new BinaryExpr(new NameExpr(u.counted().var()),
                    new IntegerLiteralExpr(String.valueOf(offset)), BinaryExpr.Operator.PLUS));
        }
        if (!renamedTarget.equals(u.target())) {
            copy = Loops.substitute(copy, u.target(), new NameExpr(renamedTarget));
        }
        return copy;
    }

    /** The bound expression of a counted loop in parentheses when it is not a plain name or literal. */
    static String paren(Expression e) {
        return e instanceof NameExpr || e instanceof IntegerLiteralExpr ? e.toString() : "(" + e + ")";
    }

    private static Expression strip(Expression e) {
        Expression x = e;
        while (x instanceof EnclosedExpr en) {
            x = en.getInner();
        }
        return x;
    }

    /** Statements of a loop body, a lone statement as a list of one. */
    static List<Statement> statements(Statement body) {
        return body instanceof BlockStmt b ? b.getStatements() : List.of(body);
    }
}
